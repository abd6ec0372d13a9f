import { inject } from '@angular/core';
import { I18n, type TranslationParams, interpolate } from './i18n';
import type { TranslationKey } from './zh';

/**
 * A feature's own words (Chinese first, English second). They ship with the feature's pages rather
 * than in the start-up dictionary every sign-in downloads; app-wide keys (`common.*` …) still resolve
 * through `I18n`. A feature extends this with its two dictionaries and any formatting of its own.
 */
export abstract class FeatureI18n<K extends string> {
  protected readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly date = this.i18n.date;
  readonly shortDate = this.i18n.shortDate;
  readonly dateTime = this.i18n.dateTime;
  readonly pick = this.i18n.pick;
  readonly errorMessage = this.i18n.errorMessage;

  protected constructor(
    private readonly zhWords: Readonly<Record<K, string>>,
    private readonly enWords: Readonly<Record<K, string>>,
  ) {}

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: K | TranslationKey, params?: TranslationParams): string => {
    if (!Object.hasOwn(this.zhWords, key)) return this.i18n.t(key as TranslationKey, params);
    const own = key as K;
    return interpolate(this.i18n.isEnglish() ? this.enWords[own] : this.zhWords[own], params);
  };
}
