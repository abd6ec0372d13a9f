import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassDto, ClassEnrolmentDto } from '../learning-types';

/** Released mid-programme: study continues in a community or distance class of the same programme. */
@Component({
  selector: 'jbh-transfer-form',
  imports: [FormsModule, NzButtonModule, NzSelectModule, NzAlertModule],
  template: `
    <form (ngSubmit)="submit()" novalidate data-testid="transfer-form">
      <p>{{ t('transfer.intro', { name: enrolment().traineeName }) }}</p>
      <label class="field-label" for="transfer-class">{{ t('transfer.to') }}</label>
      <nz-select
        nzId="transfer-class"
        class="field"
        [ngModel]="toClassId()"
        (ngModelChange)="toClassId.set($event)"
        [nzPlaceHolder]="t('validation.choose')"
        [nzNotFoundContent]="t('transfer.none')"
      >
        @for (c of targets(); track c.id) {
          <nz-option [nzValue]="c.id" [nzLabel]="c.name + ' · ' + t(modeKey(c))" />
        }
      </nz-select>
      @if (error(); as err) {
        <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" />
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [disabled]="!toClassId()" [nzLoading]="submitting()">
          {{ t('transfer.submit') }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .field-label {
      display: block;
      margin-bottom: 4px;
    }
    .field {
      width: 100%;
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferForm {
  readonly enrolment = input.required<ClassEnrolmentDto>();
  /** Every class the caller can see; the form offers those of the same programme. */
  readonly classes = input.required<readonly ClassDto[]>();
  readonly programmeId = input.required<string>();
  readonly transferred = output<ClassEnrolmentDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly toClassId = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly targets = computed(() =>
    this.classes().filter((c) => c.programmeId === this.programmeId() && c.id !== this.enrolment().classId && c.mode !== 'in_facility'),
  );

  protected modeKey(c: ClassDto) {
    return `classMode.${c.mode}` as const;
  }

  protected submit(): void {
    const to = this.toClassId();
    if (!to) return;
    this.submitting.set(true);
    this.error.set(null);
    this.api.transfer(this.enrolment().id, to).subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.transferred.emit(result);
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
