import type { RateDto } from './dto/report.dto';

/**
 * A share with small-cell suppression: below `minCell` people in the denominator the count and the
 * rate are withheld, because a rate over two or three people is a statement about those people.
 * The denominator itself stays visible, so a reader sees why a cell is empty.
 */
export function rateOf(numerator: number, denominator: number, minCell: number): RateDto {
  if (denominator < minCell) return { denominator, numerator: null, rate: null, suppressed: true };
  return {
    denominator,
    numerator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
    suppressed: false,
  };
}

/** "92.6%", or "—" (suppressed or nothing to divide), for tables and the workbook. */
export function percent(r: RateDto): string {
  return r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`;
}
