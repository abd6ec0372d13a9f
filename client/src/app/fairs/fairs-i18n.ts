import { Injectable, inject } from '@angular/core';
import { I18n, type TranslationParams } from '../core/i18n/i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { fairsEn } from './fairs-en';
import { type FairsKey, fairsZh } from './fairs-zh';

export type FairsTextKey = FairsKey | TranslationKey;

function isFairsKey(key: FairsTextKey): key is FairsKey {
  return Object.hasOwn(fairsZh, key);
}

function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The fair pages’ words. They ship with those pages rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class FairsI18n {
  private readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly date = this.i18n.date;
  readonly dateTime = this.i18n.dateTime;
  readonly pick = this.i18n.pick;
  readonly errorMessage = this.i18n.errorMessage;

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: FairsTextKey, params?: TranslationParams): string => {
    if (!isFairsKey(key)) return this.i18n.t(key, params);
    return interpolate(this.i18n.isEnglish() ? fairsEn[key] : fairsZh[key], params);
  };
}
