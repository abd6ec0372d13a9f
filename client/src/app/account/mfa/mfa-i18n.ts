import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';
import { type MfaKey, mfaEn, mfaZh } from './mfa-words';

export { MFA_ISSUER, type MfaKey } from './mfa-words';

@Injectable({ providedIn: 'root' })
export class MfaI18n extends FeatureI18n<MfaKey> {
  constructor() {
    super(mfaZh, mfaEn);
  }
}
