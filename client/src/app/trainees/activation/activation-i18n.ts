import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';
import { activationEn } from './activation-en';
import { type ActivationKey, activationZh } from './activation-zh';

/** The activation card's and handover sheet's own words; app-wide keys still resolve through `I18n`. */
@Injectable({ providedIn: 'root' })
export class ActivationI18n extends FeatureI18n<ActivationKey> {
  constructor() {
    super(activationZh, activationEn);
  }
}
