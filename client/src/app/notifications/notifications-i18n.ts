import { Injectable, inject } from '@angular/core';
import { I18n, type TranslationParams } from '../core/i18n/i18n';
import type { TranslationKey } from '../core/i18n/zh';
import { notificationsEn } from './notifications-en';
import { type NotificationsKey, notificationsZh } from './notifications-zh';

export type NotificationsTextKey = NotificationsKey | TranslationKey;

function isNotificationsKey(key: NotificationsTextKey): key is NotificationsKey {
  return Object.hasOwn(notificationsZh, key);
}

function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The notification settings page's words, shipped with that page rather than in the start-up
 * dictionary; the app-wide keys (`notifications.*`, `common.*` …) still resolve through `I18n`.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsI18n {
  private readonly i18n = inject(I18n);

  readonly isEnglish = this.i18n.isEnglish;
  readonly pick = this.i18n.pick;

  /** Reads the language signal, so templates that call it follow a switch. */
  readonly t = (key: NotificationsTextKey, params?: TranslationParams): string => {
    if (!isNotificationsKey(key)) return this.i18n.t(key, params);
    return interpolate(this.i18n.isEnglish() ? notificationsEn[key] : notificationsZh[key], params);
  };
}
