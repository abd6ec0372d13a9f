import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { startWith } from 'rxjs';
import type { ApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { appIconProviders } from '../core/icons';
import { Brand } from '../shared/brand';
import { checkCreditCode, normaliseCreditCode } from '../shared/credit-code';
import { LangToggle } from '../shared/lang-toggle';
import { PASSWORD_PROBLEM_TEXT, type PasswordProblem, passwordRuleValidator } from '../shared/password-rule';
import { ReferenceStore } from '../shared/reference-store';
import { RegistrationStore } from './registration-store';
import { RegistrationWords } from './registration-words';
import { required } from '../shared/form-validators';

const MOBILE = /^1\d{10}$/;
const USERNAME = /^[a-z0-9._-]{3,40}$/;

function creditCodeValidator(control: AbstractControl<string>): ValidationErrors | null {
  return checkCreditCode(control.value).kind === 'format' ? { creditCodeFormat: true } : null;
}

@Component({
  selector: 'jbh-register-employer',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzCheckboxModule,
    NzButtonModule,
    NzAlertModule,
    NzResultModule,
    NzIconModule,
    Brand,
    LangToggle,
  ],
  templateUrl: './register-employer.html',
  // A link inside a sentence is told apart by more than its colour (WCAG 1.4.1, docs/words.md).
  styles: ['.auth-switch a { text-decoration: underline; }'],
  providers: [appIconProviders(), RegistrationStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterEmployer {
  private readonly i18n = inject(I18n);
  private readonly reference = inject(ReferenceStore);
  protected readonly store = inject(RegistrationStore);
  protected readonly words = inject(RegistrationWords);
  protected readonly t = this.i18n.t;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly divisions = this.reference.divisions;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      organisationName: ['', [required, Validators.minLength(2), Validators.maxLength(120)]],
      creditCode: ['', [required, creditCodeValidator]],
      divisionCode: ['', required],
      contactName: ['', [required, Validators.maxLength(60)]],
      contactPhone: ['', [required, Validators.pattern(MOBILE)]],
      username: ['', [required, Validators.pattern(USERNAME)]],
      password: ['', required],
      passwordConfirm: ['', required],
      requestManualReview: [false],
    },
    {
      validators: (group: AbstractControl): ValidationErrors | null => {
        const password = group.get('password')?.value as string | undefined;
        const confirm = group.get('passwordConfirm')?.value as string | undefined;
        return confirm && password !== confirm ? { mismatch: true } : null;
      },
    },
  );

  private readonly creditCode = toSignal(this.form.controls.creditCode.valueChanges.pipe(startWith('')), { initialValue: '' });
  protected readonly codeCheck = computed(() => checkCreditCode(this.creditCode()));
  /** The hint under the code field, as the user types. */
  protected readonly codeHint = computed((): { tone: 'muted' | 'warning' | 'success'; text: string } => {
    const check = this.codeCheck();
    switch (check.kind) {
      case 'incomplete':
        return { tone: 'muted', text: this.t('creditCode.incomplete', { n: check.length }) };
      case 'check_digit':
        return { tone: 'warning', text: this.t('creditCode.checkDigit', { expected: check.expected }) };
      case 'valid':
        return { tone: 'success', text: this.t('creditCode.ok') };
      case 'format':
        return { tone: 'muted', text: '' };
      case 'empty':
        return { tone: 'muted', text: this.t('register.creditCodeHelp') };
    }
  });

  constructor() {
    this.reference.loadDivisions();
    this.form.controls.password.addValidators(passwordRuleValidator(() => this.form.controls.username.value));
    // The password rule depends on the username: check again when it changes.
    this.form.controls.username.valueChanges.subscribe(() => this.form.controls.password.updateValueAndValidity({ emitEvent: false }));
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected passwordProblemText(): string {
    const problem = this.form.controls.password.getError('password') as PasswordProblem | undefined;
    return problem ? this.t(PASSWORD_PROBLEM_TEXT[problem]) : this.t('validation.required');
  }

  /** Keeps the code as people read it off a licence, in capitals and without spaces. */
  protected tidyCreditCode(): void {
    const control = this.form.controls.creditCode;
    const tidy = normaliseCreditCode(control.value);
    if (tidy !== control.value) control.setValue(tidy);
  }

  protected register(): void {
    this.tidyCreditCode();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const v = this.form.getRawValue();
    this.store.submit({
      organisationName: v.organisationName.trim(),
      creditCode: v.creditCode,
      divisionCode: v.divisionCode,
      contactName: v.contactName.trim(),
      contactPhone: v.contactPhone.trim(),
      username: v.username.trim(),
      password: v.password,
      ...(this.store.manualReviewOffered() && v.requestManualReview ? { requestManualReview: true } : {}),
    });
  }
}
