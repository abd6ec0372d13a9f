import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { TraineesApi } from '../trainees-api';
import { TraineesI18n } from '../trainees-i18n';
import { CHECKLIST_KEYS, type ChecklistBehindDto, type ChecklistItemKey } from '../trainees-types';

/** `/trainees/pre-release`: who is behind with pre-release education, soonest release first, what is missing. */
@Component({
  selector: 'jbh-pre-release-page',
  imports: [RouterLink, NzButtonModule, NzEmptyModule, NzIconModule, NzTagModule, ListSkeleton, LoadError],
  template: `
    <div class="page page-narrow" data-testid="pre-release-page">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('pre.title') }}</h1>
          <p class="page-subtitle">{{ t('pre.subtitle') }}</p>
        </div>
      </header>
      @if (behind().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (behind().data; as rows) {
        @if (rows.length === 0) {
          <div class="behind-empty"><nz-empty [nzNotFoundContent]="t('pre.allDone')" data-testid="pre-release-empty" /></div>
        } @else {
          <ol class="behind-list">
            @for (row of rows; track row.traineeId) {
              <li class="behind-card" [class.urgent]="row.daysToRelease <= 7" data-testid="behind-row" [attr.data-trainee]="row.fullName">
                <div class="behind-head">
                  <a [routerLink]="['/trainees', row.traineeId]" [queryParams]="{ tab: 'checklist' }" class="behind-name">{{
                    row.fullName
                  }}</a>
                  <span class="behind-when" [class.hint-warning]="row.daysToRelease <= 7">
                    {{ t('pre.release', { date: date(row.expectedReleaseOn) }) }} · {{ days(row.daysToRelease) }}
                  </span>
                  <span class="behind-progress">{{ t('cl.progress', { done: row.done, total: row.total }) }}</span>
                </div>
                <div class="behind-missing">
                  <span class="muted">{{ t('pre.missing') }}</span>
                  @for (key of missingInOrder(row); track key) {
                    <nz-tag nzColor="orange" data-testid="behind-missing">{{ t(missingKey(key)) }}</nz-tag>
                  }
                </div>
                <a
                  nz-button
                  nzSize="small"
                  nzType="primary"
                  [routerLink]="['/trainees', row.traineeId]"
                  [queryParams]="{ tab: 'checklist' }"
                  class="behind-open"
                  data-testid="behind-open"
                  >{{ t('pre.open') }} <nz-icon nzType="right"
                /></a>
              </li>
            }
          </ol>
        }
      } @else {
        <jbh-list-skeleton variant="cards" [rows]="5" />
      }
    </div>
  `,
  styles: `
    .behind-empty {
      padding: 24px;
      background: #fff;
      border-radius: 8px;
    }
    .behind-list {
      display: grid;
      gap: 10px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .behind-card {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 8px 12px;
      align-items: center;
      padding: 12px 16px;
      background: #fff;
      border-radius: 8px;
      border-left: 4px solid #d46b08;
    }
    .behind-card.urgent {
      border-left-color: #cf1322;
    }
    .behind-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 12px;
    }
    .behind-name {
      font-size: 16px;
      font-weight: 600;
    }
    .behind-progress {
      color: rgba(0, 0, 0, 0.55);
      font-size: 13px;
    }
    .behind-missing {
      grid-column: 1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
    }
    .behind-missing nz-tag {
      margin: 0;
    }
    .behind-open {
      grid-column: 2;
      grid-row: 1 / span 2;
    }
    @media (max-width: 575.98px) {
      .behind-card {
        grid-template-columns: 1fr;
      }
      .behind-open {
        grid-column: 1;
        grid-row: auto;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreReleasePage {
  private readonly api = inject(TraineesApi);
  private readonly i18n = inject(TraineesI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly days = this.i18n.days;
  protected readonly behind = signal<Remote<ChecklistBehindDto[]>>(idle());

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.behind, this.api.behind());
  }

  /** In the order the education runs, as on the checklist itself (the server sends them alphabetically). */
  protected missingInOrder(row: ChecklistBehindDto): ChecklistItemKey[] {
    return CHECKLIST_KEYS.filter((k) => row.missing.includes(k));
  }

  protected missingKey(key: ChecklistItemKey) {
    return `checklist.${key}` as const;
  }
}
