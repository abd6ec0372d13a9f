import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsString, MaxLength } from 'class-validator';
import { ADMISSION_REASONS, type AdmissionReason } from '../trainee-episode.entity';

/** The reasons a re-admission may give (a first admission is made by creating the record). */
export const READMISSION_REASONS = ADMISSION_REASONS.filter((r): r is Exclude<AdmissionReason, 'first'> => r !== 'first');

/** A person already known to the platform is admitted again: a new episode on the same record. */
export class ReadmitTraineeDto {
  /** 身份证号 of the person (GB 11643): the only way to find an earlier record. Never echoed back. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @MaxLength(32)
  identityNumber: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  admittedOn: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  expectedReleaseOn: string;

  /** Why the person is admitted again (fixed codes: relapse, violation of community rehabilitation, other). */
  @ApiProperty({ enum: READMISSION_REASONS })
  @IsIn(READMISSION_REASONS)
  reason: Exclude<AdmissionReason, 'first'>;
}

/** One admission of the person, oldest first. */
export class EpisodeDto {
  id: string;
  /** 1 for the first admission, then 2, 3 … */
  number: number;
  /** The admitting facility's name; null when an old record did not say or the reader may not know it. */
  facilityName: string | null;
  admittedOn: string;
  expectedReleaseOn: string;
  /** Null while this admission lasts. */
  releasedOn: string | null;
  @ApiProperty({ enum: ADMISSION_REASONS })
  reason: AdmissionReason;
}
