import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { AuthStore } from '../core/auth/auth-store';
import { UnsentVisitsCheck } from '../follow-ups/unsent-visits-check';
import { TraineesI18n, type TraineesTextKey } from '../trainees/trainees-i18n';
import { PortalI18n } from './portal-i18n';
import type { PortalKey } from './portal-zh';
import { PrivacyBox } from './privacy-box';
import { MyPlanTile } from './plan/my-plan-tile';

interface Tile {
  readonly path: string;
  readonly icon: string;
  readonly title: TraineesTextKey | PortalKey;
  readonly text: TraineesTextKey | PortalKey;
  readonly testId: string;
}

const TILES: readonly Tile[] = [
  { path: '/me/jobs', icon: 'solution', title: 'orders.myJobs', text: 'me.jobsText', testId: 'me-jobs' },
  { path: '/account', icon: 'key', title: 'me.account', text: 'me.accountText', testId: 'me-account' },
];

/** The private part: what the trainee was told and agreed to, and all that is held about them. */
const RECORD: readonly Tile[] = [
  { path: '/me/checklist', icon: 'check-circle', title: 'me.checklist', text: 'me.checklistText', testId: 'me-checklist' },
  { path: '/me/consents', icon: 'safety-certificate', title: 'me.consents', text: 'me.consentsText', testId: 'me-consents' },
  { path: '/me/data', icon: 'idcard', title: 'me.data', text: 'me.dataText', testId: 'me-data' },
];

/**
 * `/me`: the trainee's own corner as a few big buttons — jobs and account, then 我的档案 (checklist,
 * consents, data), and last, set apart, 退出登录 (not a bottom tab: a stray tap there signed people
 * out). The page itself is one others may see, so it names no place and no programme; the record's
 * pages, one tap further in, say what they need to.
 */
@Component({
  selector: 'jbh-me-hub',
  imports: [NgTemplateOutlet, RouterLink, NzButtonModule, NzIconModule, PrivacyBox, MyPlanTile],
  template: `
    <div data-testid="me-hub">
      <h1 class="portal-title">{{ t('me.title') }}</h1>
      <p class="portal-intro">{{ t('me.subtitle') }}</p>
      <jbh-my-plan-tile />
      <ng-template #list let-tiles>
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
      </ng-template>
      <ng-container *ngTemplateOutlet="list; context: { $implicit: tiles }" />
      <section class="record" aria-labelledby="record-title" data-testid="me-record">
        <h2 id="record-title" class="record-title"><nz-icon nzType="lock" /> {{ t('me.record') }}</h2>
        <p class="muted record-intro">{{ t('me.recordText') }}</p>
        <ng-container *ngTemplateOutlet="list; context: { $implicit: record }" />
      </section>
      <jbh-privacy-box />
      <section class="sign-out" data-testid="me-sign-out">
        <p class="muted">{{ t('me.logoutText') }}</p>
        <button nz-button nzSize="large" type="button" class="big-button" (click)="logout()" data-testid="me-logout">
          <nz-icon nzType="logout" /> {{ t('nav.logout') }}
        </button>
      </section>
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
    .tile-arrow {
      margin-left: auto;
      color: rgba(0, 0, 0, 0.35);
    }
    .record-title {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 4px 0 2px;
      font-size: 19px;
    }
    .record-intro {
      margin: 0 0 10px;
    }
    .sign-out {
      margin-top: 32px;
      padding-top: 20px;
      border-top: 1px solid #e8dcc4;
    }
    .sign-out p {
      margin: 0 0 10px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeHub {
  protected readonly t = inject(PortalI18n).over(inject(TraineesI18n).t);
  protected readonly tiles = TILES;
  protected readonly record = RECORD;
  private readonly auth = inject(AuthStore);
  private readonly unsent = inject(UnsentVisitsCheck);

  /** The shell's sign-out: anything still waiting in the phone's outbox is asked about first. */
  protected async logout(): Promise<void> {
    if (await this.unsent.confirmLogout()) this.auth.logout();
  }
}
