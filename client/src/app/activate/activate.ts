import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { isMfaChallenge } from '../account/mfa/mfa-api';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { appIconProviders } from '../core/icons';
import { Brand } from '../shared/brand';
import { required } from '../shared/form-validators';
import { LangToggle } from '../shared/lang-toggle';
import { PASSWORD_PROBLEM_TEXT, type PasswordProblem, passwordRuleValidator } from '../shared/password-rule';
import { ActivateApi } from './activate-api';
import { ActivateI18n } from './activate-i18n';

/** Case, spaces and dashes do not matter: `abcd efgh-jk` is `ABCDEFGHJK`. */
export function normaliseActivationCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

const CODE_SHAPE = /^[0-9A-Z]{10}$/;
const USERNAME_SHAPE = /^[a-z0-9._-]{3,40}$/;
const THIS_YEAR = new Date().getFullYear();

const codeShape = (c: AbstractControl<string>): ValidationErrors | null =>
  c.value && !CODE_SHAPE.test(normaliseActivationCode(c.value)) ? { shape: true } : null;
const birthYear = (c: AbstractControl<string>): ValidationErrors | null => {
  if (!c.value) return null;
  const year = Number(c.value.trim());
  return /^\d{4}$/.test(c.value.trim()) && year >= 1900 && year <= THIS_YEAR ? null : { year: true };
};
const usernameShape = (c: AbstractControl<string>): ValidationErrors | null =>
  c.value && !USERNAME_SHAPE.test(c.value.trim().toLowerCase()) ? { shape: true } : null;

/**
 * `/activate` — public, for a cheap phone: the release-day code and the year of birth open the
 * person's own account with a username and password they choose; then they are signed in. One
 * neutral answer for every wrong code or year. It names no place and no programme.
 */
@Component({
  selector: 'jbh-activate',
  imports: [ReactiveFormsModule, RouterLink, NzAlertModule, NzButtonModule, NzFormModule, NzIconModule, NzInputModule, Brand, LangToggle],
  templateUrl: './activate.html',
  styleUrl: './activate.css',
  providers: [appIconProviders()],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Activate {
  private readonly api = inject(ActivateApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly i18n = inject(ActivateI18n);
  protected readonly t = this.i18n.t;

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly usernameControl = this.fb.control('', [required, usernameShape]);
  protected readonly form = this.fb.group({
    code: ['', [required, codeShape]],
    birthYear: ['', [required, birthYear]],
    username: this.usernameControl,
    password: ['', [required, passwordRuleValidator(() => this.usernameControl.value.trim().toLowerCase())]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal(false);
  protected readonly showPassword = signal(false);

  private readonly passwordValue = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });
  protected readonly passwordProblem = computed(() => {
    this.passwordValue();
    const problem = this.form.controls.password.getError('password') as PasswordProblem | null;
    return problem ? this.t(PASSWORD_PROBLEM_TEXT[problem]) : this.t('activate.passwordRequired');
  });

  protected errorText(error: ApiError): string {
    switch (error.code) {
      case 'ACTIVATION_INVALID':
        return this.t('activate.invalid');
      case 'TOO_MANY_REQUESTS':
        return this.t('activate.tooMany');
      case 'USERNAME_TAKEN':
        return this.t('activate.usernameTaken');
      case 'WEAK_PASSWORD': {
        const problem = error.params?.['problem'] as PasswordProblem | undefined;
        return problem && problem in PASSWORD_PROBLEM_TEXT ? this.t(PASSWORD_PROBLEM_TEXT[problem]) : this.i18n.errorMessage(error);
      }
      default:
        return error.statusCode === 429 ? this.t('activate.tooMany') : this.i18n.errorMessage(error);
    }
  }

  protected togglePassword(): void {
    this.showPassword.update((v) => !v);
  }

  protected submit(): void {
    this.form.controls.password.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const v = this.form.getRawValue();
    const username = v.username.trim().toLowerCase();
    this.submitting.set(true);
    this.error.set(null);
    this.api
      .activate({ code: normaliseActivationCode(v.code), birthYear: Number(v.birthYear.trim()), username, password: v.password })
      .subscribe({
        next: (answer) => {
          this.done.set(true);
          this.signIn(answer.username, v.password);
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          this.error.set(toApiError(err));
        },
      });
  }

  /** The same sign-in as the login page; if it asks for more (a check, a second factor), the login page takes over. */
  private signIn(username: string, password: string): void {
    this.auth.login({ username, password }).subscribe({
      next: (answer) => {
        this.submitting.set(false);
        if (isMfaChallenge(answer)) void this.router.navigate(['/login'], { queryParams: { username } });
        else void this.router.navigateByUrl('/');
      },
      error: () => {
        this.submitting.set(false);
        void this.router.navigate(['/login'], { queryParams: { username } });
      },
    });
  }
}
