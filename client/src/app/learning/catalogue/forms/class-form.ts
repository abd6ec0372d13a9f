import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { forkJoin } from 'rxjs';
import type { OrganisationDto, UserDto } from '../../../core/api/api-types';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { required } from '../../../shared/form-validators';
import { LearningApi } from '../../learning-api';
import { LearningI18n } from '../../learning-i18n';
import { CLASS_MODES, type ClassDto, type ClassMode, type CreateClassDto, type ProgrammeDto } from '../../learning-types';

function endsAfterStart(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { startsOn?: string; endsOn?: string };
  return v.startsOn && v.endsOn && v.endsOn < v.startsOn ? { endsBeforeStart: true } : null;
}

/** A class of a programme: where it is taught (a facility, a station or school, or at a distance), seats, head teacher, term. */
@Component({
  selector: 'jbh-class-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzButtonModule, NzAlertModule],
  templateUrl: './class-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClassForm {
  readonly saved = output<ClassDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly modes = CLASS_MODES;
  protected readonly programmes = signal<ProgrammeDto[]>([]);
  protected readonly instructors = signal<UserDto[]>([]);
  private readonly venues = signal<Record<'facility' | 'community_station' | 'school', OrganisationDto[]>>({
    facility: [],
    community_station: [],
    school: [],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  private readonly year = new Date().getFullYear();
  protected readonly form = this.fb.group(
    {
      programmeId: ['', required],
      name: ['', [required, Validators.minLength(2), Validators.maxLength(60)]],
      cohortYear: this.fb.control<number>(this.year, [required, Validators.min(2000), Validators.max(2100)]),
      mode: this.fb.control<ClassMode>('in_facility', required),
      venueOrganisationId: [''],
      capacity: this.fb.control<number>(30, [required, Validators.min(1), Validators.max(500)]),
      headTeacherId: [''],
      startsOn: ['', required],
      endsOn: ['', required],
    },
    { validators: endsAfterStart },
  );
  private readonly mode = toSignal(this.form.controls.mode.valueChanges, { initialValue: this.form.controls.mode.value });
  /** In a facility: facilities; in the community: stations and the school; at a distance: none. */
  protected readonly venueOptions = computed(() => {
    const v = this.venues();
    switch (this.mode()) {
      case 'in_facility':
        return v.facility;
      case 'community':
        return [...v.community_station, ...v.school];
      case 'distance':
        return [];
    }
  });

  constructor() {
    forkJoin({
      programmes: this.api.allProgrammes(),
      instructors: this.api.instructors(),
      facility: this.api.organisations('facility'),
      community_station: this.api.organisations('community_station'),
      school: this.api.organisations('school'),
    }).subscribe({
      next: (r) => {
        this.programmes.set(r.programmes);
        this.instructors.set(r.instructors.items);
        this.venues.set({ facility: r.facility.items, community_station: r.community_station.items, school: r.school.items });
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
    const venue = this.form.controls.venueOrganisationId;
    // A distance class has no venue: the control is off (and not required) then.
    venue.addValidators(required);
    this.form.controls.mode.valueChanges.subscribe((mode) => {
      venue.setValue('');
      if (mode === 'distance') venue.disable();
      else venue.enable();
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
    const dto: CreateClassDto = {
      programmeId: v.programmeId,
      name: v.name.trim(),
      cohortYear: Number(v.cohortYear),
      mode: v.mode,
      capacity: Number(v.capacity),
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      ...(v.mode !== 'distance' && v.venueOrganisationId ? { venueOrganisationId: v.venueOrganisationId } : {}),
      ...(v.headTeacherId ? { headTeacherId: v.headTeacherId } : {}),
    };
    this.submitting.set(true);
    this.error.set(null);
    this.api.createClass(dto).subscribe({
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
