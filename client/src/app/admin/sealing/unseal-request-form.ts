import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { required } from '../../shared/form-validators';
import { TraineesI18n } from '../../trainees/trainees-i18n';
import { type IdentityCheck, checkIdentityNumber, identityNumberValidator, normaliseIdentityNumber } from '../../trainees/identity-number';
import { SealingApi, type UnsealRequestDto } from './sealing-api';
import { SealingI18n, UNSEAL_BASES, type UnsealBasis } from './sealing-i18n';

/** 申请解封: the identity number off the papers, the legal basis, its reference, and for how many days. */
@Component({
  selector: 'jbh-unseal-request-form',
  imports: [ReactiveFormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzRadioModule],
  templateUrl: './unseal-request-form.html',
  styles: `
    .bases {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      gap: 4px 12px;
    }
    .bases label {
      min-height: 44px;
      display: flex;
      align-items: center;
      white-space: normal;
      margin: 0;
    }
    .identity {
      max-width: 320px;
    }
    .days {
      max-width: 140px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
    }
    .actions button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnsealRequestForm {
  readonly requested = output<UnsealRequestDto>();

  private readonly api = inject(SealingApi);
  private readonly i18n = inject(SealingI18n);
  private readonly trainees = inject(TraineesI18n);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly t = this.i18n.t;
  protected readonly basisWords = this.i18n.basisWords;
  protected readonly bases = UNSEAL_BASES;

  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly form = this.fb.group({
    identityNumber: ['', [required, identityNumberValidator]],
    basis: this.fb.control<UnsealBasis | null>(null, required),
    note: ['', [required, Validators.minLength(4), Validators.maxLength(500)]],
    days: this.fb.control<number | null>(30, [required, Validators.min(1), Validators.max(90), Validators.pattern(/^\d+$/)]),
  });

  private readonly identityValue = toSignal(this.form.controls.identityNumber.valueChanges, { initialValue: '' });
  protected readonly identityCheck = computed((): IdentityCheck => checkIdentityNumber(this.identityValue()));

  protected identityHint(check: IdentityCheck): string {
    const tt = this.trainees.t;
    switch (check.kind) {
      case 'empty':
        return this.t('seal.identityHelp');
      case 'incomplete':
        return tt('identity.incomplete', { n: check.length });
      case 'check_digit':
        return tt('identity.check_digit', { expected: check.expected });
      case 'valid':
        return tt('identity.valid', { sex: tt(`sex.${check.sex}`), birth: this.i18n.date(check.birthDate) });
      default:
        return tt(`identity.${check.kind}`);
    }
  }

  protected identityStatus(check: IdentityCheck): '' | 'success' | 'error' {
    if (check.kind === 'valid') return 'success';
    if (check.kind === 'empty' || check.kind === 'incomplete') return '';
    return 'error';
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected save(): void {
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity();
      }
      return;
    }
    const v = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.api
      .request({
        identityNumber: normaliseIdentityNumber(v.identityNumber),
        basis: v.basis!,
        note: v.note.trim(),
        days: Number(v.days),
      })
      .subscribe({
        next: (created) => {
          this.submitting.set(false);
          this.form.reset();
          this.requested.emit(created);
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          this.error.set(toApiError(err));
        },
      });
  }
}
