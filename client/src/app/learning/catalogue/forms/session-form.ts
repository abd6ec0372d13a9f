import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { forkJoin } from 'rxjs';
import type { OrganisationDto, UserDto } from '../../../core/api/api-types';
import type { components } from '../../../core/api/generated/api';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { required } from '../../../shared/form-validators';
import { LearningApi } from '../../learning-api';
import { LearningI18n } from '../../learning-i18n';
import type { CourseSessionDto, CreateSessionDto } from '../../learning-types';

function endsAfterStart(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { startsOn?: string; endsOn?: string };
  return v.startsOn && v.endsOn && v.endsOn < v.startsOn ? { endsBeforeStart: true } : null;
}

/** A session of a course: dates, where (optional), seats, the instructor and the pass mark. */
@Component({
  selector: 'jbh-session-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzButtonModule, NzAlertModule],
  templateUrl: './session-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionForm {
  readonly courseId = input.required<string>();
  readonly saved = output<CourseSessionDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly venues = signal<OrganisationDto[]>([]);
  protected readonly instructors = signal<UserDto[]>([]);
  protected readonly orders = signal<components['schemas']['OrderDto'][]>([]);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly form = this.fb.group(
    {
      startsOn: ['', required],
      endsOn: ['', required],
      venueOrganisationId: [''],
      capacity: this.fb.control<number>(30, [required, Validators.min(1), Validators.max(500)]),
      instructorId: [''],
      orderId: [''],
      passMark: this.fb.control<number>(60, [required, Validators.min(0), Validators.max(100)]),
    },
    { validators: endsAfterStart },
  );

  constructor() {
    forkJoin([
      this.api.organisations('facility'),
      this.api.organisations('community_station'),
      this.api.organisations('school'),
      this.api.instructors(),
      this.api.recruitingOrders(),
    ]).subscribe({
      next: ([facilities, stations, schools, instructors, orders]) => {
        this.venues.set([...facilities.items, ...stations.items, ...schools.items]);
        this.instructors.set(instructors.items);
        this.orders.set(orders.items);
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
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
    const dto: CreateSessionDto = {
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      capacity: Number(v.capacity),
      passMark: Number(v.passMark),
      ...(v.venueOrganisationId ? { venueOrganisationId: v.venueOrganisationId } : {}),
      ...(v.instructorId ? { instructorId: v.instructorId } : {}),
      ...(v.orderId ? { orderId: v.orderId } : {}),
    };
    this.submitting.set(true);
    this.error.set(null);
    this.api.createSession(this.courseId(), dto).subscribe({
      next: (s) => {
        this.submitting.set(false);
        this.saved.emit(s);
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
