import type { Role } from '../../common/role';
import type { PermissionDefinition } from '../access.types';

export const SEALING_PERMISSIONS = {
  /**
   * Decide a request to unseal a record: a bureau administrator, never the one who asked (the second
   * pair of eyes the law's exception needs; `chk_record_seal_second_approver` holds it in the table too).
   */
  'unseal.decide': {
    noun: 'UNSEAL_REQUEST',
    rules: { admin: { all: (r, caller, wanted, q) => r.unsealRequestsNotBy(wanted, caller.id, q) } },
  },
} satisfies Record<string, PermissionDefinition>;

export const SEALING_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
