// The shapes a cohort report is computed in, and the small pure helpers that label and format them
// (kept apart from ReportsService so the service reads as the rules).
import type { CohortDim, CubeRow } from './cohort-cube';
import { COHORT_PATTERN, type RateDto } from './dto/report.dto';
import type { ReportGroup } from './reports.repository';

/** One dimension narrowed to one group: a filter, or a counsellor's own organisation. */
export interface Selection {
  dim: CohortDim;
  key: string;
}

/** What a cohort report reads: a release year or quarter, one dimension at most narrowed, one grouping. */
export interface CohortSlice {
  asOf: string;
  cohort: string;
  year: number;
  /** Null: the whole year. */
  quarter: number | null;
  groupBy: ReportGroup;
  selection: Selection | null;
  /** The narrowing names nothing the caller may see (another organisation than their own). */
  empty: boolean;
}

/** A cell of the answer with the shares withheld in it (by measure name). */
export interface SliceCell {
  row: CubeRow;
  /** Organisation id, division code, quarter (2024Q2); null for the total or a group with nothing recorded. */
  key: string | null;
  isTotal: boolean;
  withheld: (measure: string) => boolean;
  /** For a share measured `months` after release: the day it is first published, when that is after today; else null. */
  pendingUntil: (months: number) => string | null;
  label: { zh: string; en: string };
}

export const GROUP_ZH: Record<ReportGroup, string> = {
  facility: '戒毒场所',
  station: '社区康复指导站',
  cohort_quarter: '出所季度',
  division: '户籍地',
};

/** The share, marked as withheld until `until` when its cohort has not settled yet (see settlesOn). */
export function pending(r: RateDto, until: string | null): RateDto {
  return until ? { ...r, pendingUntil: until } : r;
}

/** A withheld share whose count a reader cannot know: withheld, and over somebody (or over a withheld count). */
export function hidesNumerator(r: RateDto): boolean {
  return r.suppressed && r.denominator !== 0;
}

/** A count for the workbook: the number, or "—" where it is withheld (as on the page). */
export function countOf(r: RateDto): number | string {
  return r.numerator ?? '—';
}

/** "2024年" or "2024年第2季度". */
export function cohortZh(cohort: string): string {
  const [, year, quarter] = COHORT_PATTERN.exec(cohort)!;
  return quarter ? `${year}年第${quarter}季度` : `${year}年`;
}

/** A count column of a cell (eligible_3, reached_1 …). */
export function count(r: CubeRow, column: string): number {
  return Number(r[column] ?? 0);
}

export function labelled(c: SliceCell): { key: string | null; label: string; labelEn: string; released: number } {
  return { key: c.key, label: c.label.zh, labelEn: c.label.en, released: c.row.released };
}

export function groupLabel(s: CohortSlice, row: CubeRow, names: Map<string, { zh: string; en: string }>): { zh: string; en: string } {
  if (s.groupBy === 'cohort_quarter') return { zh: `${s.year}年第${row.quarter}季度`, en: `${s.year} Q${row.quarter}` };
  if (row.key === null) return row.dim === 'facility' ? { zh: '无衔接记录', en: 'No handover on record' } : { zh: '未知', en: 'Unknown' };
  return names.get(row.key) ?? { zh: row.key, en: row.key };
}
