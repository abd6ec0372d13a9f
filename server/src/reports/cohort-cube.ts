import { type CellCount, type Line, suppress } from './suppression';

/**
 * One release year as the cohort reports publish it: a set of linked tables, each "release period ×
 * one dimension" — the year and its quarters, by facility left, by station following up, by home
 * division, and the period totals. Every answer the reports give (any grouping, any narrowing, a
 * counsellor's own organisation, the workbook) is a slice of these cells, never a crossing of two
 * dimensions, so suppression decided once over the year is the same in every answer.
 *
 * A year is decided on its own: no published number spans two years, so no line links them.
 */
export const COHORT_DIMS = ['facility', 'station', 'division'] as const;
export type CohortDim = (typeof COHORT_DIMS)[number];

/** One cell of the year as counted by SQL (GROUPING SETS): a period, and one dimension's group or none. */
export interface CubeRow {
  /** 1–4, or null for the whole year. */
  quarter: number | null;
  /** Null for the period's total. */
  dim: CohortDim | null;
  /** The group (organisation id, division code); null for "none recorded" (or for a total). */
  key: string | null;
  released: number;
  /** Count columns (certified, eligible_3, reached_1 …). */
  [column: string]: unknown;
}

/** One share published per cell: numerator column over denominator column. */
export interface Measure {
  name: string;
  n: string;
  d: string;
  /** Months after release it is measured at (0: certificate, diploma; 12: abstinence at one year …). */
  months: number;
  /**
   * The share whose numerator is this one's denominator (abstinent within reached): where that numerator
   * is hidden, this share is withheld whatever its counts, denominator and all.
   */
  within?: string;
}

/** "Y|*", "Q2|facility|<id>", "Y|division|∅" (no division recorded). */
export function cellId(quarter: number | null, dim: CohortDim | null, key: string | null): string {
  const period = quarter === null ? 'Y' : `Q${quarter}`;
  return dim === null ? `${period}|*` : `${period}|${dim}|${key ?? '∅'}`;
}

export const idOf = (r: Pick<CubeRow, 'quarter' | 'dim' | 'key'>) => cellId(r.quarter, r.dim, r.key);

/**
 * The additive structure of a year: each period's total is the sum of its groups along each dimension,
 * and each yearly cell (total or group) is the sum of the same cell in its quarters.
 */
export function cubeLines(rows: readonly CubeRow[]): Line[] {
  const byParent = new Map<string, string[]>();
  const add = (parent: string, child: string) => {
    const list = byParent.get(parent);
    if (list) list.push(child);
    else byParent.set(parent, [child]);
  };
  for (const r of rows) {
    const id = idOf(r);
    if (r.dim !== null) add(`${cellId(r.quarter, null, null)}>${r.dim}`, id);
    if (r.quarter !== null) add(`${cellId(null, r.dim, r.key)}>quarter`, id);
  }
  return [...byParent.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, children]) => ({ parent: tag.slice(0, tag.lastIndexOf('>')), children: children.sort() }));
}

const count = (r: CubeRow, column: string) => Number(r[column] ?? 0);

/**
 * Months after the last release of a cohort reaches an age that its visits, hires and certificates are
 * given to be recorded. A follow-up visit is recorded days or weeks after it is due.
 */
export const SETTLE_MONTHS = 3;

/**
 * The first day a share measured `months` after release is published for a cohort (a year, or a quarter
 * of it): when everyone released in it has reached that age, and SETTLE_MONTHS more have passed.
 *
 * Before that the share changes day by day — each day someone else reaches the age, or a visit is
 * recorded — so asking on two days would tell one person's outcome as surely as two windows of release
 * days a day apart did. Until it settles it is withheld in every cell of the cohort.
 */
export function settlesOn(year: number, quarter: number | null, months: number): string {
  // The day after the cohort's last release is the 1st of a month, so adding months is exact; PostgreSQL's
  // "released_on + N months" from the last day of the period lands on the day before the result.
  const next = quarter === null ? new Date(Date.UTC(year + 1, 0, 1)) : new Date(Date.UTC(year, quarter * 3, 1));
  next.setUTCMonth(next.getUTCMonth() + months + SETTLE_MONTHS);
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/**
 * For each measure, the cells whose share is withheld, decided over the whole year at once (see
 * suppression.ts). Cells of a period whose share has not settled on `asOf` (see `settlesOn`) are withheld
 * whatever their counts. Measures are decided in order: one `within` another is withheld wherever that
 * one's numerator is hidden.
 */
export function protectCube(
  rows: readonly CubeRow[],
  measures: readonly Measure[],
  k: number,
  cohort: { year: number; asOf: string },
): Map<string, Set<string>> {
  const lines = cubeLines(rows);
  const withheld = new Map<string, Set<string>>();
  /** Per measure, the cells whose numerator a reader cannot know (withheld, and not over nobody). */
  const hiddenNumerator = new Map<string, Set<string>>();
  for (const m of measures) {
    const cells = new Map<string, CellCount>(rows.map((r) => [idOf(r), { n: count(r, m.n), d: count(r, m.d) }]));
    const forced = new Set(rows.filter((r) => settlesOn(cohort.year, r.quarter, m.months) > cohort.asOf).map(idOf));
    if (m.within) {
      const outer = hiddenNumerator.get(m.within);
      if (!outer) throw new Error(`measure ${m.name} is within ${m.within}, which must come first`);
      for (const id of outer) forced.add(id);
    }
    const w = suppress({ k, cells, lines, forced });
    withheld.set(m.name, w);
    // A withheld share over nobody hides nothing: its numerator is 0, and so is the next share's denominator.
    hiddenNumerator.set(m.name, new Set([...w].filter((id) => forced.has(id) || cells.get(id)!.d > 0)));
  }
  return withheld;
}
