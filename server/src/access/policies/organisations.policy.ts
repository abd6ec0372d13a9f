import type { PermissionDefinition } from '../access.types';
import type { Role } from '../../common/role';

export const ORGANISATIONS_PERMISSIONS = {} satisfies Record<string, PermissionDefinition>;

export const ORGANISATIONS_CAPABILITIES = {
  /** May be granted a permission (identity.unmask, station.head): staff who read trainees' files. */
  'identity.unmask.holder': ['counsellor', 'admin'],
  /**
   * Sees trainees' own accounts in the account list. The security administrator grants permissions
   * to staff only and reaches no trainee: their list and lookups leave trainee accounts out.
   */
  'users.trainee_accounts': ['admin'],
  /**
   * 三权分立: the bureau keeps at least one enabled account of each of these roles, so the system
   * administrator cannot switch off the people who grant permissions or read the audit log.
   */
  'users.keep_one_enabled': ['security_admin', 'audit_admin'],
} satisfies Record<string, readonly Role[]>;
