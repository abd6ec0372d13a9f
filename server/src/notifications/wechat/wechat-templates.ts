import { type SmsTemplateKey, WECHAT_TEMPLATE_SLOTS, type WechatTemplate } from '../../config/env';
import { SMS_TEMPLATES, type SmsParamInput, fillParams, templateFor } from '../sms/sms-templates';

/**
 * What a WeChat reminder carries. The same reminder templates as SMS (`sms-templates.ts`: the same
 * kinds, the same parameters, the same controlled vocabulary), rendered as a subscription notice's
 * keywords: a date (`2026年12月9日`), a time (`14:30`), a city name from the reference data. Nothing
 * else: the notice's title and wording are the template registered in the 服务号 (neutral, reviewed
 * like the SMS texts), and WeChat shows them on the lock screen.
 */
export interface WechatNotice {
  key: SmsTemplateKey;
  /** Keyword name → value. */
  data: Record<string, string>;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** WeChat's limit for a `thing` keyword. */
const THING_MAX = 20;

/** `2026年12月9日`: WeChat's date keyword wants the year. `iso` is a valid `YYYY-MM-DD`. */
export function wechatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The China calendar day of a reminder's input (`at` wins over `date`, as in `fillParams`). */
function chinaDay(input: SmsParamInput): string | undefined {
  if (input.at) return new Date(new Date(input.at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return input.date;
}

/**
 * The notice of a reminder kind, or undefined for kinds that are not reminders. The SMS template's
 * `fillParams` decides whether the input is of the controlled vocabulary; when it is not (or a value
 * does not fit WeChat's limits) the generic template goes instead, dated `today` (China date).
 */
export function wechatNotice(
  kind: string,
  input: SmsParamInput | undefined,
  cityName: (code: string) => string | undefined,
  today: string,
  templates: Record<SmsTemplateKey, WechatTemplate>,
): WechatNotice | undefined {
  const template = templateFor(kind);
  if (!template) return undefined;
  const values = fillParams(template, input, cityName);
  if (values && input) {
    const day = chinaDay(input);
    const slots = WECHAT_TEMPLATE_SLOTS[template.key];
    const shown = template.params.map((slot, i) => (slot === 'date' && day ? wechatDate(day) : values[i]!));
    const fits = shown.every((v, i) => slots[i] !== 'city' || v.length <= THING_MAX);
    if (fits && slots.length === shown.length) return { key: template.key, data: keywords(templates[template.key], shown) };
  }
  return { key: SMS_TEMPLATES.generic.key, data: keywords(templates.generic, [wechatDate(today)]) };
}

function keywords(template: WechatTemplate, values: readonly string[]): Record<string, string> {
  return Object.fromEntries(template.fields.map((f, i) => [f, values[i]!]));
}
