import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassEnrolmentDto } from '../learning-types';

/** Leaving a class needs a reason (it goes on the record); the freed seat passes to the waitlist. */
@Component({
  selector: 'jbh-withdraw-form',
  imports: [FormsModule, NzButtonModule, NzInputModule, NzAlertModule],
  template: `
    <form (ngSubmit)="submit()" novalidate data-testid="withdraw-form">
      <p>{{ t('withdraw.confirm', { name: enrolment().traineeName, klass: enrolment().className }) }}</p>
      <label class="reason-label" for="withdraw-reason">{{ t('withdraw.reason') }}</label>
      <textarea
        nz-input
        id="withdraw-reason"
        name="reason"
        rows="2"
        maxlength="500"
        [ngModel]="reason()"
        (ngModelChange)="reason.set($event)"
        [attr.aria-invalid]="reasonMissing()"
      ></textarea>
      @if (reasonMissing()) {
        <p class="hint-warning small" role="alert">{{ t('validation.reason') }}</p>
      }
      @if (error(); as err) {
        <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" />
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" nzDanger type="submit" [nzLoading]="submitting()" data-testid="withdraw-submit">
          {{ t('withdraw.submit') }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .reason-label {
      display: block;
      margin-bottom: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WithdrawForm {
  readonly enrolment = input.required<ClassEnrolmentDto>();
  readonly withdrawn = output<ClassEnrolmentDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly reason = signal('');
  private readonly touched = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly reasonMissing = computed(() => this.touched() && this.reason().trim().length < 2);

  protected submit(): void {
    this.touched.set(true);
    if (this.reasonMissing()) return;
    this.submitting.set(true);
    this.error.set(null);
    this.api.withdrawFromClass(this.enrolment().id, this.reason().trim()).subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.withdrawn.emit(result);
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
