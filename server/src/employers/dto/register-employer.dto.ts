import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterEmployerDto {
  /** The name on the business licence. */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  organisationName: string;

  /** 统一社会信用代码, 18 characters (GB 32100). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[0-9A-HJ-NP-RT-UW-Y]{18}$/, { message: msg('CREDIT_CODE_FORMAT') })
  @MaxLength(18)
  creditCode: string;

  /** Division where the employer is registered. */
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  contactName: string;

  @Matches(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: msg('PHONE_CN_FORMAT') })
  @MaxLength(13)
  contactPhone: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[a-z0-9._-]{3,40}$/, { message: msg('USERNAME_FORMAT') })
  @MaxLength(40)
  username: string;

  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;

  /**
   * The code fails its check digit but the licence says so: send it for an admin's manual check
   * instead of being refused.
   */
  @IsOptional()
  @IsBoolean()
  requestManualReview?: boolean;
}

/**
 * The answer to a registration: built from what was sent, so it is the same whether the username
 * was free (and the employer is now pending) or already taken (and nothing was written).
 */
export class EmployerRegistrationDto {
  organisationName: string;
  /** Always `pending`: an administrator verifies every new employer. */
  @ApiProperty({ enum: ['pending'] })
  status: 'pending';
  username: string;
  /** The credit code failed its check and awaits an admin's manual check. */
  manualReview: boolean;
}
