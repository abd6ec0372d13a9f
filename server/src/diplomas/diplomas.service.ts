import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { TraineesService } from '../trainees/trainees.service';
import type { Role } from '../users/user.entity';
import { ClassEnrolment, type ClassEnrolmentState, Diploma, DiplomaClass, Programme, ProgrammeUnit } from './diploma.entities';
import type {
  ClassAttendanceDto,
  ClassDto,
  ClassEnrolmentDto,
  CreateClassDto,
  CreateProgrammeDto,
  DecisionDto,
  DiplomaDto,
  DiplomaVerificationDto,
  GradeDto,
  GraduationAuditDto,
  ProgrammeDto,
} from './dto/diploma.dto';

const PASS = 60;
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const notFoundClass = () => notFound('班级', 'Class');
const notFoundEnrolment = () => notFound('报名记录', 'Enrolment');
/** `李*`, `欧阳**`: the family name (one character, two for compound names) and a star per other character. */
export const maskName = (name: string): string => {
  const compound = /^(欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|尉迟|长孙)/.test(name) ? 2 : 1;
  return name.slice(0, compound) + '*'.repeat(Math.max(1, [...name].length - compound));
};

/**
 * A diploma's number: `ZZ-2026-00042` (中专, the graduation year, a serial). It is printed on the
 * diploma and shown to anyone who verifies it, so it carries no platform prefix, facility or
 * anything else that tells where the holder studied; the school's name comes with it instead.
 */
export const diplomaNumber = (graduatedOn: string, serial: string): string => `ZZ-${graduatedOn.slice(0, 4)}-${serial.padStart(5, '0')}`;

/**
 * "学历式": 中专 programmes with the partner school. Classes have a capacity held by a conditional
 * seat update under a CHECK; a freed seat promotes the first on the waitlist and tells them.
 * Grades belong to trainee × unit, so they follow a trainee who transfers at release.
 */
@Injectable()
export class DiplomasService {
  constructor(
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- programmes ----

  async programmes(): Promise<ProgrammeDto[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT p.*, o.name AS school_name,
              COALESCE(json_agg(json_build_object('id', u.id, 'name', u.name, 'credits', u.credits) ORDER BY u.sort_order, u.name)
                FILTER (WHERE u.id IS NOT NULL), '[]') AS units
         FROM programme p JOIN organisation o ON o.id = p.school_id LEFT JOIN programme_unit u ON u.programme_id = p.id
        GROUP BY p.id, o.name ORDER BY p.name`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      schoolId: r.school_id as string,
      schoolName: r.school_name as string,
      requiredCredits: r.required_credits as number,
      description: r.description as string | null,
      units: r.units as ProgrammeDto['units'],
    }));
  }

  async programme(id: string): Promise<ProgrammeDto> {
    const p = (await this.programmes()).find((x) => x.id === id);
    if (!p) throw notFound('专业', 'Programme');
    return p;
  }

  async createProgramme(admin: AuthUser, dto: CreateProgrammeDto, ctx: RequestContext): Promise<ProgrammeDto> {
    const school = await this.organisations.findInScope(dto.schoolId, { kind: 'all' });
    if (!school || school.type !== 'school') throw badRequest('NOT_A_SCHOOL', '专业必须属于合作学校。', 'A programme belongs to a school.');
    const names = new Set(dto.units.map((u) => u.name));
    if (names.size !== dto.units.length) throw badRequest('DUPLICATE_UNIT', '课程名称重复。', 'Two units have the same name.');
    const total = dto.units.reduce((a, u) => a + u.credits, 0);
    if (total < dto.requiredCredits) {
      throw badRequest(
        'NOT_ENOUGH_CREDITS',
        `各课程学分合计${total}，少于毕业要求的${dto.requiredCredits}学分。`,
        `The units carry ${total} credits, fewer than the ${dto.requiredCredits} required.`,
      );
    }
    const id = await this.dataSource.transaction(async (m) => {
      const p = await m
        .getRepository(Programme)
        .save(
          m
            .getRepository(Programme)
            .create({ name: dto.name, schoolId: dto.schoolId, requiredCredits: dto.requiredCredits, description: dto.description ?? null }),
        );
      await m
        .getRepository(ProgrammeUnit)
        .insert(dto.units.map((u, i) => ({ programmeId: p.id, name: u.name, credits: u.credits, sortOrder: i })));
      await this.audit.record(
        { actor: admin, action: 'programme.create', subjectType: 'programme', subjectId: p.id, result: 'success', ctx },
        m,
      );
      return p.id;
    });
    return this.programme(id);
  }

  // ---- classes ----

  /** Instructors see the classes they head; counsellors and admins every class (`class.read`). */
  async classes(user: AuthUser): Promise<ClassDto[]> {
    const rows = await this.classRows(null);
    const visible = await this.access.checkAccess(
      user,
      'class.read',
      rows.map((r) => r.id),
    );
    return rows.filter((r) => visible.has(r.id));
  }

  async getClass(user: AuthUser, id: string): Promise<ClassDto> {
    await this.access.requireAccess(user, 'class.read', id);
    const [c] = await this.classRows(id);
    if (!c) throw notFoundClass();
    return c;
  }

  private async classRows(id: string | null): Promise<ClassDto[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT c.*, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, p.name AS programme_name, v.name AS venue_name, u.display_name AS head_teacher_name,
              (SELECT count(*)::int FROM class_enrolment e WHERE e.class_id = c.id AND e.state = 'waitlisted') AS waitlisted,
              (SELECT count(*)::int FROM class_enrolment e WHERE e.class_id = c.id AND e.state = 'applied') AS applied
         FROM diploma_class c JOIN programme p ON p.id = c.programme_id LEFT JOIN organisation v ON v.id = c.venue_organisation_id
         LEFT JOIN app_user u ON u.id = c.head_teacher_id
        WHERE ($1::uuid IS NULL OR c.id = $1::uuid)
        ORDER BY c.starts_on DESC, c.name`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id as string,
      programmeId: r.programme_id as string,
      programmeName: r.programme_name as string,
      name: r.name as string,
      cohortYear: r.cohort_year as number,
      mode: r.mode as ClassDto['mode'],
      venueName: r.venue_name as string | null,
      capacity: r.capacity as number,
      seatsTaken: r.seats_taken as number,
      waitlisted: r.waitlisted as number,
      applied: r.applied as number,
      headTeacherId: r.head_teacher_id as string | null,
      headTeacherName: r.head_teacher_name as string | null,
      startsOn: r.starts_on as string,
      endsOn: r.ends_on as string,
    }));
  }

  async createClass(admin: AuthUser, dto: CreateClassDto, ctx: RequestContext): Promise<ClassDto> {
    await this.programme(dto.programmeId);
    if (dto.endsOn < dto.startsOn)
      throw badRequest('ENDS_BEFORE_START', '结束日期不能早于开始日期。', 'The end date is before the start date.');
    if (dto.venueOrganisationId) {
      const v = await this.organisations.findInScope(dto.venueOrganisationId, { kind: 'all' });
      const want = dto.mode === 'in_facility' ? ['facility'] : ['community_station', 'school'];
      if (!v || !want.includes(v.type)) {
        throw badRequest(
          'BAD_VENUE',
          dto.mode === 'in_facility' ? '所内班级须设在戒毒所。' : '社区班须设在指导站或学校。',
          'The venue does not fit the class mode.',
        );
      }
    }
    if (dto.headTeacherId) {
      const [u] = await this.dataSource.query<{ role: Role }[]>(`SELECT role FROM app_user WHERE id = $1`, [dto.headTeacherId]);
      if (!u || !this.access.can(u, 'learning.teach'))
        throw badRequest('NOT_AN_INSTRUCTOR', '班主任必须是教师账号。', 'The head teacher must be an instructor.');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(DiplomaClass);
      const c = await repo.save(
        repo.create({ ...dto, venueOrganisationId: dto.venueOrganisationId ?? null, headTeacherId: dto.headTeacherId ?? null }),
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
    const c = await this.dataSource.getRepository(DiplomaClass).findOneBy({ id: classId });
    if (!c) throw notFoundClass();
    if (c.endsOn < this.clock.today()) throw badRequest('CLASS_ENDED', '这个班级已经结束。', 'This class has ended.');
    const id = await this.dataSource.transaction(async (m) => {
      // One place in a programme at a time: a second class of the same 专业 would double-count its credits.
      await m.query(`SELECT id FROM trainee WHERE id = $1 FOR UPDATE`, [tid]);
      const [other] = await m.query<{ name: string; state: string }[]>(
        `SELECT dc.name, e.state FROM class_enrolment e JOIN diploma_class dc ON dc.id = e.class_id
          WHERE e.trainee_id = $1 AND dc.programme_id = $2 AND dc.id <> $3
            AND e.state IN ('applied', 'approved', 'waitlisted', 'active') LIMIT 1`,
        [tid, c.programmeId, classId],
      );
      if (other)
        throw conflict(
          'ALREADY_IN_PROGRAMME',
          `该学员已在同一专业的“${other.name}”（${other.state === 'active' ? '在读' : '报名中'}），不能再报第二个班；出所后可办理转班。`,
          `Already in class “${other.name}” of the same programme; transfer instead of applying again.`,
        );
      const repo = m.getRepository(ClassEnrolment);
      try {
        const e = await repo.save(repo.create({ classId, traineeId: tid, appliedBy: user.id, state: 'applied' }));
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
          throw conflict('ALREADY_APPLIED', '已经报名了这个班级。', 'Already applied to (or enrolled in) this class.');
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
      const e = await m.getRepository(ClassEnrolment).findOne({ where: { id: enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw notFoundEnrolment();
      const allowed: Record<DecisionDto['decision'], ClassEnrolmentState[]> = {
        approve: ['applied', 'waitlisted'],
        waitlist: ['applied'],
        reject: ['applied', 'waitlisted'],
      };
      if (!allowed[dto.decision].includes(e.state)) {
        throw badRequest(
          'ENROLMENT_STATE',
          `当前状态（${e.state}）不能这样处理。`,
          `An enrolment in state ${e.state} cannot be decided that way.`,
          { state: e.state },
        );
      }
      if (dto.decision === 'approve' && !(await this.takeSeat(e.classId, m))) {
        const [c] = await m.query<{ capacity: number }[]>(`SELECT capacity FROM diploma_class WHERE id = $1`, [e.classId]);
        throw conflict(
          'CLASS_FULL',
          `班级已满（${c?.capacity}人），可以改为候补，有空位时按顺序自动转正。`,
          `The class is full (${c?.capacity}); waitlist instead — places pass to the waitlist in order.`,
          { capacity: c?.capacity },
        );
      }
      const state: ClassEnrolmentState = dto.decision === 'approve' ? 'approved' : dto.decision === 'waitlist' ? 'waitlisted' : 'rejected';
      await m
        .getRepository(ClassEnrolment)
        .update({ id: e.id }, { state, decidedAt: this.clock.now(), decidedBy: user.id, reason: dto.reason ?? null });
      const messages: Record<DecisionDto['decision'], [string, string]> = {
        approve: ['入学申请已通过', 'Your class application was approved'],
        waitlist: ['班级已满，您在候补名单中', 'The class is full: you are on the waitlist'],
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
      const e = await m.getRepository(ClassEnrolment).findOne({ where: { id: enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e || !['applied', 'approved', 'waitlisted', 'active'].includes(e.state)) {
        throw badRequest('NOT_WITHDRAWABLE', '这条报名已结束，不能退学。', 'This enrolment is over.');
      }
      await m.getRepository(ClassEnrolment).update({ id: e.id }, { state: 'withdrawn', reason });
      if (e.state === 'approved' || e.state === 'active') await this.promoteOrFree(e.classId, m);
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
      const e = await m.getRepository(ClassEnrolment).findOne({ where: { id: enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e || (e.state !== 'approved' && e.state !== 'active'))
        throw badRequest('NOT_TRANSFERABLE', '只有在读的学员可以转班。', 'Only a current enrolment can transfer.');
      const [from, to] = await Promise.all([
        m.getRepository(DiplomaClass).findOneBy({ id: e.classId }),
        m.getRepository(DiplomaClass).findOneBy({ id: toClassId }),
      ]);
      if (!to || !from) throw notFoundClass();
      if (to.programmeId !== from.programmeId || to.id === from.id) {
        throw badRequest('OTHER_PROGRAMME', '只能转到同一专业的另一个班级。', 'Transfer to another class of the same programme.');
      }
      if (!(await this.takeSeat(to.id, m))) throw conflict('CLASS_FULL', '目标班级已满。', 'The target class is full.');
      const created = await m.getRepository(ClassEnrolment).save(
        m.getRepository(ClassEnrolment).create({
          classId: to.id,
          traineeId: e.traineeId,
          appliedBy: user.id,
          state: 'active',
          decidedAt: this.clock.now(),
          decidedBy: user.id,
          reason: '出所转入 · transferred at release',
        }),
      );
      await m.getRepository(ClassEnrolment).update({ id: e.id }, { state: 'transferred', transferredToId: created.id });
      await this.promoteOrFree(from.id, m);
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

  private async takeSeat(classId: string, m: EntityManager): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(DiplomaClass)
      .set({ seatsTaken: () => 'seats_taken + 1' })
      .where('id = :id AND seats_taken < capacity', { id: classId })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  private async promoteOrFree(classId: string, m: EntityManager): Promise<void> {
    const [next] = await m.query<{ id: string; trainee_id: string }[]>(
      `SELECT id, trainee_id FROM class_enrolment WHERE class_id = $1 AND state = 'waitlisted' ORDER BY applied_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [classId],
    );
    if (!next) {
      await m.query(`UPDATE diploma_class SET seats_taken = seats_taken - 1 WHERE id = $1`, [classId]);
      return;
    }
    await m
      .getRepository(ClassEnrolment)
      .update({ id: next.id }, { state: 'approved', decidedAt: this.clock.now(), reason: '候补转正 · promoted from the waitlist' });
    await this.tell(
      next.trainee_id,
      `class-promoted:${next.id}`,
      ['候补转正：您已获得班级名额', 'Off the waitlist: you have a place in the class'],
      m,
    );
  }

  private async tell(traineeId: string, key: string, [zh, en]: [string, string], m: EntityManager): Promise<void> {
    const [t] = await m.query<{ user_id: string | null }[]>(`SELECT user_id FROM trainee WHERE id = $1`, [traineeId]);
    if (t?.user_id)
      await this.notifications.notify(
        { userId: t.user_id, kind: 'enrolment.decided', titleZh: zh, titleEn: en, link: '/learning', dedupeKey: key },
        m,
      );
  }

  /**
   * A class's roster: the head teacher sees every student, a counsellor only the trainees their
   * organisation holds (`class-enrolment.list`). Not an organisation filter: the head teacher's
   * school holds none of the students.
   */
  async classEnrolments(user: AuthUser, classId: string): Promise<ClassEnrolmentDto[]> {
    await this.getClass(user, classId);
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT e.id FROM class_enrolment e WHERE e.class_id = $1
        ORDER BY CASE e.state WHEN 'active' THEN 0 WHEN 'approved' THEN 1 WHEN 'applied' THEN 2 WHEN 'waitlisted' THEN 3 ELSE 4 END, e.applied_at, e.id`,
      [classId],
    );
    const visible = await this.access.checkAccess(
      user,
      'class-enrolment.list',
      ids.map((r) => r.id),
    );
    return Promise.all(ids.filter((r) => visible.has(r.id)).map((r) => this.enrolment(r.id)));
  }

  async myEnrolments(user: AuthUser): Promise<ClassEnrolmentDto[]> {
    const t = await this.trainees.ownRecord(user);
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM class_enrolment WHERE trainee_id = $1 ORDER BY applied_at DESC`,
      [t.id],
    );
    return Promise.all(ids.map((r) => this.enrolment(r.id)));
  }

  async enrolment(id: string): Promise<ClassEnrolmentDto> {
    const [r] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT e.*, c.name AS class_name, p.name AS programme_name, t.full_name,
              CASE WHEN e.state = 'waitlisted' THEN (SELECT count(*)::int FROM class_enrolment w
                WHERE w.class_id = e.class_id AND w.state = 'waitlisted' AND (w.applied_at, w.id) <= (e.applied_at, e.id)) END AS position
         FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id JOIN programme p ON p.id = c.programme_id JOIN trainee t ON t.id = e.trainee_id
        WHERE e.id = $1`,
      [id],
    );
    if (!r) throw notFoundEnrolment();
    return {
      id: r.id as string,
      classId: r.class_id as string,
      className: r.class_name as string,
      programmeName: r.programme_name as string,
      traineeId: r.trainee_id as string,
      traineeName: r.full_name as string,
      state: r.state as ClassEnrolmentState,
      waitlistPosition: (r.position as number | null) ?? null,
      appliedAt: new Date(r.applied_at as string).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at as string).toISOString() : null,
      reason: r.reason as string | null,
      transferredToId: r.transferred_to_id as string | null,
    };
  }

  // ---- teaching: grades, attendance, graduation ----

  async recordGrade(user: AuthUser, classId: string, dto: GradeDto, ctx: RequestContext): Promise<GraduationAuditDto> {
    const c = await this.teachable(user, classId);
    const [e] = await this.dataSource.query<{ id: string; state: string }[]>(
      `SELECT id, state FROM class_enrolment WHERE class_id = $1 AND trainee_id = $2 AND state IN ('approved','active')`,
      [classId, dto.traineeId],
    );
    if (!e) throw badRequest('NOT_IN_CLASS', '该学员不在本班在读名单中。', 'This trainee is not studying in this class.');
    const unit = await this.dataSource.getRepository(ProgrammeUnit).findOneBy({ id: dto.unitId, programmeId: c.programmeId });
    if (!unit) throw badRequest('UNIT_NOT_IN_PROGRAMME', '这门课程不属于本班的专业。', 'This unit is not part of the class programme.');
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO unit_grade (trainee_id, unit_id, score, recorded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (trainee_id, unit_id) DO UPDATE SET score = EXCLUDED.score, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [dto.traineeId, dto.unitId, dto.score, user.id],
      );
      // Teaching has begun for this trainee.
      if (e.state === 'approved') await m.getRepository(ClassEnrolment).update({ id: e.id }, { state: 'active' });
      await this.audit.record(
        {
          actor: user,
          action: 'class.grade',
          subjectType: 'trainee',
          subjectId: dto.traineeId,
          result: 'success',
          ctx,
          detail: { unitId: dto.unitId, score: dto.score },
        },
        m,
      );
    });
    return this.graduationAudit(user, e.id);
  }

  async recordAttendance(user: AuthUser, classId: string, dto: ClassAttendanceDto, ctx: RequestContext): Promise<ClassEnrolmentDto[]> {
    await this.teachable(user, classId);
    if (dto.meetingOn > this.clock.today())
      throw badRequest('DATE_IN_FUTURE', '不能登记未来日期的考勤。', 'Attendance cannot be recorded for a future date.');
    await this.dataSource.transaction(async (m) => {
      for (const r of dto.records) {
        const e = await m.getRepository(ClassEnrolment).findOneBy({ id: r.enrolmentId, classId });
        if (!e || (e.state !== 'approved' && e.state !== 'active')) {
          throw badRequest('NOT_IN_CLASS', '名单中有人不在本班在读。', 'Someone on the list is not studying in this class.', {
            enrolmentId: r.enrolmentId,
          });
        }
        if (e.state === 'approved') await m.getRepository(ClassEnrolment).update({ id: e.id }, { state: 'active' });
        await m.query(
          `INSERT INTO class_attendance (enrolment_id, meeting_on, present, recorded_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (enrolment_id, meeting_on) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by`,
          [r.enrolmentId, dto.meetingOn, r.present, user.id],
        );
      }
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
    return this.classEnrolments(user, classId);
  }

  /** Credits earned (units scored 60 or more) against the programme's requirement. */
  async graduationAudit(user: AuthUser, enrolmentId: string): Promise<GraduationAuditDto> {
    const e = await this.visibleEnrolment(user, enrolmentId);
    const [info] = await this.dataSource.query<{ programme_id: string; programme_name: string; required: number; full_name: string }[]>(
      `SELECT p.id AS programme_id, p.name AS programme_name, p.required_credits AS required, t.full_name
         FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id JOIN programme p ON p.id = c.programme_id JOIN trainee t ON t.id = e.trainee_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
    const units = await this.transcript(e.traineeId, info!.programme_id);
    const earned = units.filter((u) => u.passed).reduce((a, u) => a + u.credits, 0);
    const [att] = await this.dataSource.query<{ present: number; total: number }[]>(
      `SELECT count(*) FILTER (WHERE a.present)::int AS present, count(*)::int AS total
         FROM class_attendance a JOIN class_enrolment e ON e.id = a.enrolment_id WHERE e.trainee_id = $1
          AND e.class_id IN (SELECT id FROM diploma_class WHERE programme_id = $2)`,
      [e.traineeId, info!.programme_id],
    );
    return {
      enrolmentId,
      traineeName: info!.full_name,
      programmeName: info!.programme_name,
      requiredCredits: info!.required,
      earnedCredits: earned,
      units,
      missing: units.filter((u) => !u.passed).map((u) => u.name),
      eligible: earned >= info!.required,
      attendanceRate: att && att.total > 0 ? Math.round((att.present / att.total) * 1000) / 10 : null,
    };
  }

  private async transcript(traineeId: string, programmeId: string): Promise<GraduationAuditDto['units']> {
    const rows = await this.dataSource.query<{ id: string; name: string; credits: number; score: number | null }[]>(
      `SELECT u.id, u.name, u.credits, g.score FROM programme_unit u LEFT JOIN unit_grade g ON g.unit_id = u.id AND g.trainee_id = $1
        WHERE u.programme_id = $2 ORDER BY u.sort_order, u.name`,
      [traineeId, programmeId],
    );
    return rows.map((r) => ({
      unitId: r.id,
      name: r.name,
      credits: r.credits,
      score: r.score,
      passed: r.score !== null && r.score >= PASS,
    }));
  }

  /** Graduation issues the diploma: a unique number and a verification code, naming the school only. */
  async graduate(user: AuthUser, enrolmentId: string, graduatedOn: string | undefined, ctx: RequestContext): Promise<DiplomaDto> {
    const audit = await this.graduationAudit(user, enrolmentId);
    const e = await this.visibleEnrolment(user, enrolmentId);
    await this.teachable(user, e.classId);
    if (e.state !== 'active' && e.state !== 'approved')
      throw badRequest('NOT_GRADUABLE', '该学员不在读，不能毕业。', 'This enrolment is not current.');
    if (!audit.eligible) {
      throw badRequest(
        'CREDITS_MISSING',
        `学分不足：已获${audit.earnedCredits}，需要${audit.requiredCredits}。未通过：${audit.missing.join('、')}。`,
        `Not enough credits: ${audit.earnedCredits} of ${audit.requiredCredits}.`,
        { missing: audit.missing },
      );
    }
    const date = graduatedOn ?? this.clock.today();
    const id = await this.dataSource.transaction(async (m) => {
      const [{ programme_id }] = await m.query<[{ programme_id: string }]>(`SELECT programme_id FROM diploma_class WHERE id = $1`, [
        e.classId,
      ]);
      const [{ seq }] = await m.query<[{ seq: string }]>(`SELECT nextval('diploma_number_seq')::text AS seq`);
      const code = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      const d = await m
        .getRepository(Diploma)
        .save(
          m.getRepository(Diploma).create({
            traineeId: e.traineeId,
            programmeId: programme_id,
            enrolmentId,
            number: diplomaNumber(date, seq),
            verificationCode: code,
            graduatedOn: date,
            creditsEarned: audit.earnedCredits,
            issuedBy: user.id,
          }),
        )
        .catch((err: { driverError?: { constraint?: string } }) => {
          if (err.driverError?.constraint === 'uq_diploma_trainee_programme')
            throw conflict('ALREADY_GRADUATED', '该学员已获得这个专业的毕业证书。', 'This trainee already holds this diploma.');
          throw err;
        });
      await m.getRepository(ClassEnrolment).update({ id: enrolmentId }, { state: 'graduated' });
      await m.query(`UPDATE diploma_class SET seats_taken = seats_taken - 1 WHERE id = $1`, [e.classId]);
      await this.tell(
        e.traineeId,
        `diploma:${d.id}`,
        ['恭喜毕业！您的中专毕业证书已颁发', 'Congratulations: your diploma has been issued'],
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'diploma.issue',
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { diplomaId: d.id },
        },
        m,
      );
      return d.id;
    });
    return this.diploma(user, id);
  }

  async diploma(user: AuthUser, id: string): Promise<DiplomaDto> {
    await this.access.requireAccess(user, 'diploma.read', id);
    const [d] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT d.*, d.graduated_on::text AS graduated_on, t.full_name, p.name AS programme_name, s.name AS school_name, p.id AS pid
         FROM diploma d JOIN trainee t ON t.id = d.trainee_id JOIN programme p ON p.id = d.programme_id JOIN organisation s ON s.id = p.school_id WHERE d.id = $1`,
      [id],
    );
    if (!d) throw notFound('毕业证书', 'Diploma');
    return {
      id: d.id as string,
      number: d.number as string,
      verificationCode: d.verification_code as string,
      verificationUrl: `${this.config.diplomaVerifyBaseUrl}/${d.verification_code as string}`,
      holderName: d.full_name as string,
      programmeName: d.programme_name as string,
      schoolName: d.school_name as string,
      graduatedOn: d.graduated_on as string,
      creditsEarned: d.credits_earned as number,
      transcript: await this.transcript(d.trainee_id as string, d.pid as string),
    };
  }

  async myDiplomas(user: AuthUser): Promise<DiplomaDto[]> {
    const t = await this.trainees.ownRecord(user);
    const ids = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM diploma WHERE trainee_id = $1 ORDER BY graduated_on DESC`, [
      t.id,
    ]);
    return Promise.all(ids.map((r) => this.diploma(user, r.id)));
  }

  /** Public: the school, programme, date, number and a masked name — nothing else, never a facility. */
  async verify(code: string): Promise<DiplomaVerificationDto> {
    const [d] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT d.number, d.graduated_on::text AS graduated_on, t.full_name, p.name AS programme_name, s.name AS school_name
         FROM diploma d JOIN trainee t ON t.id = d.trainee_id JOIN programme p ON p.id = d.programme_id JOIN organisation s ON s.id = p.school_id
        WHERE d.verification_code = $1`,
      [code.trim().toUpperCase()],
    );
    if (!d) throw notFound('证书（请核对验证码）', 'Diploma (check the code)');
    return {
      valid: true,
      schoolName: d.school_name as string,
      programmeName: d.programme_name as string,
      graduatedOn: d.graduated_on as string,
      holderMaskedName: maskName(d.full_name as string),
      number: d.number as string,
    };
  }

  // ---- access ----

  /** The class, when the caller teaches it (`class.teach`: its head teacher, or an admin). */
  private async teachable(user: AuthUser, classId: string): Promise<DiplomaClass> {
    await this.access.requireAccess(user, 'class.teach', classId);
    const c = await this.dataSource.getRepository(DiplomaClass).findOneBy({ id: classId });
    if (!c) throw notFoundClass();
    return c;
  }

  /** Withdraw and transfer: the organisation holding the trainee, the trainee, or an admin (`class-enrolment.act`). */
  private async actable(user: AuthUser, enrolmentId: string): Promise<void> {
    await this.access.requireAccess(user, 'class-enrolment.act', enrolmentId);
    if (!(await this.dataSource.getRepository(ClassEnrolment).existsBy({ id: enrolmentId }))) throw notFoundEnrolment();
  }

  /** The enrolment, when the caller may read it (`class-enrolment.read`). */
  private async visibleEnrolment(user: AuthUser, enrolmentId: string): Promise<ClassEnrolment> {
    await this.access.requireAccess(user, 'class-enrolment.read', enrolmentId);
    const e = await this.dataSource.getRepository(ClassEnrolment).findOneBy({ id: enrolmentId });
    if (!e) throw notFoundEnrolment();
    return e;
  }
}
