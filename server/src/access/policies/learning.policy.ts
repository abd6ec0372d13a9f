import { ids, type Caller, type PermissionDefinition, type Querier } from '../access.types';
import type { Role } from '../../users/user.entity';
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

type TraineeRule = (q: Querier, caller: Caller, wanted: string[]) => Promise<string[]>;

/**
 * Rows that belong to a trainee pass when their trainee passes `rule`. `sql` takes the wanted ids
 * as $1 and returns `id, trainee_id`; the trainee rule is asked once for all of them.
 */
const byTrainee =
  (sql: string, rule: TraineeRule) =>
  async (q: Querier, caller: Caller, wanted: string[]): Promise<string[]> => {
    const rows = await q.query<{ id: string; trainee_id: string }[]>(sql, [wanted]);
    if (rows.length === 0) return [];
    const ok = new Set(await rule(q, caller, [...new Set(rows.map((r) => r.trainee_id))]));
    return rows.filter((r) => ok.has(r.trainee_id)).map((r) => r.id);
  };

// ---- 中专 classes ----

/** Classes the caller heads. */
const classesHeaded = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(`SELECT id FROM diploma_class WHERE id = ANY($1::uuid[]) AND head_teacher_id = $2`, [
      wanted,
      caller.id,
    ]),
  );

/** Enrolments in a class the caller heads. */
const classEnrolmentsHeaded = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(
      `SELECT e.id FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id WHERE e.id = ANY($1::uuid[]) AND c.head_teacher_id = $2`,
      [wanted, caller.id],
    ),
  );

/** Enrolments in a programme of the caller's school: the school decides who is admitted. */
const classEnrolmentsOfSchool = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(
      `SELECT e.id FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id JOIN programme p ON p.id = c.programme_id
        WHERE e.id = ANY($1::uuid[]) AND p.school_id = $2`,
      [wanted, caller.organisationId],
    ),
  );

const CLASS_ENROLMENT_TRAINEES = `SELECT id, trainee_id FROM class_enrolment WHERE id = ANY($1::uuid[])`;

/** Diplomas whose graduating enrolment was in a class the caller heads. */
const diplomasOfClassesHeaded = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(
      `SELECT d.id FROM diploma d JOIN class_enrolment e ON e.id = d.enrolment_id JOIN diploma_class c ON c.id = e.class_id
        WHERE d.id = ANY($1::uuid[]) AND c.head_teacher_id = $2`,
      [wanted, caller.id],
    ),
  );

// ---- skills-course sessions ----

/** Sessions the caller teaches. */
const sessionsTaught = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(`SELECT id FROM course_session WHERE id = ANY($1::uuid[]) AND instructor_id = $2`, [wanted, caller.id]),
  );

/** Enrolments in a session the caller teaches. */
const sessionEnrolmentsTaught = async (q: Querier, caller: Caller, wanted: string[]) =>
  ids(
    await q.query<{ id: string }[]>(
      `SELECT e.id FROM session_enrolment e JOIN course_session s ON s.id = e.session_id WHERE e.id = ANY($1::uuid[]) AND s.instructor_id = $2`,
      [wanted, caller.id],
    ),
  );

const SESSION_ENROLMENT_TRAINEES = `SELECT id, trainee_id FROM session_enrolment WHERE id = ANY($1::uuid[])`;

const CLASS = { zh: '班级', en: 'Class' };
const ENROLMENT = { zh: '报名记录', en: 'Enrolment' };
const SESSION = { zh: '培训班次', en: 'Course session' };
const DIPLOMA = { zh: '毕业证书', en: 'Diploma' };

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
      counsellor: { 'own-organisation': byTrainee(CLASS_ENROLMENT_TRAINEES, traineesHeldByOrganisation) },
      instructor: { 'own-organisation': classEnrolmentsHeaded },
    },
  },
  /** Read one class enrolment and its graduation audit: the head teacher, whoever reads the trainee, the trainee. */
  'class-enrolment.read': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee(CLASS_ENROLMENT_TRAINEES, traineesReadableByOrganisation) },
      instructor: { 'own-organisation': classEnrolmentsHeaded },
      trainee: { self: byTrainee(CLASS_ENROLMENT_TRAINEES, traineeOfUser) },
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
      counsellor: { 'own-organisation': byTrainee(CLASS_ENROLMENT_TRAINEES, traineesHeldByOrganisation) },
      trainee: { self: byTrainee(CLASS_ENROLMENT_TRAINEES, traineeOfUser) },
    },
  },
  /** A diploma with its transcript: the holder, whoever reads the holder's file, the head teacher who graduated them, admins. */
  'diploma.read': {
    noun: DIPLOMA,
    rules: {
      admin: { all: 'any' },
      counsellor: {
        'own-organisation': byTrainee(`SELECT id, trainee_id FROM diploma WHERE id = ANY($1::uuid[])`, traineesReadableByOrganisation),
      },
      instructor: { 'own-organisation': diplomasOfClassesHeaded },
      trainee: { self: byTrainee(`SELECT id, trainee_id FROM diploma WHERE id = ANY($1::uuid[])`, traineeOfUser) },
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
      counsellor: { 'own-organisation': byTrainee(SESSION_ENROLMENT_TRAINEES, traineesHeldByOrganisation) },
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
      counsellor: { 'own-organisation': byTrainee(SESSION_ENROLMENT_TRAINEES, traineesReadableByOrganisation) },
      instructor: { 'own-organisation': sessionEnrolmentsTaught },
      trainee: { self: byTrainee(SESSION_ENROLMENT_TRAINEES, traineeOfUser) },
    },
  },
  /** Withdraw from a session: the organisation holding the trainee, the trainee, or an admin. */
  'session-enrolment.act': {
    noun: ENROLMENT,
    rules: {
      admin: { all: 'any' },
      counsellor: { 'own-organisation': byTrainee(SESSION_ENROLMENT_TRAINEES, traineesHeldByOrganisation) },
      trainee: { self: byTrainee(SESSION_ENROLMENT_TRAINEES, traineeOfUser) },
    },
  },
} satisfies Record<string, PermissionDefinition>;

export const LEARNING_CAPABILITIES = {
  /** May be assigned to teach: a class's head teacher, a session's instructor (an instructor account, never an admin). */
  'learning.teach': ['instructor'],
} satisfies Record<string, readonly Role[]>;
