import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormArray,
  type FormControl,
  type FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Observable, Subject, catchError, debounceTime, distinctUntilChanged, of, startWith, switchMap } from 'rxjs';
import { type ApiError, detailString, toApiError } from '../../core/errors/api-error';
import { required } from '../../shared/form-validators';
import { ReferenceStore } from '../../shared/reference-store';
import { type IdentityCheck, checkIdentityNumber, identityNumberValidator, normaliseIdentityNumber } from '../identity-number';
import { TraineesApi } from '../trainees-api';
import { TraineesI18n } from '../trainees-i18n';
import { todayIso } from '../trainees-labels';
import {
  EDUCATION_LEVELS,
  type EducationLevel,
  type OccupationDto,
  type SkillLevelDto,
  type TraineeDto,
  type UpdateTraineeDto,
} from '../trainees-types';

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
type YesNo = 'yes' | 'no' | '';

/** Release on or after admission (the server says the same; saying it here saves a round trip). */
const releaseAfterAdmission: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const admitted = group.get('admittedOn')?.value as string | undefined;
  const release = group.get('expectedReleaseOn')?.value as string | undefined;
  return admitted && release && release < admitted ? { releaseBeforeAdmission: true } : null;
};

type SkillRow = FormGroup<{ occupationCode: FormControl<string>; level: FormControl<number | null> }>;
interface OccupationOption {
  code: string;
  name: string;
}
const MAX_SKILLS = 30;

const toYesNo = (v: boolean | null): YesNo => (v === null ? '' : v ? 'yes' : 'no');
const fromYesNo = (v: YesNo): boolean | null => (v === '' ? null : v === 'yes');

/**
 * A trainee's record: creation (facility counsellors) with the identity number checked as it is typed
 * (GB 11643: province, birth date, check digit), or editing the profile of an existing file.
 */
@Component({
  selector: 'jbh-trainee-form',
  imports: [ReactiveFormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzIconModule, NzInputModule, NzSelectModule, NzTagModule],
  templateUrl: './trainee-form.html',
  styles: `
    .form-note {
      margin: -8px 0 16px;
    }
    .skill-rows {
      display: grid;
      gap: 8px;
      margin-bottom: 8px;
    }
    .skill-row {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto;
      gap: 8px;
      align-items: center;
    }
    .skill-row nz-select {
      width: 100%;
    }
    .full {
      width: 100%;
    }
    .internal-tag {
      margin-left: 6px;
      font-weight: normal;
    }
    @media (max-width: 575.98px) {
      .skill-row {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .skill-row .skill-occupation {
        grid-column: 1 / -1;
      }
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
  protected readonly industries = this.reference.industries;
  protected readonly skillLevels = this.reference.skillLevels;
  protected readonly maxSkills = MAX_SKILLS;
  /** The last occupation search, shared by the rows (only one picker is open at a time). */
  protected readonly occupationResults = signal<OccupationOption[]>([]);
  protected readonly searchingOccupations = signal(false);
  /** Names of occupations already on the form, so a row shows its name whatever the last search found. */
  private readonly knownOccupations = signal<ReadonlyMap<string, string>>(new Map());
  private readonly occupationQuery = new Subject<string>();
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
      skills: new FormArray<SkillRow>([]),
      skillsNote: ['', Validators.maxLength(1000)],
      preferredIndustries: this.fb.control<string[]>([]),
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
    this.reference.load('industries');
    this.reference.load('skillLevels');
    this.occupationQuery
      .pipe(
        debounceTime(250),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) => {
          this.searchingOccupations.set(true);
          return this.reference.occupations(q.trim()).pipe(catchError(() => of({ items: [] as OccupationDto[] })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.searchingOccupations.set(false);
        this.occupationResults.set(page.items.map((o) => ({ code: o.code, name: o.name })));
      });
  }

  protected get skillRows(): FormArray<SkillRow> {
    return this.form.controls.skills;
  }

  protected searchOccupations(q: string): void {
    this.occupationQuery.next(q);
  }

  /** The row's own occupation first (so its name shows), then the last search's results. */
  protected occupationOptions(row: SkillRow): OccupationOption[] {
    const code = row.controls.occupationCode.value;
    const results = this.occupationResults();
    if (!code || results.some((o) => o.code === code)) return results;
    return [{ code, name: this.knownOccupations().get(code) ?? code }, ...results];
  }

  protected occupationPicked(code: string | null): void {
    const picked = code ? this.occupationResults().find((o) => o.code === code) : undefined;
    if (picked) this.knownOccupations.update((m) => new Map(m).set(picked.code, picked.name));
  }

  protected levelLabel(level: SkillLevelDto): string {
    return this.i18n.isEnglish() ? level.nameEn : `${level.name}/${level.title}`;
  }

  protected addSkill(occupationCode = '', level: number | null = null): void {
    if (this.skillRows.length >= MAX_SKILLS) return;
    this.skillRows.push(
      this.fb.group({
        occupationCode: this.fb.control(occupationCode, required),
        level: this.fb.control<number | null>(level),
      }),
    );
  }

  protected removeSkill(index: number): void {
    this.skillRows.removeAt(index);
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
      skillsNote: trainee.skillsNote ?? '',
      preferredIndustries: trainee.preferredIndustries.map((i) => i.code),
      preferredDivisions: trainee.preferredDivisions,
      wageExpectation: trainee.wageExpectation,
      willingToLiveOnSite: toYesNo(trainee.willingToLiveOnSite),
    });
    this.knownOccupations.set(new Map(trainee.skills.map((s) => [s.occupationCode, s.occupationName] as const)));
    for (const skill of trainee.skills) this.addSkill(skill.occupationCode, skill.level);
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
      for (const row of this.skillRows.controls) {
        row.controls.occupationCode.markAsDirty();
        row.controls.occupationCode.updateValueAndValidity({ onlySelf: true });
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
      skills: v.skills.filter((s) => s.occupationCode).map((s) => ({ occupationCode: s.occupationCode, level: s.level ?? null })),
      skillsNote: v.skillsNote.trim() || null,
      preferredIndustries: v.preferredIndustries,
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
