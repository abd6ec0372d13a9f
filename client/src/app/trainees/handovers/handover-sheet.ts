import { ChangeDetectionStrategy, Component, OnDestroy, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { type ActivationCodeStatusDto, ActivationApi, type IssuedActivationCodeDto } from '../activation/activation-api';
import { ActivationHandoff } from '../activation/activation-handoff';
import { ActivationI18n } from '../activation/activation-i18n';
import { ActivationSlip } from '../activation/activation-slip';
import type { ActivationKey } from '../activation/activation-zh';
import type { HandoverDto } from '../trainees-types';
import { HandoversApi } from './handovers-api';

/**
 * `/handovers/:id/sheet`: the handover on one A4 sheet — names, dates, documents, escort and receiving
 * officer, signature lines — and, below a cut line, the person's activation slip. The code is printed
 * only here (taken in memory from the trainee file, or issued from this page) and never kept; the
 * identity number is not on the sheet.
 */
@Component({
  selector: 'jbh-handover-sheet',
  imports: [RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzSpinModule, LoadError, ActivationSlip],
  templateUrl: './handover-sheet.html',
  styleUrl: './handover-sheet.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoverSheet implements OnDestroy {
  readonly id = input.required<string>();

  private readonly api = inject(HandoversApi);
  private readonly activation = inject(ActivationApi);
  private readonly handoff = inject(ActivationHandoff);
  private readonly auth = inject(AuthStore);
  protected readonly i18n = inject(ActivationI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly today = new Date().toISOString();
  protected readonly signers: readonly ActivationKey[] = ['sheet.signEscort', 'sheet.signOfficer', 'sheet.signPerson'];

  protected readonly handover = signal<Remote<HandoverDto>>(idle());
  protected readonly status = signal<ActivationCodeStatusDto | null>(null);
  protected readonly code = signal<IssuedActivationCodeDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  /** The organisation holding the person issues codes: the sender until the handover is done, then the station. */
  protected readonly holds = computed(() => {
    const h = this.handover().data;
    if (!h || this.auth.role() !== 'counsellor') return false;
    return h.state === 'completed' ? h.side === 'receiver' : h.side === 'sender';
  });
  protected readonly canIssue = computed(() => this.holds() && !this.code() && !!this.status() && !this.status()!.hasAccount);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  ngOnDestroy(): void {
    this.code.set(null);
    this.handoff.clear();
  }

  protected load(id = this.id()): void {
    this.code.set(null);
    this.status.set(null);
    loadInto(this.handover, this.api.get(id)).add(() => {
      const h = this.handover().data;
      if (!h) return;
      const handed = this.handoff.take(h.traineeId);
      if (handed) this.code.set(handed);
      if (this.holds()) {
        this.activation.status(h.traineeId).subscribe({ next: (s) => this.status.set(s), error: () => this.status.set(null) });
      }
    });
  }

  protected issue(h: HandoverDto): void {
    this.busy.set(true);
    this.error.set(null);
    this.activation.issue(h.traineeId).subscribe({
      next: (code) => {
        this.busy.set(false);
        this.code.set(code);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected print(): void {
    window.print();
  }
}
