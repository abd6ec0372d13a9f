import type { Role } from '../../common/role';
import type { Caller, PermissionDefinition, RowRule } from '../access.types';

/**
 * Which placements a list or a row read reaches. `holder`: placements of the trainees an
 * organisation holds; `employer`: placements on an employer's orders, never suggestions and never
 * a trainee who withdrew matching consent; `trainee`: a trainee's own, never suggestions.
 */
export type PlacementScope =
  | { kind: 'all' }
  | { kind: 'holder'; organisationId: string }
  | { kind: 'employer'; organisationId: string }
  | { kind: 'trainee'; userId: string };

export function placementScopeOf(caller: Caller): PlacementScope | null {
  switch (caller.role) {
    case 'admin':
      return { kind: 'all' };
    case 'counsellor':
      return { kind: 'holder', organisationId: caller.organisationId };
    case 'employer':
      return { kind: 'employer', organisationId: caller.organisationId };
    case 'trainee':
      return { kind: 'trainee', userId: caller.id };
    default:
      return null;
  }
}

const ofHeldTrainees: RowRule = (r, caller, wanted, q) => r.placementsOfHeldTrainees(wanted, caller.organisationId, q);

const onEmployersOrders: RowRule = (r, caller, wanted, q) => r.placementsOnEmployersOrders(wanted, caller.organisationId, q);

const traineesOwn: RowRule = (r, caller, wanted, q) => r.placementsOfTraineeUser(wanted, caller.id, q);

const PLACEMENT = 'PLACEMENT' as const;

export const PLACEMENTS_PERMISSIONS = {
  /** Read a placement or take a step on it: each side of it, as far as its scope reaches. */
  'placement.act': {
    noun: PLACEMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': ofHeldTrainees },
      employer: { 'own-organisation': onEmployersOrders },
      trainee: { self: traineesOwn },
    },
  },
} satisfies Record<string, PermissionDefinition>;

/** Who takes each step of a placement (the state machine is in placements.service.ts). */
export const PLACEMENTS_CAPABILITIES = {
  'placement.recommend': ['counsellor'],
  'placement.accept': ['trainee', 'counsellor'],
  'placement.decline': ['trainee', 'counsellor'],
  'placement.interview': ['employer'],
  'placement.offer': ['employer'],
  'placement.hire': ['employer', 'counsellor', 'trainee'],
  'placement.reject': ['employer'],
  'placement.withdraw': ['counsellor'],
  /** Record that an employment ended. */
  'placement.end': ['employer', 'counsellor'],
  /** Reads the notes staff wrote on a placement and its steps (internal words). */
  'placement.readNotes': ['counsellor', 'admin'],
  /** Sees a placement from the employer's side: never where else a person works. */
  'placement.employerSide': ['employer'],
} satisfies Record<string, readonly Role[]>;
