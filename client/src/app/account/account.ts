import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { LoadError } from '../shared/load-error';
import { PASSWORD_PROBLEM_TEXT, type PasswordProblem, passwordRuleValidator } from '../shared/password-rule';
import { RouterLink } from '@angular/router';
import { AccountStore } from './account-store';
import { MfaCard } from './mfa/mfa-card';
import { required } from '../shared/form-validators';

@Component({
  selector: 'jbh-account',
  imports: [
    ReactiveFormsModule,
    NzCardModule,
    NzDescriptionsModule,
    NzFormModule,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzSpinModule,
    LoadError,
    MfaCard,
    RouterLink,
  ],
  templateUrl: './account.html',
  providers: [AccountStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Account {
  protected readonly store = inject(AccountStore);
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthStore);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly changed = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', required],
      newPassword: ['', [required, passwordRuleValidator(() => this.auth.user()?.username)]],
      confirmPassword: ['', required],
    },
    {
      validators: (group: AbstractControl): ValidationErrors | null => {
        const next = group.get('newPassword')?.value as string | undefined;
        const confirm = group.get('confirmPassword')?.value as string | undefined;
        return confirm && next !== confirm ? { mismatch: true } : null;
      },
    },
  );

  constructor() {
    this.store.load();
  }

  protected passwordError(): string {
    const problem = this.form.controls.newPassword.getError('password') as PasswordProblem | undefined;
    return problem ? this.t(PASSWORD_PROBLEM_TEXT[problem]) : this.t('validation.required');
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected changePassword(): void {
    this.changed.set(false);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.store.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.changed.set(true);
        this.form.reset();
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
