import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { notificationsEn } from './notifications-en';
import { type NotificationsKey, notificationsZh } from './notifications-zh';

export type NotificationsTextKey = NotificationsKey | TranslationKey;

/**
 * The notification settings page's words, shipped with that page rather than in the start-up
 * dictionary; the app-wide keys (`notifications.*`, `common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsI18n extends FeatureI18n<NotificationsKey> {
  constructor() {
    super(notificationsZh, notificationsEn);
  }
}
