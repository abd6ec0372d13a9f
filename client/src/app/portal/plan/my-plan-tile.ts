import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { MyPlanI18n } from './my-plan-i18n';

/** The "我的计划" button on the portal's start page (the same look as its other tiles). */
@Component({
  selector: 'jbh-my-plan-tile',
  imports: [RouterLink, NzIconModule],
  template: `
    <a class="tile" routerLink="/me/plan" data-testid="me-plan">
      <nz-icon nzType="flag" class="tile-icon" />
      <span class="tile-body">
        <strong class="tile-title">{{ t('myPlan.tile') }}</strong>
        <span class="muted">{{ t('myPlan.tileText') }}</span>
      </span>
      <nz-icon nzType="right" class="tile-arrow" />
    </a>
  `,
  styles: `
    :host {
      display: block;
      margin: 0 0 12px;
    }
    .tile {
      display: flex;
      align-items: center;
      gap: 14px;
      min-height: 76px;
      padding: 14px 16px;
      border-radius: 14px;
      background: #fff;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
      color: rgba(0, 0, 0, 0.88);
    }
    .tile-icon {
      font-size: 28px;
      color: #8a5300;
    }
    .tile-body {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .tile-title {
      font-size: 18px;
    }
    .muted {
      color: rgba(0, 0, 0, 0.6);
    }
    .tile-arrow {
      margin-left: auto;
      color: rgba(0, 0, 0, 0.35);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPlanTile {
  protected readonly t = inject(MyPlanI18n).t;
}
