import { SHORT_LIST_CAP } from '../common/dto/page.dto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, DomainError, notFound } from '../common/domain-error';
import { PlacementsService } from '../placements/placements.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { SKILL_LEVELS } from '../reference/data/divisions';
import { ReferenceService } from '../reference/reference.service';
import { TraineesService } from '../trainees/trainees.service';
import type { Role } from '../users/user.entity';
import { Certificate, Course, CourseSession, SessionEnrolment } from './course.entities';
import type {
  AssessmentDto,
  CertificateDto,
  CourseDto,
  CourseRecommendationDto,
  DemandSupplyRowDto,
  CourseQueryDto,
  CreateCourseDto,
  CreateSessionDto,
  RecordAttendanceDto,
  CourseSessionDto,
  SessionEnrolmentDto,
} from './dto/course.dto';

const levelName = (level: number) => {
  const l = SKILL_LEVELS.find((s) => s.level === level);
  return l ? `${l.name}/${l.title}` : String(level);
};
const notFoundSession = () => notFound('培训班次', 'Course session');

/**
 * "精准式" skills training: courses tied to an occupation and a target level, sessions with
 * capacity and a waitlist that promotes itself, attendance, assessment and 职业技能等级证书.
 * Seats move only through a conditional UPDATE (seats_taken < capacity) under the CHECK constraint,
 * so capacity holds however many requests arrive at once.
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsRepository,
    private readonly reference: ReferenceService,
    private readonly notifications: NotificationsService,
    private readonly placements: PlacementsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
  ) {}

  async list(q: CourseQueryDto): Promise<CourseDto[]> {
    const params: unknown[] = [this.clock.today()];
    const where: string[] = ['TRUE'];
    if (q.occupationCode) where.push(`c.occupation_code = $${params.push(q.occupationCode)}`);
    if (q.level) where.push(`c.level = $${params.push(q.level)}`);
    if (q.q) where.push(`(c.title LIKE $${params.push(`%${q.q.replace(/[%_\\]/g, '\\$&')}%`)} OR oc.name LIKE $${params.length})`);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT c.*, oc.name AS occupation_name, p.name AS provider_name,
              (SELECT count(*)::int FROM course_session s WHERE s.course_id = c.id AND s.ends_on >= $1::date) AS upcoming
         FROM course c JOIN occupation oc ON oc.code = c.occupation_code JOIN organisation p ON p.id = c.provider_id
        WHERE ${where.join(' AND ')} ORDER BY c.occupation_code, c.level DESC, c.title LIMIT ${SHORT_LIST_CAP}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      occupationCode: r.occupation_code as string,
      occupationName: r.occupation_name as string,
      level: r.level as number,
      levelName: levelName(r.level as number),
      hours: r.hours as number,
      providerId: r.provider_id as string,
      providerName: r.provider_name as string,
      syllabus: r.syllabus as string | null,
      upcomingSessions: r.upcoming as number,
    }));
  }

  async get(id: string): Promise<CourseDto & { sessions: CourseSessionDto[] }> {
    const course = (await this.list({})).find((c) => c.id === id);
    if (!course) throw notFound('课程', 'Course');
    const ids = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM course_session WHERE course_id = $1 ORDER BY starts_on`, [
      id,
    ]);
    return { ...course, sessions: await Promise.all(ids.map((s) => this.session(s.id))) };
  }

  async create(admin: AuthUser, dto: CreateCourseDto, ctx: RequestContext): Promise<CourseDto> {
    await this.reference.occupation(dto.occupationCode).catch(() => {
      throw badRequest(
        'UNKNOWN_OCCUPATION',
        `职业分类大典中没有代码 ${dto.occupationCode}。`,
        `No occupation ${dto.occupationCode} in the 2022 classification.`,
      );
    });
    const provider = await this.organisations.findInScope(dto.providerId, { kind: 'all' });
    if (!provider || (provider.type !== 'training_provider' && provider.type !== 'school')) {
      throw badRequest('NOT_A_PROVIDER', '培训机构必须是培训学校或合作学校。', 'The provider must be a training provider or the school.');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Course);
      const c = await repo.save(repo.create({ ...dto, syllabus: dto.syllabus ?? null }));
      await this.audit.record({ actor: admin, action: 'course.create', subjectType: 'course', subjectId: c.id, result: 'success', ctx }, m);
      return c.id;
    });
    return (await this.list({})).find((c) => c.id === id)!;
  }

  async createSession(admin: AuthUser, courseId: string, dto: CreateSessionDto, ctx: RequestContext): Promise<CourseSessionDto> {
    if (!(await this.dataSource.getRepository(Course).existsBy({ id: courseId }))) throw notFound('课程', 'Course');
    if (dto.endsOn < dto.startsOn)
      throw badRequest('ENDS_BEFORE_START', '结束日期不能早于开始日期。', 'The end date is before the start date.');
    if (dto.instructorId) {
      const [u] = await this.dataSource.query<{ role: Role }[]>(`SELECT role FROM app_user WHERE id = $1`, [dto.instructorId]);
      if (!u || !this.access.can(u, 'learning.teach'))
        throw badRequest('NOT_AN_INSTRUCTOR', '授课教师必须是教师账号。', 'The instructor must be an instructor account.');
    }
    if (dto.venueOrganisationId) {
      const v = await this.organisations.findInScope(dto.venueOrganisationId, { kind: 'all' });
      if (!v || v.type === 'employer' || v.type === 'bureau')
        throw badRequest('BAD_VENUE', '上课地点必须是戒毒所、指导站或学校。', 'The venue must be a facility, station or school.');
    }
    if (dto.orderId) {
      const o = await this.dataSource.query<{ state: string }[]>(`SELECT state FROM job_order WHERE id = $1`, [dto.orderId]);
      if (!o[0] || (o[0].state !== 'open' && o[0].state !== 'draft'))
        throw badRequest('BAD_ORDER', '订单班只能对应尚在招聘的订单。', 'An order class must train for an order that is still recruiting.');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CourseSession);
      const s = await repo.save(
        repo.create({
          courseId,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          venueOrganisationId: dto.venueOrganisationId ?? null,
          capacity: dto.capacity,
          instructorId: dto.instructorId ?? null,
          passMark: dto.passMark ?? 60,
          orderId: dto.orderId ?? null,
        }),
      );
      await this.audit.record(
        { actor: admin, action: 'course.session_create', subjectType: 'course_session', subjectId: s.id, result: 'success', ctx },
        m,
      );
      return s.id;
    });
    return this.session(id);
  }

  async session(id: string): Promise<CourseSessionDto> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT s.*, s.starts_on::text AS starts_on, s.ends_on::text AS ends_on, c.title, c.occupation_code, c.level, v.name AS venue_name, u.display_name AS instructor_name,
              jo.title AS order_title, je.name AS order_employer_name,
              (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state = 'waitlisted') AS waitlisted
         FROM course_session s JOIN course c ON c.id = s.course_id LEFT JOIN organisation v ON v.id = s.venue_organisation_id
         LEFT JOIN app_user u ON u.id = s.instructor_id
         LEFT JOIN job_order jo ON jo.id = s.order_id LEFT JOIN organisation je ON je.id = jo.employer_id WHERE s.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) throw notFoundSession();
    return {
      id: r.id as string,
      courseId: r.course_id as string,
      courseTitle: r.title as string,
      occupationCode: r.occupation_code as string,
      level: r.level as number,
      startsOn: r.starts_on as string,
      endsOn: r.ends_on as string,
      venueName: r.venue_name as string | null,
      capacity: r.capacity as number,
      seatsTaken: r.seats_taken as number,
      waitlisted: r.waitlisted as number,
      instructorId: r.instructor_id as string | null,
      instructorName: r.instructor_name as string | null,
      passMark: r.pass_mark as number,
      orderId: r.order_id as string | null,
      orderTitle: r.order_title as string | null,
      orderEmployerName: r.order_employer_name as string | null,
    };
  }

  /**
   * Enrols a trainee: a seat if one is free, else the waitlist. A counsellor enrols a trainee their
   * organisation holds; a trainee enrols themselves (traineeId null).
   */
  async enrol(user: AuthUser, sessionId: string, traineeId: string | null, ctx: RequestContext): Promise<SessionEnrolmentDto> {
    const tid = traineeId ? (await this.trainees.writable(user, traineeId)).id : (await this.trainees.ownRecord(user)).id;
    const session = await this.dataSource.getRepository(CourseSession).findOneBy({ id: sessionId });
    if (!session) throw notFoundSession();
    if (session.endsOn < this.clock.today())
      throw badRequest('SESSION_ENDED', '这个班次已经结束，请选择其他班次。', 'This session has ended; choose another.');
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(SessionEnrolment);
      let enrolment: SessionEnrolment;
      try {
        enrolment = await repo.save(repo.create({ sessionId, traineeId: tid, state: 'waitlisted', createdBy: user.id }));
      } catch (e) {
        if ((e as { driverError?: { constraint?: string } }).driverError?.constraint === 'uq_session_enrolment_live') {
          throw conflict('ALREADY_ENROLLED', '已经报名了这个班次。', 'Already enrolled (or waitlisted) in this session.');
        }
        throw e;
      }
      const seat = await this.takeSeat(sessionId, m);
      if (seat) await repo.update({ id: enrolment.id }, { state: 'enrolled' });
      if (seat && session.orderId) await this.placements.suggestFromOrderClass(session.orderId, tid, m);
      await this.audit.record(
        {
          actor: user,
          action: seat ? 'course.enrol' : 'course.waitlist',
          subjectType: 'trainee',
          subjectId: tid,
          result: 'success',
          ctx,
          detail: { sessionId, assisted: traineeId !== null },
        },
        m,
      );
      return enrolment.id;
    });
    return this.enrolment(id);
  }

  /** One conditional UPDATE: true when a seat was taken. */
  private async takeSeat(sessionId: string, m: EntityManager): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(CourseSession)
      .set({ seatsTaken: () => 'seats_taken + 1' })
      .where('id = :id AND seats_taken < capacity', { id: sessionId })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Withdrawal frees the seat, and the first on the waitlist takes it (and is told). */
  async withdraw(user: AuthUser, enrolmentId: string, ctx: RequestContext): Promise<SessionEnrolmentDto> {
    if (!(await this.dataSource.getRepository(SessionEnrolment).existsBy({ id: enrolmentId }))) throw notFound('报名记录', 'Enrolment');
    await this.assertMayActFor(user, enrolmentId);
    await this.dataSource.transaction(async (m) => {
      const e = await m.getRepository(SessionEnrolment).findOne({ where: { id: enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e || (e.state !== 'enrolled' && e.state !== 'waitlisted')) {
        throw badRequest('NOT_WITHDRAWABLE', '这条报名已结束，不能退出。', 'This enrolment is over and cannot be withdrawn.');
      }
      await m.getRepository(SessionEnrolment).update({ id: e.id }, { state: 'withdrawn' });
      if (e.state === 'enrolled') await this.promoteOrFree(e.sessionId, m);
      await this.audit.record(
        {
          actor: user,
          action: 'course.withdraw',
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { sessionId: e.sessionId },
        },
        m,
      );
    });
    return this.enrolment(enrolmentId);
  }

  /** The seat passes to the first waitlisted trainee, or is given back. */
  private async promoteOrFree(sessionId: string, m: EntityManager): Promise<void> {
    const [next] = await m.query<{ id: string; trainee_id: string; user_id: string | null; title: string }[]>(
      `SELECT e.id, e.trainee_id, t.user_id, c.title FROM session_enrolment e
         JOIN trainee t ON t.id = e.trainee_id JOIN course_session s ON s.id = e.session_id JOIN course c ON c.id = s.course_id
        WHERE e.session_id = $1 AND e.state = 'waitlisted' ORDER BY e.created_at, e.id LIMIT 1 FOR UPDATE OF e SKIP LOCKED`,
      [sessionId],
    );
    if (!next) {
      await m.query(`UPDATE course_session SET seats_taken = seats_taken - 1 WHERE id = $1`, [sessionId]);
      return;
    }
    await m.getRepository(SessionEnrolment).update({ id: next.id }, { state: 'enrolled' });
    const [{ order_id: orderId }] = await m.query<[{ order_id: string | null }]>(`SELECT order_id FROM course_session WHERE id = $1`, [
      sessionId,
    ]);
    if (orderId) await this.placements.suggestFromOrderClass(orderId, next.trainee_id, m);
    if (next.user_id) {
      await this.notifications.notify(
        {
          userId: next.user_id,
          kind: 'enrolment.promoted',
          titleZh: `候补转正：您已获得“${next.title}”的名额`,
          titleEn: `Off the waitlist: you have a place in "${next.title}"`,
          link: '/learning',
          dedupeKey: `session-promoted:${next.id}`,
        },
        m,
      );
    }
  }

  /**
   * A session's list: instructors their own sessions (`session.roster`), every row; counsellors only
   * the trainees their organisation holds (`session-enrolment.list`). Not an organisation filter:
   * the instructor's organisation holds none of the trainees.
   */
  async enrolments(user: AuthUser, sessionId: string): Promise<SessionEnrolmentDto[]> {
    await this.access.requireAccess(user, 'session.roster', sessionId);
    if (!(await this.dataSource.getRepository(CourseSession).existsBy({ id: sessionId }))) throw notFoundSession();
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT e.id FROM session_enrolment e WHERE e.session_id = $1
        ORDER BY CASE e.state WHEN 'enrolled' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, e.created_at, e.id`,
      [sessionId],
    );
    const visible = await this.access.checkAccess(
      user,
      'session-enrolment.list',
      ids.map((r) => r.id),
    );
    return Promise.all(ids.filter((r) => visible.has(r.id)).map((r) => this.enrolment(r.id)));
  }

  async enrolment(id: string): Promise<SessionEnrolmentDto> {
    const [r] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT e.*, t.full_name,
              CASE WHEN e.state = 'waitlisted' THEN (SELECT count(*)::int FROM session_enrolment w
                WHERE w.session_id = e.session_id AND w.state = 'waitlisted' AND (w.created_at, w.id) <= (e.created_at, e.id)) END AS position,
              (SELECT count(*) FILTER (WHERE a.present)::int FROM session_attendance a WHERE a.enrolment_id = e.id) AS attended,
              (SELECT count(*)::int FROM session_attendance a WHERE a.enrolment_id = e.id) AS meetings
         FROM session_enrolment e JOIN trainee t ON t.id = e.trainee_id WHERE e.id = $1`,
      [id],
    );
    if (!r) throw notFound('报名记录', 'Enrolment');
    return {
      id: r.id as string,
      sessionId: r.session_id as string,
      traineeId: r.trainee_id as string,
      traineeName: r.full_name as string,
      state: r.state as SessionEnrolmentDto['state'],
      waitlistPosition: (r.position as number | null) ?? null,
      createdAt: new Date(r.created_at as string).toISOString(),
      theoryScore: r.theory_score as number | null,
      practicalScore: r.practical_score as number | null,
      attended: r.attended as number,
      meetings: r.meetings as number,
    };
  }

  async recordAttendance(user: AuthUser, sessionId: string, dto: RecordAttendanceDto, ctx: RequestContext): Promise<SessionEnrolmentDto[]> {
    await this.teachable(user, sessionId);
    if (dto.meetingOn > this.clock.today())
      throw badRequest('DATE_IN_FUTURE', '不能登记未来日期的考勤。', 'Attendance cannot be recorded for a future date.');
    await this.dataSource.transaction(async (m) => {
      for (const r of dto.records) {
        const e = await m.getRepository(SessionEnrolment).findOneBy({ id: r.enrolmentId, sessionId });
        if (!e || e.state !== 'enrolled') {
          throw badRequest(
            'NOT_IN_SESSION',
            '名单中有人不在本班次（或不是正式学员）。',
            'Someone on the list is not enrolled in this session.',
            { enrolmentId: r.enrolmentId },
          );
        }
        await m.query(
          `INSERT INTO session_attendance (enrolment_id, meeting_on, present, recorded_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (enrolment_id, meeting_on) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by`,
          [r.enrolmentId, dto.meetingOn, r.present, user.id],
        );
      }
      await this.audit.record(
        {
          actor: user,
          action: 'course.attendance',
          subjectType: 'course_session',
          subjectId: sessionId,
          result: 'success',
          ctx,
          detail: { meetingOn: dto.meetingOn, records: dto.records.length },
        },
        m,
      );
    });
    return this.enrolments(user, sessionId);
  }

  /** Theory and practical scores; passing both issues the 职业技能等级证书. */
  async assess(user: AuthUser, enrolmentId: string, dto: AssessmentDto, ctx: RequestContext): Promise<SessionEnrolmentDto> {
    const e = await this.dataSource.getRepository(SessionEnrolment).findOneBy({ id: enrolmentId });
    if (!e) throw notFound('报名记录', 'Enrolment');
    const session = await this.teachable(user, e.sessionId);
    if (e.state !== 'enrolled')
      throw badRequest('NOT_ASSESSABLE', '只能考核正式在读的学员（已考核的不能重复）。', 'Only enrolled trainees are assessed, once.');
    const passed = dto.theoryScore >= session.passMark && dto.practicalScore >= session.passMark;
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(SessionEnrolment).update(
        { id: e.id },
        {
          theoryScore: dto.theoryScore,
          practicalScore: dto.practicalScore,
          state: passed ? 'passed' : 'failed',
          assessedAt: this.clock.now(),
          assessedBy: user.id,
        },
      );
      if (passed) {
        const [course] = await m.query<{ occupation_code: string; level: number; provider: string }[]>(
          `SELECT c.occupation_code, c.level, p.name AS provider FROM course_session s JOIN course c ON c.id = s.course_id
             JOIN organisation p ON p.id = c.provider_id WHERE s.id = $1`,
          [e.sessionId],
        );
        const [{ seq }] = await m.query<[{ seq: string }]>(`SELECT nextval('certificate_number_seq')::text AS seq`);
        await m.getRepository(Certificate).insert({
          traineeId: e.traineeId,
          occupationCode: course!.occupation_code,
          level: course!.level,
          number: `JBH-C-${this.clock.today().slice(0, 4)}-${seq.padStart(6, '0')}`,
          issuer: course!.provider,
          issuedOn: this.clock.today(),
          sessionEnrolmentId: e.id,
        });
      }
      await this.audit.record(
        {
          actor: user,
          action: 'course.assess',
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { enrolmentId, passed },
        },
        m,
      );
    });
    return this.enrolment(enrolmentId);
  }

  async certificatesOf(user: AuthUser, traineeId: string | null): Promise<CertificateDto[]> {
    const tid = traineeId ? (await this.trainees.readable(user, traineeId)).row.id : (await this.trainees.ownRecord(user)).id;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT c.*, c.issued_on::text AS issued_on, o.name AS occupation_name FROM certificate c JOIN occupation o ON o.code = c.occupation_code
        WHERE c.trainee_id = $1 ORDER BY c.issued_on DESC`,
      [tid],
    );
    return rows.map((r) => ({
      id: r.id as string,
      occupationCode: r.occupation_code as string,
      occupationName: r.occupation_name as string,
      level: r.level as number,
      levelName: levelName(r.level as number),
      number: r.number as string,
      issuer: r.issuer as string,
      issuedOn: r.issued_on as string,
    }));
  }

  async myEnrolments(user: AuthUser): Promise<SessionEnrolmentDto[]> {
    const t = await this.trainees.ownRecord(user);
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM session_enrolment WHERE trainee_id = $1 ORDER BY created_at DESC`,
      [t.id],
    );
    return Promise.all(ids.map((r) => this.enrolment(r.id)));
  }

  /**
   * For a trainee: the courses that would qualify them for open orders they do not qualify for yet,
   * nearest and largest demand first, each with its reason in plain words.
   */
  async recommendations(user: AuthUser, traineeId: string | null): Promise<CourseRecommendationDto[]> {
    const tid = traineeId ? (await this.trainees.readable(user, traineeId)).row.id : (await this.trainees.ownRecord(user)).id;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
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
      [tid, this.clock.today()],
    );
    return rows
      .map((r) => {
        const lvl = levelName(r.lvl as number);
        return {
          courseId: r.course_id as string,
          courseTitle: r.title as string,
          occupationCode: r.occupation_code as string,
          occupationName: r.occupation_name as string,
          level: r.level as number,
          levelName: levelName(r.level as number),
          nextSessionId: (r.session_id as string | null) ?? null,
          nextSessionStartsOn: (r.starts_on as string | null) ?? null,
          seatsLeft: (r.seats_left as number | null) ?? null,
          openOrders: r.orders as number,
          headcount: r.headcount as number,
          divisionName: r.division_name as string,
          nearby: r.nearby as boolean,
          reason: `${r.division_name as string}有${r.orders as number}个${r.occupation_name as string}（${lvl}）订单，共招${r.headcount as number}人；您还没有这个证书。`,
          reasonEn: `${r.orders as number} open order(s) in ${r.division_name as string} for ${r.occupation_name as string} (${lvl}), ${r.headcount as number} people; you hold no such certificate yet.`,
        };
      })
      .sort((a, b) => Number(b.nearby) - Number(a.nearby) || b.headcount - a.headcount);
  }

  /** For admins: open demand against trained supply, per occupation and division, biggest gap first. */
  async demandSupply(): Promise<DemandSupplyRowDto[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
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
      [this.clock.today()],
    );
    return rows
      .map((r) => ({
        occupationCode: r.occupation_code as string,
        occupationName: r.occupation_name as string,
        divisionCode: r.division_code as string,
        divisionName: r.division_name as string,
        openOrders: r.orders as number,
        demand: r.demand as number,
        certified: r.certified as number,
        inTraining: r.in_training as number,
        gap: (r.demand as number) - (r.certified as number) - (r.in_training as number),
      }))
      .sort((a, b) => b.gap - a.gap || a.occupationCode.localeCompare(b.occupationCode));
  }

  /** Only the session's instructor (or an admin) records attendance and assessments (`session.teach`). */
  private async teachable(user: AuthUser, sessionId: string): Promise<CourseSession> {
    await this.access.requireAccess(user, 'session.teach', sessionId);
    const s = await this.dataSource.getRepository(CourseSession).findOneBy({ id: sessionId });
    if (!s) throw notFoundSession();
    return s;
  }

  /**
   * Withdrawal is for the organisation holding the trainee, the trainee, or an admin
   * (`session-enrolment.act`). A counsellor who may read the trainee but no longer holds them
   * (handed over) is told the record is read-only for them rather than that it does not exist.
   */
  private async assertMayActFor(user: AuthUser, enrolmentId: string): Promise<void> {
    if ((await this.access.checkAccess(user, 'session-enrolment.act', [enrolmentId])).has(enrolmentId)) return;
    if ((await this.access.checkAccess(user, 'session-enrolment.read', [enrolmentId])).has(enrolmentId)) {
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        'READ_ONLY',
        '此学员已不在本单位（或尚未移交到本单位），只能查看，不能修改。',
        'This trainee is not held by your organisation: you may read, not change, the record.',
      );
    }
    throw notFound('报名记录', 'Enrolment');
  }
}
