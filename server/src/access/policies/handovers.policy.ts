import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const HANDOVERS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const HANDOVERS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
