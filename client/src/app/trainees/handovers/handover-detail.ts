import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Observable } from 'rxjs';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { TraineesI18n } from '../trainees-i18n';
import { handoverStateColor, splitList, todayIso } from '../trainees-labels';
import { HANDOVER_DOCUMENTS, type HandoverDto } from '../trainees-types';
import { HandoversApi } from './handovers-api';
import { HandoverSheetLink } from '../activation/sheet-link';

type Step = 'send' | 'accept' | 'reject' | 'complete';

/**
 * `/handovers/:id`: where a handover stands and the next step — each button only for the side that
 * may take it (the sender sends; the station accepts, rejects, and records the handover on the day).
 */
@Component({
  selector: 'jbh-handover-detail',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzDescriptionsModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    NzStepsModule,
    NzTagModule,
    LoadError,
    HandoverSheetLink,
  ],
  templateUrl: './handover-detail.html',
  styleUrl: './handovers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoverDetail {
  readonly id = input.required<string>();

  private readonly api = inject(HandoversApi);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly stateColor = handoverStateColor;
  protected readonly documentChoices = HANDOVER_DOCUMENTS;
  protected readonly today = todayIso();

  protected readonly handover = signal<Remote<HandoverDto>>(idle());
  protected readonly busy = signal<Step | null>(null);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly rejectOpen = signal(false);
  protected readonly rejectReason = signal('');
  protected readonly completeOpen = signal(false);
  protected readonly escortName = signal('');
  protected readonly receivingOfficer = signal('');
  protected readonly documents = signal<ReadonlySet<string>>(new Set());
  protected readonly otherDocument = signal('');
  protected readonly handoverPlace = signal('');
  protected readonly handedOverOn = signal(todayIso());
  protected readonly completeTried = signal(false);

  /** The step in hand: the next one to take (a rejection marks the step it stopped). */
  protected readonly stepIndex = computed(() => {
    const h = this.handover().data;
    if (!h) return 0;
    switch (h.state) {
      case 'prepared':
        return 1;
      case 'sent':
        return 2;
      case 'accepted':
      case 'completed':
        return 3;
      case 'rejected':
        return h.acceptedAt ? 3 : 2;
    }
  });

  protected readonly chosenDocuments = computed(() => [...this.documents(), ...splitList(this.otherDocument())]);
  protected readonly completeValid = computed(
    () =>
      this.escortName().trim().length >= 2 &&
      this.receivingOfficer().trim().length >= 2 &&
      this.chosenDocuments().length > 0 &&
      this.handoverPlace().trim().length >= 2 &&
      !!this.handedOverOn() &&
      this.handedOverOn() <= this.today,
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    loadInto(this.handover, this.api.get(id));
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected send(h: HandoverDto): void {
    this.run('send', this.api.send(h.id), 'ho.sent');
  }

  protected accept(h: HandoverDto): void {
    this.run('accept', this.api.accept(h.id), 'ho.accepted');
  }

  protected openReject(): void {
    this.rejectReason.set('');
    this.error.set(null);
    this.rejectOpen.set(true);
  }

  protected reject(h: HandoverDto): void {
    const reason = this.rejectReason().trim();
    if (reason.length < 2) return;
    this.run('reject', this.api.reject(h.id, reason), 'ho.rejected', () => this.rejectOpen.set(false));
  }

  protected openComplete(): void {
    this.error.set(null);
    this.completeTried.set(false);
    this.completeOpen.set(true);
  }

  protected toggleDocument(name: string, on: boolean): void {
    this.documents.update((set) => {
      const next = new Set(set);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  }

  protected complete(h: HandoverDto): void {
    this.completeTried.set(true);
    if (!this.completeValid()) return;
    this.run(
      'complete',
      this.api.complete(h.id, {
        escortName: this.escortName().trim(),
        receivingOfficer: this.receivingOfficer().trim(),
        documents: this.chosenDocuments(),
        handoverPlace: this.handoverPlace().trim(),
        handedOverOn: this.handedOverOn(),
      }),
      'ho.completed',
      () => this.completeOpen.set(false),
    );
  }

  private run(
    step: Step,
    request: Observable<HandoverDto>,
    done: 'ho.sent' | 'ho.accepted' | 'ho.rejected' | 'ho.completed',
    after?: () => void,
  ): void {
    this.busy.set(step);
    this.error.set(null);
    request.subscribe({
      next: (h) => {
        this.busy.set(null);
        this.handover.set({ loading: false, data: h, error: null });
        after?.();
        this.message.success(this.t(done));
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(toApiError(err));
      },
    });
  }
}
