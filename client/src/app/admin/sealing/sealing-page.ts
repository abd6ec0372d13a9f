import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type Subscription, forkJoin } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { Viewport } from '../../shared/viewport';
import { SealingApi, type SealingSummaryDto, type UnsealDecision, type UnsealRequestDto, type UnsealRequestPageDto } from './sealing-api';
import { type SealState, SealingI18n, askedDays } from './sealing-i18n';
import { UnsealRequestForm } from './unseal-request-form';

interface Pending {
  readonly request: UnsealRequestDto;
  readonly decision: UnsealDecision;
}

const STATE_COLOURS: Readonly<Record<SealState, string>> = {
  requested: 'gold',
  approved: 'green',
  rejected: 'default',
  done: 'default',
};

/**
 * 档案封存, for the bureau's administrators: what sealing means, how many records are sealed, the
 * retention schedule, and the one way back — a request with a legal basis that a second administrator
 * approves for a number of days.
 */
@Component({
  selector: 'jbh-sealing-page',
  imports: [
    NzButtonModule,
    NzCardModule,
    NzModalModule,
    NzPaginationModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    UnsealRequestForm,
  ],
  templateUrl: './sealing-page.html',
  styles: `
    .intro {
      margin: 0 0 16px;
      padding: 12px 16px;
      background: #fafafa;
      border-left: 4px solid #8c8c8c;
      border-radius: 4px;
    }
    .intro p {
      margin: 0 0 4px;
    }
    .intro p:last-child {
      margin: 0;
    }
    .counts {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 8px;
      margin: 0 0 24px;
      padding: 0;
      list-style: none;
    }
    .counts > li {
      display: flex;
    }
    .count {
      flex: 1;
      width: 100%;
      border: 1px solid #e5e7eb;
      border-radius: 8px;
      background: #fff;
      padding: 10px 12px;
      display: flex;
      flex-direction: column-reverse;
      justify-content: flex-end;
      gap: 2px;
    }
    .count-number {
      font-size: 28px;
      font-weight: 700;
      line-height: 1.2;
      color: #8a5300;
    }
    .count-label {
      font-size: 14px;
      color: rgba(0, 0, 0, 0.65);
    }
    .sections {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 24px;
    }
    @media (min-width: 1100px) {
      .sections {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        align-items: start;
      }
      .sections .wide {
        grid-column: 1 / -1;
      }
    }
    h2 {
      font-size: 18px;
      margin: 0 0 8px;
    }
    .section-intro {
      margin: 0 0 12px;
    }
    .retention td {
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    .retention .when {
      min-width: 7em;
    }
    @media (min-width: 768px) {
      .retention .when {
        white-space: nowrap;
      }
    }
    button.count {
      font: inherit;
      text-align: left;
      cursor: pointer;
      min-height: 44px;
    }
    button.count:hover {
      border-color: #d48806;
    }
    .requests {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr));
      gap: 12px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .request {
      border: 1px solid #e5e7eb;
      border-radius: 8px;
      padding: 12px 16px;
      background: #fff;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .request.open {
      border-left: 4px solid #d48806;
    }
    .request-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 8px;
    }
    .request-basis {
      margin: 0;
      font-size: 16px;
      font-weight: 600;
    }
    .request p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .request nz-tag {
      margin: 0;
    }
    .request-actions {
      display: flex;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 4px;
    }
    .request-actions button {
      min-height: 44px;
      min-width: 88px;
    }
    .waiting {
      color: #8a5300;
    }
    .requests-pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 8px 16px;
      margin-top: 12px;
    }
    .modal-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .modal-actions button {
      min-height: 44px;
    }
    @media (max-width: 767.98px) {
      .count {
        padding: 8px;
      }
      .count-number {
        font-size: 24px;
      }
      .count-label {
        font-size: 13px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SealingPage {
  private readonly api = inject(SealingApi);
  protected readonly i18n = inject(SealingI18n);
  private readonly message = inject(NzMessageService);
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly basisWords = this.i18n.basisWords;
  protected readonly stateWords = this.i18n.stateWords;
  protected readonly colours = STATE_COLOURS;

  protected readonly summary = signal<SealingSummaryDto | null>(null);
  /** The page of requests shown (the server orders them: open first, then the newest). */
  protected readonly requests = signal<UnsealRequestPageDto | null>(null);
  protected readonly requestsQuery = signal({ page: 1, pageSize: 20 });
  protected readonly requestsLoading = signal(false);
  private requestsInFlight: Subscription | null = null;
  protected readonly loadError = signal<ApiError | null>(null);
  /** The decision waiting for its confirmation. */
  protected readonly pending = signal<Pending | null>(null);
  protected readonly deciding = signal(false);

  protected readonly pendingText = computed(() => {
    const p = this.pending();
    if (!p) return '';
    const r = p.request;
    const params = {
      basis: this.basisWords(r.basis),
      tail: r.identityTail,
      n: askedDays(r.requestedAt, r.exemptUntil) ?? '?',
      date: r.exemptUntil ? this.i18n.date(r.exemptUntil) : '?',
    };
    return this.t(p.decision === 'approved' ? 'seal.confirmApprove' : 'seal.confirmReject', params);
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.requestsInFlight?.unsubscribe();
    const { page, pageSize } = this.requestsQuery();
    this.requestsLoading.set(true);
    this.requestsInFlight = forkJoin([this.api.summary(), this.api.requests(page, pageSize)]).subscribe({
      next: ([summary, requests]) => {
        this.requestsLoading.set(false);
        this.summary.set(summary);
        this.showRequestPage(requests);
      },
      error: (err: unknown) => {
        this.requestsLoading.set(false);
        this.loadError.set(toApiError(err));
      },
    });
  }

  /** Another page of requests: the counts and the schedule stay as they are. */
  protected setRequestsPage(page: number): void {
    if (page === this.requestsQuery().page && this.requests()?.page === page) return;
    this.requestsQuery.update((q) => ({ ...q, page }));
    this.requestsInFlight?.unsubscribe();
    this.requestsLoading.set(true);
    this.requestsInFlight = this.api.requests(page, this.requestsQuery().pageSize).subscribe({
      next: (requests) => {
        this.requestsLoading.set(false);
        this.showRequestPage(requests);
      },
      error: (err: unknown) => {
        this.requestsLoading.set(false);
        this.message.error(this.i18n.errorMessage(toApiError(err)));
      },
    });
  }

  /** A page past the end (its last request gone to another page) moves back to the last page there is. */
  private showRequestPage(requests: UnsealRequestPageDto): void {
    const last = Math.max(1, Math.ceil(requests.total / requests.pageSize));
    if (requests.items.length === 0 && requests.page > last) {
      this.setRequestsPage(last);
      return;
    }
    this.requests.set(requests);
  }

  protected asked(r: UnsealRequestDto): string {
    if (!r.exemptUntil) return '';
    const date = this.i18n.date(r.exemptUntil);
    if (r.state === 'approved') return this.t('seal.exemptUntil', { date });
    return this.t('seal.exemptAsked', { date, n: askedDays(r.requestedAt, r.exemptUntil) ?? '?' });
  }

  /** Scrolls down to the requests (below the form on a phone). */
  protected showRequests(): void {
    document.getElementById('seal-requests-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  protected requested(): void {
    this.message.success(this.t('seal.submitted'));
    // The new request is open and the newest: first on the first page.
    this.requestsQuery.update((q) => ({ ...q, page: 1 }));
    this.load();
  }

  protected confirm(request: UnsealRequestDto, decision: UnsealDecision): void {
    this.pending.set({ request, decision });
  }

  protected cancel(): void {
    if (!this.deciding()) this.pending.set(null);
  }

  protected decide(): void {
    const p = this.pending();
    if (!p) return;
    this.deciding.set(true);
    this.api.decide(p.request.id, p.decision).subscribe({
      next: (r) => {
        this.deciding.set(false);
        this.pending.set(null);
        this.message.success(
          r.state === 'approved'
            ? this.t('seal.approved', { date: r.exemptUntil ? this.i18n.date(r.exemptUntil) : '' })
            : this.t('seal.rejected'),
        );
        this.load();
      },
      error: (err: unknown) => {
        this.deciding.set(false);
        this.pending.set(null);
        this.message.error(this.i18n.errorMessage(toApiError(err)));
        this.load();
      },
    });
  }
}
