/**
 * Check digits of Chinese identifiers. Pure functions, shared by validation, import and demo data.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits of a 身份证号). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function identityCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export type IdentityProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

/**
 * Validates a 18-character 身份证号 (GB 11643): a known province, a real birth date not in the
 * future, and the check character. Returns the problem, or null when valid.
 */
export function identityNumberProblem(value: string, today: Date = new Date()): IdentityProblem | null {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  if (!PROVINCES.has(v.slice(0, 2)) || v.slice(2, 4) === '00') return 'region';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date > today) {
    return 'birth_date';
  }
  return identityCheckChar(v.slice(0, 17)) === v[17] ? null : 'check_digit';
}

/** Masks all but the last 4 characters: `**************123X` (region and birth date never show). */
export const maskIdentityNumber = (v: string): string => (v.length <= 4 ? '*'.repeat(v.length) : '*'.repeat(v.length - 4) + v.slice(-4));

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  const check = 31 - (sum % 31);
  return CREDIT_ALPHABET[check === 31 ? 0 : check]!;
}

export type CreditCodeProblem = 'format' | 'check_digit';

/** Validates a 统一社会信用代码 (GB 32100). Returns the problem, or null when valid. */
export function creditCodeProblem(value: string): CreditCodeProblem | null {
  const v = value.trim().toUpperCase();
  if (v.length !== 18 || [...v].some((c) => !CREDIT_ALPHABET.includes(c))) return 'format';
  return creditCodeCheckChar(v.slice(0, 17)) === v[17] ? null : 'check_digit';
}
