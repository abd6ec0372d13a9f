import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { SCORE_PARTS, type ScorePart } from '../matching.entities';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One part of a score: its weight, how far it is met (0–1), the points it gives, and why. */
export class ScorePartDto {
  @ApiProperty({ enum: SCORE_PARTS })
  key: ScorePart;
  weight: number;
  value: number;
  points: number;
  reason: string;
  reasonEn: string;
}

export class CandidateMatchDto {
  traineeId: string;
  fullName: string;
  organisationName: string;
  homeDivisionName: string;
  /** 0–100 when the weights add up to 100. */
  score: number;
  @ApiProperty({ type: [ScorePartDto] })
  parts: ScorePartDto[];
  /** What the order asks for that this trainee lacks, in plain words. */
  missing: string[];
  /** The trainee's placement on this order, if a counsellor already acted. */
  @ApiProperty({ nullable: true, type: String })
  placementState: string | null;
}

export class CandidateRankingDto {
  orderId: string;
  orderTitle: string;
  employerName: string;
  weightsVersion: number;
  /** Candidates who qualify, or COUNT_CAP when `totalCapped`. */
  total: number;
  /** True when more than COUNT_CAP (10,000) qualify and `total` is only a lower bound. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  @ApiProperty({ type: [CandidateMatchDto] })
  items: CandidateMatchDto[];
}

export class CandidateQueryDto extends PageQueryDto {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode?: string;

  /** Only trainees free to start by this date (released, or released by then). */
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  availableBy?: string;

  /** Only trainees holding a certificate of this occupation. */
  @IsOptional()
  @Matches(/^\d-\d{2}-\d{2}-\d{2}$/, { message: msg('OCCUPATION_CODE_FORMAT') })
  @MaxLength(10)
  certificateOccupation?: string;
}

export class WhyNotDto {
  traineeId: string;
  fullName: string;
  /** False when the trainee cannot be matched to this order at all; `blockers` say why. */
  eligible: boolean;
  blockers: string[];
  score: number;
  @ApiProperty({ type: [ScorePartDto] })
  parts: ScorePartDto[];
  missing: string[];
  weightsVersion: number;
}

export class OrderMatchDto {
  orderId: string;
  orderTitle: string;
  employerName: string;
  occupationName: string;
  divisionName: string;
  wageMin: number | null;
  wageMax: number | null;
  startDate: string;
  score: number;
  @ApiProperty({ type: [ScorePartDto] })
  parts: ScorePartDto[];
  missing: string[];
}

export class OrderMatchesDto {
  weightsVersion: number;
  @ApiProperty({ type: [OrderMatchDto] })
  orders: OrderMatchDto[];
}

export class WeightsDto {
  version: number;
  certificate: number;
  training: number;
  diploma: number;
  division: number;
  lodging: number;
  wage: number;
  industry: number;
  readiness: number;
  note: string | null;
  createdAt: string;
}

/** A new version of the weights: each 0–100, together 100. */
export class SetWeightsDto {
  @IsInt() @Min(0) @Max(100) certificate: number;
  @IsInt() @Min(0) @Max(100) training: number;
  @IsInt() @Min(0) @Max(100) diploma: number;
  @IsInt() @Min(0) @Max(100) division: number;
  @IsInt() @Min(0) @Max(100) lodging: number;
  @IsInt() @Min(0) @Max(100) wage: number;
  @IsInt() @Min(0) @Max(100) industry: number;
  @IsInt() @Min(0) @Max(100) readiness: number;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class ReadinessDto {
  @IsBoolean()
  ready: boolean;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  note?: string;
}

export class ReadinessResultDto {
  traineeId: string;
  ready: boolean;
  note: string | null;
  setAt: string;
}
