import type { PermissionDefinition } from '../access.types';
import { traineesHeldByOrganisation } from './trainees.policy';

export const ACTIVATION_PERMISSIONS = {
  /**
   * Issue a trainee's release-day activation code, or see whether one is live or was used: a
   * counsellor of the organisation holding the trainee (the facility before release, the station
   * after the handover). Admins do not: the code goes on the sheet handed to the person.
   */
  'trainee.activation': {
    noun: 'TRAINEE_RECORD',
    rules: { counsellor: { 'own-organisation': traineesHeldByOrganisation } },
  },
} satisfies Record<string, PermissionDefinition>;
