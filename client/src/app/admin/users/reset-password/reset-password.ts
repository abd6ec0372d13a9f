import { ChangeDetectionStrategy, Component, type OnInit, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { UserDto } from '../../../core/api/api-types';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { I18n } from '../../../core/i18n/i18n';
import {
  PASSWORD_PROBLEM_TEXT,
  type PasswordProblem,
  generateTemporaryPassword,
  passwordRuleValidator,
} from '../../../shared/password-rule';
import { UsersStore } from '../users-store';
import { required } from '../../../shared/form-validators';

/** Sets a temporary password (the server also lifts a lockout and ends the account's sessions). */
@Component({
  selector: 'jbh-reset-password',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzButtonModule, NzAlertModule],
  template: `
    @if (doneWith(); as password) {
      <nz-alert nzType="success" nzShowIcon [nzMessage]="t('users.resetDone')" />
      <p class="temp-password">
        {{ t('users.tempPassword') }}: <strong class="mono" data-testid="temporary-password">{{ password }}</strong>
      </p>
      <div class="form-actions">
        <button nz-button nzType="primary" type="button" (click)="done.emit()">{{ t('common.close') }}</button>
      </div>
    } @else {
      <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="reset()" novalidate>
        <nz-form-item>
          <nz-form-label nzFor="reset-password" nzRequired>{{ t('users.tempPassword') }}</nz-form-label>
          <nz-form-control [nzErrorTip]="passwordError()" [nzExtra]="t('password.rule')">
            <nz-input-group nzCompact class="password-group">
              <input nz-input id="reset-password" class="mono" formControlName="password" autocomplete="new-password" />
              <button nz-button type="button" (click)="generate()">{{ t('users.generate') }}</button>
            </nz-input-group>
          </nz-form-control>
        </nz-form-item>
        @if (error(); as err) {
          <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" />
        }
        <div class="form-actions">
          <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
          <button nz-button nzType="primary" nzDanger type="submit" [nzLoading]="submitting()">{{ t('users.resetPassword') }}</button>
        </div>
      </form>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword implements OnInit {
  readonly user = input.required<UserDto>();
  readonly done = output();
  readonly cancelled = output();

  private readonly store = inject(UsersStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly doneWith = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [generateTemporaryPassword(), required],
  });

  ngOnInit(): void {
    // The rule mentions the username, which is an input: known only from here on.
    this.form.controls.password.addValidators(passwordRuleValidator(() => this.user().username));
  }

  protected generate(): void {
    this.form.controls.password.setValue(generateTemporaryPassword());
  }

  protected passwordError(): string {
    const problem = this.form.controls.password.getError('password') as PasswordProblem | undefined;
    return problem ? this.t(PASSWORD_PROBLEM_TEXT[problem]) : this.t('validation.required');
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected reset(): void {
    const control = this.form.controls.password;
    control.updateValueAndValidity();
    if (control.invalid) {
      control.markAsDirty();
      return;
    }
    const password = control.value;
    this.submitting.set(true);
    this.error.set(null);
    this.store.resetPassword(this.user().id, password).subscribe({
      next: () => {
        this.submitting.set(false);
        this.doneWith.set(password);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
