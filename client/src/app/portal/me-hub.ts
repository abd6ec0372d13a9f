import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TraineesI18n, type TraineesTextKey } from '../trainees/trainees-i18n';
import { PrivacyBox } from './privacy-box';

interface Tile {
  readonly path: string;
  readonly icon: string;
  readonly title: TraineesTextKey;
  readonly text: TraineesTextKey;
  readonly testId: string;
}

const TILES: readonly Tile[] = [
  { path: '/me/jobs', icon: 'solution', title: 'orders.myJobs', text: 'orders.myJobsText', testId: 'me-jobs' },
  { path: '/me/checklist', icon: 'check-circle', title: 'me.checklist', text: 'me.checklistText', testId: 'me-checklist' },
  { path: '/me/consents', icon: 'safety-certificate', title: 'me.consents', text: 'me.consentsText', testId: 'me-consents' },
  { path: '/me/data', icon: 'idcard', title: 'me.data', text: 'me.dataText', testId: 'me-data' },
  { path: '/account', icon: 'key', title: 'me.account', text: 'me.accountText', testId: 'me-account' },
];

/** `/me`: the trainee's own corner — checklist, consents, data, account — as a few big buttons. */
@Component({
  selector: 'jbh-me-hub',
  imports: [RouterLink, NzIconModule, PrivacyBox],
  template: `
    <div data-testid="me-hub">
      <h1 class="portal-title">{{ t('me.title') }}</h1>
      <p class="portal-intro">{{ t('me.subtitle') }}</p>
      <ul class="tiles">
        @for (tile of tiles; track tile.path) {
          <li>
            <a class="tile" [routerLink]="tile.path" [attr.data-testid]="tile.testId">
              <nz-icon [nzType]="tile.icon" class="tile-icon" />
              <span class="tile-body">
                <strong class="tile-title">{{ t(tile.title) }}</strong>
                <span class="muted">{{ t(tile.text) }}</span>
              </span>
              <nz-icon nzType="right" class="tile-arrow" />
            </a>
          </li>
        }
      </ul>
      <jbh-privacy-box />
    </div>
  `,
  styleUrl: './portal.css',
  styles: `
    .tiles {
      display: grid;
      gap: 12px;
      margin: 0 0 20px;
      padding: 0;
      list-style: none;
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
      color: #ad6800;
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
    .tile-arrow {
      margin-left: auto;
      color: rgba(0, 0, 0, 0.35);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeHub {
  protected readonly t = inject(TraineesI18n).t;
  protected readonly tiles = TILES;
}
