import { randomInt } from 'node:crypto';

/** `李*`, `欧阳**`: the family name (one character, two for compound names) and a star per other character. */
export const maskName = (name: string): string => {
  const compound = /^(欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|尉迟|长孙)/.test(name) ? 2 : 1;
  return name.slice(0, compound) + '*'.repeat(Math.max(1, [...name].length - compound));
};

/**
 * A diploma's number: `ZZ-2026-00042` (中专, the graduation year, a serial). It is printed on the
 * diploma and shown to anyone who verifies it, so it carries no platform prefix, facility or
 * anything else that tells where the holder studied; the school's name comes with it instead.
 */
export const diplomaNumber = (graduatedOn: string, serial: string): string => `ZZ-${graduatedOn.slice(0, 4)}-${serial.padStart(5, '0')}`;

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A diploma's verification code: 12 characters from an alphabet without look-alikes (0/O, 1/I/L). */
export const verificationCode = (): string => Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
