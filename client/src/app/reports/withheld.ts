import type { RateDto } from './reports-types';

/**
 * Why a share shows "—", from what the page already has: its cohort has not settled yet (`pendingUntil`);
 * over a count that is itself withheld; over nobody; over fewer than k people; or withheld to protect
 * people (few with or without the outcome, or complementary). The last two are not told apart, nor which
 * side was small: "few relapsed here" would be the very thing withheld.
 */
export type WithheldReason = 'pending' | 'dependent' | 'nobody' | 'few' | 'protected';

export function withheldReason(r: RateDto, minCell: number): WithheldReason | null {
  if (!r.suppressed) return null;
  if (r.pendingUntil) return 'pending';
  if (r.denominator === null) return 'dependent';
  if (r.denominator === 0) return 'nobody';
  return r.denominator < minCell ? 'few' : 'protected';
}
