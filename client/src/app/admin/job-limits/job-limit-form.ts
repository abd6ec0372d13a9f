import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, catchError, debounceTime, of, startWith, switchMap } from 'rxjs';
import type { OccupationDto } from '../../core/api/generated/models/occupation-dto';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { required } from '../../shared/form-validators';
import { ReferenceStore } from '../../shared/reference-store';
import { type CreateJobLimitDto, type JobLimitDto, JobLimitsApi } from './job-limits-api';
import { JobLimitsI18n } from './job-limits-i18n';

type Kind = JobLimitDto['kind'];

interface OccupationOption {
  readonly code: string;
  readonly label: string;
}

/** Code or prefix of the 2022 classification, as the server checks it. */
const PREFIX = /^[1-8](-\d{2}){0,3}$/;

/** One 从业限制 rule: the occupation (or a whole minor group), the kind of limit, the legal basis. */
@Component({
  selector: 'jbh-job-limit-form',
  imports: [
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
  ],
  templateUrl: './job-limit-form.html',
  styles: `
    .kind-choice {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .kind-choice label,
    .supervision label {
      min-height: 44px;
      display: flex;
      align-items: center;
      white-space: normal;
    }
    .years {
      max-width: 160px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobLimitForm implements OnInit {
  /** Set to edit that rule; absent to add one. */
  readonly rule = input<JobLimitDto | null>(null);
  readonly saved = output<JobLimitDto>();
  readonly cancelled = output();

  private readonly api = inject(JobLimitsApi);
  private readonly reference = inject(ReferenceStore);
  private readonly i18n = inject(JobLimitsI18n);
  protected readonly t = this.i18n.t;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly results = signal<OccupationOption[]>([]);
  protected readonly searching = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  private readonly current = signal<OccupationOption | null>(null);
  private readonly typed = new Subject<string>();

  protected readonly form = this.fb.group({
    occupationPrefix: ['', [required, Validators.pattern(PREFIX)]],
    kind: this.fb.control<Kind>('waiting_period'),
    waitingYears: this.fb.control<number | null>(3, [Validators.min(1), Validators.max(10)]),
    duringSupervision: this.fb.control(false),
    legalReference: ['', [required, Validators.minLength(4), Validators.maxLength(200)]],
    summaryZh: ['', [required, Validators.minLength(4), Validators.maxLength(500)]],
    summaryEn: ['', [required, Validators.minLength(4), Validators.maxLength(500)]],
  });

  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });

  /** The chosen occupation first (so the select still shows its name), then the last search's results. */
  protected readonly options = computed(() => {
    const current = this.current();
    const results = this.results();
    return current && !results.some((o) => o.code === current.code) ? [current, ...results] : results;
  });

  constructor() {
    this.typed
      .pipe(
        debounceTime(250),
        startWith(''),
        switchMap((q) => {
          this.searching.set(true);
          return this.reference.occupations(q.trim()).pipe(catchError(() => of({ items: [] as OccupationDto[] })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.searching.set(false);
        this.results.set(this.toOptions(page.items));
      });
    this.form.controls.occupationPrefix.valueChanges.pipe(takeUntilDestroyed()).subscribe((code) => this.picked(code));
  }

  ngOnInit(): void {
    const rule = this.rule();
    if (!rule) return;
    this.current.set({ code: rule.occupationPrefix, label: `${rule.occupationPrefix} ${rule.occupationName}` });
    this.form.patchValue({
      occupationPrefix: rule.occupationPrefix,
      kind: rule.kind,
      waitingYears: rule.waitingYears,
      duringSupervision: rule.duringSupervision,
      legalReference: rule.legalReference,
      summaryZh: rule.summaryZh,
      summaryEn: rule.summaryEn,
    });
  }

  /** Each minor group met in the results (a "whole group" choice), then the occupations themselves. */
  private toOptions(items: readonly OccupationDto[]): OccupationOption[] {
    const groups = new Map<string, OccupationOption>();
    for (const o of items) {
      if (o.minorCode && !groups.has(o.minorCode)) {
        groups.set(o.minorCode, { code: o.minorCode, label: this.t('jl.wholeGroup', { code: o.minorCode, name: o.minorName }) });
      }
    }
    return [...groups.values(), ...items.map((o) => ({ code: o.code, label: `${o.code} ${o.name}` }))];
  }

  protected search(q: string): void {
    this.typed.next(q);
  }

  private picked(code: string | null): void {
    const option = code ? this.results().find((o) => o.code === code) : undefined;
    if (option) this.current.set(option);
  }

  protected yearsInvalid(): boolean {
    const c = this.form.controls.waitingYears;
    const v = c.value;
    return this.kind() === 'waiting_period' && (v === null || !Number.isInteger(Number(v)) || c.invalid);
  }

  protected save(): void {
    if (this.form.invalid || this.yearsInvalid()) {
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity();
      }
      return;
    }
    const v = this.form.getRawValue();
    const barred = v.kind === 'barred';
    const body: CreateJobLimitDto = {
      occupationPrefix: v.occupationPrefix,
      kind: v.kind,
      waitingYears: barred ? null : Number(v.waitingYears),
      duringSupervision: barred ? false : v.duringSupervision,
      legalReference: v.legalReference.trim(),
      summaryZh: v.summaryZh.trim(),
      summaryEn: v.summaryEn.trim(),
    };
    const rule = this.rule();
    this.submitting.set(true);
    this.error.set(null);
    (rule ? this.api.update(rule.id, body) : this.api.create(body)).subscribe({
      next: (saved) => {
        this.submitting.set(false);
        this.saved.emit(saved);
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
}
