import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** GB 11643 (身份证号): weights over the first 17 digits, check = "10X98765432"[sum mod 11]. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits), as the server checks them. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]); // prettier-ignore

export type IdentityCheck =
  | { readonly kind: 'empty' }
  | { readonly kind: 'incomplete'; readonly length: number }
  | { readonly kind: 'format' }
  | { readonly kind: 'region' }
  | { readonly kind: 'birth_date' }
  | { readonly kind: 'check_digit'; readonly expected: string }
  | { readonly kind: 'valid'; readonly sex: 'M' | 'F'; readonly birthDate: string };

/** Upper-cases the X and drops spaces, as people type numbers off a card. */
export function normaliseIdentityNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for 17 digits, or null when they are not 17 digits. */
export function identityCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i]!;
  return CHECK.charAt(sum % 11);
}

/**
 * Checks a (possibly half-typed) identity number the way the server does: 18 characters, a known
 * province, a real birth date not after `today`, and the check character. A valid number also tells
 * the sex (17th digit odd = male) and the birth date, which the form shows instead of asking for them.
 */
export function checkIdentityNumber(input: string, today: Date = new Date()): IdentityCheck {
  const v = normaliseIdentityNumber(input);
  if (v.length === 0) return { kind: 'empty' };
  if (!/^\d*X?$/.test(v) || (v.includes('X') && v.length !== 18)) return { kind: 'format' };
  if (v.length < 18) return { kind: 'incomplete', length: v.length };
  if (v.length > 18) return { kind: 'format' };
  if (!PROVINCES.has(v.slice(0, 2)) || v.slice(2, 4) === '00') return { kind: 'region' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date > today) {
    return { kind: 'birth_date' };
  }
  const expected = identityCheckChar(v.slice(0, 17))!;
  if (v.charAt(17) !== expected) return { kind: 'check_digit', expected };
  return {
    kind: 'valid',
    sex: Number(v.charAt(16)) % 2 === 1 ? 'M' : 'F',
    birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`,
  };
}

export function isValidIdentityNumber(input: string, today?: Date): boolean {
  return checkIdentityNumber(input, today).kind === 'valid';
}

/** Whether a search box holds a whole identity number (searched exactly) rather than the start of a name. */
export function looksLikeIdentityNumber(input: string): boolean {
  return /^\d{17}[\dX]$/.test(normaliseIdentityNumber(input));
}

/**
 * Form validator: `{ identity: IdentityCheck }` for anything but a valid number. Empty is left to
 * `required`, so the two messages do not both show.
 */
export const identityNumberValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const value = typeof control.value === 'string' ? control.value : '';
  const check = checkIdentityNumber(value);
  return check.kind === 'valid' || check.kind === 'empty' ? null : { identity: check };
};
