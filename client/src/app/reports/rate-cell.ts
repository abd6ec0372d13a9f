import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzPopoverModule } from 'ng-zorro-antd/popover';
import { percentText } from './report-charts';
import { ReportsI18n } from './reports-i18n';
import type { RateDto } from './reports-types';
import { withheldReason } from './withheld';

/**
 * A share in a report table: "57.1%" with "4 / 7" under it, or "—" where it is withheld, with the reason
 * on hover or focus (and read out by screen readers) and the head count it is over, when there is one.
 */
@Component({
  selector: 'jbh-rate',
  imports: [NzPopoverModule],
  template: `
    @if (reason(); as why) {
      <span
        class="rate withheld"
        tabindex="0"
        role="note"
        nz-popover
        nzPopoverTrigger="hover"
        [nzPopoverContent]="explanation()"
        [attr.aria-label]="explanation()"
        data-testid="withheld"
        >—</span
      >
      @if (counts() && (why === 'few' || why === 'protected')) {
        <span class="counts">n={{ rate().denominator }}</span>
      }
    } @else {
      <span class="rate">{{ text() }}</span>
      @if (counts() && rate().numerator !== null) {
        <span class="counts">{{ rate().numerator }} / {{ rate().denominator }}</span>
      }
    }
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .rate {
      font-weight: 600;
    }
    .withheld {
      cursor: help;
      border-bottom: 1px dotted currentColor;
    }
    .withheld:focus-visible {
      outline: 2px solid #8a5300;
      outline-offset: 2px;
    }
    .counts {
      display: block;
      font-size: 12px;
      font-weight: 400;
      color: rgba(0, 0, 0, 0.6);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RateCell {
  private readonly i18n = inject(ReportsI18n);
  readonly rate = input.required<RateDto>();
  /** The report's small-cell threshold k. */
  readonly minCell = input.required<number>();
  /** "4 / 7" (or "n=7") under the rate. */
  readonly counts = input(true);

  protected readonly reason = computed(() => withheldReason(this.rate(), this.minCell()));
  protected readonly text = computed(() => percentText(this.rate()));
  protected readonly explanation = computed(() => {
    const why = this.reason();
    if (!why) return '';
    const until = this.rate().pendingUntil;
    return this.i18n.t(`withheld.${why}`, { n: this.minCell(), date: until ? this.i18n.date(until) : '' });
  });
}
