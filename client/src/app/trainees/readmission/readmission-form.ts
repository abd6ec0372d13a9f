import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { ApiClient } from '../../core/api/generated/api-client';
import { traineesControllerReadmit } from '../../core/api/generated/fn/trainees/trainees-controller-readmit';
import type { ReadmitTraineeDto } from '../../core/api/generated/models/readmit-trainee-dto';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import { required } from '../../shared/form-validators';
import { Viewport } from '../../shared/viewport';
import { READMISSION_REASONS, ReentryI18n } from '../episodes/episodes-i18n';
import { type IdentityCheck, checkIdentityNumber, identityNumberValidator, normaliseIdentityNumber } from '../identity-number';
import { MyOrganisation } from '../my-organisation';
import { TraineeForm } from '../trainee-form/trainee-form';
import { TraineesI18n } from '../trainees-i18n';
import { todayIso } from '../trainees-labels';
import type { TraineeDto } from '../trainees-types';

type Reason = ReadmitTraineeDto['reason'];

const releaseAfterAdmission: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const admitted = group.get('admittedOn')?.value as string | undefined;
  const release = group.get('expectedReleaseOn')?.value as string | undefined;
  return admitted && release && release < admitted ? { releaseBeforeAdmission: true } : null;
};

/**
 * 再次入所 (facility counsellors): a person already on the platform, released, is admitted again. Found
 * by the full identity number; the same record gets a new admission and moves to this facility. When
 * no record has the number, the counsellor may create one instead, the number kept.
 */
@Component({
  selector: 'jbh-readmission-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzDrawerModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzRadioModule,
    NzSpinModule,
    TraineeForm,
  ],
  templateUrl: './readmission-form.html',
  styles: `
    .readm {
      max-width: 640px;
    }
    .reasons {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .reasons label {
      min-height: 44px;
      display: flex;
      align-items: center;
      white-space: normal;
    }
    .no-record-actions {
      margin-top: 8px;
    }
    .no-record-actions button,
    .form-actions a,
    .form-actions button {
      min-height: 44px;
      display: inline-flex;
      align-items: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReadmissionForm {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(ReentryI18n);
  private readonly traineesI18n = inject(TraineesI18n);
  protected readonly organisation = inject(MyOrganisation);
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly t = this.i18n.t;
  protected readonly tt = this.traineesI18n.t;
  protected readonly reasonWords = this.i18n.reason;
  protected readonly reasons = READMISSION_REASONS;
  protected readonly today = todayIso();

  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly noRecord = computed(() => this.error()?.code === 'READMISSION_NO_RECORD');
  /** The create drawer is open, holding this identity number. */
  protected readonly creatingWith = signal<string | null>(null);
  private readonly createForm = viewChild(TraineeForm);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      identityNumber: ['', [required, identityNumberValidator]],
      admittedOn: [this.today, required],
      expectedReleaseOn: ['', required],
      reason: this.fb.control<Reason | ''>('', required),
    },
    { validators: releaseAfterAdmission },
  );

  private readonly identityValue = toSignal(this.form.controls.identityNumber.valueChanges, { initialValue: '' });
  protected readonly identityCheck = computed((): IdentityCheck => checkIdentityNumber(this.identityValue()));

  constructor() {
    this.organisation.load();
    // The create form opens with the number already typed here.
    effect(() => {
      const form = this.createForm();
      const number = this.creatingWith();
      if (!form || !number) return;
      // TraineeForm has no inputs for first values yet; its form controls are reached by name.
      const { identityNumber, admittedOn, expectedReleaseOn } = form['form'].controls;
      if (identityNumber.value !== '') return;
      identityNumber.setValue(number);
      identityNumber.markAsDirty();
      const typed = untracked(() => this.form.getRawValue());
      if (typed.admittedOn) admittedOn.setValue(typed.admittedOn);
      if (typed.expectedReleaseOn) expectedReleaseOn.setValue(typed.expectedReleaseOn);
    });
  }

  protected identityHint(check: IdentityCheck): string {
    switch (check.kind) {
      case 'empty':
        return this.t('readm.identityHelp');
      case 'incomplete':
        return this.tt('identity.incomplete', { n: check.length });
      case 'check_digit':
        return this.tt('identity.check_digit', { expected: check.expected });
      case 'valid':
        return this.tt('identity.valid', { sex: this.tt(`sex.${check.sex}`), birth: this.i18n.date(check.birthDate) });
      default:
        return this.tt(`identity.${check.kind}`);
    }
  }

  protected identityStatus(check: IdentityCheck): '' | 'success' | 'error' {
    if (check.kind === 'valid') return 'success';
    if (check.kind === 'empty' || check.kind === 'incomplete') return '';
    return 'error';
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
    if (v.reason === '') return;
    this.submitting.set(true);
    this.error.set(null);
    const body: ReadmitTraineeDto = {
      identityNumber: normaliseIdentityNumber(v.identityNumber),
      admittedOn: v.admittedOn,
      expectedReleaseOn: v.expectedReleaseOn,
      reason: v.reason,
    };
    this.api.invoke(traineesControllerReadmit, { body }, new HttpContext().set(SILENT_ERRORS, true)).subscribe({
      next: (trainee) => {
        this.submitting.set(false);
        this.message.success(this.t('readm.done'));
        void this.router.navigate(['/trainees', trainee.id], { queryParams: { tab: 'lifecycle' } });
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected openCreate(): void {
    this.creatingWith.set(normaliseIdentityNumber(this.form.controls.identityNumber.value));
  }

  protected closeCreate(): void {
    this.creatingWith.set(null);
  }

  protected created(trainee: TraineeDto): void {
    this.creatingWith.set(null);
    this.message.success(this.tt('form.created'));
    void this.router.navigate(['/trainees', trainee.id]);
  }
}
