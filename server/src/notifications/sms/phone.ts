/**
 * A mainland mobile number in one form (11 digits), whatever the source wrote: `+86 138-0013-8000`,
 * `008613800138000`, Tencent's reply callback's `mobile` with `nationcode` 86. Null for anything else
 * (SMS reminders go to mainland numbers only). The opt-out list is keyed by a hash of this form.
 */
export function normalisePhone(raw: string | null | undefined, nationCode = '86'): string | null {
  if (!raw) return null;
  let digits = raw.replace(/[\s()-]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  digits = digits.replace(/^\+/, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (nationCode.replace(/^\+/, '') !== '86') return null;
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** E.164, as SendSms wants it. */
export const e164 = (normalised: string): string => `+86${normalised}`;

/** The replies that mean "stop": TD, T, N, 退订 (trimmed, any case). */
export function isOptOutReply(text: unknown): boolean {
  return typeof text === 'string' && ['td', 't', 'n', '退订'].includes(text.trim().toLowerCase());
}
