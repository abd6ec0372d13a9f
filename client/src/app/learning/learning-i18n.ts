import { Injectable, inject } from '@angular/core';
import { I18n, type TranslationParams } from '../core/i18n/i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { learningEn } from './learning-en';
import { type LearningKey, learningZh } from './learning-zh';

export type LearningTextKey = LearningKey | TranslationKey;

function isLearningKey(key: LearningTextKey): key is LearningKey {
  return Object.hasOwn(learningZh, key);
}

function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The learning pages' words. They ship with those pages rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class LearningI18n {
  private readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly date = this.i18n.date;
  readonly dateTime = this.i18n.dateTime;
  readonly pick = this.i18n.pick;
  readonly errorMessage = this.i18n.errorMessage;

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: LearningTextKey, params?: TranslationParams): string => {
    if (!isLearningKey(key)) return this.i18n.t(key, params);
    return interpolate(this.i18n.isEnglish() ? learningEn[key] : learningZh[key], params);
  };

  /** 五级（初级工）… 一级（高级技师）. */
  readonly level = (level: number): string => (level >= 1 && level <= 5 ? this.t(`level.${level as 1 | 2 | 3 | 4 | 5}`) : String(level));
}
