import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { msg } from '../../common/messages/msg';

const lowerTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const ACTIVATION_STATUSES = ['none', 'live', 'used', 'expired', 'revoked'] as const;
export type ActivationStatus = (typeof ACTIVATION_STATUSES)[number];

/** The code as issued: shown once (print it on the handover sheet), never again. */
export class IssuedActivationCodeDto {
  /** `ABCD-EFGH-JK`: 10 characters without 0/O/1/I/L, grouped for printing. */
  code: string;
  issuedAt: string;
  /** The code works until then (ACTIVATION_CODE_DAYS after issuing). */
  expiresAt: string;
}

/** Where a trainee's activation stands; never the code. */
export class ActivationCodeStatusDto {
  /**
   * `none`: never issued; `live`: usable until `expiresAt`; `used`: on `usedAt`; `expired`; `revoked`: too many
   * wrong birth years were given with it (issue a new one).
   */
  @ApiProperty({ enum: ACTIVATION_STATUSES })
  status: ActivationStatus;
  /** The trainee has an account (then no code can be issued). */
  hasAccount: boolean;
  issuedAt: string | null;
  expiresAt: string | null;
  usedAt: string | null;
}

/** What the person types on their phone. */
export class ActivateDto {
  /** The code from the handover sheet; case, spaces and dashes do not matter. */
  @IsString()
  @MaxLength(40)
  code: string;

  /** The person's year of birth, as a second fact the sheet alone does not give. */
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear: number;

  /** 3–40 characters: lower-case letters, digits, `.`, `_`, `-`. */
  @Transform(lowerTrim)
  @Matches(/^[a-z0-9._-]{3,40}$/, { message: msg('USERNAME_FORMAT') })
  @MaxLength(40)
  username: string;

  /** The password rule of every account (8+ characters, three kinds, not the username). */
  @IsString()
  @MaxLength(128)
  password: string;
}

/** The account is ready: sign in with POST /api/auth/login. */
export class ActivatedDto {
  username: string;
}
