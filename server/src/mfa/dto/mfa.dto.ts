import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsJWT, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** People type codes with spaces ("123 456") or copy them with a trailing space. */
const digitsOnly = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value);

/** A 6-digit code from the authenticator app. */
export class MfaCodeDto {
  @Transform(digitsOnly)
  @IsString()
  @Matches(/^\d{6}$/, { message: msg('MFA_CODE_FORMAT') })
  @MaxLength(6)
  code: string;
}

/** The second sign-in step: the token from the login answer and either a code or a recovery code. */
export class MfaLoginDto {
  @IsJWT()
  @MaxLength(1000)
  mfaToken: string;

  /** The 6-digit code shown by the authenticator app. */
  @ValidateIf((o: MfaLoginDto) => o.recoveryCode === undefined)
  @Transform(digitsOnly)
  @IsString()
  @Matches(/^\d{6}$/, { message: msg('MFA_CODE_FORMAT') })
  @MaxLength(6)
  code?: string;

  /** One of the recovery codes given at enrolment (each works once), when the phone is not at hand. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(20)
  recoveryCode?: string;
}

export class MfaResetDto {
  /** Why the second factor is reset (kept in the audit log), e.g. "手机丢失，本人到场核实". */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

/** The login answer for an account with a second factor: no session yet, a code is needed. */
export class MfaChallengeDto {
  @ApiProperty({ type: Boolean, enum: [true] })
  mfaRequired: true;
  /** Single-purpose token for `POST /api/auth/mfa`; it is not an access token. */
  mfaToken: string;
  /** Seconds the token stays valid (5 minutes). */
  expiresIn: number;
}

/** The start of an enrolment: what the authenticator app needs. Shown once; the secret is stored encrypted. */
export class MfaEnrolmentStartDto {
  /** Base32 secret, for typing into the app by hand. */
  secret: string;
  /** `otpauth://totp/…` URI (what the QR code holds). */
  otpauthUri: string;
  /** The QR code as a `data:image/png;base64,…` URL. */
  qrCode: string;
  /** The neutral name the app shows for this account. */
  issuer: string;
  accountName: string;
}

export class MfaRecoveryCodesDto {
  /** 10 single-use recovery codes, shown this once: only their hashes are kept. */
  recoveryCodes: string[];
}

/** The caller's own second-factor state, for the account page. */
export class MfaStatusDto {
  /** The account may enrol (staff). */
  offered: boolean;
  /** The account must have a second factor (administrators, and holders of `identity.unmask`). */
  required: boolean;
  /** A confirmed second factor is asked at sign-in. */
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
}
