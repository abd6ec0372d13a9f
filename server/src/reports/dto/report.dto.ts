import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { REPORT_GROUPS, type ReportGroup } from '../reports.repository';

/** Filters over the released cohort (motto and abstinence reports, and their workbook). */
export class OutcomeQueryDto {
  /** What each row is: facility left, station following up, release year or quarter, home division. */
  @IsOptional()
  @IsIn(REPORT_GROUPS)
  @ApiProperty({ enum: REPORT_GROUPS, required: false, default: 'facility' })
  groupBy: ReportGroup = 'facility';

  /** Released on or after (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  releasedFrom?: string;

  /** Released on or before (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  releasedTo?: string;

  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @IsOptional()
  @IsUUID()
  stationId?: string;

  /** Home division (6-digit GB/T 2260 code). */
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode?: string;
}

/** Orders opened, or fairs held, within a window. */
export class FunnelQueryDto {
  /** On or after (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  /** On or before (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/**
 * A share of a group. When the denominator is below the small-cell threshold the numerator and the
 * rate are withheld (`suppressed`): in a group of three, a rate names people.
 */
export class RateDto {
  /** Null only when it is itself a withheld count (e.g. abstinent over a reached count that was withheld). */
  @ApiProperty({ nullable: true, type: Number })
  denominator: number | null;
  @ApiProperty({ nullable: true, type: Number })
  numerator: number | null;
  /** 0–1, rounded to four places; null when suppressed or the denominator is 0. */
  @ApiProperty({ nullable: true, type: Number })
  rate: number | null;
  suppressed: boolean;
}

export class EmploymentRateDto extends RateDto {
  /** Months after release. Denominator: released at least that long ago. */
  months: number;
}

export class MottoRowDto {
  /** Organisation id, year (2025), quarter (2025Q3) or division code; null for the total or an unknown group. */
  @ApiProperty({ nullable: true, type: String })
  key: string | null;
  label: string;
  labelEn: string;
  released: number;
  /** ≥1 职业技能等级证书. */
  certificate: RateDto;
  /** A 中专 diploma. */
  diploma: RateDto;
  @ApiProperty({ type: [EmploymentRateDto] })
  employed: EmploymentRateDto[];
}

export class MottoReportDto {
  @ApiProperty({ enum: REPORT_GROUPS })
  groupBy: ReportGroup;
  asOf: string;
  minCell: number;
  @ApiProperty({ type: [MottoRowDto] })
  rows: MottoRowDto[];
  total: MottoRowDto;
}

export class AbstinenceYearDto {
  /** Years since release (the +12/+24/+36 month visit). */
  years: number;
  /** Released at least that many years ago. */
  eligible: number;
  /** Reached at that visit with a known status, over the eligible: read the rate next to it. */
  reached: RateDto;
  /** Abstinent, over those reached. */
  abstinent: RateDto;
  /** Of the abstinent, how many were test-verified rather than self-reported. */
  testVerified: RateDto;
}

export class AbstinenceRowDto {
  @ApiProperty({ nullable: true, type: String })
  key: string | null;
  label: string;
  labelEn: string;
  released: number;
  @ApiProperty({ type: [AbstinenceYearDto] })
  years: AbstinenceYearDto[];
}

export class AbstinenceReportDto {
  @ApiProperty({ enum: REPORT_GROUPS })
  groupBy: ReportGroup;
  asOf: string;
  minCell: number;
  @ApiProperty({ type: [AbstinenceRowDto] })
  rows: AbstinenceRowDto[];
  total: AbstinenceRowDto;
}

export const ORDER_FUNNEL_STAGES = ['orders', 'trained', 'certified', 'recommended', 'hired', 'still3', 'still6'] as const;
export const FAIR_FUNNEL_STAGES = ['fairs', 'registered', 'checkedIn', 'interviewed', 'intents', 'hires'] as const;

export class FunnelStageDto {
  stage: string;
  count: number;
}

export class OrderFunnelRowDto {
  orderId: string;
  title: string;
  employerName: string;
  occupationCode: string;
  @ApiProperty({ nullable: true, type: String })
  occupationName: string | null;
  headcount: number;
  state: string;
  @ApiProperty({ nullable: true, type: String })
  openedOn: string | null;
  /** Enrolled in a session the order commissioned (订单班). */
  trained: number;
  /** Of those trained, holding a certificate in the order's occupation. */
  certified: number;
  recommended: number;
  hired: number;
  /** Still employed 3 months after the hire, over those hired at least 3 months ago. */
  still3: RateDto;
  still6: RateDto;
}

export class OrderFunnelReportDto {
  asOf: string;
  minCell: number;
  /** Totals over every order in the window (stage order: ORDER_FUNNEL_STAGES). */
  @ApiProperty({ type: [FunnelStageDto] })
  stages: FunnelStageDto[];
  /** Still employed at 3 and 6 months over all hires in the window. */
  still3: RateDto;
  still6: RateDto;
  /** The most recently opened orders, at most 100 (`ordersTotal` says how many there are). */
  @ApiProperty({ type: [OrderFunnelRowDto] })
  rows: OrderFunnelRowDto[];
  ordersTotal: number;
}

export class FairFunnelRowDto {
  fairId: string;
  title: string;
  fairDate: string;
  /** The city only: a venue can be a facility, and its name discloses. */
  @ApiProperty({ nullable: true, type: String })
  city: string | null;
  state: string;
  upcoming: boolean;
  registered: number;
  checkedIn: number;
  interviewed: number;
  intents: number;
  hires: number;
}

export class FairFunnelReportDto {
  asOf: string;
  @ApiProperty({ type: [FunnelStageDto] })
  stages: FunnelStageDto[];
  @ApiProperty({ type: [FairFunnelRowDto] })
  rows: FairFunnelRowDto[];
}
