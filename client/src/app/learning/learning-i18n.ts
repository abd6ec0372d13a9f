import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { learningEn } from './learning-en';
import { type LearningKey, learningZh } from './learning-zh';

export type LearningTextKey = LearningKey | TranslationKey;

/**
 * The learning pages' words. They ship with those pages rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class LearningI18n extends FeatureI18n<LearningKey> {
  constructor() {
    super(learningZh, learningEn);
  }

  /** 五级（初级工）… 一级（高级技师）. */
  readonly level = (level: number): string => (level >= 1 && level <= 5 ? this.t(`level.${level as 1 | 2 | 3 | 4 | 5}`) : String(level));
}
