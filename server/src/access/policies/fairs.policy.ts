import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const FAIRS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const FAIRS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
