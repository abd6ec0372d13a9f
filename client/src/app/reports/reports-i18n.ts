import { Injectable, inject } from '@angular/core';
import { I18n, type TranslationParams } from '../core/i18n/i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { reportsEn } from './reports-en';
import { type ReportsKey, reportsZh } from './reports-zh';

export type ReportsTextKey = ReportsKey | TranslationKey;

function isReportsKey(key: ReportsTextKey): key is ReportsKey {
  return Object.hasOwn(reportsZh, key);
}

function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The report page’s words. They ship with that page rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class ReportsI18n {
  private readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly date = this.i18n.date;
  readonly dateTime = this.i18n.dateTime;
  readonly pick = this.i18n.pick;
  readonly errorMessage = this.i18n.errorMessage;

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: ReportsTextKey, params?: TranslationParams): string => {
    if (!isReportsKey(key)) return this.i18n.t(key, params);
    return interpolate(this.i18n.isEnglish() ? reportsEn[key] : reportsZh[key], params);
  };
}
