/** GB 32100 (统一社会信用代码): 18 characters from this alphabet; each character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck =
  | { readonly kind: 'empty' }
  | { readonly kind: 'incomplete'; readonly length: number }
  | { readonly kind: 'format' }
  | { readonly kind: 'check_digit'; readonly expected: string }
  | { readonly kind: 'valid' };

/** Upper-cases and drops spaces, as people type codes off a licence. */
export function normaliseCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET.charAt(check === 31 ? 0 : check);
}

/** Checks a (possibly half-typed) credit code, for a hint as the user types. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normaliseCreditCode(input);
  if (code.length === 0) return { kind: 'empty' };
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return { kind: 'format' };
  if (code.length < 18) return { kind: 'incomplete', length: code.length };
  if (code.length > 18) return { kind: 'format' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected === null) return { kind: 'format' };
  return code.charAt(17) === expected ? { kind: 'valid' } : { kind: 'check_digit', expected };
}

export function isValidCreditCode(input: string): boolean {
  return checkCreditCode(input).kind === 'valid';
}
