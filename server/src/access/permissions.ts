import type { PermissionDefinition } from './access.types';
import { TRAINEES_PERMISSIONS } from './policies/trainees.policy';
import { FAIRS_PERMISSIONS } from './policies/fairs.policy';
import { LEARNING_PERMISSIONS } from './policies/learning.policy';
import { ORDERS_PERMISSIONS } from './policies/orders.policy';
import { PLACEMENTS_PERMISSIONS } from './policies/placements.policy';
import { FOLLOW_UPS_PERMISSIONS } from './policies/follow-ups.policy';
import { HANDOVERS_PERMISSIONS } from './policies/handovers.policy';
import { ORGANISATIONS_PERMISSIONS } from './policies/organisations.policy';
import { SEALING_PERMISSIONS } from './policies/sealing.policy';
import { JOB_LIMITS_PERMISSIONS } from './policies/job-limits.policy';
import { ACTIVATION_PERMISSIONS } from './policies/activation.policy';
import { PLANS_PERMISSIONS } from './policies/plans.policy';
import { SUPERVISION_PERMISSIONS } from './policies/supervision.policy';

/**
 * Every permission the platform knows, gathered from the policy files (one per domain). A service
 * asks `requireAccess(caller, 'trainee.read', id)`; the rule for the caller's role and the route's
 * declared scope answers. A role or scope with no rule is denied.
 */
export const PERMISSIONS = {
  ...TRAINEES_PERMISSIONS,
  ...FAIRS_PERMISSIONS,
  ...LEARNING_PERMISSIONS,
  ...ORDERS_PERMISSIONS,
  ...PLACEMENTS_PERMISSIONS,
  ...FOLLOW_UPS_PERMISSIONS,
  ...HANDOVERS_PERMISSIONS,
  ...ORGANISATIONS_PERMISSIONS,
  ...SEALING_PERMISSIONS,
  ...JOB_LIMITS_PERMISSIONS,
  ...ACTIVATION_PERMISSIONS,
  ...PLANS_PERMISSIONS,
  ...SUPERVISION_PERMISSIONS,
} satisfies Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSIONS;
