import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18n } from '../core/i18n/i18n';

/** What a skeleton row stands in for: a table's rows, or the cards a phone (or a card list) shows. */
export type ListSkeletonVariant = 'table' | 'cards';

/** Bar widths (per cent of their cell) that vary from row to row, so the skeleton reads as rows of text. */
const TABLE_WIDTHS: readonly (readonly number[])[] = [
  [62, 78, 48, 36],
  [48, 64, 56, 44],
  [70, 58, 40, 30],
  [54, 72, 52, 40],
];
const CARD_WIDTHS: readonly (readonly number[])[] = [
  [42, 78, 56],
  [36, 70, 48],
  [48, 84, 40],
];

/**
 * A list's first load: shimmering bars in the shape of the rows to come (the look of the home's
 * TodaySkeleton), shown while there is no data yet. Reloads keep the data they have (see `loadInto`),
 * so this is never shown over rows. `table` draws a header and `rows` table rows (`size` as the
 * table's `nzSize`, so the rows are as tall as the real ones); `cards` draws `rows` cards.
 */
@Component({
  selector: 'jbh-list-skeleton',
  template: `
    <div
      class="list-skeleton"
      [class.is-table]="variant() === 'table'"
      [class.is-cards]="variant() === 'cards'"
      [class.is-small]="size() === 'small'"
      role="status"
      aria-busy="true"
      [attr.aria-label]="t('common.loading')"
      [attr.data-variant]="variant()"
      data-testid="list-loading"
    >
      <span class="visually-hidden">{{ t('common.loading') }}</span>
      @if (variant() === 'table') {
        <div class="sk-head" aria-hidden="true">
          @for (w of headWidths; track $index) {
            <span class="sk-cell"><span class="bar head" [style.width.%]="w"></span></span>
          }
        </div>
        @for (widths of slots(); track $index) {
          <div class="sk-row" aria-hidden="true" data-testid="list-loading-row">
            @for (w of widths; track $index) {
              <span class="sk-cell"><span class="bar jbh-shimmer" [style.width.%]="w"></span></span>
            }
          </div>
        }
      } @else {
        @for (widths of slots(); track $index) {
          <div class="sk-card" aria-hidden="true" data-testid="list-loading-row">
            <span class="bar jbh-shimmer title" [style.width.%]="widths[0]"></span>
            <span class="bar jbh-shimmer" [style.width.%]="widths[1]"></span>
            <span class="bar jbh-shimmer short" [style.width.%]="widths[2]"></span>
          </div>
        }
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .list-skeleton.is-table {
      overflow: hidden;
      background: #fff;
      border-radius: 8px;
    }
    .list-skeleton.is-cards {
      display: grid;
      gap: 8px;
    }
    .sk-head,
    .sk-row {
      display: grid;
      grid-template-columns: 3fr 4fr 3fr 2fr;
      align-items: center;
      border-bottom: 1px solid #f0f0f0;
    }
    /*
     * As tall as the real ones (measured): an nz-table "middle" header is 47px and its rows, with a
     * tag in them, 49px; nzSize="small" (the dense tables) 39px and 43px.
     */
    .sk-head {
      height: 47px;
    }
    .sk-row {
      height: 49px;
    }
    .is-small .sk-head {
      height: 39px;
    }
    .is-small .sk-row {
      height: 43px;
    }
    .sk-head {
      background: #fafafa;
    }
    .sk-cell {
      padding: 0 8px;
    }
    .sk-card {
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 8px;
      min-height: 76px;
      padding: 12px 14px;
      border: 1px solid #f0f0f0;
      border-radius: 10px;
      background: #fff;
    }
    .bar {
      display: block;
      height: 12px;
      border-radius: 4px;
    }
    .bar.head {
      height: 10px;
      background: #ebebeb;
      animation: none;
    }
    .bar.title {
      height: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListSkeleton {
  protected readonly t = inject(I18n).t;
  /** How many rows (or cards) to draw. */
  readonly rows = input(5);
  readonly variant = input<ListSkeletonVariant>('table');
  /** The table's `nzSize` (`small`: the dense tables), so the skeleton's rows are as tall as the real ones. */
  readonly size = input<'small' | 'middle'>('middle');
  protected readonly headWidths = [40, 36, 44, 50];
  protected readonly slots = computed(() => {
    const widths = this.variant() === 'table' ? TABLE_WIDTHS : CARD_WIDTHS;
    return Array.from({ length: Math.max(0, Math.floor(this.rows())) }, (_, i) => widths[i % widths.length]!);
  });
}
