import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { reportsEn } from './reports-en';
import { type ReportsKey, reportsZh } from './reports-zh';

export type ReportsTextKey = ReportsKey | TranslationKey;

/**
 * The report page’s words. They ship with that page rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class ReportsI18n extends FeatureI18n<ReportsKey> {
  constructor() {
    super(reportsZh, reportsEn);
  }
}
