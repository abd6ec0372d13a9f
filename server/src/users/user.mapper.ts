import type { OrganisationType } from '../organisations/organisation.entity';
import type { UserDto } from './dto/user.dto';
import type { UserWithOrganisation } from './users.repository';

export const toUserDto = (u: UserWithOrganisation): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  organisationId: u.organisationId,
  organisationName: u.organisationName,
  organisationType: u.organisationType as OrganisationType,
  phone: u.phone,
  permissions: u.permissions,
  disabled: u.disabledAt !== null,
  lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});
