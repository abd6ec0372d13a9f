import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ROLE_ORGANISATION_TYPES, STAFF_ROLES, type StaffRole } from '../../../core/api/api-types';
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

const USERNAME = /^[a-z0-9._-]{3,40}$/;
const PHONE = /^[0-9+\- ]{5,20}$/;

/** A new staff account. Trainee accounts are made with the trainee's record, not here. */
@Component({
  selector: 'jbh-user-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzButtonModule, NzAlertModule],
  templateUrl: './user-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserForm {
  readonly created = output();
  readonly cancelled = output();

  protected readonly store = inject(UsersStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly roles = STAFF_ROLES;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    username: ['', [required, Validators.pattern(USERNAME)]],
    displayName: ['', [required, Validators.maxLength(60)]],
    role: this.fb.control<StaffRole | ''>('', required),
    organisationId: ['', required],
    phone: ['', Validators.pattern(PHONE)],
    password: ['', required],
  });

  private readonly role = toSignal(this.form.controls.role.valueChanges, { initialValue: this.form.controls.role.value });
  /** Only organisations the chosen role may belong to. */
  protected readonly organisationChoices = computed(() => {
    const role = this.role();
    const allowed = role ? ROLE_ORGANISATION_TYPES[role] : null;
    return this.store.organisations().filter((o) => allowed === null || allowed.includes(o.type));
  });

  constructor() {
    this.form.controls.password.addValidators(passwordRuleValidator(() => this.form.controls.username.value));
    this.form.controls.username.valueChanges.subscribe(() => this.form.controls.password.updateValueAndValidity({ emitEvent: false }));
    this.form.controls.role.valueChanges.subscribe(() => this.form.controls.organisationId.setValue(''));
  }

  protected passwordError(): string {
    const problem = this.form.controls.password.getError('password') as PasswordProblem | undefined;
    return problem ? this.t(PASSWORD_PROBLEM_TEXT[problem]) : this.t('validation.required');
  }

  protected generatePassword(): void {
    this.form.controls.password.setValue(generateTemporaryPassword());
    this.form.controls.password.markAsDirty();
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected createAccount(): void {
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const v = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.store
      .create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role as StaffRole,
        organisationId: v.organisationId,
        password: v.password,
        ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
      })
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.created.emit();
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          this.error.set(toApiError(err));
        },
      });
  }
}
