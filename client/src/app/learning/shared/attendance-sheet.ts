import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { Observable } from 'rxjs';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassAttendanceDto } from '../learning-types';
import { today } from './learning-labels';

export interface AttendancePerson {
  readonly enrolmentId: string;
  readonly name: string;
}

/**
 * Attendance for one meeting day: everyone starts as present, the teacher unticks who is missing and
 * saves. Saving the same day again corrects it. A class or a course session.
 */
@Component({
  selector: 'jbh-attendance-sheet',
  imports: [FormsModule, NzButtonModule, NzCheckboxModule, NzInputModule, NzAlertModule],
  template: `
    <div class="sheet-bar">
      <label class="date-filter">
        {{ t('attendance.date') }}
        <input
          nz-input
          type="date"
          [max]="maxDate"
          [ngModel]="meetingOn()"
          (ngModelChange)="pickDate($event)"
          data-testid="attendance-date"
        />
      </label>
      <button nz-button nzSize="small" type="button" (click)="markAll(true)">{{ t('attendance.allPresent') }}</button>
      <span class="muted">{{ t('attendance.count', { present: presentCount(), absent: people().length - presentCount() }) }}</span>
    </div>
    <ul class="check-list" data-testid="attendance-list">
      @for (p of people(); track p.enrolmentId) {
        <li [class.absent]="!isPresent(p.enrolmentId)">
          <label
            nz-checkbox
            [nzId]="'attendance-' + p.enrolmentId"
            [for]="'attendance-' + p.enrolmentId"
            [ngModel]="isPresent(p.enrolmentId)"
            (ngModelChange)="mark(p.enrolmentId, $event)"
            data-testid="attendance-person"
          >
            {{ p.name }}
          </label>
        </li>
      }
    </ul>
    @if (error(); as err) {
      <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" />
    }
    @if (savedFor(); as day) {
      <p class="hint-success" role="status" data-testid="attendance-saved">{{ t('attendance.saved', { date: date(day) }) }}</p>
    }
    <button
      nz-button
      nzType="primary"
      type="button"
      [disabled]="people().length === 0 || !meetingOn()"
      [nzLoading]="saving()"
      (click)="save()"
      data-testid="attendance-save"
    >
      {{ t('attendance.save') }}
    </button>
  `,
  styleUrl: '../teaching/teaching.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendanceSheet {
  readonly kind = input.required<'class' | 'session'>();
  readonly targetId = input.required<string>();
  readonly people = input.required<readonly AttendancePerson[]>();
  readonly saved = output<string>();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly maxDate = today();

  protected readonly meetingOn = signal(today());
  /** Only those marked absent: everyone else is present. */
  private readonly absent = signal<ReadonlySet<string>>(new Set());
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly savedFor = signal<string | null>(null);
  protected readonly presentCount = computed(() => this.people().filter((p) => !this.absent().has(p.enrolmentId)).length);

  protected isPresent(enrolmentId: string): boolean {
    return !this.absent().has(enrolmentId);
  }

  protected mark(enrolmentId: string, present: boolean): void {
    this.absent.update((set) => {
      const next = new Set(set);
      if (present) next.delete(enrolmentId);
      else next.add(enrolmentId);
      return next;
    });
    this.savedFor.set(null);
  }

  protected markAll(present: boolean): void {
    this.absent.set(present ? new Set() : new Set(this.people().map((p) => p.enrolmentId)));
    this.savedFor.set(null);
  }

  protected pickDate(value: string): void {
    this.meetingOn.set(value);
    this.savedFor.set(null);
  }

  protected save(): void {
    const dto: ClassAttendanceDto = {
      meetingOn: this.meetingOn(),
      records: this.people().map((p) => ({ enrolmentId: p.enrolmentId, present: this.isPresent(p.enrolmentId) })),
    };
    const request: Observable<unknown> =
      this.kind() === 'class' ? this.api.classAttendance(this.targetId(), dto) : this.api.sessionAttendance(this.targetId(), dto);
    this.saving.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.saving.set(false);
        this.savedFor.set(dto.meetingOn);
        this.saved.emit(dto.meetingOn);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
