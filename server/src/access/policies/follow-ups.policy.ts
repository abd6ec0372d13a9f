import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const FOLLOW_UPS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const FOLLOW_UPS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
