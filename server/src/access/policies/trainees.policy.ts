import { ids, type Caller, type PermissionDefinition, type Querier } from '../access.types';

/**
 * A counsellor's organisation reads the trainees it holds, those it handed over (what it recorded
 * stays readable to it) and those being handed over to it.
 */
export const traineesReadableByOrganisation = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(
      `SELECT t.id FROM trainee t WHERE t.id = ANY($1::uuid[]) AND (t.organisation_id = $2 OR EXISTS (
         SELECT 1 FROM handover h WHERE h.trainee_id = t.id AND (
           (h.from_organisation_id = $2 AND h.state = 'completed') OR (h.to_organisation_id = $2 AND h.state IN ('sent', 'accepted')))))`,
      [wanted, caller.organisationId],
    ),
  );

/** Only the organisation that holds a trainee changes the record. */
export const traineesHeldByOrganisation = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(`SELECT id FROM trainee WHERE id = ANY($1::uuid[]) AND organisation_id = $2`, [
      wanted,
      caller.organisationId,
    ]),
  );

/** A trainee's own record. */
export const traineeOfUser = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(await q.query<{ id: string }[]>(`SELECT id FROM trainee WHERE id = ANY($1::uuid[]) AND user_id = $2`, [wanted, caller.id]));

const TRAINEE = { zh: '学员档案', en: 'Trainee record' };

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
