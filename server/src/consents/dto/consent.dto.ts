import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../consent.entity';

/** `text_version` is an int column: a larger number reached PostgreSQL as "out of range" (a 500). */
export const MAX_TEXT_VERSION = 2_147_483_647;

export class ConsentTextDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  purpose: ConsentPurpose;
  version: number;
  textZh: string;
  textEn: string;
  publishedAt: string;
}

export class ConsentDto {
  id: string;
  @ApiProperty({ enum: CONSENT_PURPOSES })
  purpose: ConsentPurpose;
  /** For `share_with_employer`. */
  employerId: string | null;
  employerName: string | null;
  textVersion: number;
  grantedAt: string;
  /** Recorded by a counsellor from a signed paper form. */
  grantedAssisted: boolean;
  paperFormRef: string | null;
  withdrawnAt: string | null;
  withdrawnAssisted: boolean | null;
  /** Granted and not withdrawn. */
  live: boolean;
}

export class GrantConsentDto {
  @IsIn(CONSENT_PURPOSES)
  @ApiProperty({ enum: CONSENT_PURPOSES })
  purpose: ConsentPurpose;

  /** Required for `share_with_employer`: the one employer to share name and phone with. */
  @ValidateIf((o: GrantConsentDto) => o.purpose === 'share_with_employer' || o.employerId !== undefined)
  @IsUUID()
  @MaxLength(36)
  employerId?: string;

  /** The version of the consent text the trainee read (must be the current one). */
  @IsInt()
  @Min(0)
  @Max(MAX_TEXT_VERSION)
  textVersion: number;
}

export class AssistedGrantConsentDto extends GrantConsentDto {
  /** Reference of the signed paper form (assisted mode). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  paperFormRef: string;
}

export class WithdrawConsentDto {
  /** Assisted withdrawal: reference of the paper form or note of the call. */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  paperFormRef?: string;
}
