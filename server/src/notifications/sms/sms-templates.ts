import type { SmsTemplateKey } from '../../config/env';

/**
 * The only texts an SMS may carry. An SMS is read by whoever holds the phone (family, an employer, a
 * glance at the lock screen), so every text is neutral — it never names the programme, a place, a
 * facility, a person or a reason — and its parameters are only dates, times and city names from the
 * reference data (a controlled vocabulary: nothing a caller typed). The texts are registered with the
 * provider under the ids of TENCENT_SMS_TEMPLATE_<KEY>; Tencent numbers the parameters {1}, {2}, ….
 * `sms-templates.spec.ts` holds every text and every possible parameter to `REVEALING_WORDS`.
 *
 * They say 您 to everyone, trainees too, unlike the trainee portal's 你 (the client's glossary, REGISTER):
 * the portal is a page the person opens themselves, an SMS may be read by anyone holding the phone, and
 * a familiar 你 would set it apart from every bank's, clinic's or courier's text they receive.
 */

/** What a parameter may be: nothing else can be put into a template. */
export type SmsParamSlot = 'date' | 'time' | 'city';

export interface SmsTemplate {
  readonly key: SmsTemplateKey;
  /** Chinese text with Tencent's numbered parameters. */
  readonly text: string;
  /** The parameters, in order ({1} first). */
  readonly params: readonly SmsParamSlot[];
  /** The notice kinds sent with it. */
  readonly kinds: readonly string[];
}

export const SMS_TEMPLATES: Readonly<Record<SmsTemplateKey, SmsTemplate>> = {
  interview: {
    key: 'interview',
    text: '您有一项面试安排：{1} {2}，详情请登录查看。',
    params: ['date', 'time'],
    kinds: ['placement.interview', 'fair.interview_invitation'],
  },
  fair_day: {
    key: 'fair_day',
    // The city only: a venue could be a facility's own hall.
    text: '{1}在{2}有一场招聘活动，详情请登录查看。',
    params: ['date', 'city'],
    kinds: ['fair.reminder'],
  },
  visit: {
    key: 'visit',
    text: '您有一项预约：{1} {2}，详情请登录查看。',
    params: ['date', 'time'],
    // A new kind (a visit booked with the person), to be declared in notification-kinds.ts.
    kinds: ['follow_up.visit_appointment'],
  },
  plan_step: {
    key: 'plan_step',
    text: '您有一项安排将于{1}到期，详情请登录查看。',
    params: ['date'],
    kinds: ['plan.step_due'],
  },
  generic: {
    key: 'generic',
    // The fallback when a reminder's parameters are missing or not of the controlled vocabulary.
    text: '您有一条新消息，详情请登录查看。',
    params: [],
    kinds: [],
  },
};

/** The template of a kind; undefined for kinds that are not reminders (they stay in the inbox only). */
export function templateFor(kind: string): SmsTemplate | undefined {
  return Object.values(SMS_TEMPLATES).find((t) => t.kinds.includes(kind));
}

/**
 * What a producer passes for a reminder (`Delivery.params`), all machine values:
 * - `at`: the appointment's instant (ISO 8601), shown as its China date and time;
 * - `date`: a calendar day `YYYY-MM-DD` (China time), when there is no time;
 * - `divisionCode`: the city's GB/T 2260 code, shown as its name from the reference data.
 */
export interface SmsParamInput {
  at?: string;
  date?: string;
  divisionCode?: string;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `12月5日`: short, and without a year (the reminder is about the coming days). */
export function formatDate(isoDate: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== isoDate) return null;
  return `${Number(m[2])}月${Number(m[3])}日`;
}

function chinaParts(at: string): { date: string; time: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(at)) return null;
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) return null;
  const iso = new Date(t + CHINA_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The parameter values of a template, or null when one cannot be filled from the controlled
 * vocabulary (the caller then sends the generic text). `cityName` resolves a division code from the
 * reference data and answers undefined for anything else.
 */
export function fillParams(
  template: SmsTemplate,
  input: SmsParamInput | undefined,
  cityName: (code: string) => string | undefined,
): string[] | null {
  const at = input?.at ? chinaParts(input.at) : null;
  const out: string[] = [];
  for (const slot of template.params) {
    let value: string | null | undefined = null;
    if (slot === 'date') value = formatDate(at?.date ?? input?.date ?? '');
    else if (slot === 'time') value = at?.time ?? null;
    else if (slot === 'city') value = input?.divisionCode && /^\d{6}$/.test(input.divisionCode) ? cityName(input.divisionCode) : null;
    if (!value) return null;
    out.push(value);
  }
  return out;
}

/** The text as the recipient reads it (tests, and the log transport's dry run). */
export function render(template: SmsTemplate, params: readonly string[]): string {
  return template.text.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '');
}
