import type { Role } from '../common/role';
import { FAIRS_CAPABILITIES } from './policies/fairs.policy';
import { LEARNING_CAPABILITIES } from './policies/learning.policy';
import { ORDERS_CAPABILITIES } from './policies/orders.policy';
import { PLACEMENTS_CAPABILITIES } from './policies/placements.policy';
import { FOLLOW_UPS_CAPABILITIES } from './policies/follow-ups.policy';
import { HANDOVERS_CAPABILITIES } from './policies/handovers.policy';
import { ORGANISATIONS_CAPABILITIES } from './policies/organisations.policy';
import { EMPLOYERS_CAPABILITIES } from './policies/employers.policy';
import { SUPERVISION_CAPABILITIES } from './policies/supervision.policy';

/**
 * Yes/no powers that are not about particular rows: who acts on a trainee's behalf (assisted mode),
 * who sees trainees' names, who may teach, and so on. Services ask `access.can(caller, 'x')` instead
 * of comparing roles; the common ones are here, each domain's in its policy file.
 */
export const CAPABILITIES = {
  /** Acts on a trainee's behalf; the act is recorded as assisted. */
  'trainee.assist': ['counsellor', 'admin'],
  /** Is a trainee acting for themselves. */
  'trainee.self': ['trainee'],
  /** Gets notices in neutral words only (a trainee's phone is shown to others; its lock screen is read). */
  'notice.discreet': ['trainee'],
  /** Sees the whole province (every organisation's rows). */
  'province.all': ['admin'],
  /** Must sign in with a second factor (TOTP); so must anyone holding `identity.unmask`. */
  'mfa.required': ['admin', 'security_admin', 'audit_admin'],
  /** May enrol a second factor (staff); trainees and employers are not offered it. */
  'mfa.offered': ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'],
  /** Sessions end after STAFF_IDLE_MINUTES unused and STAFF_MAX_SESSION_HOURS in all (shared office computers); phones' roles are spared. */
  'session.staff_limits': ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'],
  ...FAIRS_CAPABILITIES,
  ...LEARNING_CAPABILITIES,
  ...ORDERS_CAPABILITIES,
  ...PLACEMENTS_CAPABILITIES,
  ...FOLLOW_UPS_CAPABILITIES,
  ...HANDOVERS_CAPABILITIES,
  ...ORGANISATIONS_CAPABILITIES,
  ...EMPLOYERS_CAPABILITIES,
  ...SUPERVISION_CAPABILITIES,
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;
