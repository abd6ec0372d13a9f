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

/**
 * What the page asks for: one date window, read as release dates by the cohort reports and as order/fair
 * dates by the funnels; facility, station and home division narrow the cohort reports only.
 */
export interface ReportFilter {
  groupBy: ReportGroup;
  from: string | null;
  to: string | null;
  facilityId: string | null;
  stationId: string | null;
  divisionCode: string | null;
}
