import { OrdersService } from '../orders/orders.service';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, DomainError, notFound } from '../common/domain-error';
import { type Page, type PageQueryDto, pageOf } from '../common/dto/page.dto';
import { PlacementsService } from '../placements/placements.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { ReferenceService } from '../reference/reference.service';
import { SeatEngine } from '../seats/seat-engine';
import { TraineesService } from '../trainees/trainees.service';
import { UsersService } from '../users/users.service';
import type { CourseSession, SessionEnrolment } from './course.entities';
import {
  toCertificateDto,
  toCourseDto,
  toDemandSupplyDto,
  toRecommendationDto,
  toSessionDto,
  toSessionEnrolmentDto,
} from './course.mapper';
import { CoursesRepository, SESSION_SEATS } from './courses.repository';
import type {
  AssessmentDto,
  BulkEnrolItemDto,
  BulkEnrolResultDto,
  CertificateDto,
  CourseDto,
  CourseRecommendationDto,
  DemandSupplyRowDto,
  CourseQueryDto,
  CreateCourseDto,
  SessionQueryDto,
  CreateSessionDto,
  RecordAttendanceDto,
  CourseSessionDto,
  SessionEnrolmentDto,
  TraineeSessionEnrolmentDto,
} from './dto/course.dto';

const notFoundSession = () => notFound('COURSE_SESSION');

/**
 * "精准式" skills training: courses tied to an occupation and a target level, sessions with
 * capacity and a waitlist that promotes itself, attendance, assessment and 职业技能等级证书.
 * Seats, the waitlist and attendance go through the `SeatEngine` (capacity holds however many
 * requests arrive at once); the SQL is in `CoursesRepository`.
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly orders: OrdersService,
    private readonly courses: CoursesRepository,
    private readonly seats: SeatEngine,
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly reference: ReferenceService,
    private readonly notifications: NotificationsService,
    private readonly placements: PlacementsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesService,
  ) {}

  /** A page of the catalogue (by occupation, level, part of a title or occupation's name). */
  async list(q: CourseQueryDto): Promise<Page<CourseDto>> {
    const filter = { occupationCode: q.occupationCode, level: q.level, text: q.q };
    const [rows, total] = await this.courses.courses(filter, this.clock.today(), q);
    return pageOf(rows.map(toCourseDto), total, q);
  }

  private async course(id: string): Promise<CourseDto | null> {
    const [[row]] = await this.courses.courses({ id }, this.clock.today(), { page: 1, pageSize: 1 });
    return row ? toCourseDto(row) : null;
  }

  async get(id: string): Promise<CourseDto & { sessions: CourseSessionDto[] }> {
    const course = await this.course(id);
    if (!course) throw notFound('COURSE');
    const ids = await this.courses.sessionIdsOf(id);
    return { ...course, sessions: await Promise.all(ids.map((s) => this.session(s))) };
  }

  async create(admin: AuthUser, dto: CreateCourseDto, ctx: RequestContext): Promise<CourseDto> {
    await this.reference.occupation(dto.occupationCode).catch(() => {
      throw badRequest('UNKNOWN_OCCUPATION', { occupationCode: dto.occupationCode });
    });
    const provider = await this.organisations.findOrganisation(dto.providerId);
    if (!provider || (provider.type !== 'training_provider' && provider.type !== 'school')) {
      throw badRequest('NOT_A_PROVIDER');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const c = await this.courses.insertCourse({ ...dto, syllabus: dto.syllabus ?? null }, m);
      await this.audit.record({ actor: admin, action: 'course.create', subjectType: 'course', subjectId: c.id, result: 'success', ctx }, m);
      return c.id;
    });
    return (await this.course(id))!;
  }

  async createSession(admin: AuthUser, courseId: string, dto: CreateSessionDto, ctx: RequestContext): Promise<CourseSessionDto> {
    if (!(await this.courses.courseExists(courseId))) throw notFound('COURSE');
    if (dto.endsOn < dto.startsOn) throw badRequest('ENDS_BEFORE_START');
    if (dto.instructorId) {
      const u = await this.users.findAccount(dto.instructorId);
      if (!u || !this.access.can(u, 'learning.teach')) throw badRequest('NOT_AN_INSTRUCTOR');
    }
    if (dto.venueOrganisationId) {
      const v = await this.organisations.findOrganisation(dto.venueOrganisationId);
      if (!v || v.type === 'employer' || v.type === 'bureau') throw badRequest('BAD_VENUE');
    }
    if (dto.orderId) {
      const state = (await this.orders.findOrder(dto.orderId))?.state ?? null;
      if (state !== 'open' && state !== 'draft') throw badRequest('BAD_ORDER');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const s = await this.courses.insertSession(
        {
          courseId,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          venueOrganisationId: dto.venueOrganisationId ?? null,
          capacity: dto.capacity,
          instructorId: dto.instructorId ?? null,
          passMark: dto.passMark ?? 60,
          orderId: dto.orderId ?? null,
        },
        m,
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
    const row = await this.courses.sessionRow(id);
    if (!row) throw notFoundSession();
    return toSessionDto(row);
  }

  /**
   * Enrols a trainee: a seat if one is free, else the waitlist. A counsellor enrols a trainee their
   * organisation holds; a trainee enrols themselves (traineeId null).
   */
  async enrol(user: AuthUser, sessionId: string, traineeId: string | null, ctx: RequestContext): Promise<SessionEnrolmentDto> {
    const tid = traineeId ? (await this.trainees.writable(user, traineeId)).id : (await this.trainees.ownRecord(user)).id;
    const session = await this.courses.findSession(sessionId);
    if (!session) throw notFoundSession();
    if (session.endsOn < this.clock.today()) throw badRequest('SESSION_ENDED');
    const id = await this.dataSource.transaction(async (m) => {
      // The session first, as a bulk enrolment takes it: the same order of locks, so the two wait for
      // each other instead of deadlocking over one person's enrolment row and the session's seats.
      await this.courses.lockSession(sessionId, m);
      let enrolment: SessionEnrolment;
      try {
        enrolment = await this.courses.insertEnrolment({ sessionId, traineeId: tid, state: 'waitlisted', createdBy: user.id }, m);
      } catch (e) {
        if ((e as { driverError?: { constraint?: string } }).driverError?.constraint === 'uq_session_enrolment_live') {
          throw conflict('ALREADY_ENROLLED');
        }
        throw e;
      }
      const seat = await this.seats.take(SESSION_SEATS, sessionId, m);
      if (seat) await this.courses.updateEnrolment(enrolment.id, { state: 'enrolled' }, m);
      if (seat && session.orderId) await this.placements.seatedInOrderClass(session.orderId, [tid], m);
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

  /**
   * Enrols a caseload selection in one transaction. Everyone must be a trainee the caller's
   * organisation holds: one the caller may not read is a 404, one they only read a 403, and nothing
   * is written. Inside, each person gets a seat while one is free (the `SeatEngine`: capacity holds
   * against any number of concurrent requests), else the waitlist; one already in the session is
   * left as they were and reported `already` (a selection often holds someone enrolled last week).
   */
  async enrolMany(user: AuthUser, sessionId: string, traineeIds: string[], ctx: RequestContext): Promise<BulkEnrolResultDto> {
    const ids = [...new Set(traineeIds)].sort();
    const readable = await this.access.checkAccess(user, 'trainee.read', ids);
    if (ids.some((id) => !readable.has(id))) throw notFound('TRAINEE_RECORD');
    const writable = await this.access.checkAccess(user, 'trainee.write', ids);
    if (ids.some((id) => !writable.has(id))) throw new DomainError(HttpStatus.FORBIDDEN, 'READ_ONLY');
    const session = await this.courses.findSession(sessionId);
    if (!session) throw notFoundSession();
    if (session.endsOn < this.clock.today()) throw badRequest('SESSION_ENDED');
    const created = await this.dataSource.transaction(async (m) => {
      await this.courses.lockSession(sessionId, m);
      const out = new Map<string, { id: string; seat: boolean }>();
      for (const tid of ids) {
        const id = await this.courses.insertEnrolmentIfAbsent(sessionId, tid, user.id, m);
        if (!id) continue;
        const seat = await this.seats.take(SESSION_SEATS, sessionId, m);
        if (seat) await this.courses.updateEnrolment(id, { state: 'enrolled' }, m);
        if (seat && session.orderId) await this.placements.seatedInOrderClass(session.orderId, [tid], m);
        await this.audit.record(
          {
            actor: user,
            action: seat ? 'course.enrol' : 'course.waitlist',
            subjectType: 'trainee',
            subjectId: tid,
            result: 'success',
            ctx,
            detail: { sessionId, assisted: true, bulk: true },
          },
          m,
        );
        out.set(tid, { id, seat });
      }
      return out;
    });
    const live = new Map((await this.courses.liveEnrolmentIds(sessionId, ids)).map((r) => [r.trainee_id, r.id]));
    const items: BulkEnrolItemDto[] = [];
    for (const tid of ids) {
      const mine = created.get(tid);
      const enrolmentId = mine?.id ?? live.get(tid) ?? null;
      const e = enrolmentId ? await this.enrolment(enrolmentId) : null;
      items.push({
        traineeId: tid,
        traineeName: e?.traineeName ?? '',
        outcome: !mine ? 'already' : mine.seat ? 'enrolled' : 'waitlisted',
        enrolmentId,
        waitlistPosition: e?.waitlistPosition ?? null,
      });
    }
    const count = (o: BulkEnrolItemDto['outcome']) => items.filter((i) => i.outcome === o).length;
    return { enrolled: count('enrolled'), waitlisted: count('waitlisted'), already: count('already'), items };
  }

  /** A page of the sessions still open to enrolment (not ended), soonest first: the counsellor's picker. */
  async openSessions(q: SessionQueryDto): Promise<Page<CourseSessionDto>> {
    const [rows, total] = await this.courses.openSessions(this.clock.today(), q.q, q);
    return pageOf(rows.map(toSessionDto), total, q);
  }

  /** A trainee's session enrolments with attendance, for their file (audited as a read of the file). */
  async enrolmentsOf(user: AuthUser, traineeId: string, ctx: RequestContext): Promise<TraineeSessionEnrolmentDto[]> {
    const { row } = await this.trainees.readable(user, traineeId);
    await this.audit.record({
      actor: user,
      action: 'trainee.read_learning',
      subjectType: 'trainee',
      subjectId: row.id,
      result: 'success',
      ctx,
      detail: { track: 'courses' },
    });
    const ids = await this.courses.enrolmentIdsOfTrainee(row.id);
    const enrolments = await Promise.all(ids.map((id) => this.enrolment(id)));
    const sessions = new Map<string, CourseSessionDto>();
    for (const e of enrolments) if (!sessions.has(e.sessionId)) sessions.set(e.sessionId, await this.session(e.sessionId));
    return enrolments.map((e) => {
      const s = sessions.get(e.sessionId)!;
      return { ...e, courseTitle: s.courseTitle, startsOn: s.startsOn, endsOn: s.endsOn };
    });
  }

  /** Withdrawal frees the seat, and the first on the waitlist takes it (and is told). */
  async withdraw(user: AuthUser, enrolmentId: string, ctx: RequestContext): Promise<SessionEnrolmentDto> {
    if (!(await this.courses.enrolmentExists(enrolmentId))) throw notFound('ENROLMENT');
    await this.assertMayActFor(user, enrolmentId);
    await this.dataSource.transaction(async (m) => {
      const e = await this.courses.findEnrolmentForUpdate(enrolmentId, m);
      if (!e || (e.state !== 'enrolled' && e.state !== 'waitlisted')) {
        throw badRequest('NOT_WITHDRAWABLE');
      }
      await this.courses.updateEnrolment(e.id, { state: 'withdrawn' }, m);
      if (e.state === 'enrolled') await this.passSeatOn(e.sessionId, m);
      await this.outcomes.refreshOrders(m, [e.traineeId]); // no longer trained for an order class it left
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

  /** The seat passes to the first waitlisted trainee (who is told, and suggested to the order of an 订单班), or is given back. */
  private async passSeatOn(sessionId: string, m: EntityManager): Promise<void> {
    const next = await this.seats.passOn(SESSION_SEATS, sessionId, m);
    if (!next) return;
    const { orderId, title } = await this.courses.sessionOrderAndTitle(sessionId, m);
    if (orderId) await this.placements.seatedInOrderClass(orderId, [next.traineeId], m);
    if (next.traineeUserId) {
      await this.notifications.notify(
        {
          userId: next.traineeUserId,
          kind: 'enrolment.promoted',
          titleZh: `候补转正：你已获得“${title}”的名额`,
          titleEn: `Off the waitlist: you have a place in "${title}"`,
          link: '/learning',
          dedupeKey: `session-promoted:${next.enrolmentId}`,
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
  async enrolments(user: AuthUser, sessionId: string, q: PageQueryDto): Promise<Page<SessionEnrolmentDto>> {
    const visible = await this.visibleRoster(user, sessionId);
    const [rows, total] = await this.courses.rosterPage(sessionId, visible, q);
    return pageOf(rows.map(toSessionEnrolmentDto), total, q);
  }

  /** The ids of the session's list the caller may see, in the list's order (a session holds at most a few hundred). */
  private async visibleRoster(user: AuthUser, sessionId: string): Promise<string[]> {
    await this.access.requireAccess(user, 'session.roster', sessionId);
    if (!(await this.courses.sessionExists(sessionId))) throw notFoundSession();
    const ids = await this.courses.rosterIds(sessionId);
    const visible = await this.access.checkAccess(user, 'session-enrolment.list', ids);
    return ids.filter((id) => visible.has(id));
  }

  async enrolment(id: string): Promise<SessionEnrolmentDto> {
    const row = await this.courses.enrolmentRow(id);
    if (!row) throw notFound('ENROLMENT');
    return toSessionEnrolmentDto(row);
  }

  async recordAttendance(user: AuthUser, sessionId: string, dto: RecordAttendanceDto, ctx: RequestContext): Promise<SessionEnrolmentDto[]> {
    await this.teachable(user, sessionId);
    if (dto.meetingOn > this.clock.today()) throw badRequest('DATE_IN_FUTURE');
    await this.dataSource.transaction(async (m) => {
      const { outside } = await this.seats.seated(SESSION_SEATS, sessionId, dto.records, m);
      if (outside) throw badRequest('NOT_IN_SESSION', { enrolmentId: outside });
      await this.seats.recordAttendance(SESSION_SEATS, dto.meetingOn, dto.records, user.id, m);
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
    // The whole list after the sheet (the attendance answer is not paged: an instructor's sheet is one session).
    return Promise.all((await this.visibleRoster(user, sessionId)).map((id) => this.enrolment(id)));
  }

  /** Theory and practical scores; passing both issues the 职业技能等级证书. */
  async assess(user: AuthUser, enrolmentId: string, dto: AssessmentDto, ctx: RequestContext): Promise<SessionEnrolmentDto> {
    const e = await this.courses.findEnrolment(enrolmentId);
    if (!e) throw notFound('ENROLMENT');
    const session = await this.teachable(user, e.sessionId);
    if (e.state !== 'enrolled') throw badRequest('NOT_ASSESSABLE');
    const passed = dto.theoryScore >= session.passMark && dto.practicalScore >= session.passMark;
    await this.dataSource.transaction(async (m) => {
      await this.courses.updateEnrolment(
        e.id,
        {
          theoryScore: dto.theoryScore,
          practicalScore: dto.practicalScore,
          state: passed ? 'passed' : 'failed',
          assessedAt: this.clock.now(),
          assessedBy: user.id,
        },
        m,
      );
      if (passed) {
        const course = await this.courses.certificateBasis(e.sessionId, m);
        const seq = await this.courses.nextCertificateSerial(m);
        await this.courses.insertCertificate(
          {
            traineeId: e.traineeId,
            occupationCode: course.occupation_code,
            level: course.level,
            number: `JBH-C-${this.clock.today().slice(0, 4)}-${seq.padStart(6, '0')}`,
            issuer: course.provider,
            issuedOn: this.clock.today(),
            sessionEnrolmentId: e.id,
          },
          m,
        );
        await this.outcomes.refresh(m, [e.traineeId]);
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
    return (await this.courses.certificatesOf(tid)).map(toCertificateDto);
  }

  async myEnrolments(user: AuthUser): Promise<SessionEnrolmentDto[]> {
    const t = await this.trainees.ownRecord(user);
    const ids = await this.courses.enrolmentIdsOfTrainee(t.id);
    return Promise.all(ids.map((id) => this.enrolment(id)));
  }

  /**
   * For a trainee: the courses that would qualify them for open orders they do not qualify for yet,
   * nearest and largest demand first, each with its reason in plain words.
   */
  async recommendations(user: AuthUser, traineeId: string | null): Promise<CourseRecommendationDto[]> {
    const tid = traineeId ? (await this.trainees.readable(user, traineeId)).row.id : (await this.trainees.ownRecord(user)).id;
    return (await this.courses.recommendations(tid, this.clock.today()))
      .map(toRecommendationDto)
      .sort((a, b) => Number(b.nearby) - Number(a.nearby) || b.headcount - a.headcount);
  }

  /** For admins: open demand against trained supply, per occupation and division, biggest gap first. */
  async demandSupply(): Promise<DemandSupplyRowDto[]> {
    return (await this.courses.demandSupply(this.clock.today()))
      .map(toDemandSupplyDto)
      .sort((a, b) => b.gap - a.gap || a.occupationCode.localeCompare(b.occupationCode));
  }

  /** Only the session's instructor (or an admin) records attendance and assessments (`session.teach`). */
  private async teachable(user: AuthUser, sessionId: string): Promise<CourseSession> {
    await this.access.requireAccess(user, 'session.teach', sessionId);
    const s = await this.courses.findSession(sessionId);
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
      throw new DomainError(HttpStatus.FORBIDDEN, 'READ_ONLY');
    }
    throw notFound('ENROLMENT');
  }

  /**
   * The instructor's home: sessions they teach running today, and those begun with students but no
   * attendance yet — each through `session.teach`, as the teaching pages read them.
   */
  async teachingToday(user: AuthUser): Promise<{ sessionsToday: number; attendanceMissing: number }> {
    const today = this.clock.today();
    const [running, unrecorded] = await Promise.all([
      this.courses.sessionsRunning(user.id, today),
      this.courses.sessionsWithoutAttendance(user.id, today),
    ]);
    const [sessionsToday, attendanceMissing] = await Promise.all([
      this.access.checkAccess(user, 'session.teach', running),
      this.access.checkAccess(user, 'session.teach', unrecorded),
    ]);
    return { sessionsToday: sessionsToday.size, attendanceMissing: attendanceMissing.size };
  }
}
