import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Allow, IsDateString, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { REPORT_GROUPS, type ReportGroup } from '../reports.repository';
import { msg } from '../../common/messages/msg';

/** A release cohort: a calendar year (2024) or one of its quarters (2024Q2). */
export const COHORT_PATTERN = /^(\d{4})(?:Q([1-4]))?$/;

/**
 * What the cohort reports (motto, abstinence, and their workbook) are over: everyone released in one
 * calendar year or quarter, never an arbitrary window of days (two windows a day apart differ by one
 * person, and their difference is that person's outcome). Rows are one dimension at a time; narrowing to
 * one facility, station or division (or a counsellor's own organisation) leaves the quarters to group by.
 */
export class OutcomeQueryDto {
  /** Release year (2024) or quarter (2024Q2). Default: the last full calendar year before the report date. */
  @IsOptional()
  @Matches(COHORT_PATTERN, { message: msg('COHORT_FORMAT') })
  @ApiProperty({ required: false, example: '2024Q2', pattern: '^\\d{4}(Q[1-4])?$' })
  @MaxLength(6)
  cohort?: string;

  /**
   * What each row is: facility left, station following up, home division, or the cohort's quarters.
   * Default: facility; the quarters when the report is narrowed to one facility, station or division
   * (always so for a counsellor, whose report is their own organisation's).
   */
  @IsOptional()
  @IsIn(REPORT_GROUPS)
  @ApiProperty({ enum: REPORT_GROUPS, required: false })
  groupBy?: ReportGroup;

  /** Narrow to those who left this facility (admins; at most one of facilityId, stationId, divisionCode). */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  facilityId?: string;

  /** Narrow to those this station follows up. */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  stationId?: string;

  /** Narrow to a home division (6-digit GB/T 2260 code). */
  @IsOptional()
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode?: string;

  /** Gone (release windows of days): accepted by validation only to be refused with a message that says what to use. */
  @ApiHideProperty()
  @Allow()
  releasedFrom?: unknown;

  @ApiHideProperty()
  @Allow()
  releasedTo?: unknown;
}

/** Orders opened, or fairs held, within a window. */
export class FunnelQueryDto {
  /** On or after (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  from?: string;

  /** On or before (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  to?: string;
}

/**
 * A share of a group. The numerator and the rate are withheld (`suppressed`) when the group is smaller
 * than the small-cell threshold k, when the numerator or the rest (denominator − numerator) is 1 to k − 1,
 * or when showing it would let a reader work out such a cell by subtracting (complementary suppression).
 * The reason is not said per cell: saying "few relapsed here" would itself be the disclosure.
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
  /**
   * Present when the share is withheld because its cohort has not settled: the first day (YYYY-MM-DD) it
   * is published — once everyone in the cohort has reached the age it is measured at and their records
   * have had time to come in. Until then it would change one person at a time, day by day.
   */
  @ApiProperty({ required: false, type: String, example: '2027-03-31' })
  pendingUntil?: string;
}

export class EmploymentRateDto extends RateDto {
  /** Months after release. Denominator: released at least that long ago. */
  months: number;
}

export class MottoRowDto {
  /** Organisation id, quarter (2025Q3) or division code; null for the total or a group with nothing recorded. */
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
  /** The release year or quarter reported on (2024, 2024Q2). */
  cohort: string;
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
  /**
   * Admitted to a facility again within that many years of the release, over the eligible: objective
   * (from the episodes), beside the self-reported and test-verified abstinence, under the same rules.
   */
  readmitted: RateDto;
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
  /** The release year or quarter reported on (2024, 2024Q2). */
  cohort: string;
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
  /** Null when withheld: "still employed" is the numerator of a share over the hires, withheld with it. */
  @ApiProperty({ nullable: true, type: Number })
  count: number | null;
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
