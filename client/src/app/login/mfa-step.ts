import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { switchMap } from 'rxjs';
import { MfaApi } from '../account/mfa/mfa-api';
import { MFA_ISSUER, MfaI18n } from '../account/mfa/mfa-i18n';
import { AuthStore } from '../core/auth/auth-store';
import { required } from '../shared/form-validators';
import { type ApiError, toApiError } from '../core/errors/api-error';

/** Errors after which this mfaToken is spent: only a new password step helps. */
const RESTART_CODES = new Set(['MFA_TOKEN_INVALID', 'SESSION_EXPIRED']);

/**
 * The second sign-in step, shown by the login page when the password answer is a challenge: a
 * 6-digit code from the authenticator app, or one recovery code. Phone first: a big numeric field
 * the keyboard and SMS/one-time-code autofill understand.
 */
@Component({
  selector: 'jbh-mfa-step',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzButtonModule, NzAlertModule],
  templateUrl: './mfa-step.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .mfa-code-input {
      font-size: 26px;
      letter-spacing: 0.3em;
      text-align: center;
    }
    .mfa-links {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 12px;
    }
    .mfa-links button {
      min-height: 44px;
    }
  `,
})
export class MfaStep {
  /** From the login answer; single purpose, 5 minutes. */
  readonly mfaToken = input.required<string>();
  /** The session is open (the AuthStore holds it). */
  readonly signedIn = output<void>();
  /** Back to username and password. */
  readonly restart = output<void>();

  private readonly api = inject(MfaApi);
  private readonly auth = inject(AuthStore);
  protected readonly t = inject(MfaI18n).t;
  private readonly words = inject(MfaI18n);
  protected readonly issuer = MFA_ISSUER;

  protected readonly useRecovery = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly spent = signal(false);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly codeForm = this.fb.group({ code: ['', [required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)]] });
  protected readonly recoveryForm = this.fb.group({ recoveryCode: ['', [required, Validators.minLength(10)]] });

  protected errorText(error: ApiError): string {
    return this.words.errorMessage(error);
  }

  protected toggleRecovery(): void {
    this.useRecovery.update((v) => !v);
    this.error.set(null);
  }

  protected submit(): void {
    const form = this.useRecovery() ? this.recoveryForm : this.codeForm;
    if (form.invalid) {
      form.markAllAsTouched();
      for (const control of Object.values(form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const answer = this.useRecovery()
      ? { recoveryCode: this.recoveryForm.getRawValue().recoveryCode.trim() }
      : { code: this.codeForm.getRawValue().code.replace(/\s+/g, '') };
    this.submitting.set(true);
    this.error.set(null);
    // The answer sets the refresh cookie; the AuthStore then takes the session up the way a reload does.
    this.api
      .signIn({ mfaToken: this.mfaToken(), ...answer })
      .pipe(switchMap(() => this.auth.refresh()))
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.signedIn.emit();
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          const error = toApiError(err);
          this.error.set(error);
          this.spent.set(RESTART_CODES.has(error.code));
          this.codeForm.reset();
          this.recoveryForm.reset();
        },
      });
  }
}
