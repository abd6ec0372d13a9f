import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ORGANISATION_TYPES, type OrganisationType } from '../../organisations/organisation.entity';
import { ROLES, type Role } from '../../common/role';
import { PERMISSIONS, type Permission } from '../user.entity';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/**
 * Staff roles an admin may create here; trainee accounts come with trainee records. The security
 * and audit administrators are created by the system administrator too (and audited): a role never
 * changes after creation, so a new power always means a new, visible account.
 */
export const STAFF_ROLES = ['admin', 'counsellor', 'instructor', 'employer', 'security_admin', 'audit_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export class UserDto {
  id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  organisationId: string;
  organisationName: string;
  @ApiProperty({ enum: ORGANISATION_TYPES })
  organisationType: OrganisationType;
  phone: string | null;
  /** Extra permissions, e.g. `identity.unmask`. */
  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  permissions: Permission[];
  disabled: boolean;
  /** Set while the account is locked after too many wrong passwords. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] })
  items: UserDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class CreateUserDto {
  /** 3–40 characters: lower-case letters, digits, `.`, `_`, `-`. */
  @Transform(lowerTrim)
  @Matches(/^[a-z0-9._-]{3,40}$/, { message: msg('USERNAME_FORMAT') })
  @MaxLength(40)
  username: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName: string;

  @IsIn(STAFF_ROLES)
  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;

  @IsUUID()
  @MaxLength(36)
  organisationId: string;

  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: msg('PHONE_FORMAT') })
  @MaxLength(20)
  phone?: string;

  /** Initial password; the user should change it at first sign-in. */
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;
}

export class UpdateUserDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName?: string;

  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: msg('PHONE_FORMAT') })
  @MaxLength(20)
  phone?: string;

  /** Disabling ends every session of the account at once. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  /** Lift a lockout after too many wrong passwords. */
  @IsOptional()
  @IsBoolean()
  unlock?: boolean;
}

/**
 * The security administrator's one write: the account's extra permissions, replaced as a whole,
 * with the reason (kept in the audit log). There is no role here and no other field: the system
 * administrator edits accounts, the security administrator only their permissions.
 */
export class SetPermissionsDto {
  /** The full new set, e.g. `['identity.unmask']`; `[]` revokes everything. Counsellors and admins only. */
  @IsArray()
  @ArrayUnique()
  @IsIn(PERMISSIONS, { each: true })
  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  // At most the distinct values of PERMISSIONS (@ArrayUnique, @IsIn): a bound never reached.
  @ArrayMaxSize(10)
  permissions: Permission[];

  /** Why (e.g. the approval document's number); shown to the audit administrator. */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason: string;
}

export class ResetPasswordDto {
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  newPassword: string;
}
