import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const MATCHING_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const MATCHING_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
