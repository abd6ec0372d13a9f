import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { msg } from '../../common/messages/msg';
import { KeysetPageQueryDto } from '../../common/dto/page.dto';
import {
  ABSTINENCE_BASES,
  ABSTINENCE_STATUSES,
  type AbstinenceBasis,
  type AbstinenceStatus,
  CONTACT_METHODS,
  type ContactMethod,
  EMPLOYMENT_STATUSES,
  type EmploymentStatus,
  INCOME_BANDS,
  type IncomeBand,
  VISIT_STATES,
  type VisitState,
} from '../follow-up.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A visit as staff see it. Abstinence is never part of it (see FollowUpDetailDto). */
export class FollowUpVisitDto {
  id: string;
  traineeId: string;
  traineeName: string;
  traineePhone: string | null;
  stationName: string;
  monthsAfter: number;
  dueOn: string;
  /** Days past the due date (negative: not due yet). */
  daysOverdue: number;
  @ApiProperty({ nullable: true, type: String })
  assignedUserId: string | null;
  @ApiProperty({ nullable: true, type: String })
  assignedName: string | null;
  @ApiProperty({ enum: VISIT_STATES })
  state: VisitState;
  visitedOn: string | null;
  @ApiProperty({ enum: CONTACT_METHODS, nullable: true })
  contactMethod: ContactMethod | null;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES, nullable: true })
  employmentStatus: EmploymentStatus | null;
  employerName: string | null;
  employmentConfirmed: boolean | null;
  @ApiProperty({ enum: INCOME_BANDS, nullable: true })
  incomeBand: IncomeBand | null;
  supportNeeds: string | null;
  nextSteps: string | null;
  escalated: boolean;
  /** The time booked with the person for this visit (ISO 8601), if any. */
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  appointmentAt: string | null;
  /** 失联: the person has an open lost-contact case (unreachable several times in a row). */
  lostContact: boolean;
}

export class AbstinenceDto {
  @ApiProperty({ enum: ABSTINENCE_STATUSES })
  @IsIn(ABSTINENCE_STATUSES)
  status: AbstinenceStatus;

  @ApiProperty({ enum: ABSTINENCE_BASES })
  @IsIn(ABSTINENCE_BASES)
  basis: AbstinenceBasis;
}

/** For the station's own counsellors only: the visit with its abstinence record (each read audited). */
export class FollowUpDetailDto extends FollowUpVisitDto {
  @ApiProperty({ type: AbstinenceDto, nullable: true })
  abstinence: AbstinenceDto | null;
}

export class FollowUpPageDto {
  @ApiProperty({ type: [FollowUpVisitDto] })
  items: FollowUpVisitDto[];
  @ApiProperty({ description: 'Visits matching the filters, at most COUNT_CAP (10,000): see totalCapped' })
  total: number;
  page: number;
  pageSize: number;
  @ApiPropertyOptional({ description: 'More than COUNT_CAP visits match: total is a lower bound (show "10,000+")' })
  totalCapped?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' })
  nextCursor?: string | null;
}

/** `after` (the previous page's `nextCursor`) continues by keyset in the view's order; `page` jumps. */
export class FollowUpQueryDto extends KeysetPageQueryDto {
  /** `due`: today and overdue (the field worker's list); `upcoming`; `done`; `all`. */
  @IsOptional()
  @IsIn(['due', 'upcoming', 'done', 'all'])
  @ApiProperty({ enum: ['due', 'upcoming', 'done', 'all'], required: false })
  view?: 'due' | 'upcoming' | 'done' | 'all';

  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  traineeId?: string;

  /** With `due`: only those already late (due before today), what the home's 逾期 card counts. */
  @IsOptional()
  @IsIn(['true', 'false'])
  @ApiProperty({ enum: ['true', 'false'], required: false })
  overdue?: 'true' | 'false';

  /** One station's visits (the admin's overdue-by-station table); a counsellor's list is their own station's anyway. */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  stationId?: string;
}

/** A visit recorded in a few taps. `clientRef` makes a replay after a dropped connection harmless. */
export class RecordVisitDto {
  @IsUUID()
  @MaxLength(36)
  clientRef: string;

  @IsIn(['done', 'missed', 'unreachable'])
  @ApiProperty({ enum: ['done', 'missed', 'unreachable'] })
  state: 'done' | 'missed' | 'unreachable';

  @IsDateString({ strict: true })
  @MaxLength(40)
  visitedOn: string;

  @IsOptional()
  @IsIn(CONTACT_METHODS)
  @ApiProperty({ enum: CONTACT_METHODS, required: false })
  contactMethod?: ContactMethod;

  @IsOptional()
  @IsIn(EMPLOYMENT_STATUSES)
  @ApiProperty({ enum: EMPLOYMENT_STATUSES, required: false })
  employmentStatus?: EmploymentStatus;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  employerName?: string;

  @IsOptional()
  @IsBoolean()
  employmentConfirmed?: boolean;

  @IsOptional()
  @IsIn(INCOME_BANDS)
  @ApiProperty({ enum: INCOME_BANDS, required: false })
  incomeBand?: IncomeBand;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  supportNeeds?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  nextSteps?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AbstinenceDto)
  abstinence?: AbstinenceDto;
}

export class AssignVisitDto {
  @IsUUID()
  @MaxLength(36)
  userId: string;
}

/** An instant with its offset: a time without one would be read in the server's zone, not the person's. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A time booked with the person for a planned visit: in the future, within APPOINTMENT_MAX_DAYS. */
export class SetVisitAppointmentDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-12-09T14:30:00+08:00' })
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT, { message: msg('INSTANT_FORMAT') })
  at: string;
}
