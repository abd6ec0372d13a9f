import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';
import { supervisionEn } from './supervision-en';
import { type SupervisionKey, supervisionZh } from './supervision-zh';

/** Words of the transfer and lost-contact screens (app-wide keys such as `common.*` still resolve through `I18n`). */
@Injectable({ providedIn: 'root' })
export class SupervisionI18n extends FeatureI18n<SupervisionKey> {
  constructor() {
    super(supervisionZh, supervisionEn);
  }
}
