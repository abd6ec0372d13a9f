import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { AttendanceMarkDto, AttendanceMarks, AttendanceSheetDto, SeatedGroupDto } from '../../seats/dto/seats.dto';
import { SESSION_ENROLMENT_STATES, type SessionEnrolmentState } from '../course.entities';
import { msg } from '../../common/messages/msg';
import { PageQueryDto } from '../../common/dto/page.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CourseDto {
  id: string;
  title: string;
  occupationCode: string;
  occupationName: string;
  /** 5 = 五级/初级工 … 1 = 一级/高级技师. */
  level: number;
  levelName: string;
  hours: number;
  providerId: string;
  providerName: string;
  syllabus: string | null;
  /** Sessions that have not ended yet. */
  upcomingSessions: number;
}

export class CourseQueryDto extends PageQueryDto {
  @IsOptional()
  @MaxLength(10)
  @Matches(/^\d-\d{2}-\d{2}-\d{2}$/, { message: msg('OCCUPATION_CODE_FORMAT') })
  occupationCode?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  level?: number;

  /** Part of the title or the occupation's name. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  q?: string;
}

export class CreateCourseDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  title: string;

  @MaxLength(10)
  @Matches(/^\d-\d{2}-\d{2}-\d{2}$/, { message: msg('OCCUPATION_CODE_FORMAT') })
  occupationCode: string;

  @IsInt()
  @Min(1)
  @Max(5)
  level: number;

  @IsInt()
  @Min(1)
  @Max(2000)
  hours: number;

  /** A training provider or the school. */
  @IsUUID()
  @MaxLength(36)
  providerId: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  syllabus?: string;
}

export class CourseSessionDto {
  id: string;
  courseId: string;
  courseTitle: string;
  occupationCode: string;
  level: number;
  startsOn: string;
  endsOn: string;
  /** Where it is held (staff and the trainee's own view only; never shown to employers or the public). */
  venueName: string | null;
  capacity: number;
  seatsTaken: number;
  waitlisted: number;
  instructorId: string | null;
  instructorName: string | null;
  passMark: number;
  /** A 订单班: the order it trains for (its employer and title), or null. */
  orderId: string | null;
  orderTitle: string | null;
  orderEmployerName: string | null;
}

export class CreateSessionDto extends SeatedGroupDto {
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  instructorId?: string;

  /** The facility or station where it is held; omit for an open venue. */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  venueOrganisationId?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  passMark?: number;

  /** Makes it a 订单班: an employer's open (or draft) order this session trains for. */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  orderId?: string;
}

export class EnrolDto {
  @IsUUID()
  @MaxLength(36)
  traineeId: string;
}

export class SelfEnrolDto {
  @IsUUID()
  @MaxLength(36)
  sessionId: string;
}

export class SessionEnrolmentDto {
  id: string;
  sessionId: string;
  traineeId: string;
  traineeName: string;
  @ApiProperty({ enum: SESSION_ENROLMENT_STATES })
  state: SessionEnrolmentState;
  /** Place in the waitlist (1 = next), while waitlisted. */
  waitlistPosition: number | null;
  createdAt: string;
  theoryScore: number | null;
  practicalScore: number | null;
  attended: number;
  meetings: number;
}

export class AttendanceRecordDto extends AttendanceMarkDto {}

export class RecordAttendanceDto extends AttendanceSheetDto {
  @ArrayMaxSize(500)
  @AttendanceMarks(() => AttendanceRecordDto)
  records: AttendanceRecordDto[];
}

export class AssessmentDto {
  @IsInt()
  @Min(0)
  @Max(100)
  theoryScore: number;

  @IsInt()
  @Min(0)
  @Max(100)
  practicalScore: number;
}

export class CertificateDto {
  id: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  levelName: string;
  number: string;
  issuer: string;
  issuedOn: string;
}

/** "精准": a course that closes the gap between what open orders ask for and what the trainee holds. */
export class CourseRecommendationDto {
  courseId: string;
  courseTitle: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  levelName: string;
  /** The soonest session still open for enrolment, if any. */
  nextSessionId: string | null;
  nextSessionStartsOn: string | null;
  seatsLeft: number | null;
  /** Open orders asking for this occupation and level (or higher) that the trainee does not qualify for. */
  openOrders: number;
  headcount: number;
  divisionName: string;
  /** In the trainee's home or preferred division. */
  nearby: boolean;
  reason: string;
  reasonEn: string;
}

/** Where open orders outrun trained trainees, per occupation and division. */
export class DemandSupplyRowDto {
  occupationCode: string;
  occupationName: string;
  divisionCode: string;
  divisionName: string;
  openOrders: number;
  /** People the open orders ask for. */
  demand: number;
  /** Trainees (not closed) who live in or prefer the division and hold a certificate of the occupation. */
  certified: number;
  /** Of those without one: trainees in a current session of a course for the occupation. */
  inTraining: number;
  /** demand − certified − inTraining (positive: training falls short). */
  gap: number;
}

/** The most people one bulk enrolment takes (a caseload page is at most 100 rows). */
export const BULK_ENROL_MAX = 100;

/** Enrol a caseload selection: every one must be a trainee your organisation holds. */
export class BulkEnrolDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_ENROL_MAX)
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_ENROL_MAX })
  traineeIds: string[];
}

export const BULK_ENROL_OUTCOMES = ['enrolled', 'waitlisted', 'already'] as const;
export type BulkEnrolOutcome = (typeof BULK_ENROL_OUTCOMES)[number];

/** One person's result: a seat, the waitlist, or already in the session (left as it was). */
export class BulkEnrolItemDto {
  traineeId: string;
  traineeName: string;
  @ApiProperty({ enum: BULK_ENROL_OUTCOMES })
  outcome: BulkEnrolOutcome;
  /** The enrolment (the existing one when `already`). */
  enrolmentId: string | null;
  waitlistPosition: number | null;
}

export class BulkEnrolResultDto {
  enrolled: number;
  waitlisted: number;
  already: number;
  @ApiProperty({ type: [BulkEnrolItemDto] })
  items: BulkEnrolItemDto[];
}

/** A session place in a trainee's file: the course and dates with it. */
export class TraineeSessionEnrolmentDto extends SessionEnrolmentDto {
  courseTitle: string;
  startsOn: string;
  endsOn: string;
}

/** The open sessions (not ended), a page at a time: the enrolment pickers search them by `q`. */
export class SessionQueryDto extends PageQueryDto {
  /** Part of the course's title or of its occupation's name. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  q?: string;
}

export class CoursePageDto {
  @ApiProperty({ type: [CourseDto] })
  items: CourseDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class CourseSessionPageDto {
  @ApiProperty({ type: [CourseSessionDto] })
  items: CourseSessionDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class SessionEnrolmentPageDto {
  @ApiProperty({ type: [SessionEnrolmentDto] })
  items: SessionEnrolmentDto[];
  total: number;
  page: number;
  pageSize: number;
}
