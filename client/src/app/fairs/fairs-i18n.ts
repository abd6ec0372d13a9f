import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { fairsEn } from './fairs-en';
import { type FairsKey, fairsZh } from './fairs-zh';

export type FairsTextKey = FairsKey | TranslationKey;

/**
 * The fair pages’ words. They ship with those pages rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class FairsI18n extends FeatureI18n<FairsKey> {
  constructor() {
    super(fairsZh, fairsEn);
  }
}
