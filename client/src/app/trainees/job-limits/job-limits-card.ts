import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ApiClient } from '../../core/api/generated/api-client';
import { traineeJobLimitsControllerForTrainee } from '../../core/api/generated/fn/job-limits/trainee-job-limits-controller-for-trainee';
import type { TraineeJobLimitDto } from '../../core/api/generated/models/trainee-job-limit-dto';
import { AuthStore } from '../../core/auth/auth-store';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import { TraineeFileStore } from '../file/trainee-file-store';
import { TraineeJobLimitsI18n } from './job-limits-i18n';

/**
 * The legal job limits on this person, for the counsellor holding the file only: nothing when no rule
 * limits them, and nothing for other readers (who are not asked about it).
 */
@Component({
  selector: 'jbh-job-limits-card',
  imports: [NzTagModule],
  template: `
    @if (limits().length > 0) {
      <section class="limits" aria-labelledby="tjl-title" data-testid="job-limits-card">
        <h3 id="tjl-title" class="limits-title">{{ t('tjl.title') }}</h3>
        <p class="muted small limits-note">{{ t('tjl.note') }}</p>
        <ul class="limits-list">
          @for (l of limits(); track l.ruleId) {
            <li class="limit" data-testid="job-limit">
              <div class="limit-line">
                <strong class="limit-name">{{ l.occupationName }}</strong>
                @if (l.from) {
                  <nz-tag nzColor="orange" data-testid="job-limit-from">{{ t('tjl.from', { month: l.from.slice(0, 7) }) }}</nz-tag>
                } @else {
                  <nz-tag nzColor="red" data-testid="job-limit-barred">{{ t('tjl.barred') }}</nz-tag>
                }
                @if (l.whileSupervised) {
                  <nz-tag nzColor="gold" data-testid="job-limit-supervised">{{ t('tjl.whileSupervised') }}</nz-tag>
                }
              </div>
              <div class="muted small limit-ref">{{ t('tjl.reference', { ref: l.legalReference }) }}</div>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .limits {
      border: 1px solid #ffd591;
      background: #fffbf0;
      border-radius: 8px;
      padding: 12px 16px;
      margin-bottom: 16px;
    }
    .limits-title {
      margin: 0 0 4px;
      font-size: 16px;
      font-weight: 600;
    }
    .limits-note {
      margin: 0 0 8px;
    }
    .limits-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .limit-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .limit-line nz-tag {
      margin: 0;
    }
    .limit-name,
    .limit-ref {
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobLimitsCard {
  readonly traineeId = input.required<string>();

  private readonly api = inject(ApiClient);
  protected readonly t = inject(TraineeJobLimitsI18n).t;
  protected readonly limits = signal<TraineeJobLimitDto[]>([]);
  private readonly file = inject(TraineeFileStore, { optional: true });
  private readonly auth = inject(AuthStore);
  /** Only the counsellor holding the file may ask (anyone else would be refused: do not ask). */
  private readonly mayAsk = computed(() => (this.file ? this.file.editable() : this.auth.role() === 'counsellor'));

  constructor() {
    effect((onCleanup) => {
      const id = this.traineeId();
      this.limits.set([]);
      if (!this.mayAsk()) return;
      const sub = this.api
        .invoke(traineeJobLimitsControllerForTrainee, { id }, new HttpContext().set(SILENT_ERRORS, true))
        .subscribe({ next: (limits) => this.limits.set(limits), error: () => this.limits.set([]) });
      onCleanup(() => sub.unsubscribe());
    });
  }
}
