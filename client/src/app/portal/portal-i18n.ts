import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import type { TranslationParams } from '../core/i18n/i18n';
import { portalEn } from './portal-en';
import { type PortalKey, portalZh } from './portal-zh';

export type Translate<K extends string> = (key: K, params?: TranslationParams) => string;

/** The portal's own words (portal-zh.ts); app-wide keys still resolve through `I18n`. */
@Injectable({ providedIn: 'root' })
export class PortalI18n extends FeatureI18n<PortalKey> {
  constructor() {
    super(portalZh, portalEn);
  }

  /**
   * The portal's words first, then a feature's: a portal page keeps the words of the feature it
   * shows (the jobs page, the orders words) except those the portal says more discreetly.
   */
  over<K extends string>(fallback: Translate<K>): Translate<PortalKey | K> {
    return (key, params) => (Object.hasOwn(portalZh, key) ? this.t(key as PortalKey, params) : fallback(key as K, params));
  }
}
