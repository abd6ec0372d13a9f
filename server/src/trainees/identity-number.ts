import { identityNumberProblem, type IdentityProblem } from '../common/check-digits';
import { badRequest } from '../common/domain-error';
import type { MessageKey } from '../common/messages/catalogue';

const IDENTITY_MESSAGES = {
  format: 'IDENTITY_NUMBER_INVALID',
  region: 'IDENTITY_NUMBER_INVALID.REGION',
  birth_date: 'IDENTITY_NUMBER_INVALID.BIRTH_DATE',
  check_digit: 'IDENTITY_NUMBER_INVALID.CHECK_DIGIT',
} as const satisfies Record<IdentityProblem, MessageKey>;

export function assertIdentityNumber(value: string, today: Date): void {
  const problem = identityNumberProblem(value, today);
  if (problem) {
    throw badRequest(IDENTITY_MESSAGES[problem], { problem });
  }
}

/**
 * What is kept in clear from an identity number: the sex, the birth YEAR (never the day) and the
 * last four characters. Region and day of birth stay inside the ciphertext: next to the home
 * division and the last four, they would let the number be rebuilt.
 */
export function identityFacts(v: string): { sex: 'M' | 'F'; birthYear: number; identityNumberTail: string } {
  return { sex: Number(v[16]) % 2 === 1 ? 'M' : 'F', birthYear: Number(v.slice(6, 10)), identityNumberTail: v.slice(-4) };
}
