import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const ORGANISATIONS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const ORGANISATIONS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
