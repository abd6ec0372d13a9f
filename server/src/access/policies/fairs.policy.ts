import type { PermissionDefinition, RowRule } from '../access.types';
import type { Role } from '../../common/role';
import { traineeOfUser, traineesHeldByOrganisation } from './trainees.policy';

/**
 * Published fairs and the record of closed ones: what everyone but admins sees. A draft or a
 * cancelled fair does not exist for them.
 */
const openFairs: RowRule = (r, _caller, wanted, q) => r.openFairs(wanted, q);

/** The desk is run by the staff of the venue (a facility or a station), not by every counsellor. */
const fairsAtOwnVenue: RowRule = (r, caller, wanted, q) => r.fairsAtVenue(wanted, caller.organisationId, q);

/** An employer's own booths, whatever their state (applied, approved, declined). */
const boothsOfOrganisation: RowRule = (r, caller, wanted, q) => r.boothsOfEmployer(wanted, caller.organisationId, q);

/** The programme: approved booths of fairs the caller can see. */
const programmeBooths: RowRule = (r, _caller, wanted, q) => r.programmeBooths(wanted, q);

/** The interview slots of an employer's own booths. */
const slotsOfOrganisation: RowRule = (r, caller, wanted, q) => r.slotsOfEmployer(wanted, caller.organisationId, q);

/** Registrations of the trainees an organisation holds (the counsellor acts for them at the fair). */
const registrationsOfOrganisation: RowRule = (r, caller, wanted, q) => r.registrationsOfOrganisation(wanted, caller.organisationId, q);

/** A trainee's own registrations. */
const registrationsOfUser: RowRule = (r, caller, wanted, q) => r.registrationsOfUser(wanted, caller.id, q);

/** Intents on an employer's own orders (those it proposed). */
const intentsOfEmployer: RowRule = (r, caller, wanted, q) => r.intentsOfEmployer(wanted, caller.organisationId, q);

/** Intents to the trainees an organisation holds. */
const intentsOfOrganisation: RowRule = (r, caller, wanted, q) => r.intentsOfOrganisation(wanted, caller.organisationId, q);

/** Intents to the trainee themselves. */
const intentsOfUser: RowRule = (r, caller, wanted, q) => r.intentsOfUser(wanted, caller.id, q);

/** An employer brings only its own orders, and only those it is recruiting for now. */
const openOrdersOfOrganisation: RowRule = (r, caller, wanted, q) => r.openOrdersOfEmployer(wanted, caller.organisationId, q);

const FAIR = 'JOB_FAIR' as const;
const BOOTH = 'BOOTH' as const;
const SLOT = 'INTERVIEW_SLOT' as const;
const REGISTRATION = 'REGISTRATION' as const;
const INTENT = 'INTENT' as const;

export const FAIRS_PERMISSIONS = {
  /** See a fair (and, through it, its programme of approved booths): admins any, the others open ones. */
  'fair.read': {
    noun: FAIR,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': openFairs },
      employer: { 'own-organisation': openFairs },
      trainee: { self: openFairs },
    },
  },
  /** Run the desk on the day (check-in, walk-in): admins, or counsellors of the venue. */
  'fair.desk': {
    noun: FAIR,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': fairsAtOwnVenue } },
  },
  /**
   * Read a booth and its slots: admins any; an employer its own only (another employer's booth
   * reaches it as a programme entry, never its slots); the trainee side the programme's booths.
   */
  'fair.booth.read': {
    noun: BOOTH,
    rules: {
      admin: { all: 'any' },
      employer: { 'own-organisation': boothsOfOrganisation },
      counsellor: { 'own-organisation': programmeBooths },
      trainee: { self: programmeBooths },
    },
  },
  /**
   * Manage a booth: the employer its own (slots, candidates, intents), admins every one (decide).
   * Also who reads why an application was declined; the note is `fair.booth.readNotes`.
   */
  'fair.booth.manage': {
    noun: BOOTH,
    rules: { admin: { all: 'any' }, employer: { 'own-organisation': boothsOfOrganisation } },
  },
  /** Invite a candidate into a slot: the employer whose booth it is. */
  'fair.slot.manage': {
    noun: SLOT,
    rules: { employer: { 'own-organisation': slotsOfOrganisation } },
  },
  /**
   * Act with a registration (book, release a slot; a slot held under it is "mine"): the trainee
   * their own, the counsellor of the organisation holding the trainee (an assisted act).
   */
  'fair.registration.act': {
    noun: REGISTRATION,
    rules: {
      counsellor: { 'own-organisation': registrationsOfOrganisation },
      trainee: { self: registrationsOfUser },
    },
  },
  /**
   * Register a trainee for a fair: a counsellor those their organisation holds, a trainee
   * themselves; at the desk (walk-in) admins anyone, counsellors of the venue their own.
   */
  'fair.trainee.register': {
    noun: 'TRAINEE_RECORD',
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': traineesHeldByOrganisation },
      trainee: { self: traineeOfUser },
    },
  },
  /** Read an intent: admins any, the employer its own, the trainee side theirs. */
  'fair.intent.read': {
    noun: INTENT,
    rules: {
      admin: { all: 'any' },
      employer: { 'own-organisation': intentsOfEmployer },
      counsellor: { 'own-organisation': intentsOfOrganisation },
      trainee: { self: intentsOfUser },
    },
  },
  /** Answer an intent: the trainee, or their counsellor from a signed paper form. */
  'fair.intent.answer': {
    noun: INTENT,
    rules: {
      counsellor: { 'own-organisation': intentsOfOrganisation },
      trainee: { self: intentsOfUser },
    },
  },
  /** Bring an order to a booth: the employer's own open orders. */
  'fair.order.bring': {
    noun: 'JOB_ORDER',
    rules: { employer: { 'own-organisation': openOrdersOfOrganisation } },
  },
} satisfies Record<string, PermissionDefinition>;

export const FAIRS_CAPABILITIES = {
  /** The venue (a facility or a station) by name: staff only; everyone else learns the city. */
  'fair.seeVenue': ['admin', 'counsellor'],
  /** Every slot of a booth and who holds it (as a candidate code): the booth's side of the table. */
  'fair.seeSlotHolders': ['admin', 'employer'],
  /** A trainee's name on an intent: everyone but employers, who know candidates by code until consent. */
  'fair.seeTraineeNames': ['admin', 'counsellor', 'trainee'],
  /**
   * A booth's note (the application's words to the organisers): the admins who run fairs. Staff-only
   * text: no employer reads it, not even on its own booth (the canary in pending-employer.e2e-spec.ts).
   */
  'fair.booth.readNotes': ['admin'],
} satisfies Record<string, readonly Role[]>;
