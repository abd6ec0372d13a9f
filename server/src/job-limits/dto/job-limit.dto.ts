import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { msg } from '../../common/messages/msg';
import { JOB_LIMIT_KINDS, type JobLimitKind } from '../job-limit-rule.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A code of the 2022 classification or a prefix of one: `4`, `4-02`, `4-02-02`, `4-02-02-01`. */
export const OCCUPATION_PREFIX = /^[1-8](-\d{2}){0,3}$/;

export class CreateJobLimitDto {
  /** Occupation code or prefix of the 2022 classification, e.g. `4-02-02` (all road transport occupations). */
  @Transform(trim)
  @IsString()
  @MaxLength(12)
  @Matches(OCCUPATION_PREFIX, { message: msg('JOB_LIMIT_PREFIX_FORMAT') })
  occupationPrefix: string;

  @ApiProperty({ enum: JOB_LIMIT_KINDS })
  @IsIn(JOB_LIMIT_KINDS)
  kind: JobLimitKind;

  /** Years after release, 1..10: required for `waiting_period`, absent for `barred`. */
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(10)
  waitingYears?: number | null;

  /** Also limited while in the facility or under community rehabilitation (waiting periods only). */
  @IsOptional()
  @IsBoolean()
  duringSupervision?: boolean;

  /** The article, e.g. 《机动车驾驶证申领和使用规定》第十五条. */
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  legalReference: string;

  /** Staff-facing text about the rule (not about a person). */
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  summaryZh: string;

  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  summaryEn: string;
}

export class UpdateJobLimitDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(12)
  @Matches(OCCUPATION_PREFIX, { message: msg('JOB_LIMIT_PREFIX_FORMAT') })
  occupationPrefix?: string;

  @ApiPropertyOptional({ enum: JOB_LIMIT_KINDS })
  @IsOptional()
  @IsIn(JOB_LIMIT_KINDS)
  kind?: JobLimitKind;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(10)
  waitingYears?: number | null;

  @IsOptional()
  @IsBoolean()
  duringSupervision?: boolean;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  legalReference?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  summaryZh?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  summaryEn?: string;

  /** Re-activate a rule (deactivating is DELETE). */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** The rules table, a page at a time (by occupation code, then kind, then when added). */
export class JobLimitQueryDto extends PageQueryDto {
  /** Also list deactivated rules. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export class JobLimitDto {
  id: string;
  occupationPrefix: string;
  /** The name of the occupation or category the prefix names (the code itself for a major category). */
  occupationName: string;
  @ApiProperty({ enum: JOB_LIMIT_KINDS })
  kind: JobLimitKind;
  @ApiProperty({ type: Number, nullable: true })
  waitingYears: number | null;
  duringSupervision: boolean;
  legalReference: string;
  summaryZh: string;
  summaryEn: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export class JobLimitPageDto {
  @ApiProperty({ type: [JobLimitDto] })
  items: JobLimitDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** A rule that limits this person now (counsellors only). */
export class TraineeJobLimitDto {
  ruleId: string;
  occupationPrefix: string;
  occupationName: string;
  @ApiProperty({ enum: JOB_LIMIT_KINDS })
  kind: JobLimitKind;
  /** ISO date when the waiting period ends; null when barred. */
  @ApiProperty({ type: String, nullable: true })
  from: string | null;
  /** Also not before community rehabilitation (or the stay in the facility) ends. */
  whileSupervised: boolean;
  legalReference: string;
  summaryZh: string;
  summaryEn: string;
}
