import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const ORGANISATIONS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const ORGANISATIONS_CAPABILITIES = {
  /** May be granted a permission (identity.unmask, station.head): staff who read trainees' files. */
  'identity.unmask.holder': ['counsellor', 'admin'],
} satisfies Record<string, readonly Role[]>;
