import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const PLACEMENTS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const PLACEMENTS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
