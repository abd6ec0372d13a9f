import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { ORGANISATION_STATUSES, ORGANISATION_TYPES, type OrganisationStatus, type OrganisationType } from '../organisation.entity';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upperTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class OrganisationDto {
  id: string;
  name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES })
  type: OrganisationType;
  divisionCode: string;
  divisionName: string;
  /** 统一社会信用代码 (employers). */
  creditCode: string | null;
  /** Whether the credit code passes the GB 32100 check digit. */
  creditCodeValid: boolean | null;
  /** An admin verified the employer although the code fails the check (audited). */
  creditCodeOverride: boolean;
  @ApiProperty({ enum: ORGANISATION_STATUSES })
  status: OrganisationStatus;
  statusReason: string | null;
  contactName: string | null;
  contactPhone: string | null;
  verifiedAt: string | null;
  createdAt: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] })
  items: OrganisationDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class OrganisationQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @IsOptional()
  @IsIn(ORGANISATION_STATUSES)
  status?: OrganisationStatus;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode?: string;

  /** Part of the name or the credit code. */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  q?: string;
}

export class CreateOrganisationDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @IsIn(ORGANISATION_TYPES)
  @ApiProperty({ enum: ORGANISATION_TYPES })
  type: OrganisationType;

  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode: string;

  /** Required for employers. */
  @ValidateIf((o: CreateOrganisationDto) => o.type === 'employer' || o.creditCode !== undefined)
  @Transform(upperTrim)
  @IsString()
  @Matches(/^[0-9A-HJ-NP-RT-UW-Y]{18}$/, { message: msg('CREDIT_CODE_FORMAT') })
  @MaxLength(18)
  creditCode?: string;

  /** Accept a credit code whose check digit fails (the admin has seen the licence); needs a reason. */
  @IsOptional()
  @IsBoolean()
  overrideCreditCode?: boolean;

  @ValidateIf((o: CreateOrganisationDto) => o.overrideCreditCode === true)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  overrideReason?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  contactName?: string;

  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: msg('PHONE_FORMAT') })
  @MaxLength(20)
  contactPhone?: string;
}

export class UpdateOrganisationDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode?: string;

  /** Deactivate or reactivate a facility, station, school or provider. */
  @IsOptional()
  @IsIn(['active', 'inactive'])
  status?: 'active' | 'inactive';

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  contactName?: string;

  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: msg('PHONE_FORMAT') })
  @MaxLength(20)
  contactPhone?: string;
}

export class EmployerDecisionDto {
  @IsIn(['verify', 'reject'])
  @ApiProperty({ enum: ['verify', 'reject'] })
  decision: 'verify' | 'reject';

  /** Required when rejecting or overriding a failing credit code; shown to the employer on rejection. */
  @ValidateIf((o: EmployerDecisionDto) => o.decision === 'reject' || o.overrideCreditCode === true)
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason?: string;

  /** Verify although the credit code fails the GB 32100 check (audited). */
  @IsOptional()
  @IsBoolean()
  overrideCreditCode?: boolean;
}
