// Plain code, no Angular: the app and the sign-in page (src/sign-in/) remember the language in one place.

export type Lang = 'zh-CN' | 'en';

export const LANG_STORAGE_KEY = 'jbh.lang';

export function readStoredLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function storeLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
