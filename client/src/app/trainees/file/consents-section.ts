import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { TraineesI18n } from '../trainees-i18n';
import { CONSENT_PURPOSES, type ConsentDto, type ConsentPurpose, type ConsentTextDto } from '../trainees-types';
import { TraineeFileStore } from './trainee-file-store';

/** Purposes a counsellor can record from a paper form here; sharing with an employer is per employer, at acceptance. */
const ASSISTED_PURPOSES: readonly ConsentPurpose[] = ['job_matching', 'follow_up_contact'];

/**
 * Consent, purpose by purpose: what is live, the history (granted, withdrawn, by whom, which text
 * version), an assisted grant recorded from a signed paper form, and withdrawal that takes effect at once.
 */
@Component({
  selector: 'jbh-consents-section',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
  ],
  templateUrl: './consents-section.html',
  styleUrl: './sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsentsSection {
  protected readonly store = inject(TraineeFileStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly purposes = CONSENT_PURPOSES;

  protected readonly purpose = signal<ConsentPurpose | null>(null);
  protected readonly paperFormRef = signal('');
  protected readonly granting = signal(false);
  protected readonly grantError = signal<ApiError | null>(null);

  protected readonly withdrawing = signal<ConsentDto | null>(null);
  protected readonly withdrawRef = signal('');
  protected readonly withdrawBusy = signal(false);
  protected readonly withdrawError = signal<ApiError | null>(null);

  /** Purposes without a live consent: the ones a grant can still be recorded for. */
  protected readonly grantable = computed(() => {
    const consents = this.store.consents().data?.consents ?? [];
    return ASSISTED_PURPOSES.filter((p) => !consents.some((c) => c.purpose === p && c.live));
  });
  protected readonly chosenText = computed(() => {
    const p = this.purpose();
    return p ? this.textFor(p) : undefined;
  });

  constructor() {
    this.store.loadConsents();
  }

  protected textFor(purpose: ConsentPurpose): ConsentTextDto | undefined {
    return this.store.consents().data?.texts.find((t) => t.purpose === purpose);
  }

  protected forPurpose(purpose: ConsentPurpose): ConsentDto[] {
    return (this.store.consents().data?.consents ?? []).filter((c) => c.purpose === purpose);
  }

  protected hasLive(purpose: ConsentPurpose): boolean {
    return this.forPurpose(purpose).some((c) => c.live);
  }

  protected purposeName(purpose: ConsentPurpose): string {
    return this.t(`purpose.${purpose}`);
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected grant(): void {
    const purpose = this.purpose();
    const text = this.chosenText();
    const ref = this.paperFormRef().trim();
    if (!purpose || !text || ref.length < 2) return;
    this.granting.set(true);
    this.grantError.set(null);
    this.store.grantConsent({ purpose, textVersion: text.version, paperFormRef: ref }).subscribe({
      next: () => {
        this.granting.set(false);
        this.purpose.set(null);
        this.paperFormRef.set('');
        this.message.success(this.t('con.recorded'));
      },
      error: (err: unknown) => {
        this.granting.set(false);
        this.grantError.set(toApiError(err));
      },
    });
  }

  protected openWithdraw(consent: ConsentDto): void {
    this.withdrawRef.set('');
    this.withdrawError.set(null);
    this.withdrawing.set(consent);
  }

  protected closeWithdraw(): void {
    this.withdrawing.set(null);
  }

  protected withdraw(): void {
    const consent = this.withdrawing();
    if (!consent) return;
    this.withdrawBusy.set(true);
    this.withdrawError.set(null);
    this.store.withdrawConsent(consent.id, this.withdrawRef().trim() || undefined).subscribe({
      next: () => {
        this.withdrawBusy.set(false);
        this.withdrawing.set(null);
        this.message.success(this.t('con.withdrawnDone'));
      },
      error: (err: unknown) => {
        this.withdrawBusy.set(false);
        this.withdrawError.set(toApiError(err));
      },
    });
  }
}
