import { Injectable, inject } from '@angular/core';
import { I18n, type TranslationParams } from '../core/i18n/i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { traineesEn } from './trainees-en';
import { type TraineesKey, traineesZh } from './trainees-zh';

export type TraineesTextKey = TraineesKey | TranslationKey;

function isTraineesKey(key: TraineesTextKey): key is TraineesKey {
  return Object.hasOwn(traineesZh, key);
}

function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The trainee records pages' words. They ship with those pages rather than in the start-up dictionary
 * (which every sign-in downloads); the app-wide keys (`common.*`, `traineeState.*` …) still resolve
 * through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class TraineesI18n {
  private readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly date = this.i18n.date;
  readonly dateTime = this.i18n.dateTime;
  readonly pick = this.i18n.pick;
  readonly errorMessage = this.i18n.errorMessage;

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: TraineesTextKey, params?: TranslationParams): string => {
    if (!isTraineesKey(key)) return this.i18n.t(key, params);
    return interpolate(this.i18n.isEnglish() ? traineesEn[key] : traineesZh[key], params);
  };

  /** A key built at runtime (an import column), or the raw value when there is no word for it. */
  readonly tryT = (key: string, fallback: string): string => (Object.hasOwn(traineesZh, key) ? this.t(key as TraineesKey) : fallback);

  /** "还有 3 天" / "今天" / "已过 2 天". */
  readonly days = (n: number | null | undefined): string => {
    if (n === null || n === undefined) return '';
    if (n === 0) return this.t('days.today');
    return n > 0 ? this.t('days.left', { n }) : this.t('days.past', { n: -n });
  };
}
