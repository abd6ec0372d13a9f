import type { RateDto } from './dto/report.dto';

/**
 * The small-cell rule on a split of a group: the people with the outcome (`n`) and those without it
 * (`c`, the complement) are each either nobody or at least `k`. "2 of 40 relapsed" names two people
 * as surely as "2 of 2", and "38 of 40 abstinent" says the same thing from the other side.
 */
export function isSafeSplit(n: number, c: number, k: number): boolean {
  return (n === 0 || n >= k) && (c === 0 || c >= k);
}

/** A share that may not be shown on its own counts: fewer than `k` people, or a split that is not safe. */
export function isSmallCell(numerator: number, denominator: number, k: number): boolean {
  return denominator < k || !isSafeSplit(numerator, denominator - numerator, k);
}

/**
 * A share with small-cell suppression: over fewer than `minCell` people, or when the numerator or its
 * complement is 1 to minCell − 1, the count and the rate are withheld. The denominator itself stays
 * visible (a head count, not an outcome), so a reader sees why a cell is empty. Pass `withhold` when the
 * cell is withheld for another reason (complementary suppression, see suppression.ts).
 */
export function rateOf(numerator: number, denominator: number, minCell: number, withhold = false): RateDto {
  if (withhold || isSmallCell(numerator, denominator, minCell)) return { denominator, numerator: null, rate: null, suppressed: true };
  return {
    denominator,
    numerator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
    suppressed: false,
  };
}

/** A share whose denominator is itself a withheld count (abstinent over a withheld "reached"): nothing shows. */
export function withheldRate(): RateDto {
  return { denominator: null, numerator: null, rate: null, suppressed: true };
}

/** "92.6%", or "—" (suppressed or nothing to divide), for tables and the workbook. */
export function percent(r: RateDto): string {
  return r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`;
}
