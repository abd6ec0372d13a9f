import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { LearningI18n } from '../learning-i18n';
import type { GraduationAuditDto } from '../learning-types';

/**
 * A graduation audit in plain words: credits earned against those required, each unit passed or
 * not yet, and what is still missing. `trainee` speaks to the learner ("you"), `staff` about them.
 */
@Component({
  selector: 'jbh-audit-view',
  imports: [NzIconModule],
  template: `
    <div class="audit" data-testid="audit-view">
      <p class="audit-credits">
        <span class="audit-earned" data-testid="audit-credits">{{
          t('audit.credits', { earned: audit().earnedCredits, required: audit().requiredCredits })
        }}</span>
      </p>
      <div
        class="audit-bar"
        role="progressbar"
        [attr.aria-valuenow]="audit().earnedCredits"
        aria-valuemin="0"
        [attr.aria-valuemax]="audit().requiredCredits"
        [attr.aria-label]="t('audit.progress')"
      >
        <div class="audit-bar-fill" [class.done]="audit().eligible" [style.width.%]="percent()"></div>
      </div>
      <p class="audit-verdict" [class.hint-success]="audit().eligible" [hidden]="graduated()" data-testid="audit-verdict">
        @if (audit().eligible) {
          {{ t(audience() === 'trainee' ? 'audit.eligibleYou' : 'audit.eligible') }}
        } @else {
          {{ t('audit.short', { n: audit().requiredCredits - audit().earnedCredits }) }}
        }
      </p>
      @if (audit().missing.length > 0) {
        <p class="audit-missing" data-testid="audit-missing">
          {{ t(audience() === 'trainee' ? 'audit.missingYou' : 'audit.missing', { units: missingList() }) }}
        </p>
      }
      @if (audit().attendanceRate !== null) {
        <p class="audit-attendance" data-testid="audit-attendance">{{ t('audit.attendance', { rate: audit().attendanceRate ?? 0 }) }}</p>
      }
      <ul class="audit-units">
        @for (u of audit().units; track u.unitId) {
          <li [class.passed]="u.passed" [attr.data-unit]="u.name">
            <nz-icon [nzType]="u.passed ? 'check-circle' : u.score === null ? 'clock-circle' : 'close-circle'" class="audit-icon" />
            <span class="audit-unit">{{ u.name }}</span>
            <span class="audit-unit-credits">{{ t('audit.unitCredits', { n: u.credits }) }}</span>
            <span class="audit-score">
              @if (u.score === null) {
                {{ t('audit.noScore') }}
              } @else if (u.passed) {
                {{ t('audit.score', { score: u.score }) }}
              } @else {
                {{ t('audit.failedScore', { score: u.score }) }}
              }
            </span>
          </li>
        }
      </ul>
    </div>
  `,
  styles: `
    .audit-credits {
      margin: 0 0 6px;
    }
    .audit-earned {
      font-size: 20px;
      font-weight: 600;
      color: #8a5300;
    }
    .audit-bar {
      height: 10px;
      border-radius: 5px;
      background: #f0f0f0;
      overflow: hidden;
    }
    .audit-bar-fill {
      height: 100%;
      border-radius: 5px;
      background: #d48806;
    }
    .audit-bar-fill.done {
      background: #389e0d;
    }
    .audit-verdict,
    .audit-missing,
    .audit-attendance {
      margin: 8px 0 0;
    }
    .audit-missing {
      padding: 8px 10px;
      border-radius: 6px;
      background: #fff7e6;
      color: #873800;
    }
    .audit-units {
      margin: 12px 0 0;
      padding: 0;
      list-style: none;
    }
    .audit-units li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      padding: 8px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .audit-icon {
      color: #bfbfbf;
      font-size: 16px;
    }
    .passed .audit-icon {
      color: #237804;
    }
    .audit-unit {
      flex: 1;
      min-width: 8em;
    }
    .audit-unit-credits,
    .audit-score {
      color: rgba(0, 0, 0, 0.55);
      white-space: nowrap;
    }
    .passed .audit-score {
      color: #237804;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditView {
  readonly audit = input.required<GraduationAuditDto>();
  readonly audience = input<'trainee' | 'staff'>('staff');
  /** Already graduated: the verdict ("can graduate") has nothing left to say. */
  readonly graduated = input(false);

  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly percent = computed(() => {
    const a = this.audit();
    return a.requiredCredits > 0 ? Math.min(100, Math.round((a.earnedCredits / a.requiredCredits) * 100)) : 0;
  });
  protected readonly missingList = computed(() => this.audit().missing.join(this.i18n.isEnglish() ? ', ' : '、'));
}
