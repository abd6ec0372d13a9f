import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Subscription } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { type LostContactDto, type LostContactPageDto, SupervisionApi } from '../transfers/supervision-api';
import { SupervisionI18n } from '../transfers/supervision-i18n';
import { chinaDate } from '../../shared/china-date';
import { FoundForm } from './found-form';

const DAY = 86_400_000;

/** Whole days from `since` (YYYY-MM-DD) to today, by the calendar. */
export function daysSince(since: string, today = chinaDate()): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / DAY));
}

/** `/follow-ups/lost-contacts`: the station's open 失联 cases, longest first, each with "已找到". */
@Component({
  selector: 'jbh-lost-contacts-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzModalModule,
    NzPaginationModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
    FoundForm,
  ],
  template: `
    <div class="page" data-testid="lost-contacts-page">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('lost.title') }}</h1>
          <p class="page-subtitle">{{ t('lost.subtitle') }}</p>
        </div>
      </header>

      @if (list().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      }

      @if (!list().data) {
        @if (!list().error) {
          <jbh-list-skeleton variant="cards" [rows]="5" />
        }
      } @else {
        <ul class="cases" [class.is-loading]="list().loading">
          @for (c of list().data!.items; track c.id) {
            <li class="case" data-testid="lost-row" [attr.data-trainee]="c.traineeName">
              <div class="case-main">
                <span class="case-line">
                  @if (isAdmin) {
                    <strong class="case-name">{{ c.traineeName }}</strong>
                  } @else {
                    <a class="case-name" [routerLink]="['/trainees', c.traineeId]">{{ c.traineeName }}</a>
                  }
                  <nz-tag nzColor="red">{{ t('lost.days', { n: days(c.since) }) }}</nz-tag>
                  @if (c.escalated) {
                    <nz-tag nzColor="orange">{{ t('lost.escalated') }}</nz-tag>
                  }
                </span>
                <span class="small">{{ t('lost.since', { date: date(c.since) }) }} · {{ t('lost.attempts', { n: c.attempts }) }}</span>
                @if (isAdmin) {
                  <span class="small muted">{{ c.stationName }}</span>
                }
              </div>
              @if (!isAdmin) {
                <button nz-button nzType="primary" type="button" class="case-action" (click)="openFound(c)" data-testid="lost-found">
                  <nz-icon nzType="check" />{{ t('lost.foundShort') }}
                </button>
              }
            </li>
          } @empty {
            <li class="cases-empty"><nz-empty [nzNotFoundContent]="t('lost.empty')" /></li>
          }
        </ul>
        @if (list().data!.total > pageSize) {
          <nz-pagination
            class="pager"
            nzSimple
            [nzPageIndex]="page()"
            [nzPageSize]="pageSize"
            [nzTotal]="list().data!.total"
            (nzPageIndexChange)="setPage($event)"
          />
        }
      }
    </div>

    <nz-modal
      [nzVisible]="!!finding()"
      [nzTitle]="t('found.title', { name: finding()?.traineeName ?? '' })"
      [nzFooter]="null"
      (nzOnCancel)="finding.set(null)"
    >
      <ng-container *nzModalContent>
        @if (finding(); as c) {
          <jbh-found-form [lost]="c" (saved)="onFound()" (cancelled)="finding.set(null)" />
        }
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .cases {
      display: grid;
      gap: 10px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .cases.is-loading {
      opacity: 0.6;
    }
    .case {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 10px 16px;
      padding: 12px 16px;
      background: #fff;
      border-radius: 10px;
      border-left: 4px solid #cf1322;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.06);
    }
    .case-main {
      display: flex;
      flex: 1 1 240px;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
    }
    .case-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .case-line nz-tag {
      margin: 0;
    }
    .case-name {
      font-size: 17px;
      font-weight: 600;
    }
    .case-action {
      min-height: 44px;
      min-width: 120px;
    }
    .cases-empty {
      padding: 24px;
      background: #fff;
      border-radius: 8px;
    }
    .pager {
      display: flex;
      justify-content: center;
      margin-top: 12px;
    }
    /* Phones: every control a thumb's size (48 px). */
    @media (max-width: 767.98px) {
      .case-action {
        flex: 1 1 100%;
        min-height: 48px;
      }
      a.case-name {
        display: inline-flex;
        align-items: center;
        min-height: 48px;
      }
      .pager ::ng-deep .ant-pagination-prev,
      .pager ::ng-deep .ant-pagination-next,
      .pager ::ng-deep .ant-pagination-item-link,
      .pager ::ng-deep .ant-pagination-simple-pager,
      .pager ::ng-deep .ant-pagination-simple-pager input {
        min-width: 48px;
        height: 48px;
        line-height: 48px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LostContactsPage {
  private readonly api = inject(SupervisionApi);
  private readonly i18n = inject(SupervisionI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  /** Admins read every station's cases; only the station holding the person marks them found. */
  protected readonly isAdmin = inject(AuthStore).role() === 'admin';
  protected readonly pageSize = 20;
  protected readonly page = signal(1);
  protected readonly list = signal<Remote<LostContactPageDto>>(idle());
  protected readonly finding = signal<LostContactDto | null>(null);
  private readonly today = chinaDate();
  private inFlight: Subscription | null = null;

  constructor() {
    this.load();
  }

  protected days(since: string): number {
    return daysSince(since, this.today);
  }

  protected load(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(this.list, this.api.lostContacts(this.page(), this.pageSize));
  }

  protected setPage(page: number): void {
    this.page.set(page);
    this.load();
  }

  protected openFound(c: LostContactDto): void {
    this.finding.set(c);
  }

  protected onFound(): void {
    this.finding.set(null);
    this.message.success(this.t('found.done'));
    this.load();
  }
}
