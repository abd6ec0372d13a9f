import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { Observable } from 'rxjs';
import { type ApiError, detailString, toApiError } from '../../core/errors/api-error';
import { required } from '../../shared/form-validators';
import { ReferenceStore } from '../../shared/reference-store';
import { type IdentityCheck, checkIdentityNumber, identityNumberValidator, normaliseIdentityNumber } from '../identity-number';
import { TraineesApi } from '../trainees-api';
import { TraineesI18n } from '../trainees-i18n';
import { splitList, todayIso } from '../trainees-labels';
import { EDUCATION_LEVELS, type EducationLevel, type TraineeDto, type UpdateTraineeDto } from '../trainees-types';

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
type YesNo = 'yes' | 'no' | '';

/** Release on or after admission (the server says the same; saying it here saves a round trip). */
const releaseAfterAdmission: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const admitted = group.get('admittedOn')?.value as string | undefined;
  const release = group.get('expectedReleaseOn')?.value as string | undefined;
  return admitted && release && release < admitted ? { releaseBeforeAdmission: true } : null;
};

const toYesNo = (v: boolean | null): YesNo => (v === null ? '' : v ? 'yes' : 'no');
const fromYesNo = (v: YesNo): boolean | null => (v === '' ? null : v === 'yes');

/**
 * A trainee's record: creation (facility counsellors) with the identity number checked as it is typed
 * (GB 11643: province, birth date, check digit), or editing the profile of an existing file.
 */
@Component({
  selector: 'jbh-trainee-form',
  imports: [ReactiveFormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzSelectModule],
  templateUrl: './trainee-form.html',
  styles: `
    .form-note {
      margin: -8px 0 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeForm implements OnInit {
  /** Set to edit that trainee; absent to create a new one. */
  readonly trainee = input<TraineeDto | null>(null);
  readonly created = output<TraineeDto>();
  readonly saved = output<TraineeDto>();
  readonly cancelled = output();

  private readonly api = inject(TraineesApi);
  private readonly i18n = inject(TraineesI18n);
  private readonly reference = inject(ReferenceStore);
  protected readonly t = this.i18n.t;
  protected readonly i18nPick = this.i18n.pick;
  protected readonly divisions = this.reference.divisions;
  protected readonly educationLevels = EDUCATION_LEVELS;
  protected readonly today = todayIso();
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly isEdit = computed(() => this.trainee() !== null);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      fullName: ['', [required, Validators.minLength(2), Validators.maxLength(40)]],
      identityNumber: ['', [required, identityNumberValidator]],
      homeDivisionCode: ['', required],
      admittedOn: ['', required],
      expectedReleaseOn: ['', required],
      phone: ['', Validators.pattern(PHONE)],
      educationLevel: this.fb.control<EducationLevel | ''>(''),
      workHistory: ['', Validators.maxLength(1000)],
      skills: [''],
      preferredIndustries: [''],
      preferredDivisions: this.fb.control<string[]>([]),
      wageExpectation: this.fb.control<number | null>(null, [Validators.min(0), Validators.max(100000)]),
      willingToLiveOnSite: this.fb.control<YesNo>(''),
    },
    { validators: releaseAfterAdmission },
  );

  private readonly identityValue = toSignal(this.form.controls.identityNumber.valueChanges, { initialValue: '' });
  /** The live hint under the identity number. */
  protected readonly identityCheck = computed((): IdentityCheck => checkIdentityNumber(this.identityValue()));

  constructor() {
    this.reference.loadDivisions();
  }

  ngOnInit(): void {
    const trainee = this.trainee();
    if (!trainee) return;
    // Editing: the identity number and admission date are fixed once recorded.
    this.form.controls.identityNumber.disable();
    this.form.controls.admittedOn.disable();
    this.form.patchValue({
      fullName: trainee.fullName,
      homeDivisionCode: trainee.homeDivisionCode,
      admittedOn: trainee.admittedOn,
      expectedReleaseOn: trainee.expectedReleaseOn,
      phone: trainee.phone ?? '',
      educationLevel: trainee.educationLevel ?? '',
      workHistory: trainee.workHistory ?? '',
      skills: trainee.skills.join('、'),
      preferredIndustries: trainee.preferredIndustries.join('、'),
      preferredDivisions: trainee.preferredDivisions,
      wageExpectation: trainee.wageExpectation,
      willingToLiveOnSite: toYesNo(trainee.willingToLiveOnSite),
    });
  }

  protected identityHint(check: IdentityCheck): string {
    switch (check.kind) {
      case 'empty':
        return this.t('form.identityHelp');
      case 'incomplete':
        return this.t('identity.incomplete', { n: check.length });
      case 'check_digit':
        return this.t('identity.check_digit', { expected: check.expected });
      case 'valid':
        return this.t('identity.valid', { sex: this.t(`sex.${check.sex}`), birth: this.i18n.date(check.birthDate) });
      default:
        return this.t(`identity.${check.kind}`);
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

  protected submit(): void {
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity({ onlySelf: true });
      }
      this.form.updateValueAndValidity();
      return;
    }
    const v = this.form.getRawValue();
    const profile: UpdateTraineeDto = {
      fullName: v.fullName.trim(),
      homeDivisionCode: v.homeDivisionCode,
      expectedReleaseOn: v.expectedReleaseOn,
      phone: v.phone.trim() || null,
      educationLevel: v.educationLevel || null,
      workHistory: v.workHistory.trim() || null,
      skills: splitList(v.skills),
      preferredIndustries: splitList(v.preferredIndustries),
      preferredDivisions: v.preferredDivisions,
      wageExpectation: v.wageExpectation === null || `${v.wageExpectation}` === '' ? null : Number(v.wageExpectation),
      willingToLiveOnSite: fromYesNo(v.willingToLiveOnSite),
    };
    const trainee = this.trainee();
    const request: Observable<TraineeDto> = trainee
      ? this.api.update(trainee.id, profile)
      : this.api.create({
          ...profile,
          fullName: profile.fullName!,
          homeDivisionCode: profile.homeDivisionCode!,
          expectedReleaseOn: profile.expectedReleaseOn!,
          identityNumber: normaliseIdentityNumber(v.identityNumber),
          admittedOn: v.admittedOn,
        });
    this.submitting.set(true);
    this.error.set(null);
    request.subscribe({
      next: (result) => {
        this.submitting.set(false);
        if (trainee) this.saved.emit(result);
        else this.created.emit(result);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const apiError = toApiError(err);
        this.error.set(apiError);
        this.markServerProblem(apiError);
      },
    });
  }

  /** Puts the server's objection on the field it is about, so the field turns red as well. */
  private markServerProblem(error: ApiError): void {
    const c = this.form.controls;
    const field =
      error.code === 'IDENTITY_NUMBER_INVALID' || error.code === 'DUPLICATE_TRAINEE'
        ? c.identityNumber
        : error.code === 'UNKNOWN_DIVISION'
          ? c.homeDivisionCode
          : error.code === 'RELEASE_BEFORE_ADMISSION'
            ? c.expectedReleaseOn
            : null;
    if (!field) return;
    field.setErrors({ ...(field.errors ?? {}), server: detailString(error, 'problem') ?? error.code });
    field.markAsDirty();
  }
}
