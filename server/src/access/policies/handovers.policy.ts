import type { Role } from '../../users/user.entity';
import { ids, type Caller, type PermissionDefinition, type Querier } from '../access.types';

const handoversOnSide =
  (column: 'from_organisation_id' | 'to_organisation_id' | 'either') => async (q: Querier, caller: Caller, wanted: string[]) =>
    ids(
      await q.query<{ id: string }[]>(
        `SELECT id FROM handover WHERE id = ANY($1::uuid[]) AND ${
          column === 'either' ? '(from_organisation_id = $2 OR to_organisation_id = $2)' : `${column} = $2`
        }`,
        [wanted, caller.organisationId],
      ),
    );

const HANDOVER = { zh: '衔接记录', en: 'Handover' };

export const HANDOVERS_PERMISSIONS = {
  /** See a handover: the two organisations on it, and admins. */
  'handover.read': {
    noun: HANDOVER,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': handoversOnSide('either') } },
  },
  /** The sending facility's steps (send, complete, cancel). */
  'handover.send': { noun: HANDOVER, rules: { counsellor: { 'own-organisation': handoversOnSide('from_organisation_id') } } },
  /** The receiving station's steps (accept, reject). */
  'handover.receive': { noun: HANDOVER, rules: { counsellor: { 'own-organisation': handoversOnSide('to_organisation_id') } } },
} satisfies Record<string, PermissionDefinition>;

export const HANDOVERS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
