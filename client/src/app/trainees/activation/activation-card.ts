import { ChangeDetectionStrategy, Component, OnDestroy, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { TraineeFileStore } from '../file/trainee-file-store';
import { type ActivationCodeStatusDto, ActivationApi, type IssuedActivationCodeDto } from './activation-api';
import { groupActivationCode } from './activation-code';
import { ActivationHandoff } from './activation-handoff';
import { ActivationI18n } from './activation-i18n';
import type { ActivationKey } from './activation-zh';

type Shown = 'account' | ActivationCodeStatusDto['status'];

const STATUS_COLOR: Readonly<Record<Shown, string>> = {
  account: 'green',
  none: 'default',
  live: 'blue',
  used: 'green',
  expired: 'orange',
  revoked: 'red',
};

/**
 * The release-day activation code: whether the person has opened their account, and a new code to
 * hand over. The code is shown once, here, in memory: never stored, gone when the page is left.
 */
@Component({
  selector: 'jbh-activation-card',
  imports: [NzAlertModule, NzButtonModule, NzIconModule, NzModalModule, NzTagModule],
  templateUrl: './activation-card.html',
  styleUrl: './activation-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivationCard implements OnDestroy {
  readonly traineeId = input.required<string>();

  private readonly api = inject(ActivationApi);
  private readonly handoff = inject(ActivationHandoff);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly file = inject(TraineeFileStore, { optional: true });
  protected readonly i18n = inject(ActivationI18n);
  protected readonly t = this.i18n.t;

  /** Only the organisation holding the trainee issues codes (the server says so too). */
  protected readonly allowed = computed(() => this.file?.editable() ?? true);
  protected readonly status = signal<Remote<ActivationCodeStatusDto>>(idle());
  protected readonly issued = signal<IssuedActivationCodeDto | null>(null);
  protected readonly confirmOpen = signal(false);
  protected readonly busy = signal(false);
  protected readonly printing = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly noHandover = signal(false);

  protected readonly shown = computed<Shown | null>(() => {
    const s = this.status().data;
    if (!s) return null;
    return s.hasAccount ? 'account' : s.status;
  });
  protected readonly grouped = computed(() => {
    const c = this.issued();
    return c ? groupActivationCode(c.code) : '';
  });

  constructor() {
    effect(() => {
      const id = this.traineeId();
      const allowed = this.allowed();
      untracked(() => {
        this.issued.set(null);
        if (allowed) this.load(id);
      });
    });
  }

  ngOnDestroy(): void {
    this.issued.set(null);
  }

  protected load(id = this.traineeId()): void {
    loadInto(this.status, this.api.status(id));
  }

  protected color(s: Shown): string {
    return STATUS_COLOR[s];
  }

  protected statusText(s: Shown, dto: ActivationCodeStatusDto): string {
    if (s === 'live') return this.t('act.status.live', { date: this.i18n.date(dto.expiresAt) });
    return this.t(`act.status.${s}` as ActivationKey);
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected openConfirm(): void {
    this.error.set(null);
    this.confirmOpen.set(true);
  }

  protected issue(): void {
    const id = this.traineeId();
    this.busy.set(true);
    this.error.set(null);
    this.noHandover.set(false);
    this.api.issue(id).subscribe({
      next: (code) => {
        this.busy.set(false);
        this.confirmOpen.set(false);
        this.issued.set(code);
        this.status.update((r) => ({
          ...r,
          data: { status: 'live', hasAccount: false, issuedAt: code.issuedAt, expiresAt: code.expiresAt, usedAt: null },
        }));
        this.message.success(this.t('act.issued'));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        this.load(id);
      },
    });
  }

  protected hide(): void {
    this.issued.set(null);
  }

  /** To the handover sheet, carrying the code in memory (never in the address). */
  protected print(): void {
    const code = this.issued();
    if (!code) return;
    const traineeId = this.traineeId();
    const open = this.file?.openHandover();
    if (open && open.traineeId === traineeId) {
      this.toSheet(open.id, code);
      return;
    }
    this.printing.set(true);
    this.api.completedHandover(traineeId).subscribe({
      next: (h) => {
        this.printing.set(false);
        if (h) this.toSheet(h.id, code);
        else this.noHandover.set(true);
      },
      error: () => {
        this.printing.set(false);
        this.noHandover.set(true);
      },
    });
  }

  private toSheet(handoverId: string, code: IssuedActivationCodeDto): void {
    this.handoff.give({ ...code, traineeId: this.traineeId() });
    void this.router.navigate(['/handovers', handoverId, 'sheet']);
  }
}
