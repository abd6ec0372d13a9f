import type { Role } from '../../common/role';
import type { HandoverSide } from '../access.repository';
import type { PermissionDefinition, RowRule } from '../access.types';

/** Handovers with the caller's organisation on `side`. */
const handoversOnSide =
  (side: HandoverSide): RowRule =>
  (r, caller, wanted, q) =>
    r.handoversOnSide(wanted, caller.organisationId, side, q);

const HANDOVER = 'HANDOVER' as const;

export const HANDOVERS_PERMISSIONS = {
  /** See a handover: the two organisations on it, and admins. */
  'handover.read': {
    noun: HANDOVER,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': handoversOnSide('either') } },
  },
  /** The sending facility's steps (send, complete, cancel). */
  'handover.send': { noun: HANDOVER, rules: { counsellor: { 'own-organisation': handoversOnSide('sender') } } },
  /** The receiving station's steps (accept, reject). */
  'handover.receive': { noun: HANDOVER, rules: { counsellor: { 'own-organisation': handoversOnSide('receiver') } } },
} satisfies Record<string, PermissionDefinition>;

export const HANDOVERS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
