import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { traineesEn } from './trainees-en';
import { type TraineesKey, traineesZh } from './trainees-zh';

export type TraineesTextKey = TraineesKey | TranslationKey;

/**
 * The trainee records pages' words. They ship with those pages rather than in the start-up dictionary
 * (which every sign-in downloads); the app-wide keys (`common.*`, `traineeState.*` …) still resolve
 * through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class TraineesI18n extends FeatureI18n<TraineesKey> {
  constructor() {
    super(traineesZh, traineesEn);
  }

  /** A key built at runtime (an import column), or the raw value when there is no word for it. */
  readonly tryT = (key: string, fallback: string): string => (Object.hasOwn(traineesZh, key) ? this.t(key as TraineesKey) : fallback);

  /** "还有 3 天" / "今天" / "已过 2 天". */
  readonly days = (n: number | null | undefined): string => {
    if (n === null || n === undefined) return '';
    if (n === 0) return this.t('days.today');
    return n > 0 ? this.t('days.left', { n }) : this.t('days.past', { n: -n });
  };
}
