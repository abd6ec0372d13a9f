import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type Params, RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../../core/i18n/i18n';
import type { TranslationKey } from '../../core/i18n/zh';

/**
 * One thing to do today: a big number that opens the list it counts. Zero is calm (grey, ✓ all done);
 * anything else stands out (`urgent`: red, for what is already late). The whole card is the target.
 */
@Component({
  selector: 'jbh-today-card',
  imports: [RouterLink, NzIconModule],
  template: `
    <a
      class="today-card"
      [class.is-zero]="count() === 0"
      [class.is-urgent]="urgent() && count() > 0"
      [routerLink]="link()"
      [queryParams]="query()"
      [attr.data-testid]="testid()"
      [attr.data-count]="count()"
    >
      <span class="today-icon" aria-hidden="true"><nz-icon [nzType]="count() === 0 ? 'check-circle' : icon()" /></span>
      <span class="today-body">
        <span class="today-label">{{ label() }}</span>
        @if (count() === 0) {
          <span class="today-note today-done">✓ {{ t('home.today.allDone') }}</span>
        } @else if (hint()) {
          <span class="today-note">{{ hint() }}</span>
        }
      </span>
      <span class="today-count" data-testid="today-count">{{ count() }}</span>
      <nz-icon class="today-arrow" nzType="right" aria-hidden="true" />
    </a>
  `,
  styles: `
    :host {
      display: block;
    }
    .today-card {
      display: flex;
      align-items: center;
      gap: 12px;
      min-height: 96px;
      height: 100%;
      padding: 14px 16px;
      border: 1px solid #f0e2c8;
      border-left: 4px solid #d48806;
      border-radius: 10px;
      background: #fffbf2;
      color: rgba(0, 0, 0, 0.88);
      transition: box-shadow 0.15s;
    }
    .today-card:hover,
    .today-card:focus-visible {
      box-shadow: 0 2px 10px rgba(173, 104, 0, 0.2);
      color: rgba(0, 0, 0, 0.88);
    }
    .today-card.is-urgent {
      border-color: #ffccc7;
      border-left-color: #cf1322;
      background: #fff5f4;
    }
    .today-card.is-zero {
      border-color: #f0f0f0;
      border-left-color: #d9d9d9;
      background: #fff;
    }
    .today-icon {
      flex: none;
      font-size: 22px;
      color: #8a5300;
    }
    .is-urgent .today-icon {
      color: #cf1322;
    }
    .is-zero .today-icon {
      color: #52c41a;
    }
    .today-body {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .today-label {
      font-size: 16px;
      font-weight: 600;
      line-height: 1.35;
    }
    .today-note {
      font-size: 13px;
      color: rgba(0, 0, 0, 0.6);
    }
    .today-done {
      color: #237804;
    }
    .today-count {
      flex: none;
      font-size: 38px;
      font-weight: 700;
      line-height: 1;
      color: #ad4e00;
      font-variant-numeric: tabular-nums;
    }
    .is-urgent .today-count {
      color: #cf1322;
    }
    .is-zero .today-count {
      font-size: 28px;
      font-weight: 500;
      color: rgba(0, 0, 0, 0.35);
    }
    .today-arrow {
      flex: none;
      color: rgba(0, 0, 0, 0.35);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TodayCard {
  protected readonly t = inject(I18n).t;
  readonly label = input.required<string>();
  readonly count = input.required<number>();
  readonly link = input.required<string>();
  readonly params = input<Params | null>(null);
  readonly icon = input('right');
  readonly hint = input<string | null>(null);
  readonly urgent = input(false);
  readonly testid = input<string | null>(null);
  protected readonly query = computed(() => this.params() ?? undefined);
}

/** The cards' grid: one column on a phone, as many 300 px columns as fit on a desktop. */
export const TODAY_GRID_CSS = `
  .today-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
    gap: 12px;
    margin: 0 0 16px;
    padding: 0;
    list-style: none;
  }
  .today-section-title {
    margin: 8px 0 10px;
    font-size: 16px;
    font-weight: 600;
  }
`;

/** The cards' places while the counts load: the same heights, so nothing moves when they arrive. */
@Component({
  selector: 'jbh-today-skeleton',
  template: `
    <div class="today-grid" aria-busy="true" [attr.aria-label]="t('common.loading')" data-testid="today-loading">
      @for (i of slots(); track i) {
        <div class="today-slot"><span class="bar jbh-shimmer long"></span><span class="bar jbh-shimmer short"></span></div>
      }
    </div>
  `,
  // One string, not [TODAY_GRID_CSS, …]: two components of one file with a byte-identical inline
  // style make @angular/build 21.2 bundle that style twice at once and leak one esbuild context, so
  // `ng build` prints its summary and never exits (angular/angular-cli#33894). TodayGrid below
  // uses TODAY_GRID_CSS alone.
  styles:
    TODAY_GRID_CSS +
    `
      .today-slot {
        display: flex;
        flex-direction: column;
        justify-content: center;
        gap: 10px;
        min-height: 96px;
        padding: 14px 16px;
        border: 1px solid #f0f0f0;
        border-radius: 10px;
        background: #fff;
      }
      .bar {
        display: block;
        height: 14px;
        border-radius: 4px;
      }
      .long {
        width: 60%;
      }
      .short {
        width: 30%;
      }
    `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TodaySkeleton {
  protected readonly t = inject(I18n).t;
  readonly cards = input(4);
  protected readonly slots = computed(() => Array.from({ length: this.cards() }, (_, i) => i));
}

/** One card of a home's grid, as data: the homes list what they count, the grid draws it. */
export interface TodaySpec {
  label: TranslationKey;
  hint: TranslationKey;
  count: number;
  link: string;
  params?: Params;
  icon: string;
  /** Red when non-zero: what is already late. */
  urgent?: boolean;
  testid: string;
}

/** A home's cards in the responsive grid (one column on a phone). */
@Component({
  selector: 'jbh-today-grid',
  imports: [TodayCard],
  template: `
    <ul class="today-grid" [attr.data-testid]="testid()">
      @for (c of cards(); track c.testid) {
        <li>
          <jbh-today-card
            [label]="t(c.label)"
            [hint]="t(c.hint)"
            [count]="c.count"
            [link]="c.link"
            [params]="c.params ?? null"
            [icon]="c.icon"
            [urgent]="c.urgent ?? false"
            [testid]="c.testid"
          />
        </li>
      }
    </ul>
  `,
  styles: TODAY_GRID_CSS,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TodayGrid {
  protected readonly t = inject(I18n).t;
  readonly cards = input.required<TodaySpec[]>();
  readonly testid = input.required<string>();
}
