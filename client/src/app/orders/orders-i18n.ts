import { Injectable, inject } from '@angular/core';
import { I18n, type TranslationParams } from '../core/i18n/i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { ordersEn } from './orders-en';
import { type OrdersKey, ordersZh } from './orders-zh';

export type OrdersTextKey = OrdersKey | TranslationKey;

function isOrdersKey(key: OrdersTextKey): key is OrdersKey {
  return Object.hasOwn(ordersZh, key);
}

function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The order and placement pages' words. They ship with those pages rather than in the start-up
 * dictionary: the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class OrdersI18n {
  private readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly date = this.i18n.date;
  readonly dateTime = this.i18n.dateTime;
  readonly pick = this.i18n.pick;
  readonly errorMessage = this.i18n.errorMessage;

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: OrdersTextKey, params?: TranslationParams): string => {
    if (!isOrdersKey(key)) return this.i18n.t(key, params);
    return interpolate(this.i18n.isEnglish() ? ordersEn[key] : ordersZh[key], params);
  };

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
