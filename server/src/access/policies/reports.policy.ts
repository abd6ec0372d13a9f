import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const REPORTS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const REPORTS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
