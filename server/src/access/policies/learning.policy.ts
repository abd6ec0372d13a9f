import type { TraineeLinkedRows } from '../access.repository';
import type { PermissionDefinition, RowRule } from '../access.types';
import type { Role } from '../../common/role';
import { traineeOfUser, traineesHeldByOrganisation, traineesReadableByOrganisation } from './trainees.policy';

/**
 * Learning: skills-course sessions (精准式) and 中专 classes with the partner school (学历式).
 *
 * The catalogue (courses, sessions, programmes) is the same for everyone and needs no rule. What is
 * personal is who studies where: an enrolment, a grade, a diploma tells that a trainee is (or was) in
 * the programme, so each is reached only by the teacher of that class or session, the organisation
 * that reads the trainee, the trainee, or an admin. A trainee's enrolments and diplomas follow the
 * trainee rules (`trainees.policy.ts`), so a handover moves them along with the file.
 */

/**
 * Rows that belong to a trainee pass when their trainee passes `rule`; the trainee rule is asked
 * once for all of them.
 */
const byTrainee =
  (rows: TraineeLinkedRows, rule: RowRule): RowRule =>
  async (r, caller, wanted, q) => {
    const links = await r.traineesOf(rows, wanted, q);
    if (links.length === 0) return [];
    const ok = new Set(await rule(r, caller, [...new Set(links.map((l) => l.traineeId))], q));
    return links.filter((l) => ok.has(l.traineeId)).map((l) => l.id);
  };

// ---- 中专 classes ----

/** Classes the caller heads. */
const classesHeaded: RowRule = (r, caller, wanted, q) => r.classesHeadedBy(wanted, caller.id, q);

/** Enrolments in a class the caller heads. */
const classEnrolmentsHeaded: RowRule = (r, caller, wanted, q) => r.classEnrolmentsHeadedBy(wanted, caller.id, q);

/** Enrolments in a programme of the caller's school: the school decides who is admitted. */
const classEnrolmentsOfSchool: RowRule = (r, caller, wanted, q) => r.classEnrolmentsOfSchool(wanted, caller.organisationId, q);

/** Diplomas whose graduating enrolment was in a class the caller heads. */
const diplomasOfClassesHeaded: RowRule = (r, caller, wanted, q) => r.diplomasOfClassesHeadedBy(wanted, caller.id, q);

// ---- skills-course sessions ----

/** Sessions the caller teaches. */
const sessionsTaught: RowRule = (r, caller, wanted, q) => r.sessionsTaughtBy(wanted, caller.id, q);

/** Enrolments in a session the caller teaches. */
const sessionEnrolmentsTaught: RowRule = (r, caller, wanted, q) => r.sessionEnrolmentsTaughtBy(wanted, caller.id, q);

const CLASS = 'CLASS' as const;
const ENROLMENT = 'ENROLMENT' as const;
const SESSION = 'COURSE_SESSION' as const;
const DIPLOMA = 'DIPLOMA' as const;

export const LEARNING_PERMISSIONS = {
  /**
   * See a 中专 class (and open its roster): instructors only the classes they head; counsellors
   * every class, since they apply for their trainees into any of them.
   */
  'class.read': {
    noun: CLASS,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': 'any' }, instructor: { 'own-organisation': classesHeaded } },
  },
  /** Teach a class: record grades and attendance, graduate its students. Its head teacher, or an admin. */
  'class.teach': {
    noun: CLASS,
    rules: { admin: { all: 'any' }, instructor: { 'own-organisation': classesHeaded } },
  },
  /**
   * Which rows of a class roster the caller sees: the head teacher every student; a counsellor only
   * the trainees their organisation holds (not those it merely reads after a handover).
   */
  'class-enrolment.list': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee('class_enrolment', traineesHeldByOrganisation) },
      instructor: { 'own-organisation': classEnrolmentsHeaded },
    },
  },
  /** Read one class enrolment and its graduation audit: the head teacher, whoever reads the trainee, the trainee. */
  'class-enrolment.read': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee('class_enrolment', traineesReadableByOrganisation) },
      instructor: { 'own-organisation': classEnrolmentsHeaded },
      trainee: { self: byTrainee('class_enrolment', traineeOfUser) },
    },
  },
  /** Approve, waitlist or reject an application: the school that runs the programme (its instructors), or an admin. */
  'class-enrolment.decide': {
    noun: ENROLMENT,
    rules: { admin: { all: 'any' }, instructor: { 'own-organisation': classEnrolmentsOfSchool } },
  },
  /** Withdraw or transfer an enrolment: the organisation holding the trainee, the trainee, or an admin. */
  'class-enrolment.act': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee('class_enrolment', traineesHeldByOrganisation) },
      trainee: { self: byTrainee('class_enrolment', traineeOfUser) },
    },
  },
  /** A diploma with its transcript: the holder, whoever reads the holder's file, the head teacher who graduated them, admins. */
  'diploma.read': {
    noun: DIPLOMA,
    rules: {
      admin: { all: 'any' },
      counsellor: {
        'own-organisation': byTrainee('diploma', traineesReadableByOrganisation),
      },
      instructor: { 'own-organisation': diplomasOfClassesHeaded },
      trainee: { self: byTrainee('diploma', traineeOfUser) },
    },
  },

  /** Teach a session: record attendance and assessments. Its instructor, or an admin. */
  'session.teach': {
    noun: SESSION,
    rules: { admin: { all: 'any' }, instructor: { 'own-organisation': sessionsTaught } },
  },
  /**
   * Open a session's enrolment list: its instructor; counsellors any session (the rows are then
   * narrowed by `session-enrolment.list`); admins.
   */
  'session.roster': {
    noun: SESSION,
    rules: { admin: { all: 'any' }, counsellor: { 'own-organisation': 'any' }, instructor: { 'own-organisation': sessionsTaught } },
  },
  /** Which rows of a session's list the caller sees: the instructor all; a counsellor the trainees their organisation holds. */
  'session-enrolment.list': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee('session_enrolment', traineesHeldByOrganisation) },
      instructor: { 'own-organisation': sessionEnrolmentsTaught },
    },
  },
  /**
   * See a session enrolment (without changing it): whoever reads the trainee, the trainee, the
   * instructor. Tells "read-only for you" (403) from "no such enrolment" (404) on a withdrawal.
   */
  'session-enrolment.read': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee('session_enrolment', traineesReadableByOrganisation) },
      instructor: { 'own-organisation': sessionEnrolmentsTaught },
      trainee: { self: byTrainee('session_enrolment', traineeOfUser) },
    },
  },
  /** Withdraw from a session: the organisation holding the trainee, the trainee, or an admin. */
  'session-enrolment.act': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee('session_enrolment', traineesHeldByOrganisation) },
      trainee: { self: byTrainee('session_enrolment', traineeOfUser) },
    },
  },
} satisfies Record<string, PermissionDefinition>;

export const LEARNING_CAPABILITIES = {
  /** May be assigned to teach: a class's head teacher, a session's instructor (an instructor account, never an admin). */
  'learning.teach': ['instructor'],
} satisfies Record<string, readonly Role[]>;
