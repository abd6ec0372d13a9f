import { type MfaKey, MFA_ISSUER, mfaEn, mfaZh } from '../app/account/mfa/mfa-words';
import { activateEn, activateZh } from '../app/activate/activate-words';
import type { TranslationKey } from '../app/core/i18n/zh';
import { zh } from '../app/core/i18n/zh';

export type SignInKey = TranslationKey | MfaKey | 'activate.link';
export type SignInWords = Readonly<Record<SignInKey, string>>;

/** Values every word may use (`{issuer}` in the code step's introduction). */
export const WORD_PARAMS: Readonly<Record<string, string>> = { issuer: MFA_ISSUER };

/**
 * The page's words from the app's own dictionaries (one word per concept: the sign-in page says what the
 * app says). Chinese is in the bundle; English is fetched when it is chosen, as in the app.
 */
export const ZH_WORDS: SignInWords = { ...zh, ...mfaZh, 'activate.link': activateZh['activate.link'] };

export async function loadEnglishWords(): Promise<SignInWords> {
  const { en } = await import('../app/core/i18n/en');
  return { ...en, ...mfaEn, 'activate.link': activateEn['activate.link'] };
}
