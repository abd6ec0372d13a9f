import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const LEARNING_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const LEARNING_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
