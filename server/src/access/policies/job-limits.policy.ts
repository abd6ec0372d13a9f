import type { PermissionDefinition } from '../access.types';
import { traineesHeldByOrganisation } from './trainees.policy';

const TRAINEE = 'TRAINEE_RECORD' as const;

export const JOB_LIMITS_PERMISSIONS = {
  /**
   * Read which legal job limits apply to a person (it says they were in compulsory rehabilitation):
   * the counsellors of the organisation holding them. Not admins, employers or the trainee.
   */
  'trainee.jobLimits': { noun: TRAINEE, rules: { counsellor: { 'own-organisation': traineesHeldByOrganisation } } },
} satisfies Record<string, PermissionDefinition>;
