import type { ReportFilter, ReportGroup, ReportNarrowing } from './reports-types';

const GROUPS: readonly ReportGroup[] = ['facility', 'station', 'division', 'cohort_quarter'];
/** Which grouping each narrowing is a group of. */
const NARROWED: Record<ReportNarrowing, ReportGroup> = { facilityId: 'facility', stationId: 'station', divisionCode: 'division' };
const NARROWINGS = Object.keys(NARROWED) as ReportNarrowing[];

/**
 * The groupings a filter allows, as the server does: one dimension at a time, so a report narrowed to one
 * facility, station or division is grouped by quarter (or by that dimension: one row); a counsellor's is
 * their own organisation already, so by quarter.
 */
export function groupsFor(f: ReportFilter, admin: boolean): readonly ReportGroup[] {
  if (!admin) return ['cohort_quarter'];
  const by = NARROWINGS.find((k) => f[k] !== null);
  return by ? [NARROWED[by], 'cohort_quarter'] : GROUPS;
}

/**
 * The filter with one field changed: choosing a facility, station or division clears the other two, a
 * grouping the narrowing no longer allows becomes the quarters, and an emptied grouping or year keeps a value.
 */
export function narrowed<K extends keyof ReportFilter>(
  f: ReportFilter,
  key: K,
  value: ReportFilter[K] | null,
  admin: boolean,
  defaultGroup: ReportGroup,
): ReportFilter {
  const next: ReportFilter = { ...f, [key]: value };
  if (key === 'groupBy' && !value) next.groupBy = defaultGroup;
  if (key === 'cohortYear' && !value) next.cohortYear = f.cohortYear;
  if ((NARROWINGS as string[]).includes(key) && value) for (const other of NARROWINGS) if (other !== key) next[other] = null;
  if (!groupsFor(next, admin).includes(next.groupBy)) next.groupBy = 'cohort_quarter';
  return next;
}
