import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Observable, catchError, forkJoin, map, of } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { RecommendForm } from './counsellor/recommend-form';
import { CandidateCard } from './employer/candidate-card';
import { OrdersApi } from './orders-api';
import { OrdersI18n } from './orders-i18n';
import { orderStateColor, placementStateColor } from './orders-labels';
import { LIVE_PLACEMENT_STATES, type CandidateDto, type FulfilmentDto, type OrderDto, type PlacementDto } from './orders-types';
import { FulfilmentFunnel } from './shared/fulfilment-funnel';

interface OrderView {
  readonly order: OrderDto;
  readonly fulfilment: FulfilmentDto | null;
}

/** Candidates still in play first, then hired, then those who dropped out. */
function candidateRank(c: CandidateDto): number {
  if (c.state === 'hired') return c.endedOn ? 3 : 1;
  return LIVE_PLACEMENT_STATES.includes(c.state) ? 0 : 4;
}

/**
 * `/orders/:id`. The employer manages the order (edit, publish, close) and its candidates; a counsellor
 * reads it, recommends their trainees and follows their own trainees on it; the admin reads it with
 * its fulfilment.
 */
@Component({
  selector: 'jbh-order-detail',
  imports: [
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzModalModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
    FulfilmentFunnel,
    CandidateCard,
    RecommendForm,
  ],
  templateUrl: './order-detail.html',
  styleUrl: './orders.css',
  styles: `
    .candidates {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(340px, 1fr));
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .privacy-banner {
      margin-bottom: 12px;
    }
    @media (max-width: 767.98px) {
      .candidates {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderDetail implements OnInit {
  readonly id = input.required<string>();

  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  private readonly modal = inject(NzModalService);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly wage = this.i18n.wage;
  protected readonly level = this.i18n.level;
  protected readonly role = inject(AuthStore).role;
  protected readonly isEmployer = computed(() => this.role() === 'employer');
  protected readonly isCounsellor = computed(() => this.role() === 'counsellor');
  protected readonly orderColor = orderStateColor;
  protected readonly placementColor = placementStateColor;

  protected readonly view = signal<Remote<OrderView>>(idle());
  protected readonly candidates = signal<Remote<CandidateDto[]>>(idle());
  protected readonly mine = signal<Remote<PlacementDto[]>>(idle());
  protected readonly actionError = signal<ApiError | null>(null);
  protected readonly recommending = signal(false);
  protected readonly showFinished = signal(false);

  protected readonly sortedCandidates = computed(() =>
    [...(this.candidates().data ?? [])].sort((a, b) => candidateRank(a) - candidateRank(b)),
  );
  protected readonly activeCandidates = computed(() => this.sortedCandidates().filter((c) => candidateRank(c) < 4));
  protected readonly finishedCandidates = computed(() => this.sortedCandidates().filter((c) => candidateRank(c) === 4));
  protected readonly order = computed(() => this.view().data?.order ?? null);
  protected readonly canEdit = computed(() => {
    const o = this.order();
    return this.isEmployer() && !!o && (o.state === 'draft' || o.state === 'open');
  });

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    const id = this.id();
    const fulfilment: Observable<FulfilmentDto | null> = this.api.fulfilment(id).pipe(catchError(() => of(null)));
    loadInto(this.view, forkJoin({ order: this.api.order(id), fulfilment }).pipe(map((v) => v)));
    if (this.isEmployer()) this.loadCandidates();
    if (this.isCounsellor()) this.loadMine();
  }

  protected loadCandidates(): void {
    loadInto(this.candidates, this.api.candidates(this.id()));
  }

  protected loadMine(): void {
    loadInto(this.mine, this.api.placements({ orderId: this.id(), page: 1, pageSize: 100 }).pipe(map((p) => p.items)));
  }

  private refreshFulfilment(): void {
    this.api.fulfilment(this.id()).subscribe({
      next: (f) => this.view.update((r) => (r.data ? { ...r, data: { ...r.data, fulfilment: f } } : r)),
      error: () => undefined,
    });
  }

  protected candidateChanged(updated: CandidateDto): void {
    this.candidates.update((r) => ({
      ...r,
      data: (r.data ?? []).map((c) => (c.placementId === updated.placementId ? updated : c)),
    }));
    this.refreshFulfilment();
  }

  protected recommended(p: PlacementDto): void {
    this.recommending.set(false);
    this.message.success(this.t('rec.done'));
    this.mine.update((r) => ({ ...r, data: [p, ...(r.data ?? [])] }));
    this.refreshFulfilment();
  }

  protected confirmPublish(): void {
    this.modal.confirm({
      nzTitle: this.t('detail.publishConfirm'),
      nzContent: this.t('detail.publishText'),
      nzOkText: this.t('detail.publish'),
      nzCancelText: this.t('common.cancel'),
      nzOnOk: () => this.act(this.api.openOrder(this.id()), 'detail.published'),
    });
  }

  protected confirmClose(): void {
    this.modal.confirm({
      nzTitle: this.t('detail.closeConfirm'),
      nzContent: this.t('detail.closeText'),
      nzOkText: this.t('detail.close'),
      nzOkDanger: true,
      nzCancelText: this.t('common.cancel'),
      nzOnOk: () => this.act(this.api.closeOrder(this.id()), 'detail.closed'),
    });
  }

  private act(call: Observable<OrderDto>, done: 'detail.published' | 'detail.closed'): Promise<void> {
    this.actionError.set(null);
    return new Promise<void>((resolve) => {
      call.subscribe({
        next: (order) => {
          this.view.update((r) => (r.data ? { ...r, data: { ...r.data, order } } : r));
          this.message.success(this.t(done));
          this.refreshFulfilment();
          resolve();
        },
        error: (err: unknown) => {
          this.actionError.set(toApiError(err));
          resolve();
        },
      });
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
