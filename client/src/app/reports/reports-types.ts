import type { components } from '../core/api/generated/api';

type Schemas = components['schemas'];

export type MottoReportDto = Schemas['MottoReportDto'];
export type MottoRowDto = Schemas['MottoRowDto'];
export type AbstinenceReportDto = Schemas['AbstinenceReportDto'];
export type AbstinenceRowDto = Schemas['AbstinenceRowDto'];
export type OrderFunnelReportDto = Schemas['OrderFunnelReportDto'];
export type FairFunnelReportDto = Schemas['FairFunnelReportDto'];
export type FunnelStageDto = Schemas['FunnelStageDto'];
export type RateDto = Schemas['RateDto'];
export type ReportGroup = MottoReportDto['groupBy'];

/** A dimension the cohort reports can be narrowed to (one at a time). */
export type ReportNarrowing = 'facilityId' | 'stationId' | 'divisionCode';

/**
 * What the page asks for. The cohort reports (motto, abstinence) are over one release year or quarter —
 * never a window of days, whose difference with the next day's would be one person — narrowed to at
 * most one facility, station or home division. `from`/`to` are order and fair dates, for the funnels.
 */
export interface ReportFilter {
  cohortYear: number;
  /** 1–4, or null for the whole year. */
  cohortQuarter: number | null;
  groupBy: ReportGroup;
  facilityId: string | null;
  stationId: string | null;
  divisionCode: string | null;
  from: string | null;
  to: string | null;
}

/** "2025" or "2025Q2", as the API takes it. */
export function cohortParam(f: Pick<ReportFilter, 'cohortYear' | 'cohortQuarter'>): string {
  return f.cohortQuarter ? `${f.cohortYear}Q${f.cohortQuarter}` : `${f.cohortYear}`;
}
