import type { Role } from '../../common/role';
import type { TransferSide } from '../access.repository';
import type { PermissionDefinition, RowRule } from '../access.types';

/** Station transfers with the caller's station on `side` (the sender only until the receiver accepts). */
const transfersOnSide =
  (side: TransferSide): RowRule =>
  (r, caller, wanted, q) =>
    r.transfersOnSide(wanted, caller.organisationId, side, q);

/** Lost-contact cases of the people the caller's station holds. */
const lostContactsOfStation: RowRule = (r, caller, wanted, q) => r.lostContactsOfStation(wanted, caller.organisationId, q);

const TRANSFER = 'STATION_TRANSFER' as const;
const LOST_CONTACT = 'LOST_CONTACT' as const;

export const SUPERVISION_PERMISSIONS = {
  /** See a transfer: the receiving station, the sending one until it is accepted, and admins. */
  'transfer.read': {
    noun: TRANSFER,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': transfersOnSide('either') } },
  },
  /** The sending station's step (cancel). */
  'transfer.send': { noun: TRANSFER, rules: { counsellor: { 'own-organisation': transfersOnSide('sender') } } },
  /** The receiving station's steps (accept, reject). */
  'transfer.receive': { noun: TRANSFER, rules: { counsellor: { 'own-organisation': transfersOnSide('receiver') } } },
  /** See a lost-contact case: the station holding the person, and admins. */
  'lostContact.read': {
    noun: LOST_CONTACT,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': lostContactsOfStation } },
  },
  /** Record that the person was found: the station holding them. */
  'lostContact.close': { noun: LOST_CONTACT, rules: { counsellor: { 'own-organisation': lostContactsOfStation } } },
} satisfies Record<string, PermissionDefinition>;

export const SUPERVISION_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;
