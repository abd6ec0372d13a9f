import { ApiProperty } from '@nestjs/swagger';
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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_TEXT_VERSION } from '../../consents/dto/consent.dto';
import {
  BOOTH_STATES,
  type BoothState,
  FAIR_STATES,
  type FairState,
  INTENT_STATES,
  type IntentState,
  SLOT_STATES,
  type SlotState,
} from '../fair.entities';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase().replace(/[\s-]/g, '') : value);

export class BoothOrderDto {
  orderId: string;
  title: string;
  occupationName: string;
  headcount: number;
}

/** A booth as the programme shows it (employer name and the orders it brings). */
export class BoothDto {
  id: string;
  fairId: string;
  employerId: string;
  employerName: string;
  @ApiProperty({ enum: BOOTH_STATES })
  state: BoothState;
  /** The note on the application, for the organisers: staff who run fairs only (`fair.booth.readNotes`); null in every employer's answer, its own booth's too. */
  @ApiProperty({ nullable: true, type: String })
  note: string | null;
  /** Why the application was declined: for that employer and admins only. */
  @ApiProperty({ nullable: true, type: String })
  declineReason: string | null;
  @ApiProperty({ type: [BoothOrderDto] })
  orders: BoothOrderDto[];
  slotsTotal: number;
  slotsFree: number;
}

export class FairDto {
  id: string;
  title: string;
  fairDate: string;
  /** HH:MM */
  startsAt: string;
  endsAt: string;
  /** The city or county (division) only: a fair inside a facility must not say so to employers or trainees. */
  cityName: string;
  /** Staff only (admins and counsellors); null for everyone else. */
  @ApiProperty({ nullable: true, type: String })
  venueName: string | null;
  @ApiProperty({ nullable: true, type: String })
  venueOrganisationId: string | null;
  boothCapacity: number;
  boothsTaken: number;
  registrationDeadline: string | null;
  /** The bureau's own words about the fair: staff only (null for employers and trainees). */
  description: string | null;
  @ApiProperty({ enum: FAIR_STATES })
  state: FairState;
  /** Approved booths: the fair's programme. */
  @ApiProperty({ type: [BoothDto] })
  programme: BoothDto[];
  registered: number;
}

export class CreateFairDto {
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(80)
  title: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  fairDate: string;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: msg('TIME_OF_DAY_FORMAT') })
  @MaxLength(5)
  startsAt: string;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: msg('TIME_OF_DAY_FORMAT') })
  @MaxLength(5)
  endsAt: string;

  /** A facility or community station. */
  @IsUUID()
  @MaxLength(36)
  venueOrganisationId: string;

  @IsInt()
  @Min(1)
  @Max(200)
  boothCapacity: number;

  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  registrationDeadline?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class UpdateFairDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(80)
  title?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  fairDate?: string;

  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: msg('TIME_OF_DAY_FORMAT') })
  @MaxLength(5)
  startsAt?: string;

  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: msg('TIME_OF_DAY_FORMAT') })
  @MaxLength(5)
  endsAt?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  boothCapacity?: number;

  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  registrationDeadline?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class FairQueryDto {
  @IsOptional()
  @IsIn(FAIR_STATES)
  @ApiProperty({ enum: FAIR_STATES, required: false })
  state?: FairState;

  /** Only fairs held in this month (YYYY-MM): what the admin's home counts as "this month". */
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: msg('MONTH_FORMAT') })
  @MaxLength(7)
  month?: string;
}

export class ApplyBoothDto {
  /** The employer's own open orders it brings to the fair. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  orderIds: string[];

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  note?: string;
}

export class BoothDecisionDto {
  @IsIn(['approve', 'decline'])
  @ApiProperty({ enum: ['approve', 'decline'] })
  decision: 'approve' | 'decline';

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason?: string;
}

export class CreateSlotsDto {
  /** The first slot's start (ISO date-time, on the fair's day). */
  @IsDateString()
  @MaxLength(40)
  startsAt: string;

  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(120)
  minutes: number;

  /** How many back-to-back slots. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(40)
  count: number;
}

export class SlotDto {
  id: string;
  boothId: string;
  employerName: string;
  startsAt: string;
  endsAt: string;
  @ApiProperty({ enum: SLOT_STATES })
  state: SlotState;
  /** The candidate code of the one holding it (employers), or null. */
  @ApiProperty({ nullable: true, type: String })
  candidateCode: string | null;
  /** Whether the caller (trainee) or the caller's trainee holds it. */
  mine: boolean;
}

export class RegisterTraineesDto {
  /** Counsellors: their organisation's trainees. Trainees register themselves with an empty body. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  traineeIds?: string[];
}

export class RegistrationDto {
  id: string;
  fairId: string;
  traineeId: string;
  traineeName: string;
  /** The desk code (shown as a QR on the trainee's phone). */
  code: string;
  candidateCode: string;
  selfRegistered: boolean;
  walkIn: boolean;
  checkedInAt: string | null;
  @ApiProperty({ type: [SlotDto] })
  slots: SlotDto[];
}

export class RegistrationProblemDto {
  traineeId: string;
  code: string;
  message: string;
}

export class RegistrationResultDto {
  @ApiProperty({ type: [RegistrationDto] })
  registered: RegistrationDto[];
}

/** What an employer sees of a registered trainee at a fair: the same allow-list as for order candidates. */
export class FairCandidateDto {
  registrationId: string;
  candidateCode: string;
  /** Occupation and level names from the classification (never text typed by staff). */
  skills: string[];
  certificates: string[];
  diplomas: string[];
  divisionName: string;
  preferredIndustries: string[];
  wageExpectation: number | null;
  checkedIn: boolean;
}

export class InviteDto {
  @IsUUID()
  @MaxLength(36)
  registrationId: string;
}

export class BookSlotDto {
  /** Counsellors name the registration; trainees book for themselves (omit it). */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  registrationId?: string;
}

export class CheckInDto {
  /** The code from the trainee's phone or printout (spaces and dashes ignored, any case). */
  @Transform(upper)
  @IsString()
  @MaxLength(8)
  @Matches(/^[2-9A-HJKMNP-Z]{8}$/, { message: msg('FAIR_CHECKIN_CODE_FORMAT') })
  code: string;
}

export class CheckInResultDto {
  registrationId: string;
  traineeName: string;
  candidateCode: string;
  checkedInAt: string;
  /** True when this code had already been checked in (the time is the first check-in). */
  alreadyCheckedIn: boolean;
  walkIn: boolean;
}

export class WalkInDto {
  @IsUUID()
  @MaxLength(36)
  traineeId: string;
}

export class CreateIntentDto {
  @IsUUID()
  @MaxLength(36)
  registrationId: string;

  @IsUUID()
  @MaxLength(36)
  orderId: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  note?: string;
}

export class AnswerIntentDto {
  @IsIn(['confirm', 'decline'])
  @ApiProperty({ enum: ['confirm', 'decline'] })
  answer: 'confirm' | 'decline';

  /** Confirming releases name and phone to the employer: the `share_with_employer` text version read. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TEXT_VERSION)
  textVersion?: number;

  /** A counsellor answering for a trainee: the signed paper form's reference. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  paperFormRef?: string;
}

export class IntentDto {
  id: string;
  fairId: string;
  orderId: string;
  orderTitle: string;
  employerName: string;
  candidateCode: string;
  /** Staff and the trainee only; null in employers' answers. */
  @ApiProperty({ nullable: true, type: String })
  traineeName: string | null;
  @ApiProperty({ enum: INTENT_STATES })
  state: IntentState;
  note: string | null;
  placementId: string | null;
  createdAt: string;
}

export class ReportRowDto {
  employerName: string;
  @ApiProperty({ nullable: true, type: String })
  orderTitle: string | null;
  /** Candidates who took an interview slot at this employer's booth. */
  booked: number;
  /** …and came (checked in). */
  interviewed: number;
  intents: number;
  offers: number;
  hires: number;
}

export class FairReportDto {
  fairId: string;
  title: string;
  fairDate: string;
  registered: number;
  checkedIn: number;
  walkIns: number;
  interviewed: number;
  intents: number;
  offers: number;
  hires: number;
  @ApiProperty({ type: [ReportRowDto] })
  byEmployer: ReportRowDto[];
  @ApiProperty({ type: [ReportRowDto] })
  byOrder: ReportRowDto[];
}
