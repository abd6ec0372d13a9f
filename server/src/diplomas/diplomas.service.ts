import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { type Page, type PageQueryDto, pageOf } from '../common/dto/page.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { SeatEngine } from '../seats/seat-engine';
import type { PromotedEnrolment } from '../seats/seat-table';
import { TraineesService } from '../trainees/trainees.service';
import { UsersService } from '../users/users.service';
import type { ClassEnrolmentState, DiplomaClass } from './diploma.entities';
import { toClassDto, toClassEnrolmentDto, toProgrammeDto } from './diploma.mapper';
import { CLASS_SEATS, DiplomasRepository } from './diplomas.repository';
export { diplomaNumber, maskName } from './diploma-codes';
import type {
  ClassAttendanceDto,
  ClassDto,
  ClassEnrolmentDto,
  ClassQueryDto,
  CreateClassDto,
  CreateProgrammeDto,
  DecisionDto,
  ProgrammeDto,
  ProgrammeQueryDto,
} from './dto/diploma.dto';

const notFoundClass = () => notFound('CLASS');
const notFoundEnrolment = () => notFound('ENROLMENT');
/**
 * "学历式": 中专 programmes with the partner school. Class seats, the waitlist (a freed seat promotes
 * the first waiting, who is told), transfers and attendance go through the `SeatEngine`; the SQL is
 * in `DiplomasRepository`.
 * Grades, graduation and diplomas: `GraduationService`.
 */
@Injectable()
export class DiplomasService {
  constructor(
    private readonly diplomas: DiplomasRepository,
    private readonly seats: SeatEngine,
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
  ) {}

  // ---- programmes ----

  async programmes(q: ProgrammeQueryDto): Promise<Page<ProgrammeDto>> {
    const [rows, total] = await this.diplomas.programmes({ text: q.q }, q);
    return pageOf(rows.map(toProgrammeDto), total, q);
  }

  async programme(id: string): Promise<ProgrammeDto> {
    const [[p]] = await this.diplomas.programmes({ id }, { page: 1, pageSize: 1 });
    if (!p) throw notFound('PROGRAMME');
    return toProgrammeDto(p);
  }

  async createProgramme(admin: AuthUser, dto: CreateProgrammeDto, ctx: RequestContext): Promise<ProgrammeDto> {
    const school = await this.organisations.findOrganisation(dto.schoolId);
    if (!school || school.type !== 'school') throw badRequest('NOT_A_SCHOOL');
    const names = new Set(dto.units.map((u) => u.name));
    if (names.size !== dto.units.length) throw badRequest('DUPLICATE_UNIT');
    const total = dto.units.reduce((a, u) => a + u.credits, 0);
    if (total < dto.requiredCredits) {
      throw badRequest('NOT_ENOUGH_CREDITS', { total, requiredCredits: dto.requiredCredits });
    }
    const id = await this.dataSource.transaction(async (m) => {
      const p = await this.diplomas.insertProgramme(
        { name: dto.name, schoolId: dto.schoolId, requiredCredits: dto.requiredCredits, description: dto.description ?? null },
        dto.units,
        m,
      );
      await this.audit.record(
        { actor: admin, action: 'programme.create', subjectType: 'programme', subjectId: p.id, result: 'success', ctx },
        m,
      );
      return p.id;
    });
    return this.programme(id);
  }

  // ---- classes ----

  /**
   * Instructors see the classes they head; counsellors and admins every class (`class.read`): the
   * policy narrows the matching ids, then one statement reads the page and its total among them.
   */
  async classes(user: AuthUser, q: ClassQueryDto): Promise<Page<ClassDto>> {
    const ids = await this.diplomas.classIds({ programmeId: q.programmeId, text: q.q, endsFrom: q.open ? this.clock.today() : undefined });
    const visible = await this.access.checkAccess(user, 'class.read', ids);
    const [rows, total] = await this.diplomas.classPage(
      ids.filter((id) => visible.has(id)),
      q,
    );
    return pageOf(rows.map(toClassDto), total, q);
  }

  async getClass(user: AuthUser, id: string): Promise<ClassDto> {
    await this.access.requireAccess(user, 'class.read', id);
    const [c] = await this.diplomas.classRows(id);
    if (!c) throw notFoundClass();
    return toClassDto(c);
  }

  async createClass(admin: AuthUser, dto: CreateClassDto, ctx: RequestContext): Promise<ClassDto> {
    await this.programme(dto.programmeId);
    if (dto.endsOn < dto.startsOn) throw badRequest('ENDS_BEFORE_START');
    if (dto.venueOrganisationId) {
      const v = await this.organisations.findOrganisation(dto.venueOrganisationId);
      const want = dto.mode === 'in_facility' ? ['facility'] : ['community_station', 'school'];
      if (!v || !want.includes(v.type)) {
        throw dto.mode === 'in_facility' ? badRequest('BAD_VENUE.DIPLOMAS') : badRequest('BAD_VENUE.DIPLOMAS_2');
      }
    }
    if (dto.headTeacherId) {
      const u = await this.users.findAccount(dto.headTeacherId);
      if (!u || !this.access.can(u, 'learning.teach')) throw badRequest('NOT_A_HEAD_TEACHER');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const c = await this.diplomas.insertClass(
        { ...dto, venueOrganisationId: dto.venueOrganisationId ?? null, headTeacherId: dto.headTeacherId ?? null },
        m,
      );
      await this.audit.record({ actor: admin, action: 'class.create', subjectType: 'class', subjectId: c.id, result: 'success', ctx }, m);
      return c.id;
    });
    return this.getClass(admin, id);
  }

  // ---- enrolment ----

  /** A counsellor applies for a trainee their organisation holds; a trainee for themselves (traineeId null). */
  async apply(user: AuthUser, classId: string, traineeId: string | null, ctx: RequestContext): Promise<ClassEnrolmentDto> {
    const tid = traineeId ? (await this.trainees.writable(user, traineeId)).id : (await this.trainees.ownRecord(user)).id;
    const c = await this.diplomas.findClass(classId);
    if (!c) throw notFoundClass();
    if (c.endsOn < this.clock.today()) throw badRequest('CLASS_ENDED');
    const id = await this.dataSource.transaction(async (m) => {
      // One place in a programme at a time: a second class of the same 专业 would double-count its credits.
      await this.trainees.lockTrainee(tid, m);
      const other = await this.diplomas.otherLivePlace(tid, c.programmeId, classId, m);
      if (other) throw conflict('ALREADY_IN_PROGRAMME', { name: other.name, value: other.state === 'active' ? '在读' : '报名中' });
      try {
        const e = await this.diplomas.insertEnrolment({ classId, traineeId: tid, appliedBy: user.id, state: 'applied' }, m);
        await this.audit.record(
          {
            actor: user,
            action: 'class.apply',
            subjectType: 'trainee',
            subjectId: tid,
            result: 'success',
            ctx,
            detail: { classId, assisted: traineeId !== null },
          },
          m,
        );
        return e.id;
      } catch (e) {
        if ((e as { driverError?: { constraint?: string } }).driverError?.constraint === 'uq_class_enrolment_live') {
          throw conflict('ALREADY_APPLIED');
        }
        throw e;
      }
    });
    return this.enrolment(id);
  }

  /** Approve (takes a seat, or 409 when full), waitlist, or reject with a reason; the trainee is told. */
  async decide(user: AuthUser, enrolmentId: string, dto: DecisionDto, ctx: RequestContext): Promise<ClassEnrolmentDto> {
    await this.access.requireAccess(user, 'class-enrolment.decide', enrolmentId);
    await this.dataSource.transaction(async (m) => {
      const e = await this.diplomas.findEnrolmentForUpdate(enrolmentId, m);
      if (!e) throw notFoundEnrolment();
      const allowed: Record<DecisionDto['decision'], ClassEnrolmentState[]> = {
        approve: ['applied', 'waitlisted'],
        waitlist: ['applied'],
        reject: ['applied', 'waitlisted'],
      };
      if (!allowed[dto.decision].includes(e.state)) {
        throw badRequest('ENROLMENT_STATE', { state: e.state }, { state: e.state });
      }
      if (dto.decision === 'approve' && !(await this.seats.take(CLASS_SEATS, e.classId, m))) {
        const capacity = (await this.seats.capacity(CLASS_SEATS, e.classId, m)) ?? undefined;
        throw conflict('CLASS_FULL', { capacity: String(capacity) }, { capacity });
      }
      const state: ClassEnrolmentState = dto.decision === 'approve' ? 'approved' : dto.decision === 'waitlist' ? 'waitlisted' : 'rejected';
      await this.diplomas.updateEnrolment(e.id, { state, decidedAt: this.clock.now(), decidedBy: user.id, reason: dto.reason ?? null }, m);
      const messages: Record<DecisionDto['decision'], [string, string]> = {
        approve: ['入学申请已通过', 'Your class application was approved'],
        waitlist: ['班级已满，你在候补名单中', 'The class is full: you are on the waitlist'],
        reject: ['入学申请未通过', 'Your class application was not approved'],
      };
      await this.tell(e.traineeId, `class-${dto.decision}:${e.id}`, messages[dto.decision], m);
      await this.audit.record(
        {
          actor: user,
          action: `class.${dto.decision}`,
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { enrolmentId },
        },
        m,
      );
    });
    return this.enrolment(enrolmentId);
  }

  /** Withdrawal frees the seat for the first on the waitlist. */
  async withdraw(user: AuthUser, enrolmentId: string, reason: string, ctx: RequestContext): Promise<ClassEnrolmentDto> {
    await this.actable(user, enrolmentId);
    await this.dataSource.transaction(async (m) => {
      const e = await this.diplomas.findEnrolmentForUpdate(enrolmentId, m);
      if (!e || !['applied', 'approved', 'waitlisted', 'active'].includes(e.state)) {
        throw badRequest('ENROLMENT_OVER');
      }
      await this.diplomas.updateEnrolment(e.id, { state: 'withdrawn', reason }, m);
      if (e.state === 'approved' || e.state === 'active') await this.passSeatOn(e.classId, m);
      await this.audit.record(
        {
          actor: user,
          action: 'class.withdraw',
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { enrolmentId },
        },
        m,
      );
    });
    return this.enrolment(enrolmentId);
  }

  /**
   * Released mid-programme: study continues in a community or distance class of the same programme.
   * The old enrolment becomes `transferred` (its seat passes on); grades carry over with the trainee.
   */
  async transfer(user: AuthUser, enrolmentId: string, toClassId: string, ctx: RequestContext): Promise<ClassEnrolmentDto> {
    await this.actable(user, enrolmentId);
    const newId = await this.dataSource.transaction(async (m) => {
      const e = await this.diplomas.findEnrolmentForUpdate(enrolmentId, m);
      if (!e || (e.state !== 'approved' && e.state !== 'active')) throw badRequest('NOT_TRANSFERABLE');
      const [from, to] = await Promise.all([this.diplomas.findClass(e.classId, m), this.diplomas.findClass(toClassId, m)]);
      if (!to || !from) throw notFoundClass();
      if (to.programmeId !== from.programmeId || to.id === from.id) {
        throw badRequest('OTHER_PROGRAMME');
      }
      const moved = await this.seats.transfer(CLASS_SEATS, from.id, to.id, m, async () => {
        const created = await this.diplomas.insertEnrolment(
          {
            classId: to.id,
            traineeId: e.traineeId,
            appliedBy: user.id,
            state: 'active',
            decidedAt: this.clock.now(),
            decidedBy: user.id,
            reason: '出所转入 · transferred at release',
          },
          m,
        );
        await this.diplomas.updateEnrolment(e.id, { state: 'transferred', transferredToId: created.id }, m);
        return created;
      });
      if (!moved) throw conflict('CLASS_FULL.DIPLOMAS');
      await this.promoted(moved.promoted, m);
      const created = moved.moved;
      await this.audit.record(
        {
          actor: user,
          action: 'class.transfer',
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { from: from.id, to: to.id },
        },
        m,
      );
      return created.id;
    });
    return this.enrolment(newId);
  }

  /** The seat passes to the first on the waitlist, or is given back. */
  private async passSeatOn(classId: string, m: EntityManager): Promise<void> {
    await this.promoted(await this.seats.passOn(CLASS_SEATS, classId, m), m);
  }

  /** Off the waitlist: the place is approved as of now, and the trainee is told. */
  private async promoted(next: PromotedEnrolment | null, m: EntityManager): Promise<void> {
    if (!next) return;
    await this.diplomas.updateEnrolment(
      next.enrolmentId,
      { decidedAt: this.clock.now(), reason: '候补转正 · promoted from the waitlist' },
      m,
    );
    await this.tell(
      next.traineeId,
      `class-promoted:${next.enrolmentId}`,
      ['候补转正：你已获得班级名额', 'Off the waitlist: you have a place in the class'],
      m,
    );
  }

  /** Tells the trainee (when they have an account) about their place or their diploma. */
  async tell(traineeId: string, key: string, [zh, en]: [string, string], m: EntityManager): Promise<void> {
    const [userId] = await this.trainees.accountIds([traineeId], m);
    if (userId)
      await this.notifications.notify(
        { userId, kind: 'enrolment.decided', titleZh: zh, titleEn: en, link: '/learning', dedupeKey: key },
        m,
      );
  }

  /**
   * A class's roster: the head teacher sees every student, a counsellor only the trainees their
   * organisation holds (`class-enrolment.list`). Not an organisation filter: the head teacher's
   * school holds none of the students.
   */
  async classEnrolments(user: AuthUser, classId: string, q: PageQueryDto): Promise<Page<ClassEnrolmentDto>> {
    const visible = await this.visibleRoster(user, classId);
    const [rows, total] = await this.diplomas.rosterPage(classId, visible, q);
    return pageOf(rows.map(toClassEnrolmentDto), total, q);
  }

  /** The ids of the class's roster the caller may see, in the roster's order (a class holds at most a few hundred). */
  private async visibleRoster(user: AuthUser, classId: string): Promise<string[]> {
    await this.getClass(user, classId);
    const ids = await this.diplomas.rosterIds(classId);
    const visible = await this.access.checkAccess(user, 'class-enrolment.list', ids);
    return ids.filter((id) => visible.has(id));
  }

  async myEnrolments(user: AuthUser): Promise<ClassEnrolmentDto[]> {
    const t = await this.trainees.ownRecord(user);
    const ids = await this.diplomas.enrolmentIdsOfTrainee(t.id);
    return Promise.all(ids.map((id) => this.enrolment(id)));
  }

  async enrolment(id: string): Promise<ClassEnrolmentDto> {
    const row = await this.diplomas.enrolmentRow(id);
    if (!row) throw notFoundEnrolment();
    return toClassEnrolmentDto(row);
  }

  // ---- teaching: attendance (grades and graduation: `GraduationService`) ----

  async recordAttendance(user: AuthUser, classId: string, dto: ClassAttendanceDto, ctx: RequestContext): Promise<ClassEnrolmentDto[]> {
    await this.teachable(user, classId);
    if (dto.meetingOn > this.clock.today()) throw badRequest('DATE_IN_FUTURE');
    await this.dataSource.transaction(async (m) => {
      const { outside, states } = await this.seats.seated(CLASS_SEATS, classId, dto.records, m);
      if (outside) {
        throw badRequest('NOT_IN_CLASS', {
          enrolmentId: outside,
        });
      }
      // Teaching has begun for those approved.
      await this.diplomas.activate(
        [...states].filter(([, state]) => state === 'approved').map(([id]) => id),
        m,
      );
      await this.seats.recordAttendance(CLASS_SEATS, dto.meetingOn, dto.records, user.id, m);
      await this.audit.record(
        {
          actor: user,
          action: 'class.attendance',
          subjectType: 'class',
          subjectId: classId,
          result: 'success',
          ctx,
          detail: { meetingOn: dto.meetingOn },
        },
        m,
      );
    });
    // The whole roster after the sheet (the attendance answer is not paged: the sheet is one class).
    return Promise.all((await this.visibleRoster(user, classId)).map((id) => this.enrolment(id)));
  }

  // ---- access ----

  /** The class, when the caller teaches it (`class.teach`: its head teacher, or an admin). */
  async teachable(user: AuthUser, classId: string): Promise<DiplomaClass> {
    await this.access.requireAccess(user, 'class.teach', classId);
    const c = await this.diplomas.findClass(classId);
    if (!c) throw notFoundClass();
    return c;
  }

  /** Withdraw and transfer: the organisation holding the trainee, the trainee, or an admin (`class-enrolment.act`). */
  private async actable(user: AuthUser, enrolmentId: string): Promise<void> {
    await this.access.requireAccess(user, 'class-enrolment.act', enrolmentId);
    if (!(await this.diplomas.enrolmentExists(enrolmentId))) throw notFoundEnrolment();
  }
}
