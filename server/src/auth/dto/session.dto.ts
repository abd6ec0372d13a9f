import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_TYPES, type OrganisationType } from '../../organisations/organisation.entity';
import { ROLES, type Role } from '../../common/role';

/** The signed-in user as the login contract pins it. */
export class SessionUserDto {
  id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  organisationId: string;
}

export class SessionDto {
  /** Bearer token for `Authorization`, valid for `expiresIn` seconds (at most 15 minutes). */
  accessToken: string;
  expiresIn: number;
  user: SessionUserDto;
  /**
   * Present only when the account must have a second factor and has none yet: this session reaches
   * only the enrolment routes and `GET /api/auth/me` (others answer 403 MFA_ENROLMENT_REQUIRED).
   */
  @ApiProperty({ enum: ['pending'], required: false })
  mfa?: 'pending';
}

export class MeDto extends SessionUserDto {
  organisationName: string;
  @ApiProperty({ enum: ORGANISATION_TYPES })
  organisationType: OrganisationType;
  phone: string | null;
  lastLoginAt: string | null;
}
