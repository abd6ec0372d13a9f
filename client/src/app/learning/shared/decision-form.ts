import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassEnrolmentDto, Decision } from '../learning-types';
import { classStateColor } from './learning-labels';

/**
 * The school's answer to an application: approve (takes a seat), waitlist, or reject with a reason
 * the trainee will read. A full class answers CLASS_FULL with its own advice, shown as is.
 */
@Component({
  selector: 'jbh-decision-form',
  imports: [FormsModule, NzButtonModule, NzInputModule, NzAlertModule, NzTagModule],
  template: `
    <form (ngSubmit)="submit()" novalidate data-testid="decision-form">
      <p class="facts">
        <strong>{{ enrolment().traineeName }}</strong>
        <nz-tag [nzColor]="stateColor(enrolment().state)">{{ stateLabel() }}</nz-tag>
        <span class="muted small">{{ t('decision.appliedAt', { date: dateTime(enrolment().appliedAt) }) }}</span>
      </p>
      <div class="choices" role="group" [attr.aria-label]="t('decision.title')">
        @for (choice of choices(); track choice) {
          <button
            nz-button
            type="button"
            [nzType]="decision() === choice ? 'primary' : 'default'"
            [nzDanger]="choice === 'reject' && decision() === choice"
            [attr.aria-pressed]="decision() === choice"
            (click)="choose(choice)"
            [attr.data-testid]="'decision-' + choice"
          >
            {{ choiceLabel(choice) }}
          </button>
        }
      </div>
      <label class="reason-label" for="decision-reason">
        {{ t(decision() === 'reject' ? 'decision.reasonRequired' : 'decision.reasonOptional') }}
      </label>
      <textarea
        nz-input
        id="decision-reason"
        name="reason"
        rows="2"
        maxlength="500"
        [ngModel]="reason()"
        (ngModelChange)="reason.set($event)"
        [attr.aria-invalid]="reasonMissing()"
      ></textarea>
      <p class="muted small">{{ t('decision.reasonHelp') }}</p>
      @if (reasonMissing()) {
        <p class="hint-warning small" role="alert">{{ t('validation.reason') }}</p>
      }
      @if (error(); as err) {
        <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" data-testid="decision-error" />
        @if (err.code === 'CLASS_FULL' && enrolment().state === 'applied') {
          <p>
            <button nz-button type="button" (click)="waitlistInstead()" data-testid="decision-waitlist-instead">
              {{ t('decision.waitlistInstead') }}
            </button>
          </p>
        }
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [nzLoading]="submitting()" data-testid="decision-submit">
          {{ t('common.confirm') }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .facts {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .choices {
      display: flex;
      gap: 8px;
      margin-bottom: 12px;
    }
    .choices button {
      flex: 1;
    }
    .reason-label {
      display: block;
      margin-bottom: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionForm {
  readonly enrolment = input.required<ClassEnrolmentDto>();
  readonly decided = output<ClassEnrolmentDto>();
  readonly cancelled = output();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly stateColor = classStateColor;

  protected readonly decision = signal<Decision>('approve');
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  /** A waitlisted application can be approved or rejected, not waitlisted again. */
  protected readonly choices = computed<Decision[]>(() =>
    this.enrolment().state === 'applied' ? ['approve', 'waitlist', 'reject'] : ['approve', 'reject'],
  );
  protected readonly reasonMissing = computed(() => this.touched() && this.decision() === 'reject' && this.reason().trim().length < 2);

  protected readonly stateLabel = computed(() => this.t(`classState.${this.enrolment().state}`));

  protected choiceLabel(choice: Decision): string {
    return this.t(`decision.${choice}`);
  }

  protected choose(decision: Decision): void {
    this.decision.set(decision);
    this.error.set(null);
  }

  protected waitlistInstead(): void {
    this.choose('waitlist');
    this.submit();
  }

  protected submit(): void {
    this.touched.set(true);
    if (this.reasonMissing()) return;
    const reason = this.reason().trim();
    this.submitting.set(true);
    this.error.set(null);
    this.api.decide(this.enrolment().id, { decision: this.decision(), ...(reason.length >= 2 ? { reason } : {}) }).subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.decided.emit(result);
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
