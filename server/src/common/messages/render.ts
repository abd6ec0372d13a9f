import { type LocalText, MESSAGES, type MessageKey, type ParamValue, THINGS } from './catalogue';

export type Lang = 'zh' | 'en';
export type MessageParams = Readonly<Record<string, ParamValue>>;

const isLocal = (v: unknown): v is LocalText => typeof v === 'object' && v !== null && 'zh' in v && 'en' in v;

/** One message in one language; `{thing}` takes a THINGS code, a LocalText value its own language. */
export function render(key: MessageKey, lang: Lang, params: MessageParams = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    if (isLocal(value)) return value[lang];
    if (name === 'thing' && typeof value === 'string' && Object.hasOwn(THINGS, value)) return THINGS[value as keyof typeof THINGS][lang];
    return String(value);
  });
}

/** The wire code of a key: `EMPLOYER_NOT_VERIFIED.FAIRS` is sent as EMPLOYER_NOT_VERIFIED. */
export const codeOf = (key: string): string => key.split('.')[0] ?? key;
