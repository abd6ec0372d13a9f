import { randomInt } from 'node:crypto';
import { CODE_ALPHABET } from '../common/codes';
import type { FieldCipher } from '../common/crypto/field-cipher';

/** Characters in a code: 31^10 ≈ 8 × 10^14 codes, so guessing one, even rate-limited from many addresses, is hopeless. */
export const ACTIVATION_CODE_LENGTH = 10;

/** Wrong birth years given with one code before it is revoked (whoever holds the sheet but not the person's facts). */
export const ACTIVATION_MAX_FAILURES = 5;

/** A fresh code from the unambiguous alphabet (no 0/O, 1/I/L), from the CSPRNG. */
export function newActivationCode(): string {
  return Array.from({ length: ACTIVATION_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** As printed on the handover sheet: `ABCD-EFGH-JK`. */
export function formatActivationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * What the person typed, as stored: upper case, without spaces and dashes. Null when it cannot be a
 * code at all (then the answer is the same as for a wrong code).
 */
export function normaliseActivationCode(typed: string): string | null {
  const code = typed.replace(/[\s-]+/g, '').toUpperCase();
  if (code.length !== ACTIVATION_CODE_LENGTH) return null;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/** The stored keyed hash of a normalised code (the field key's HMAC, in its own domain). */
export function activationCodeHash(cipher: Pick<FieldCipher, 'lookupHash'>, code: string): string {
  return cipher.lookupHash(`activation-code:${code}`);
}
