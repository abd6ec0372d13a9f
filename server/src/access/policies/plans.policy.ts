import type { PermissionDefinition } from '../access.types';
import { traineeOfUser, traineesHeldByOrganisation } from './trainees.policy';

const TRAINEE = 'TRAINEE_RECORD' as const;

/**
 * The needs assessment and the personal plan are asked by trainee id. The organisation that holds
 * the trainee keeps the plan (the facility inside, the station after release); admins read it,
 * as they read the file; the trainee reads their own (without the staff's notes) and ticks their steps.
 */
export const PLANS_PERMISSIONS = {
  /** Read the whole plan, notes included (every read audited by the caller). */
  'plan.read': {
    noun: TRAINEE,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': traineesHeldByOrganisation } },
  },
  /** Assess needs, set goals, steps and reviews: the holding organisation's counsellors. */
  'plan.write': { noun: TRAINEE, rules: { counsellor: { 'own-organisation': traineesHeldByOrganisation } } },
  /** The trainee's own plan, in plain words, and ticking their own steps. */
  'plan.self': { noun: TRAINEE, rules: { trainee: { self: traineeOfUser } } },
} satisfies Record<string, PermissionDefinition>;
