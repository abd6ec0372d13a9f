import { CREDIT_CODE_ALPHABET, checkCreditCode, creditCodeCheckChar, isValidCreditCode, normaliseCreditCode } from './credit-code';

describe('GB 32100 credit code check', () => {
  it('accepts the published example', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ kind: 'valid' });
  });

  it('computes the check character of the first 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('maps a remainder of 0 (check 31) to "0"', () => {
    // Weight 28 is prime to 31, so exactly one 17th character makes the weighted sum a multiple of 31.
    const base = '9135010000000000';
    const prefix = [...CREDIT_CODE_ALPHABET].map((c) => base + c).find((p) => creditCodeCheckChar(p) === '0');
    expect(prefix).toBeDefined();
    expect(isValidCreditCode(`${prefix}0`)).toBe(true);
  });

  it('names the expected check digit when the last character is wrong', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ kind: 'check_digit', expected: '3' });
  });

  it('reports letters outside the alphabet as a format problem', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V', '-']) {
      expect(checkCreditCode(`91350100M000100Y4${bad}`).kind).toBe('format');
    }
    expect(checkCreditCode('91350100M000100Y430').kind).toBe('format');
  });

  it('counts a half-typed code and ignores case and spaces', () => {
    expect(checkCreditCode('')).toEqual({ kind: 'empty' });
    expect(checkCreditCode('9135 0100m')).toEqual({ kind: 'incomplete', length: 9 });
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
  });
});
