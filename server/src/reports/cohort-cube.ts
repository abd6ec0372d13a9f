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
 * For each measure, the cells whose share is withheld, decided over the whole year at once (see
 * suppression.ts). Measures are decided in order: one `within` another is withheld wherever that one is.
 */
export function protectCube(rows: readonly CubeRow[], measures: readonly Measure[], k: number): Map<string, Set<string>> {
  const lines = cubeLines(rows);
  const withheld = new Map<string, Set<string>>();
  /** Per measure, the cells whose numerator a reader cannot know (withheld, and not over nobody). */
  const hiddenNumerator = new Map<string, Set<string>>();
  for (const m of measures) {
    const cells = new Map<string, CellCount>(rows.map((r) => [idOf(r), { n: count(r, m.n), d: count(r, m.d) }]));
    let forced: Set<string> | undefined;
    if (m.within) {
      forced = hiddenNumerator.get(m.within);
      if (!forced) throw new Error(`measure ${m.name} is within ${m.within}, which must come first`);
    }
    const w = suppress({ k, cells, lines, forced });
    withheld.set(m.name, w);
    // A withheld share over nobody hides nothing: its numerator is 0, and so is the next share's denominator.
    hiddenNumerator.set(m.name, new Set([...w].filter((id) => forced?.has(id) || cells.get(id)!.d > 0)));
  }
  return withheld;
}
