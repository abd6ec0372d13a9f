import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, catchError, debounceTime, forkJoin, of, startWith, switchMap } from 'rxjs';
import type { OrganisationDto } from '../../../core/api/api-types';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { required } from '../../../shared/form-validators';
import { LearningApi } from '../../learning-api';
import { LearningI18n } from '../../learning-i18n';
import { type CourseDto, type OccupationDto, SKILL_LEVELS } from '../../learning-types';

/** A skills course: an occupation of the 2022 classification, the target level, hours and provider. */
@Component({
  selector: 'jbh-course-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzButtonModule, NzAlertModule],
  templateUrl: './course-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseForm {
  readonly saved = output<CourseDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly level = this.i18n.level;
  protected readonly levels = SKILL_LEVELS;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly providers = signal<OrganisationDto[]>([]);
  protected readonly occupations = signal<OccupationDto[]>([]);
  protected readonly searching = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  private readonly occupationTyped = new Subject<string>();

  protected readonly form = this.fb.group({
    title: ['', [required, Validators.minLength(2), Validators.maxLength(80)]],
    occupationCode: ['', required],
    level: this.fb.control<number>(5, required),
    hours: this.fb.control<number>(120, [required, Validators.min(1), Validators.max(2000)]),
    providerId: ['', required],
    syllabus: ['', Validators.maxLength(5000)],
  });

  constructor() {
    forkJoin([this.api.organisations('training_provider'), this.api.organisations('school')]).subscribe({
      next: ([providers, schools]) => this.providers.set([...providers.items, ...schools.items]),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
    this.occupationTyped
      .pipe(
        debounceTime(300),
        startWith(''),
        switchMap((q) => {
          this.searching.set(true);
          return this.api.occupations(q.trim()).pipe(catchError(() => of({ items: [] as OccupationDto[] })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.searching.set(false);
        this.occupations.set(page.items);
      });
  }

  protected searchOccupations(q: string): void {
    this.occupationTyped.next(q);
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
    this.submitting.set(true);
    this.error.set(null);
    this.api
      .createCourse({
        title: v.title.trim(),
        occupationCode: v.occupationCode,
        level: Number(v.level),
        hours: Number(v.hours),
        providerId: v.providerId,
        ...(v.syllabus.trim() ? { syllabus: v.syllabus.trim() } : {}),
      })
      .subscribe({
        next: (c) => {
          this.submitting.set(false);
          this.saved.emit(c);
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
