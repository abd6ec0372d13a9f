import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_TEXT_VERSION } from '../../consents/dto/consent.dto';
import { RECOMMENDATION_REASON_CODES, type RecommendationReason } from '../../reference/data/recommendation-reasons';
import { RecommendationReasonDto } from '../../reference/dto/reference.dto';
import { IndustryRefDto, TraineeSkillDto } from '../../trainees/dto/trainee.dto';
import { PageQueryDto } from '../../common/dto/page.dto';
import { PLACEMENT_SOURCES, PLACEMENT_STATES, type PlacementSource, type PlacementState } from '../placement.entity';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PlacementEventDto {
  @ApiProperty({ enum: [...PLACEMENT_STATES, null], nullable: true })
  fromState: PlacementState | null;
  /** `ended`: the employment ended (the placement stays `hired`). */
  @ApiProperty({ enum: [...PLACEMENT_STATES, 'ended'] })
  toState: PlacementState | 'ended';
  /** Who acted, by role (names stay inside the organisation that acted). */
  actorRole: string;
  /** A counsellor acted for a trainee without a device. */
  assisted: boolean;
  note: string | null;
  at: string;
}

/** A placement as counsellors, admins and the trainee see it. Never sent to employers. */
export class PlacementDto {
  id: string;
  orderId: string;
  orderTitle: string;
  employerName: string;
  occupationName: string;
  orderDivisionName: string;
  traineeId: string;
  traineeName: string;
  candidateCode: string;
  @ApiProperty({ enum: PLACEMENT_STATES })
  state: PlacementState;
  @ApiProperty({ enum: PLACEMENT_SOURCES })
  source: PlacementSource;
  /** The counsellor's own note: internal, null for everyone but staff. */
  note: string | null;
  /** Why the counsellor recommended, as codes from the fixed list. */
  @ApiProperty({ enum: RECOMMENDATION_REASON_CODES, isArray: true })
  reasons: RecommendationReason[];
  interviewAt: string | null;
  interviewPlace: string | null;
  offeredWage: number | null;
  hiredOn: string | null;
  endedOn: string | null;
  /** Whether the employer may see the trainee's name and phone now (accepted and consent to share live). */
  contactShared: boolean;
  createdAt: string;
  @ApiProperty({ type: [PlacementEventDto] })
  events: PlacementEventDto[];
}

export class PlacementPageDto {
  @ApiProperty({ type: [PlacementDto] })
  items: PlacementDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class CandidateCertificateDto {
  occupationName: string;
  levelName: string;
  issuedYear: number;
}

export class CandidateDiplomaDto {
  programmeName: string;
  schoolName: string;
  graduatedYear: number;
}

/**
 * What an employer sees of a candidate. Built field by field from an allow-list: no identity
 * number, address, facility, rehab history or follow-up data can reach it. Name and phone appear
 * only after the trainee accepted and while their consent to share with this employer is live.
 */
export class CandidateDto {
  placementId: string;
  candidateCode: string;
  @ApiProperty({ enum: PLACEMENT_STATES })
  state: PlacementState;
  /** Skills as occupation codes and levels: nothing typed by staff reaches an employer. */
  @ApiProperty({ type: [TraineeSkillDto] })
  skills: TraineeSkillDto[];
  @ApiProperty({ type: [CandidateCertificateDto] })
  certificates: CandidateCertificateDto[];
  @ApiProperty({ type: [CandidateDiplomaDto] })
  diplomas: CandidateDiplomaDto[];
  /** The city or county they come from (a division name, never an address). */
  divisionName: string;
  preferredDivisionNames: string[];
  @ApiProperty({ type: [IndustryRefDto] })
  preferredIndustries: IndustryRefDto[];
  wageExpectation: number | null;
  willingToLiveOnSite: boolean | null;
  /** Why the counsellor recommends this candidate: reasons from the fixed list, in both languages. */
  @ApiProperty({ type: [RecommendationReasonDto] })
  reasons: RecommendationReasonDto[];
  interviewAt: string | null;
  interviewPlace: string | null;
  offeredWage: number | null;
  hiredOn: string | null;
  endedOn: string | null;
  @ApiProperty({ nullable: true, type: String })
  fullName: string | null;
  @ApiProperty({ nullable: true, type: String })
  phone: string | null;
  /** The employer has not opened this candidate yet (and it is still in play). */
  isNew: boolean;
}

export class FulfilmentDto {
  orderId: string;
  headcount: number;
  /** Placements a counsellor recommended (and that the trainee has not since left). */
  recommended: number;
  accepted: number;
  interviewing: number;
  offered: number;
  hired: number;
  /** Hired and not (yet) recorded as having left. */
  stillEmployed: number;
  /** Hired at least 90 / 180 days ago and still there at that point, over those hired that long ago. */
  stillEmployedAt3Months: number;
  hiredAtLeast3MonthsAgo: number;
  stillEmployedAt6Months: number;
  hiredAtLeast6MonthsAgo: number;
}

export class PlacementQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  orderId?: string;

  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  traineeId?: string;

  @IsOptional()
  @IsIn(PLACEMENT_STATES)
  @ApiProperty({ enum: PLACEMENT_STATES, required: false })
  state?: PlacementState;
}

/** A recommendation: the counsellor's own note (internal) and the reasons the employer reads. */
export class RecommendDto {
  /** The counsellor's own note. Internal: the employer never reads it (they read `reasons`). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;

  /** What the employer reads: reasons from the fixed list (`GET /api/reference/recommendation-reasons`). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsIn(RECOMMENDATION_REASON_CODES, { each: true, message: msg('RECOMMENDATION_REASON_CODES') })
  @ApiProperty({ enum: RECOMMENDATION_REASON_CODES, isArray: true, required: false })
  reasons?: RecommendationReason[];
}

/** A counsellor recommends one of their trainees for an open order. */
export class CreatePlacementDto extends RecommendDto {
  @IsUUID()
  @MaxLength(36)
  orderId: string;

  @IsUUID()
  @MaxLength(36)
  traineeId: string;
}

export class PlacementNoteDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** The trainee accepts: this is also their consent to release name and phone to this employer. */
export class AcceptPlacementDto extends PlacementNoteDto {
  /** The version of the `share_with_employer` consent text the trainee read. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TEXT_VERSION)
  textVersion: number;

  /** Assisted acceptance: the reference of the signed paper form. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  paperFormRef?: string;
}

export class InterviewDto extends PlacementNoteDto {
  @IsDateString()
  @MaxLength(40)
  interviewAt: string;

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  interviewPlace: string;
}

export class OfferDto extends PlacementNoteDto {
  /** Monthly, yuan. */
  @IsInt()
  @Min(0)
  @Max(100000)
  offeredWage: number;
}

export class HireDto extends PlacementNoteDto {
  /** First day at work. */
  @IsDateString({ strict: true })
  @MaxLength(40)
  hiredOn: string;
}

export class EndEmploymentDto {
  @IsDateString({ strict: true })
  @MaxLength(40)
  endedOn: string;

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason: string;
}
