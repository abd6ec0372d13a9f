import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../users/user.entity';

export const ORDERS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const ORDERS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
