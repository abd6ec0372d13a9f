import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { ordersEn } from './orders-en';
import { type OrdersKey, ordersZh } from './orders-zh';

export type OrdersTextKey = OrdersKey | TranslationKey;

/**
 * The order and placement pages' words. They ship with those pages rather than in the start-up
 * dictionary: the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class OrdersI18n extends FeatureI18n<OrdersKey> {
  constructor() {
    super(ordersZh, ordersEn);
  }

  /** 五级（初级工）… 一级（高级技师）. */
  readonly level = (level: number): string => (level >= 1 && level <= 5 ? this.t(`level.${level as 1 | 2 | 3 | 4 | 5}`) : String(level));

  /** 4000–6000 元/月, or 面议. */
  readonly wage = (min: number | null, max: number | null): string => {
    if (min != null && max != null) return min === max ? this.t('wage.month', { wage: min }) : this.t('wage.range', { min, max });
    if (min != null) return this.t('wage.from', { min });
    if (max != null) return this.t('wage.upTo', { max });
    return this.t('wage.none');
  };
}
