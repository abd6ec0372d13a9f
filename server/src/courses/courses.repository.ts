import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageQueryDto } from '../common/dto/page.dto';
import { pageRows, pageWithTotalSql } from '../common/page-sql';
import { type SeatPlaceRow, seatTable } from '../seats/seat-table';
import { Certificate, Course, CourseSession, SessionEnrolment, type SessionEnrolmentState } from './course.entities';

/** A session's seats for the `SeatEngine`: an `enrolled` enrolment holds one. */
export const SESSION_SEATS = seatTable({
  holder: 'course_session',
  enrolment: 'session_enrolment',
  holderColumn: 'session_id',
  queuedAtColumn: 'created_at',
  attendance: 'session_attendance',
  seated: ['enrolled'],
});

export interface CourseFilter {
  /** One course (its page of one). */
  id?: string;
  occupationCode?: string;
  level?: number;
  /** Part of the title or of the occupation's name. */
  text?: string;
}

export interface CourseRow {
  id: string;
  title: string;
  occupation_code: string;
  occupation_name: string;
  level: number;
  hours: number;
  provider_id: string;
  provider_name: string;
  syllabus: string | null;
  upcoming: number;
}

export interface SessionRow {
  id: string;
  course_id: string;
  title: string;
  occupation_code: string;
  level: number;
  starts_on: string;
  ends_on: string;
  venue_name: string | null;
  capacity: number;
  seats_taken: number;
  waitlisted: number;
  instructor_id: string | null;
  instructor_name: string | null;
  pass_mark: number;
  order_id: string | null;
  order_title: string | null;
  order_employer_name: string | null;
}

export interface SessionEnrolmentRow extends SeatPlaceRow<SessionEnrolmentState> {
  id: string;
  session_id: string;
  created_at: Date;
  theory_score: number | null;
  practical_score: number | null;
  attended: number;
  meetings: number;
}

export interface CertificateRow {
  id: string;
  occupation_code: string;
  occupation_name: string;
  level: number;
  number: string;
  issuer: string;
  issued_on: string;
}

/** What a passed session's certificate says: the course's occupation and level, the provider's name. */
export interface CertificateBasis {
  occupation_code: string;
  level: number;
  provider: string;
}

export interface RecommendationRow {
  occupation_code: string;
  occupation_name: string;
  lvl: number;
  division_name: string;
  orders: number;
  headcount: number;
  course_id: string;
  title: string;
  level: number;
  nearby: boolean;
  session_id: string | null;
  starts_on: string | null;
  seats_left: number | null;
}

export interface DemandSupplyRow {
  occupation_code: string;
  occupation_name: string;
  division_code: string;
  division_name: string;
  orders: number;
  demand: number;
  certified: number;
  in_training: number;
}

/** A session's columns as `SessionRow` names them (course, venue, instructor, 订单班 order, waitlist). */
const SESSION_COLUMNS = `s.*, s.starts_on::text AS starts_on, s.ends_on::text AS ends_on, c.title, c.occupation_code, c.level, v.name AS venue_name,
       u.display_name AS instructor_name, jo.title AS order_title, je.name AS order_employer_name,
       (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state = 'waitlisted') AS waitlisted`;
const SESSION_FROM = `FROM course_session s JOIN course c ON c.id = s.course_id LEFT JOIN organisation v ON v.id = s.venue_organisation_id
  LEFT JOIN app_user u ON u.id = s.instructor_id
  LEFT JOIN job_order jo ON jo.id = s.order_id LEFT JOIN organisation je ON je.id = jo.employer_id`;

/** An enrolment's columns as `SessionEnrolmentRow` names them (waitlist position, attendance). */
const ENROLMENT_COLUMNS = `e.*, t.full_name,
       CASE WHEN e.state = 'waitlisted' THEN (SELECT count(*)::int FROM session_enrolment w
         WHERE w.session_id = e.session_id AND w.state = 'waitlisted' AND (w.created_at, w.id) <= (e.created_at, e.id)) END AS position,
       (SELECT count(*) FILTER (WHERE a.present)::int FROM session_attendance a WHERE a.enrolment_id = e.id) AS attended,
       (SELECT count(*)::int FROM session_attendance a WHERE a.enrolment_id = e.id) AS meetings`;
const ENROLMENT_FROM = 'FROM session_enrolment e JOIN trainee t ON t.id = e.trainee_id';

/** A session's list: seated first, then the waitlist in its order, then the rest; the id breaks ties. */
const ROSTER_RANK = `CASE e.state WHEN 'enrolled' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END`;
const ROSTER_ORDER = `${ROSTER_RANK}, e.created_at, e.id`;

/** Courses, sessions, enrolments, certificates: the SQL of the courses module (seats: `SeatEngine`). */
@Injectable()
export class CoursesRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- courses and sessions ----

  /**
   * A page of the catalogue and its total, in one statement (issue 12): by occupation, then the
   * higher level (the lower number) first, then title; the id keeps equal rows in a stable order.
   */
  async courses(filter: CourseFilter, today: string, page: PageQueryDto): Promise<[CourseRow[], number]> {
    const params: unknown[] = [today];
    const where: string[] = [];
    if (filter.id) where.push(`c.id = $${params.push(filter.id)}::uuid`);
    if (filter.occupationCode) where.push(`c.occupation_code = $${params.push(filter.occupationCode)}`);
    if (filter.level) where.push(`c.level = $${params.push(filter.level)}`);
    if (filter.text) {
      const term = `$${params.push(`%${filter.text.replace(/[%_\\]/g, '\\$&')}%`)}`;
      where.push(`(c.title ILIKE ${term} OR oc.name ILIKE ${term})`);
    }
    const rows = await this.dataSource.query<(CourseRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `c.*, oc.name AS occupation_name, p.name AS provider_name,
              (SELECT count(*)::int FROM course_session s WHERE s.course_id = c.id AND s.ends_on >= $1::date) AS upcoming`,
        from: 'FROM course c JOIN occupation oc ON oc.code = c.occupation_code JOIN organisation p ON p.id = c.provider_id',
        countFrom: 'FROM course c JOIN occupation oc ON oc.code = c.occupation_code',
        where,
        order: 'c.occupation_code, c.level DESC, c.title, c.id',
        outerOrder: 'page.occupation_code, page.level DESC, page.title, page.id',
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
  }

  courseExists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(Course).existsBy({ id });
  }

  async insertCourse(data: Partial<Course>, m: EntityManager): Promise<Course> {
    const repo = m.getRepository(Course);
    return repo.save(repo.create(data));
  }

  async sessionIdsOf(courseId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM course_session WHERE course_id = $1 ORDER BY starts_on`, [
      courseId,
    ]);
    return rows.map((r) => r.id);
  }

  async insertSession(data: Partial<CourseSession>, m: EntityManager): Promise<CourseSession> {
    const repo = m.getRepository(CourseSession);
    return repo.save(repo.create(data));
  }

  findSession(id: string): Promise<CourseSession | null> {
    return this.dataSource.getRepository(CourseSession).findOneBy({ id });
  }

  sessionExists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(CourseSession).existsBy({ id });
  }

  async sessionRow(id: string): Promise<SessionRow | null> {
    const [row] = await this.dataSource.query<SessionRow[]>(`SELECT ${SESSION_COLUMNS} ${SESSION_FROM} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** What a promotion needs to tell: the session's order (a 订单班) and its course's title. */
  async sessionOrderAndTitle(sessionId: string, m: EntityManager): Promise<{ orderId: string | null; title: string }> {
    const [row] = await m.query<{ order_id: string | null; title: string }[]>(
      `SELECT s.order_id, c.title FROM course_session s JOIN course c ON c.id = s.course_id WHERE s.id = $1`,
      [sessionId],
    );
    return { orderId: row!.order_id, title: row!.title };
  }

  // ---- enrolments ----

  async insertEnrolment(data: Partial<SessionEnrolment>, m: EntityManager): Promise<SessionEnrolment> {
    const repo = m.getRepository(SessionEnrolment);
    return repo.save(repo.create(data));
  }

  /**
   * A waitlisted enrolment for the trainee, or null when they already have a live one in the session
   * (`uq_session_enrolment_live`): no error, so a bulk enrolment's transaction goes on.
   */
  async insertEnrolmentIfAbsent(sessionId: string, traineeId: string, createdBy: string, m: EntityManager): Promise<string | null> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO session_enrolment (session_id, trainee_id, state, created_by) VALUES ($1, $2, 'waitlisted', $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [sessionId, traineeId, createdBy],
    );
    return row?.id ?? null;
  }

  /** The live (enrolled or waitlisted) enrolment of each of `traineeIds` in the session. */
  liveEnrolmentIds(sessionId: string, traineeIds: string[]): Promise<{ id: string; trainee_id: string }[]> {
    return this.dataSource.query<{ id: string; trainee_id: string }[]>(
      `SELECT id, trainee_id FROM session_enrolment WHERE session_id = $1 AND trainee_id = ANY($2::uuid[]) AND state IN ('enrolled', 'waitlisted')`,
      [sessionId, traineeIds],
    );
  }

  /** Locks the session row first, so bulk enrolments into it queue behind each other instead of deadlocking. */
  async lockSession(id: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM course_session WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * A page of the sessions not yet ended, soonest first, and their total in one statement: the
   * enrolment pickers. `text` matches the course's title or its occupation's name.
   */
  async openSessions(today: string, text: string | undefined, page: PageQueryDto): Promise<[SessionRow[], number]> {
    const params: unknown[] = [today];
    const where = ['s.ends_on >= $1::date'];
    if (text) {
      const term = `$${params.push(`%${text.replace(/[%_\\]/g, '\\$&')}%`)}`;
      where.push(
        `(c.title ILIKE ${term} OR EXISTS (SELECT 1 FROM occupation oc WHERE oc.code = c.occupation_code AND oc.name ILIKE ${term}))`,
      );
    }
    const rows = await this.dataSource.query<(SessionRow & { page_total: number })[]>(
      pageWithTotalSql({
        // s.* and the text date both answer to `starts_on`: the outer order reads the date under a name of its own.
        select: `${SESSION_COLUMNS}, s.starts_on AS page_starts_on`,
        from: SESSION_FROM,
        countFrom: 'FROM course_session s JOIN course c ON c.id = s.course_id',
        where,
        order: 's.starts_on, s.id',
        outerOrder: 'page.page_starts_on, page.id',
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
  }

  async updateEnrolment(id: string, patch: Partial<SessionEnrolment>, m: EntityManager): Promise<void> {
    await m.getRepository(SessionEnrolment).update({ id }, patch);
  }

  findEnrolment(id: string): Promise<SessionEnrolment | null> {
    return this.dataSource.getRepository(SessionEnrolment).findOneBy({ id });
  }

  enrolmentExists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(SessionEnrolment).existsBy({ id });
  }

  findEnrolmentForUpdate(id: string, m: EntityManager): Promise<SessionEnrolment | null> {
    return m.getRepository(SessionEnrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A session's list: seated first, then the waitlist in its order, then the rest. */
  async rosterIds(sessionId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT e.id FROM session_enrolment e WHERE e.session_id = $1 ORDER BY ${ROSTER_ORDER}`,
      [sessionId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A page of a session's list and its total in one statement, among `visibleIds` (the rows the
   * access policy lets the caller see), in the list's order.
   */
  async rosterPage(sessionId: string, visibleIds: string[], page: PageQueryDto): Promise<[SessionEnrolmentRow[], number]> {
    const rows = await this.dataSource.query<(SessionEnrolmentRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${ENROLMENT_COLUMNS}, ${ROSTER_RANK} AS page_rank`,
        from: ENROLMENT_FROM,
        countFrom: 'FROM session_enrolment e',
        where: ['e.session_id = $1', 'e.id = ANY($2::uuid[])'],
        order: ROSTER_ORDER,
        outerOrder: 'page.page_rank, page.created_at, page.id',
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      [sessionId, visibleIds],
    );
    return pageRows(rows, 'id');
  }

  async enrolmentIdsOfTrainee(traineeId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM session_enrolment WHERE trainee_id = $1 ORDER BY created_at DESC`,
      [traineeId],
    );
    return rows.map((r) => r.id);
  }

  async enrolmentRow(id: string): Promise<SessionEnrolmentRow | null> {
    const [row] = await this.dataSource.query<SessionEnrolmentRow[]>(`SELECT ${ENROLMENT_COLUMNS} ${ENROLMENT_FROM} WHERE e.id = $1`, [id]);
    return row ?? null;
  }

  // ---- certificates ----

  async certificateBasis(sessionId: string, m: EntityManager): Promise<CertificateBasis> {
    const [row] = await m.query<CertificateBasis[]>(
      `SELECT c.occupation_code, c.level, p.name AS provider FROM course_session s JOIN course c ON c.id = s.course_id
         JOIN organisation p ON p.id = c.provider_id WHERE s.id = $1`,
      [sessionId],
    );
    return row!;
  }

  async nextCertificateSerial(m: EntityManager): Promise<string> {
    const [{ seq }] = await m.query<[{ seq: string }]>(`SELECT nextval('certificate_number_seq')::text AS seq`);
    return seq;
  }

  async insertCertificate(data: Partial<Certificate>, m: EntityManager): Promise<void> {
    await m.getRepository(Certificate).insert(data);
  }

  certificatesOf(traineeId: string): Promise<CertificateRow[]> {
    return this.dataSource.query<CertificateRow[]>(
      `SELECT c.*, c.issued_on::text AS issued_on, o.name AS occupation_name FROM certificate c JOIN occupation o ON o.code = c.occupation_code
        WHERE c.trainee_id = $1 ORDER BY c.issued_on DESC`,
      [traineeId],
    );
  }

  // ---- demand ----

  /** Per open-order gap the trainee has (occupation × level × division), the best course and its next session. */
  recommendations(traineeId: string, today: string): Promise<RecommendationRow[]> {
    return this.dataSource.query<RecommendationRow[]>(
      `WITH me AS (SELECT id, home_division_code, preferred_divisions FROM trainee WHERE id = $1),
       gaps AS (
         SELECT o.occupation_code, COALESCE(o.required_level, 5) AS lvl, o.division_code, count(*)::int AS orders, sum(o.headcount)::int AS headcount
           FROM job_order o, me
          WHERE o.state = 'open' AND o.deadline >= $2::date
            AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.trainee_id = me.id AND c.occupation_code = o.occupation_code AND c.level <= COALESCE(o.required_level, 5))
          GROUP BY 1, 2, 3)
       SELECT DISTINCT ON (g.occupation_code, g.lvl, g.division_code)
              g.*, oc.name AS occupation_name, dv.name AS division_name, c.id AS course_id, c.title, c.level,
              (g.division_code = me.home_division_code OR g.division_code = ANY(me.preferred_divisions)) AS nearby,
              s.id AS session_id, s.starts_on::text AS starts_on, s.capacity - s.seats_taken AS seats_left
         FROM gaps g CROSS JOIN me
         JOIN occupation oc ON oc.code = g.occupation_code JOIN division dv ON dv.code = g.division_code
         JOIN course c ON c.occupation_code = g.occupation_code AND c.level <= g.lvl
         LEFT JOIN LATERAL (SELECT s.* FROM course_session s WHERE s.course_id = c.id AND s.ends_on >= $2::date ORDER BY s.starts_on LIMIT 1) s ON TRUE
        WHERE NOT EXISTS (SELECT 1 FROM session_enrolment e JOIN course_session cs ON cs.id = e.session_id
                           WHERE e.trainee_id = me.id AND cs.course_id = c.id AND e.state IN ('enrolled', 'waitlisted', 'passed'))
        ORDER BY g.occupation_code, g.lvl, g.division_code, c.level DESC, s.starts_on NULLS LAST`,
      [traineeId, today],
    );
  }

  /** Open demand per occupation and division, against the certified and those in training near it. */
  demandSupply(today: string): Promise<DemandSupplyRow[]> {
    return this.dataSource.query<DemandSupplyRow[]>(
      `WITH demand AS (
         SELECT occupation_code, division_code, count(*)::int AS orders, sum(headcount)::int AS demand
           FROM job_order WHERE state = 'open' AND deadline >= $1::date GROUP BY 1, 2),
       people AS (
         SELECT d.occupation_code, d.division_code, t.id,
                EXISTS (SELECT 1 FROM certificate c WHERE c.trainee_id = t.id AND c.occupation_code = d.occupation_code) AS certified,
                EXISTS (SELECT 1 FROM session_enrolment e JOIN course_session s ON s.id = e.session_id JOIN course c ON c.id = s.course_id
                         WHERE e.trainee_id = t.id AND e.state = 'enrolled' AND c.occupation_code = d.occupation_code) AS training
           FROM demand d JOIN trainee t ON t.state <> 'closed' AND (t.home_division_code = d.division_code OR d.division_code = ANY(t.preferred_divisions)))
       SELECT d.*, oc.name AS occupation_name, dv.name AS division_name,
              (SELECT count(*)::int FROM people p WHERE p.occupation_code = d.occupation_code AND p.division_code = d.division_code AND p.certified) AS certified,
              (SELECT count(*)::int FROM people p WHERE p.occupation_code = d.occupation_code AND p.division_code = d.division_code AND NOT p.certified AND p.training) AS in_training
         FROM demand d JOIN occupation oc ON oc.code = d.occupation_code JOIN division dv ON dv.code = d.division_code`,
      [today],
    );
  }

  // ---- for the instructor's home (GET /api/me/today) ----

  /** Course sessions the user teaches that run on `today`. */
  async sessionsRunning(instructorId: string, today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM course_session WHERE instructor_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date`,
      [instructorId, today],
    );
    return rows.map((r) => r.id);
  }

  /** Course sessions the user teaches, begun before `today`, with students, and no attendance recorded yet. */
  async sessionsWithoutAttendance(instructorId: string, today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT s.id FROM course_session s
        WHERE s.instructor_id = $1 AND s.starts_on < $2::date
          AND EXISTS (SELECT 1 FROM session_enrolment e WHERE e.session_id = s.id AND e.state IN ('enrolled', 'passed', 'failed'))
          AND NOT EXISTS (SELECT 1 FROM session_enrolment e JOIN session_attendance a ON a.enrolment_id = e.id WHERE e.session_id = s.id)`,
      [instructorId, today],
    );
    return rows.map((r) => r.id);
  }
}
