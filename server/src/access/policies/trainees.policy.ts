import type { PermissionDefinition, RowRule } from '../access.types';

/**
 * A counsellor's organisation reads the trainees it holds, those it handed over (what it recorded
 * stays readable to it) and those being handed over to it.
 */
export const traineesReadableByOrganisation: RowRule = (r, caller, wanted, q) =>
  r.traineesReadableByOrganisation(wanted, caller.organisationId, q);

/** Only the organisation that holds a trainee changes the record. */
export const traineesHeldByOrganisation: RowRule = (r, caller, wanted, q) => r.traineesHeldByOrganisation(wanted, caller.organisationId, q);

/** A trainee's own record. */
export const traineeOfUser: RowRule = (r, caller, wanted, q) => r.traineesOfUser(wanted, caller.id, q);

const TRAINEE = 'TRAINEE_RECORD' as const;

export const TRAINEES_PERMISSIONS = {
  /** Read a trainee's file (every read is audited by the caller). */
  'trainee.read': {
    noun: TRAINEE,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': traineesReadableByOrganisation },
      trainee: { self: traineeOfUser },
    },
  },
  /** Rank a trainee against orders, or say why not: the organisation that holds them (or an admin). */
  'trainee.match': {
    noun: TRAINEE,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': traineesHeldByOrganisation } },
  },
  /** Change a trainee's file, move it along the lifecycle, act for the trainee (assisted). */
  'trainee.write': {
    noun: TRAINEE,
    rules: { counsellor: { 'own-organisation': traineesHeldByOrganisation } },
  },
} satisfies Record<string, PermissionDefinition>;
