import type { Role } from '../../users/user.entity';
import type { Caller, PermissionDefinition, Querier } from '../access.types';

/** Visits of the caller's station. */
const visitsOfStation = async (q: Querier, caller: Caller, wanted: string[]) =>
  (
    await q.query<{ id: string }[]>(`SELECT id FROM follow_up_visit WHERE id = ANY($1::uuid[]) AND station_id = $2`, [
      wanted,
      caller.organisationId,
    ])
  ).map((r) => r.id);

const VISIT = { zh: '回访', en: 'Visit' };

export const FOLLOW_UPS_PERMISSIONS = {
  /** See a visit: the station's counsellors, and admins (who never see abstinence). */
  'visit.read': { noun: VISIT, rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': visitsOfStation } } },
  /** Record or reassign a visit: the station's counsellors. */
  'visit.record': { noun: VISIT, rules: { counsellor: { 'own-organisation': visitsOfStation } } },
  /** Abstinence, the most restricted field of all: the station's counsellors only, never admins. */
  'visit.abstinence': { noun: VISIT, rules: { counsellor: { 'own-organisation': visitsOfStation } } },
} satisfies Record<string, PermissionDefinition>;

export const FOLLOW_UPS_CAPABILITIES = {
  /** May be given visits to make (the station's counsellors). */
  'visit.hold': ['counsellor'],
} satisfies Record<string, readonly Role[]>;
