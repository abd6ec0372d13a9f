import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AttendanceMarkDto, AttendanceMarks, AttendanceSheetDto, SeatedGroupDto } from '../../seats/dto/seats.dto';
import { CLASS_ENROLMENT_STATES, CLASS_MODES, type ClassEnrolmentState, type ClassMode } from '../diploma.entities';
import { PageQueryDto } from '../../common/dto/page.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UnitDto {
  id: string;
  name: string;
  credits: number;
}

export class ProgrammeDto {
  id: string;
  name: string;
  schoolId: string;
  schoolName: string;
  requiredCredits: number;
  description: string | null;
  @ApiProperty({ type: [UnitDto] })
  units: UnitDto[];
}

export class NewUnitDto {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name: string;

  @IsInt()
  @Min(1)
  @Max(30)
  credits: number;
}

export class CreateProgrammeDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name: string;

  @IsUUID()
  @MaxLength(36)
  schoolId: string;

  @IsInt()
  @Min(1)
  @Max(300)
  requiredCredits: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => NewUnitDto)
  units: NewUnitDto[];
}

export class ClassDto {
  id: string;
  programmeId: string;
  programmeName: string;
  name: string;
  cohortYear: number;
  @ApiProperty({ enum: CLASS_MODES })
  mode: ClassMode;
  /** Internal: the facility or station where it is taught. */
  venueName: string | null;
  capacity: number;
  seatsTaken: number;
  waitlisted: number;
  applied: number;
  headTeacherId: string | null;
  headTeacherName: string | null;
  startsOn: string;
  endsOn: string;
}

export class CreateClassDto extends SeatedGroupDto {
  @IsUUID()
  @MaxLength(36)
  programmeId: string;

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name: string;

  @IsInt()
  @Min(2000)
  @Max(2100)
  cohortYear: number;

  @IsIn(CLASS_MODES)
  @ApiProperty({ enum: CLASS_MODES })
  mode: ClassMode;

  /** Required unless the class is taught at a distance. */
  @ValidateIf((o: CreateClassDto) => o.mode !== 'distance')
  @IsUUID()
  @MaxLength(36)
  venueOrganisationId?: string;

  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  headTeacherId?: string;
}

export class ApplyDto {
  @IsUUID()
  @MaxLength(36)
  traineeId: string;
}

export class SelfApplyDto {
  @IsUUID()
  @MaxLength(36)
  classId: string;
}

export class ClassEnrolmentDto {
  id: string;
  classId: string;
  className: string;
  programmeName: string;
  traineeId: string;
  traineeName: string;
  @ApiProperty({ enum: CLASS_ENROLMENT_STATES })
  state: ClassEnrolmentState;
  waitlistPosition: number | null;
  appliedAt: string;
  decidedAt: string | null;
  reason: string | null;
  transferredToId: string | null;
}

export class DecisionDto {
  @IsIn(['approve', 'waitlist', 'reject'])
  @ApiProperty({ enum: ['approve', 'waitlist', 'reject'] })
  decision: 'approve' | 'waitlist' | 'reject';

  /** Required when rejecting; shown to the trainee. */
  @ValidateIf((o: DecisionDto) => o.decision === 'reject' || o.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason?: string;
}

export class WithdrawDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class TransferDto {
  /** The community or distance class where study continues. */
  @IsUUID()
  @MaxLength(36)
  toClassId: string;
}

export class GradeDto {
  @IsUUID()
  @MaxLength(36)
  traineeId: string;

  @IsUUID()
  @MaxLength(36)
  unitId: string;

  @IsInt()
  @Min(0)
  @Max(100)
  score: number;
}

export class ClassAttendanceRecordDto extends AttendanceMarkDto {}

export class ClassAttendanceDto extends AttendanceSheetDto {
  @ArrayMaxSize(500)
  @AttendanceMarks(() => ClassAttendanceRecordDto)
  records: ClassAttendanceRecordDto[];
}

export class AuditUnitDto {
  unitId: string;
  name: string;
  credits: number;
  score: number | null;
  passed: boolean;
}

/** 毕业审核: credits earned against required, and what is missing. */
export class GraduationAuditDto {
  enrolmentId: string;
  traineeName: string;
  programmeName: string;
  requiredCredits: number;
  earnedCredits: number;
  @ApiProperty({ type: [AuditUnitDto] })
  units: AuditUnitDto[];
  /** Units not yet passed (score below 60, or no grade). */
  missing: string[];
  eligible: boolean;
  attendanceRate: number | null;
}

export class DiplomaDto {
  id: string;
  /** `ZZ-2026-00042`: no platform prefix, nothing about where the holder studied. */
  number: string;
  verificationCode: string;
  /**
   * The link (and QR code) printed on the diploma: DIPLOMA_VERIFY_BASE_URL and the code — the
   * partner school's domain when configured, else `/verify/<code>` on this app's origin (relative).
   */
  verificationUrl: string;
  holderName: string;
  programmeName: string;
  /** The school that awards it — never the facility. */
  schoolName: string;
  graduatedOn: string;
  creditsEarned: number;
  @ApiProperty({ type: [AuditUnitDto] })
  transcript: AuditUnitDto[];
}

/** What the public verification page shows: nothing beyond these fields. */
export class DiplomaVerificationDto {
  valid: boolean;
  schoolName: string;
  programmeName: string;
  graduatedOn: string;
  /** `李*`, `王**`. */
  holderMaskedName: string;
  number: string;
}

export class GraduateDto {
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  graduatedOn?: string;
}

/** The most people one bulk application takes (a caseload page is at most 100 rows). */
export const BULK_APPLY_MAX = 100;

/** Apply for a caseload selection: every one must be a trainee your organisation holds. */
export class BulkApplyDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_APPLY_MAX)
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_APPLY_MAX })
  traineeIds: string[];
}

export const BULK_APPLY_OUTCOMES = ['applied', 'already', 'other_class'] as const;
export type BulkApplyOutcome = (typeof BULK_APPLY_OUTCOMES)[number];

/** One person's result: applied, already in this class, or in another class of the same programme (not applied). */
export class BulkApplyItemDto {
  traineeId: string;
  traineeName: string;
  @ApiProperty({ enum: BULK_APPLY_OUTCOMES })
  outcome: BulkApplyOutcome;
  enrolmentId: string | null;
  /** For `other_class`: the class they are in. */
  otherClassName: string | null;
}

export class BulkApplyResultDto {
  applied: number;
  already: number;
  otherClass: number;
  @ApiProperty({ type: [BulkApplyItemDto] })
  items: BulkApplyItemDto[];
}

/** A class place in a trainee's file, with attendance so far. */
export class TraineeClassEnrolmentDto extends ClassEnrolmentDto {
  attended: number;
  meetings: number;
}

/** The programmes, a page at a time; `q` for a picker. */
export class ProgrammeQueryDto extends PageQueryDto {
  /** Part of the programme's name or its school's. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  q?: string;
}

/** The classes the caller may see, a page at a time; `q` and `programmeId` for pickers (a transfer stays in its programme). */
export class ClassQueryDto extends PageQueryDto {
  /** Part of the class's name or its programme's. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', minLength: 36, maxLength: 36 })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  /** Only classes not yet ended (the enrolment picker). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  open?: boolean;
}

export class ProgrammePageDto {
  @ApiProperty({ type: [ProgrammeDto] })
  items: ProgrammeDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class ClassPageDto {
  @ApiProperty({ type: [ClassDto] })
  items: ClassDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class ClassEnrolmentPageDto {
  @ApiProperty({ type: [ClassEnrolmentDto] })
  items: ClassEnrolmentDto[];
  total: number;
  page: number;
  pageSize: number;
}
