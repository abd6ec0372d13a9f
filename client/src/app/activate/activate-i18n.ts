import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';
import { type ActivateKey, activateEn, activateZh } from './activate-words';

/** The activation page's own words; app-wide keys (`password.*` …) still resolve through `I18n`. */
@Injectable({ providedIn: 'root' })
export class ActivateI18n extends FeatureI18n<ActivateKey> {
  constructor() {
    super(activateZh, activateEn);
  }
}
