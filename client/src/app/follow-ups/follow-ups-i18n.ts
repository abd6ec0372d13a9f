import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { followUpsEn } from './follow-ups-en';
import { type FollowUpsKey, followUpsZh } from './follow-ups-zh';

export type FollowUpsTextKey = FollowUpsKey | TranslationKey;

/**
 * The follow-up pages' words. They ship with those pages rather than in the start-up dictionary (which
 * every sign-in downloads): the app-wide keys (`common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class FollowUpsI18n extends FeatureI18n<FollowUpsKey> {
  constructor() {
    super(followUpsZh, followUpsEn);
  }
}
