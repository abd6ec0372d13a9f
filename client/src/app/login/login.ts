import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { safeReturnUrl } from '../core/auth/auth-guards';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { appIconProviders } from '../core/icons';
import { Brand } from '../shared/brand';
import { LangToggle } from '../shared/lang-toggle';
import { required } from '../shared/form-validators';

@Component({
  selector: 'jbh-login',
  imports: [ReactiveFormsModule, RouterLink, NzFormModule, NzInputModule, NzButtonModule, NzAlertModule, NzIconModule, Brand, LangToggle],
  templateUrl: './login.html',
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
    username: ['', required],
    password: ['', required],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = this.auth.notice;
  protected readonly showPassword = signal(false);

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
    const { username, password } = this.form.getRawValue();
    this.auth.login({ username: username.trim().toLowerCase(), password }).subscribe({
      next: () => {
        this.submitting.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.auth.clearNotice();
        this.error.set(toApiError(err));
        this.form.controls.password.reset();
      },
    });
  }
}
