import { ChangeDetectionStrategy, Component, Injector, type Signal, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { loadAppStyles } from '../core/app-styles';
import { safeReturnUrl } from '../core/auth/auth-guards';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { appIconProviders } from '../core/icons';
import { Brand } from '../shared/brand';
import { LangToggle } from '../shared/lang-toggle';
import { required } from '../shared/form-validators';
import { LoginChallenge } from './login-challenge';
import { isMfaChallenge } from '../account/mfa/mfa-api';
import { MfaStep } from './mfa-step';
import { ActivateLink } from '../activate/activate-link';

@Component({
  selector: 'jbh-login',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzFormModule,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzIconModule,
    Brand,
    LangToggle,
    LoginChallenge,
    MfaStep,
    ActivateLink,
  ],
  templateUrl: './login.html',
  // A link inside a sentence is told apart by more than its colour (WCAG 1.4.1, docs/words.md).
  styles: ['.auth-switch a { text-decoration: underline; }'],
  providers: [appIconProviders()],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly form = inject(NonNullableFormBuilder).group({
    // `?username=`: the activation page sends a new account here when it could not sign in by itself.
    username: [(this.route.snapshot.queryParamMap.get('username') ?? '').slice(0, 40), required],
    password: ['', required],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = this.auth.notice;
  /**
   * Set after a staff idle sign-out, once. Read from the idle timer only when this page was reached
   * from inside the app (the signed-in frame has loaded the timer then): on a cold visit there is no
   * notice to show, and the timer's module (with the dialog service, ~75 kB) stays out of the login page.
   */
  private readonly idleTimer = signal<{ notice: Signal<string | null> } | null>(null);
  protected readonly idleNotice = computed(() => this.idleTimer()?.notice() ?? null);
  protected readonly showPassword = signal(false);

  constructor() {
    if (this.router.navigated) {
      const injector = inject(Injector);
      void import('../core/auth/idle-timeout').then(
        (m) => this.idleTimer.set(injector.get(m.IdleTimeout)),
        () => undefined,
      );
    }
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected togglePassword(): void {
    this.showPassword.update((v) => !v);
  }

  protected signIn(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      for (const control of Object.values(this.form.controls)) control.updateValueAndValidity();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    // The signed-in pages' styles (never needed here): fetched while the password is checked.
    void loadAppStyles();
    const { username, password } = this.form.getRawValue();
    this.auth.login({ username: username.trim().toLowerCase(), password, ...this.challengeFields() }).subscribe({
      next: (answer) => {
        this.submitting.set(false);
        if (this.mfaChallenged(answer)) return;
        void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.auth.clearNotice();
        const error = toApiError(err);
        this.error.set(error);
        this.challengeAfter(error);
        // Asked for the check only: the password was not looked at, keep it for the next press.
        if (error.code !== 'CHALLENGE_REQUIRED') this.form.controls.password.reset();
      },
    });
  }

  // ── Second step after repeated failures: the ALTCHA check (login-challenge.ts) ──────────────
  /** Shown once the server answered CHALLENGE_REQUIRED; stays for the rest of the visit. */
  protected readonly challengeShown = signal(false);
  private readonly challengePayload = signal<string | null>(null);
  private readonly challenge = viewChild(LoginChallenge);

  protected challengeSolved(payload: string | null): void {
    this.challengePayload.set(payload);
  }

  private challengeFields(): { altcha?: string } {
    const payload = this.challengePayload();
    return payload ? { altcha: payload } : {};
  }

  private challengeAfter(error: ApiError): void {
    if (error.code === 'CHALLENGE_REQUIRED') this.challengeShown.set(true);
    // A solution opens one attempt: a sent one is spent, so solve a fresh one.
    if (this.challengePayload()) this.challenge()?.renew();
  }

  // ── Second sign-in factor (TOTP): the code step (mfa-step.ts) ─────────────────────────────────
  /** Set when the password answer is a challenge: the code step replaces the form. */
  protected readonly mfaToken = signal<string | null>(null);

  private mfaChallenged(answer: unknown): boolean {
    if (!isMfaChallenge(answer)) return false;
    this.mfaToken.set(answer.mfaToken);
    return true;
  }

  protected mfaSignedIn(): void {
    void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
  }

  protected mfaRestart(): void {
    this.mfaToken.set(null);
    this.error.set(null);
    this.form.controls.password.reset();
  }
}
