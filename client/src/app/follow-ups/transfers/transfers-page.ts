import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Observable, Subscription } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { MyOrganisation } from '../../trainees/my-organisation';
import {
  REJECT_REASONS,
  type StationTransferDto,
  type StationTransferPageDto,
  SupervisionApi,
  TRANSFER_STATES,
  type TransferDirection,
  type TransferQuery,
  type TransferRejectReason,
  type TransferState,
} from './supervision-api';
import { SupervisionI18n } from './supervision-i18n';

type Step = 'accept' | 'reject' | 'cancel';

export const transferStateColor = (state: TransferState): string =>
  ({ requested: 'gold', accepted: 'green', rejected: 'red', cancelled: 'default' })[state];

/**
 * `/follow-ups/transfers`: requests to take a person over (accept, or decline with a reason) and the
 * station's own requests (withdraw while open). Open ones first, as the server orders them.
 */
@Component({
  selector: 'jbh-transfers-page',
  imports: [
    NgTemplateOutlet,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzModalModule,
    NzPaginationModule,
    NzRadioModule,
    NzSelectModule,
    NzTableModule,
    NzTabsModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
  ],
  templateUrl: './transfers-page.html',
  styleUrl: './transfers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransfersPage {
  private readonly api = inject(SupervisionApi);
  private readonly i18n = inject(SupervisionI18n);
  private readonly message = inject(NzMessageService);
  private readonly organisation = inject(MyOrganisation);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly isAdmin = inject(AuthStore).role() === 'admin';
  protected readonly stateColor = transferStateColor;
  protected readonly states = TRANSFER_STATES;
  protected readonly rejectReasons = REJECT_REASONS;

  /** Admins see every request in one list; a station switches between what it receives and what it sends. */
  protected readonly directions: readonly (TransferDirection | null)[] = this.isAdmin ? [null] : ['incoming', 'outgoing'];
  protected readonly query = signal<TransferQuery>({
    direction: this.isAdmin ? null : 'incoming',
    state: null,
    page: 1,
    pageSize: 20,
  });
  protected readonly list = signal<Remote<StationTransferPageDto>>(idle());
  protected readonly tabIndex = computed(() => Math.max(0, this.directions.indexOf(this.query().direction)));

  protected readonly busy = signal<{ id: string; step: Step } | null>(null);
  protected readonly error = signal<{ id: string; error: ApiError } | null>(null);
  /** The request whose accept or withdraw waits for a yes. */
  protected readonly confirming = signal<{ transfer: StationTransferDto; step: 'accept' | 'cancel' } | null>(null);
  protected readonly rejecting = signal<StationTransferDto | null>(null);
  protected readonly rejectReason = signal<TransferRejectReason | null>(null);
  private inFlight: Subscription | null = null;
  private directionChosen = this.isAdmin;

  constructor() {
    this.organisation.load();
    // Opened from a home's card (?direction=incoming&state=requested): that side and state.
    const asked = inject(ActivatedRoute).snapshot.queryParamMap;
    const direction = asked.get('direction') as TransferDirection | null;
    const state = asked.get('state') as TransferState | null;
    if (direction && this.directions.includes(direction)) {
      this.directionChosen = true;
      this.query.update((q) => ({ ...q, direction, ...(state && TRANSFER_STATES.includes(state) ? { state } : {}) }));
      this.load();
    }
    // A facility only ever sends: open on its own requests once the type is known.
    effect(() => {
      if (!this.organisation.settled()) return;
      const type = this.organisation.type();
      untracked(() => {
        if (this.directionChosen) return;
        this.directionChosen = true;
        if (type === 'facility') this.query.update((q) => ({ ...q, direction: 'outgoing' }));
        this.load();
      });
    });
    if (this.isAdmin) this.load();
  }

  protected selectTab(index: number): void {
    if (index === this.tabIndex()) return;
    this.directionChosen = true;
    this.setQuery({ direction: this.directions[index] ?? null, page: 1 });
  }

  protected filterState(state: TransferState | 'all'): void {
    this.setQuery({ state: state === 'all' ? null : state, page: 1 });
  }

  protected setPage(page: number): void {
    this.setQuery({ page });
  }

  protected load(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(this.list, this.api.transfers(this.query()));
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected requestedLine(tr: StationTransferDto): string {
    const date = this.dateTime(tr.requestedAt);
    return tr.requestedByName ? this.t('tr.requested', { date, name: tr.requestedByName }) : this.t('tr.requestedNoName', { date });
  }

  protected decidedLine(tr: StationTransferDto): string {
    if (!tr.decidedAt) return '';
    const date = this.dateTime(tr.decidedAt);
    return tr.decidedByName ? this.t('tr.decided', { date, name: tr.decidedByName }) : this.t('tr.decidedNoName', { date });
  }

  protected ask(transfer: StationTransferDto, step: 'accept' | 'cancel'): void {
    this.error.set(null);
    this.confirming.set({ transfer, step });
  }

  protected confirm(): void {
    const c = this.confirming();
    if (!c) return;
    this.confirming.set(null);
    if (c.step === 'accept') this.run(c.transfer, 'accept', this.api.accept(c.transfer.id), 'tr.done.accepted');
    else this.run(c.transfer, 'cancel', this.api.cancel(c.transfer.id), 'tr.done.cancelled');
  }

  protected openReject(transfer: StationTransferDto): void {
    this.error.set(null);
    this.rejectReason.set(null);
    this.rejecting.set(transfer);
  }

  protected reject(): void {
    const transfer = this.rejecting();
    const reason = this.rejectReason();
    if (!transfer || !reason) return;
    this.rejecting.set(null);
    this.run(transfer, 'reject', this.api.reject(transfer.id, reason), 'tr.done.rejected');
  }

  private run(
    transfer: StationTransferDto,
    step: Step,
    request: Observable<StationTransferDto>,
    done: 'tr.done.accepted' | 'tr.done.rejected' | 'tr.done.cancelled',
  ): void {
    this.busy.set({ id: transfer.id, step });
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(null);
        this.message.success(this.t(done));
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set({ id: transfer.id, error: toApiError(err) });
      },
    });
  }

  private setQuery(patch: Partial<TransferQuery>): void {
    this.query.update((q) => ({ ...q, ...patch }));
    this.load();
  }
}
