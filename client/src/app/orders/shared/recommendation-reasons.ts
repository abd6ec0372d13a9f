import { ChangeDetectionStrategy, Component, Injectable, computed, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { I18n } from '../../core/i18n/i18n';
import { ReferenceStore } from '../../shared/reference-store';
import type { RecommendationReasonCode, RecommendationReasonDto } from '../orders-types';

/**
 * The fixed reasons a counsellor may give an employer (`GET /api/reference/recommendation-reasons`):
 * the only words of a recommendation an employer reads. Loaded once and shared.
 */
@Injectable({ providedIn: 'root' })
export class RecommendationReasons {
  private readonly reference = inject(ReferenceStore);
  private readonly i18n = inject(I18n);

  readonly list = this.reference.recommendationReasons;
  private readonly byCode = computed(() => new Map(this.list().map((r) => [r.code, r] as const)));

  load(): void {
    this.reference.load('recommendationReasons');
  }

  /** The reason in the current language. */
  readonly text = (reason: Pick<RecommendationReasonDto, 'zh' | 'en'>): string => (this.i18n.isEnglish() ? reason.en : reason.zh);

  /** A code's words in the current language (the code itself until the list has loaded). */
  readonly label = (code: string): string => {
    const reason = this.byCode().get(code as RecommendationReasonCode);
    return reason ? this.text(reason) : code;
  };
}

let instances = 0;

/** Checkboxes of the fixed reasons; `value` is the ticked codes in list order. */
@Component({
  selector: 'jbh-reason-checkboxes',
  imports: [FormsModule, NzCheckboxModule],
  template: `
    <div class="reasons" role="group" [attr.aria-label]="ariaLabel()" data-testid="recommend-reasons">
      @for (r of reasons.list(); track r.code) {
        <label
          nz-checkbox
          [nzId]="idPrefix + r.code"
          [attr.for]="idPrefix + r.code"
          [ngModel]="value().includes(r.code)"
          (ngModelChange)="toggle(r.code, $event)"
          [attr.data-reason]="r.code"
          data-testid="recommend-reason"
          >{{ reasons.text(r) }}</label
        >
      }
    </div>
  `,
  styles: `
    .reasons {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 4px 12px;
    }
    .reasons label {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonCheckboxes {
  readonly value = model<RecommendationReasonCode[]>([]);
  readonly ariaLabel = input('');
  protected readonly reasons = inject(RecommendationReasons);
  protected readonly idPrefix = `reason-${++instances}-`;

  constructor() {
    this.reasons.load();
  }

  protected toggle(code: RecommendationReasonCode, on: boolean): void {
    const ticked = new Set(this.value());
    if (on) ticked.add(code);
    else ticked.delete(code);
    this.value.set(
      this.reasons
        .list()
        .map((r) => r.code)
        .filter((c) => ticked.has(c)),
    );
  }
}
