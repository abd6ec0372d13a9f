import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_OWNERS,
  ACTION_STATUSES,
  ALL_NEED_CODES,
  ASSESSMENT_STAGES,
  BLOCKER_CODES,
  GOAL_KINDS,
  GOAL_STATUSES,
  NEED_AREAS,
  NEED_LEVELS,
  type ActionOwner,
  type ActionStatus,
  type AssessmentStage,
  type BlockerCode,
  type GoalKind,
  type GoalStatus,
  type NeedArea,
  type NeedCode,
  type NeedLevel,
} from '../need-codes';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A calendar date (China date), not a timestamp. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------- staff: in

export class NeedsAreaInputDto {
  @ApiProperty({ enum: NEED_AREAS })
  @IsIn(NEED_AREAS)
  area: NeedArea;

  @ApiProperty({ enum: NEED_LEVELS })
  @IsIn(NEED_LEVELS)
  level: NeedLevel;

  /** Codes of this area (GET /api/trainees/{id}/plan lists them under `codes`); empty when the level is none. */
  @ApiProperty({ enum: ALL_NEED_CODES, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  items: string[];

  /** Staff only: never shown to the trainee. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CreateNeedsAssessmentDto {
  @ApiProperty({ enum: ASSESSMENT_STAGES })
  @IsIn(ASSESSMENT_STAGES)
  stage: AssessmentStage;

  /** Areas assessed (each at most once); areas left out are not assessed this time. */
  @ApiProperty({ type: [NeedsAreaInputDto], maxItems: NEED_AREAS.length })
  @IsArray()
  @ArrayMaxSize(NEED_AREAS.length)
  @ArrayUnique((a: NeedsAreaInputDto) => a?.area)
  @ValidateNested({ each: true })
  @Type(() => NeedsAreaInputDto)
  areas: NeedsAreaInputDto[];
}

export class CreatePlanGoalDto {
  @ApiProperty({ enum: GOAL_KINDS })
  @IsIn(GOAL_KINDS)
  kind: GoalKind;

  /** Only for kind 'own': the person's own words. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  targetOn?: string;
}

export class UpdatePlanGoalDto {
  /** Only for kind 'own'. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  /** null clears it. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  targetOn?: string | null;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;
}

export class CreatePlanActionDto {
  @ApiProperty({ enum: NEED_AREAS })
  @IsIn(NEED_AREAS)
  area: NeedArea;

  /** A code of `area`: the title is then its fixed text. Without it, `title` is required. */
  @ApiPropertyOptional({ enum: ALL_NEED_CODES })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  needCode?: string;

  /** The staff's words (the trainee sees them): only without `needCode`. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiProperty({ enum: ACTION_OWNERS })
  @IsIn(ACTION_OWNERS)
  owner: ActionOwner;

  /** Not before today. */
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  dueOn?: string;

  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  goalId?: string;
}

export class UpdatePlanActionDto {
  /** Only for an action without a need code. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: ACTION_OWNERS })
  @IsOptional()
  @IsIn(ACTION_OWNERS)
  owner?: ActionOwner;

  /** null clears it; a new date must not be before today. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  dueOn?: string | null;

  /** 'done' confirms it (also one the trainee ticked); 'open' reopens it. */
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  /** null detaches it from its goal. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  @MaxLength(36)
  goalId?: string | null;
}

export class CreatePlanReviewDto {
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  dueOn: string;

  /** Not in the future. */
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  heldOn?: string;

  /** Staff only: never shown to the trainee. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  nextReviewOn?: string;
}

export class UpdatePlanReviewDto {
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  dueOn?: string;

  /** Not in the future; null: not held after all. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  heldOn?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  summary?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE_ONLY)
  @MaxLength(10)
  nextReviewOn?: string | null;
}

// ---------------------------------------------------------------- staff: out

export class NeedsAreaDto {
  @ApiProperty({ enum: NEED_AREAS })
  area: NeedArea;
  @ApiProperty({ enum: NEED_LEVELS })
  level: NeedLevel;
  @ApiProperty({ enum: ALL_NEED_CODES, isArray: true })
  items: NeedCode[];
  /** Staff only. */
  note: string | null;
}

export class NeedsAssessmentSummaryDto {
  id: string;
  version: number;
  @ApiProperty({ enum: ASSESSMENT_STAGES })
  stage: AssessmentStage;
  assessedAt: string;
  assessedByName: string | null;
  @ApiProperty({ enum: NEED_AREAS, isArray: true })
  urgentAreas: NeedArea[];
}

export class NeedsAssessmentDto extends NeedsAssessmentSummaryDto {
  @ApiProperty({ type: [NeedsAreaDto] })
  areas: NeedsAreaDto[];
}

export class PlanGoalDto {
  id: string;
  @ApiProperty({ enum: GOAL_KINDS })
  kind: GoalKind;
  /** The person's words for 'own'; the motto's fixed text otherwise. */
  title: string;
  titleEn: string | null;
  targetOn: string | null;
  @ApiProperty({ enum: GOAL_STATUSES })
  status: GoalStatus;
}

export class PlanActionDto {
  id: string;
  goalId: string | null;
  @ApiProperty({ enum: NEED_AREAS })
  area: NeedArea;
  @ApiProperty({ enum: ALL_NEED_CODES, nullable: true })
  needCode: NeedCode | null;
  title: string;
  /** The fixed English text when the action has a need code. */
  titleEn: string | null;
  @ApiProperty({ enum: ACTION_OWNERS })
  owner: ActionOwner;
  dueOn: string | null;
  @ApiProperty({ enum: ACTION_STATUSES })
  status: ActionStatus;
  doneAt: string | null;
  doneByName: string | null;
  /** Ticked by the trainee on their phone (staff may confirm it by setting status 'done'). */
  markedByTrainee: boolean;
}

export class PlanReviewDto {
  id: string;
  dueOn: string;
  heldOn: string | null;
  /** Staff only. */
  summary: string | null;
  nextReviewOn: string | null;
}

export class NeedCodesDto {
  @ApiProperty({ enum: NEED_AREAS })
  area: NeedArea;
  @ApiProperty({ enum: ALL_NEED_CODES, isArray: true })
  codes: NeedCode[];
}

/** The whole plan as the holding organisation's counsellors (and admins, read-only) see it. */
export class PlanDto {
  traineeId: string;
  /** The latest assessment; null before the first. */
  @ApiProperty({ type: NeedsAssessmentDto, nullable: true })
  assessment: NeedsAssessmentDto | null;
  /** Every version, newest first. */
  @ApiProperty({ type: [NeedsAssessmentSummaryDto] })
  versions: NeedsAssessmentSummaryDto[];
  @ApiProperty({ type: [PlanGoalDto] })
  goals: PlanGoalDto[];
  @ApiProperty({ type: [PlanActionDto] })
  actions: PlanActionDto[];
  @ApiProperty({ type: [PlanReviewDto] })
  reviews: PlanReviewDto[];
  /** What stops the next steps (e.g. no ID card: no labour contract). */
  @ApiProperty({ enum: BLOCKER_CODES, isArray: true })
  blockers: BlockerCode[];
  /** The fixed items each area may list (for the assessment form). */
  @ApiProperty({ type: [NeedCodesDto] })
  codes: NeedCodesDto[];
}

// ---------------------------------------------------------------- trainee: out

export class MyNeedDto {
  @ApiProperty({ enum: NEED_AREAS })
  area: NeedArea;
  label: string;
  labelEn: string;
  @ApiProperty({ enum: NEED_LEVELS })
  level: NeedLevel;
  @ApiProperty({ enum: ALL_NEED_CODES, isArray: true })
  items: NeedCode[];
  itemLabels: string[];
  itemLabelsEn: string[];
}

export class MyGoalDto {
  id: string;
  @ApiProperty({ enum: GOAL_KINDS })
  kind: GoalKind;
  title: string;
  titleEn: string | null;
  targetOn: string | null;
  @ApiProperty({ enum: GOAL_STATUSES })
  status: GoalStatus;
}

export class MyStepDto {
  id: string;
  goalId: string | null;
  @ApiProperty({ enum: NEED_AREAS })
  area: NeedArea;
  title: string;
  titleEn: string | null;
  /** Who does it: me, or someone helping me. */
  @ApiProperty({ enum: ACTION_OWNERS })
  owner: ActionOwner;
  /** I may tick it (my own step). */
  mine: boolean;
  dueOn: string | null;
  @ApiProperty({ enum: ACTION_STATUSES })
  status: ActionStatus;
  /** The date it was done (China date). */
  doneOn: string | null;
  /** I ticked it myself (and may untick it). */
  markedByMe: boolean;
}

/**
 * My plan in plain words, for a phone that others may see: no staff notes, no review summaries, no
 * names of who assessed, no stage, no organisation.
 */
export class MyPlanDto {
  @ApiProperty({ type: [MyNeedDto] })
  needs: MyNeedDto[];
  @ApiProperty({ type: [MyGoalDto] })
  goals: MyGoalDto[];
  @ApiProperty({ type: [MyStepDto] })
  steps: MyStepDto[];
  /** The next talk about the plan, if one is set. */
  nextMeetingOn: string | null;
}
