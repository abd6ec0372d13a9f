import { Injectable, computed, inject, signal } from '@angular/core';
import { type Observable, type Subscription, forkJoin, map, tap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { HandoversApi } from '../handovers/handovers-api';
import { TraineesApi } from '../trainees-api';
import type {
  AssistedGrantConsentDto,
  ChecklistItemDto,
  ChecklistItemKey,
  ConsentDto,
  ConsentTextDto,
  CorrectionRequestDto,
  CreateCorrectionRequestDto,
  HandoverDto,
  ResolveCorrectionRequestDto,
  StateChangeDto,
  TraineeDto,
  TraineeState,
  UpdateChecklistItemDto,
} from '../trainees-types';

/**
 * The lifecycle moves a counsellor may make by hand (the server's table, mirrored to offer only
 * these). Release is not among them: only a completed handover releases a trainee.
 */
export const MANUAL_TRANSITIONS: Readonly<Record<TraineeState, readonly TraineeState[]>> = {
  admitted: ['pre_release'],
  pre_release: ['admitted'],
  released: ['community', 'closed'],
  community: ['closed'],
  closed: [],
};

export interface ConsentsView {
  readonly texts: readonly ConsentTextDto[];
  readonly consents: readonly ConsentDto[];
}

/** One trainee's file and its sections, each loaded when its tab first opens. */
@Injectable()
export class TraineeFileStore {
  private readonly api = inject(TraineesApi);
  private readonly handovers = inject(HandoversApi);
  private readonly auth = inject(AuthStore);
  private traineeId = '';
  private readonly traineeState = signal<Remote<TraineeDto>>(idle());
  private readonly historyState = signal<Remote<StateChangeDto[]>>(idle());
  private readonly checklistState = signal<Remote<ChecklistItemDto[]>>(idle());
  private readonly consentsState = signal<Remote<ConsentsView>>(idle());
  private readonly correctionsState = signal<Remote<CorrectionRequestDto[]>>(idle());
  /** The full identity number, held only while shown (never stored anywhere else). */
  private readonly revealedState = signal<string | null>(null);
  /** The handover in progress for this trainee, if any (then the file links to it instead of offering a new one). */
  private readonly openHandoverState = signal<HandoverDto | null>(null);
  private inFlight: Subscription | null = null;

  readonly trainee = this.traineeState.asReadonly();
  readonly history = this.historyState.asReadonly();
  readonly checklist = this.checklistState.asReadonly();
  readonly consents = this.consentsState.asReadonly();
  readonly corrections = this.correctionsState.asReadonly();
  readonly revealedIdentityNumber = this.revealedState.asReadonly();
  readonly openHandover = this.openHandoverState.asReadonly();

  /** Only the holding organisation's counsellors change a file; admins and the handing-over facility read it. */
  readonly editable = computed(() => {
    const t = this.traineeState().data;
    return !!t && !t.readOnly && this.auth.role() === 'counsellor';
  });
  readonly manualMoves = computed(() => {
    const t = this.traineeState().data;
    return t ? MANUAL_TRANSITIONS[t.state] : [];
  });
  /** A handover can be prepared while the trainee is still inside. */
  readonly canPrepareHandover = computed(() => {
    const t = this.traineeState().data;
    return this.editable() && !!t && (t.state === 'admitted' || t.state === 'pre_release') && this.openHandoverState() === null;
  });

  open(traineeId: string): void {
    if (traineeId === this.traineeId && this.traineeState().data) return;
    this.traineeId = traineeId;
    this.revealedState.set(null);
    for (const s of [this.historyState, this.checklistState, this.correctionsState] as const) s.set(idle());
    this.consentsState.set(idle());
    this.traineeState.set(idle());
    this.openHandoverState.set(null);
    this.loadTrainee();
  }

  loadTrainee(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(this.traineeState, this.api.get(this.traineeId).pipe(tap((t) => this.findOpenHandover(t))));
  }

  /**
   * The server has no "handover of this trainee" look-up, so the sender's open handovers (a short
   * list) are searched; a failure only means the button shows and the server refuses a second one.
   */
  private findOpenHandover(trainee: TraineeDto): void {
    if (trainee.readOnly || this.auth.role() !== 'counsellor' || (trainee.state !== 'admitted' && trainee.state !== 'pre_release')) return;
    this.handovers.list({ direction: 'outgoing', state: 'open', overdue: false, page: 1, pageSize: 100 }).subscribe({
      next: (page) => this.openHandoverState.set(page.items.find((h) => h.traineeId === trainee.id) ?? null),
      error: () => this.openHandoverState.set(null),
    });
  }

  loadHistory(): void {
    loadInto(this.historyState, this.api.history(this.traineeId));
  }

  loadChecklist(): void {
    loadInto(this.checklistState, this.api.checklist(this.traineeId));
  }

  loadConsents(): void {
    loadInto(
      this.consentsState,
      forkJoin({ texts: this.api.consentTexts(), consents: this.api.consents(this.traineeId) }).pipe(map((v): ConsentsView => v)),
    );
  }

  loadCorrections(): void {
    loadInto(this.correctionsState, this.api.corrections(this.traineeId));
  }

  save(dto: Parameters<TraineesApi['update']>[1]): Observable<TraineeDto> {
    return this.api.update(this.traineeId, dto).pipe(tap((t) => this.setTrainee(t)));
  }

  /** Applies a trainee the server answered with (after an edit from a form or a state change). */
  setTrainee(trainee: TraineeDto): void {
    this.traineeState.set({ loading: false, data: trainee, error: null });
  }

  revealIdentityNumber(reason: string): Observable<string> {
    return this.api.revealIdentityNumber(this.traineeId, reason).pipe(
      map((r) => r.identityNumber),
      tap((n) => this.revealedState.set(n)),
    );
  }

  hideIdentityNumber(): void {
    this.revealedState.set(null);
  }

  /** A state change; the history and (on entering pre-release) the checklist follow. */
  transition(to: TraineeState, reason: string): Observable<TraineeDto> {
    return this.api.transition(this.traineeId, to, reason).pipe(
      tap((t) => {
        this.setTrainee(t);
        this.loadHistory();
        this.checklistState.set(idle());
      }),
    );
  }

  updateChecklistItem(itemKey: ChecklistItemKey, dto: UpdateChecklistItemDto): Observable<ChecklistItemDto[]> {
    return this.api.updateChecklistItem(this.traineeId, itemKey, dto).pipe(
      tap((items) => {
        this.checklistState.set({ loading: false, data: items, error: null });
        const done = items.filter((i) => i.doneOn !== null).length;
        this.traineeState.update((r) => (r.data ? { ...r, data: { ...r.data, checklistDone: done, checklistTotal: items.length } } : r));
      }),
    );
  }

  grantConsent(dto: AssistedGrantConsentDto): Observable<ConsentDto[]> {
    return this.api.grantConsent(this.traineeId, dto).pipe(tap((list) => this.applyConsents(list)));
  }

  withdrawConsent(consentId: string, paperFormRef?: string): Observable<ConsentDto[]> {
    return this.api.withdrawConsent(this.traineeId, consentId, paperFormRef).pipe(tap((list) => this.applyConsents(list)));
  }

  requestCorrection(dto: CreateCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.api.requestCorrection(this.traineeId, dto).pipe(tap(() => this.loadCorrections()));
  }

  resolveCorrection(requestId: string, dto: ResolveCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.api
      .resolveCorrection(requestId, dto)
      .pipe(
        tap((updated) =>
          this.correctionsState.update((r) => (r.data ? { ...r, data: r.data.map((c) => (c.id === updated.id ? updated : c)) } : r)),
        ),
      );
  }

  private applyConsents(consents: ConsentDto[]): void {
    this.consentsState.update((r) => (r.data ? { ...r, data: { ...r.data, consents } } : r));
    const live = consents.some((c) => c.purpose === 'job_matching' && c.live);
    this.traineeState.update((r) => (r.data ? { ...r, data: { ...r.data, jobMatchingConsent: live } } : r));
  }
}
