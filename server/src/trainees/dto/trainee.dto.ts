import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { KeysetPageQueryDto } from '../../common/dto/page.dto';
import { EDUCATION_LEVELS, type EducationLevel, TRAINEE_STATES, type TraineeState } from '../trainee.entity';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CaseloadSummaryDto {
  /** Trainees in the caller's scope (own organisation; everyone for admins). */
  total: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 },
    maxProperties: TRAINEE_STATES.length,
    description: 'Count per lifecycle state',
  })
  byState: Record<TraineeState, number>;
  /** Still inside, with an expected release date in the next 30 days. */
  releasingWithin30Days: number;
}

/** A skill as entered: an occupation code of the 2022 classification and a level (5 = 五级 … 1 = 一级). */
export class TraineeSkillInputDto {
  @Matches(/^\d-\d{2}-\d{2}-\d{2}$/, { message: msg('OCCUPATION_CODE_FORMAT') })
  @MaxLength(10)
  occupationCode: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  @ApiProperty({ type: Number, nullable: true, required: false, minimum: 1, maximum: 5 })
  level?: number | null;
}

/** A skill as shown: the code and level with their names. */
export class TraineeSkillDto {
  occupationCode: string;
  occupationName: string;
  @ApiProperty({ type: Number, nullable: true })
  level: number | null;
  @ApiProperty({ type: String, nullable: true })
  levelName: string | null;
}

/** An industry (a middle category of the classification) with its name. */
export class IndustryRefDto {
  code: string;
  name: string;
}

/** Where the trainee is, in words the outward screens may key on: `outside` from release on. */
export const TRAINEE_STAGES = ['inside', 'outside'] as const;
export type TraineeStage = (typeof TRAINEE_STAGES)[number];

/**
 * What a trainee sees about themselves on their portal: the home screen, which they may show an
 * employer or family. It names no organisation (the data download, `GET /trainees/me/data`, does).
 */
export class MyTraineeStatusDto {
  fullName: string;
  @ApiProperty({ enum: TRAINEE_STATES })
  state: TraineeState;
  /** `inside` while admitted or in pre-release; `outside` once released (also community, closed). */
  @ApiProperty({ enum: TRAINEE_STAGES })
  stage: TraineeStage;
  expectedReleaseOn: string;
  releasedOn: string | null;
  /** Days until the expected release (negative once past), while still inside. */
  daysToRelease: number | null;
}

/** A row of the caseload. Identity numbers appear masked only. */
export class TraineeListItemDto {
  id: string;
  fullName: string;
  @ApiProperty({ enum: ['M', 'F'] })
  sex: 'M' | 'F';
  /** Age reached this calendar year (this year minus the birth year): never more precise than the year. */
  age: number;
  /** `**************123X`: the last four characters only (the full number only through the audited reveal). */
  identityNumberMasked: string;
  homeDivisionCode: string;
  homeDivisionName: string;
  organisationId: string;
  organisationName: string;
  @ApiProperty({ enum: TRAINEE_STATES })
  state: TraineeState;
  admittedOn: string;
  expectedReleaseOn: string;
  releasedOn: string | null;
  /** While inside: days to the expected release. */
  daysToRelease: number | null;
  /** Live consent to job matching. */
  jobMatchingConsent: boolean;
  /** Pre-release checklist progress (done of total), when there is one. */
  checklistDone: number;
  checklistTotal: number;
  /** The caller's organisation handed this trainee over: it may read what it recorded, not change it. */
  readOnly: boolean;
  /** 失联: the station has not reached the person several times in a row (an open lost-contact case). */
  lostContact: boolean;
}

export class TraineePageDto {
  @ApiProperty({ type: [TraineeListItemDto] })
  items: TraineeListItemDto[];
  /** Trainees matching the filters, or 10,000 when `totalCapped`. */
  total: number;
  page: number;
  pageSize: number;
  /** More than 10,000 trainees match: `total` is a lower bound (shown as "10,000+"). */
  totalCapped: boolean;
  /** Pass as `after` for the next page (same filters, sort and order); null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** The trainee's file. */
export class TraineeDto extends TraineeListItemDto {
  /** Year of birth. The day is never shown: it is in the identity number, revealed only with `identity.unmask`. */
  birthYear: number;
  phone: string | null;
  @ApiProperty({ enum: EDUCATION_LEVELS, nullable: true })
  educationLevel: EducationLevel | null;
  /** Internal to staff. */
  workHistory: string | null;
  @ApiProperty({ type: () => [TraineeSkillDto] })
  skills: TraineeSkillDto[];
  /** Internal to staff. */
  skillsNote: string | null;
  @ApiProperty({ type: () => [IndustryRefDto] })
  preferredIndustries: IndustryRefDto[];
  preferredDivisions: string[];
  wageExpectation: number | null;
  willingToLiveOnSite: boolean | null;
  /** Has a sign-in of their own. */
  hasAccount: boolean;
  /** Whether the caller may reveal the full identity number. */
  canRevealIdentityNumber: boolean;
  createdAt: string;
  /**
   * Set when this is the releasing facility's frozen copy: the file as it was when the handover
   * completed (the live record is the receiving station's).
   */
  @ApiProperty({ type: String, nullable: true })
  frozenAt: string | null;
}

export class TraineeQueryDto extends KeysetPageQueryDto {
  @IsOptional()
  @IsIn(TRAINEE_STATES)
  state?: TraineeState;

  /** Expected release on or after (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  releaseFrom?: string;

  /** Expected release on or before (YYYY-MM-DD). */
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  releaseTo?: string;

  /** `granted`: live consent to job matching; `none`: no live consent. */
  @IsOptional()
  @IsIn(['granted', 'none'])
  jobMatchingConsent?: 'granted' | 'none';

  /** Start of a name, or a full identity number (matched exactly through its keyed hash). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  q?: string;

  /** `true`: the cases being worked — not closed, and held by the caller's organisation (not handed over). Ignored with `state`. */
  @IsOptional()
  @IsIn(['true', 'false'])
  @ApiProperty({ enum: ['true', 'false'], required: false })
  active?: 'true' | 'false';

  @IsOptional()
  @IsIn(['expectedRelease', 'name', 'admitted', 'state'])
  sort?: 'expectedRelease' | 'name' | 'admitted' | 'state';

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

class TraineeProfileFields {
  @IsOptional()
  @Matches(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: msg('PHONE_CN_FORMAT') })
  @MaxLength(13)
  phone?: string | null;

  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  @ApiProperty({ enum: EDUCATION_LEVELS, required: false })
  educationLevel?: EducationLevel | null;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  workHistory?: string | null;

  /** Skills as occupation codes with a level: the only skills an employer may read. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TraineeSkillInputDto)
  @ApiProperty({ type: [TraineeSkillInputDto], required: false })
  skills?: TraineeSkillInputDto[];

  /** Anything about skills that fits no occupation. Internal to staff: never shown to an employer. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  skillsNote?: string | null;

  /** Middle categories of the 2022 classification (`GET /api/reference/industries`), e.g. `4-03`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^\d-\d{2}$/, { each: true, message: msg('INDUSTRY_CODE_FORMAT') })
  @MaxLength(4, { each: true })
  preferredIndustries?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(19)
  @Matches(/^\d{6}$/, { each: true, message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6, { each: true })
  preferredDivisions?: string[];

  /** Monthly, in yuan. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  wageExpectation?: number | null;

  @IsOptional()
  @IsBoolean()
  willingToLiveOnSite?: boolean | null;
}

export class CreateTraineeDto extends TraineeProfileFields {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  fullName: string;

  /** 身份证号 (GB 11643). Sex and birth year are read from it. Stored encrypted, with a keyed hash and its last 4 characters. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @MaxLength(32)
  identityNumber: string;

  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  homeDivisionCode: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  admittedOn: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  expectedReleaseOn: string;
}

export class UpdateTraineeDto extends TraineeProfileFields {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  fullName?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  homeDivisionCode?: string;

  /** A postponed or earlier release. */
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  expectedReleaseOn?: string;
}

export class TransitionDto {
  @IsIn(TRAINEE_STATES)
  @ApiProperty({ enum: TRAINEE_STATES })
  to: TraineeState;

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class RevealIdentityDto {
  /** Why the full number is needed (kept in the audit log). */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason: string;
}

export class RevealedIdentityDto {
  identityNumber: string;
}

export class StateChangeDto {
  @ApiProperty({ enum: TRAINEE_STATES, nullable: true })
  fromState: TraineeState | null;
  @ApiProperty({ enum: TRAINEE_STATES })
  toState: TraineeState;
  changedAt: string;
  /** Display name of who made the change; null when the platform did (scheduler, handover). */
  changedByName: string | null;
  reason: string;
}
