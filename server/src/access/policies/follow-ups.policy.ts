import type { Role } from '../../common/role';
import type { PermissionDefinition, RowRule } from '../access.types';

/** Visits of the caller's station. */
const visitsOfStation: RowRule = (r, caller, wanted, q) => r.visitsOfStation(wanted, caller.organisationId, q);

const VISIT = 'VISIT' as const;

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
