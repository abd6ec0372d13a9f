import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { OrganisationDto } from '../../../core/api/api-types';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { required } from '../../../shared/form-validators';
import { LearningApi } from '../../learning-api';
import { LearningI18n } from '../../learning-i18n';
import type { ProgrammeDto } from '../../learning-types';

/** A 中专 programme of the partner school, with its units; their credits must reach the requirement. */
@Component({
  selector: 'jbh-programme-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzButtonModule, NzIconModule, NzAlertModule],
  templateUrl: './programme-form.html',
  styles: `
    .unit-row {
      display: flex;
      align-items: flex-start;
      gap: 8px;
    }
    .unit-name {
      flex: 1;
      margin-bottom: 8px;
    }
    .unit-credits {
      width: 88px;
      margin-bottom: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgrammeForm {
  readonly saved = output<ProgrammeDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly schools = signal<OrganisationDto[]>([]);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly form = this.fb.group({
    name: ['', [required, Validators.minLength(2), Validators.maxLength(60)]],
    schoolId: ['', required],
    requiredCredits: this.fb.control<number>(40, [required, Validators.min(1), Validators.max(300)]),
    description: ['', Validators.maxLength(1000)],
    units: this.fb.array([this.unit(), this.unit()]),
  });
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly unitCredits = computed(() => (this.value().units ?? []).reduce((a, u) => a + (Number(u.credits) || 0), 0));

  constructor() {
    this.api.organisations('school').subscribe({ next: (page) => this.schools.set(page.items), error: () => undefined });
  }

  private unit() {
    return this.fb.group({
      name: ['', [required, Validators.maxLength(60)]],
      credits: this.fb.control<number>(4, [required, Validators.min(1), Validators.max(30)]),
    });
  }

  protected addUnit(): void {
    this.form.controls.units.push(this.unit());
  }

  protected removeUnit(index: number): void {
    if (this.form.controls.units.length > 1) this.form.controls.units.removeAt(index);
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity();
      }
      for (const g of this.form.controls.units.controls)
        for (const c of Object.values(g.controls)) {
          c.markAsDirty();
          c.updateValueAndValidity();
        }
      return;
    }
    const v = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.api
      .createProgramme({
        name: v.name.trim(),
        schoolId: v.schoolId,
        requiredCredits: Number(v.requiredCredits),
        ...(v.description.trim() ? { description: v.description.trim() } : {}),
        units: v.units.map((u) => ({ name: u.name.trim(), credits: Number(u.credits) })),
      })
      .subscribe({
        next: (p) => {
          this.submitting.set(false);
          this.saved.emit(p);
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
