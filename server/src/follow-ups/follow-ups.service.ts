import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { NotificationsService } from '../notifications/notifications.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { UsersService } from '../users/users.service';
import { cappedTotal, keysetPage } from '../common/page-sql';
import type {
  SetVisitAppointmentDto,
  AssignVisitDto,
  FollowUpDetailDto,
  FollowUpPageDto,
  FollowUpQueryDto,
  FollowUpVisitDto,
  RecordVisitDto,
} from './dto/follow-up.dto';
import { FollowUpsRepository, type VisitRow } from './follow-ups.repository';
import { DomainEvents } from '../common/events/domain-events';
import { VisitRecorded } from './visit-recorded.event';

const notFoundVisit = () => notFound('FOLLOW_UP_VISIT');
/** Days past due before a planned visit is escalated to the station head and the bureau. */
export const ESCALATE_AFTER_DAYS = 7;
/** How far ahead a visit may be booked with the person: a reminder of a time months away is no use. */
export const APPOINTMENT_MAX_DAYS = 90;

/** The instant of a well-formed `at` (the DTO checked its shape), or null when it is no real date and time. */
function instantOf(at: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(at);
  if (!m) return null;
  const part = (i: number) => Number(m[i] ?? 0);
  const [y, mo, d, h, mi, sec] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const day = new Date(Date.UTC(y, mo - 1, d));
  // `Date` rolls 30 February over into March: a day that does not exist is refused instead.
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
  const t = new Date(at);
  return Number.isNaN(t.getTime()) ? null : t;
}

function toVisitDto(r: VisitRow): FollowUpVisitDto {
  return {
    id: r.id,
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    traineePhone: r.trainee_phone,
    stationName: r.station_name,
    monthsAfter: r.months_after,
    dueOn: r.due_on,
    daysOverdue: r.days_overdue,
    assignedUserId: r.assigned_user_id,
    assignedName: r.assigned_name,
    state: r.state as FollowUpVisitDto['state'],
    visitedOn: r.visited_on,
    contactMethod: r.contact_method as FollowUpVisitDto['contactMethod'],
    employmentStatus: r.employment_status as FollowUpVisitDto['employmentStatus'],
    employerName: r.employer_name,
    employmentConfirmed: r.employment_confirmed,
    incomeBand: r.income_band as FollowUpVisitDto['incomeBand'],
    supportNeeds: r.support_needs,
    nextSteps: r.next_steps,
    escalated: r.escalated_at !== null,
    appointmentAt: r.appointment_at ? r.appointment_at.toISOString() : null,
    lostContact: r.lost_contact,
  };
}

/**
 * 回访: the schedule made at release, the field worker's visits, and escalation of overdue ones.
 * Who sees what: the station's counsellors their station's visits (with abstinence, audited);
 * admins every visit without abstinence; nobody else any.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly visits: FollowUpsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly outcomes: OutcomesService,
    // Supervision (lost contact) hears of recorded visits through VisitRecorded.
    private readonly events: DomainEvents,
  ) {}

  /** On a completed handover (HandoverCompletedListener), in its transaction: the station's schedule of visits. */
  async scheduleAtRelease(
    m: EntityManager,
    v: { traineeId: string; stationId: string; handoverId: string; releasedOn: string; assignedUserId: string | null },
  ): Promise<void> {
    await this.visits.schedule(m, { ...v, months: this.config.followUpMonths });
  }

  /** Drops the visits still planned for a person (re-admitted: the release they followed has ended). */
  async dropPlannedVisits(m: EntityManager, traineeId: string): Promise<void> {
    await this.visits.dropPlanned(m, traineeId);
  }

  /** A list of visits names people: who asked for which list is audited (the filters, not the rows). */
  async list(user: AuthUser, q: FollowUpQueryDto, ctx: RequestContext): Promise<FollowUpPageDto> {
    const stationId = this.access.organisationOf(user);
    const view = q.view ?? 'due';
    const { rows: read, matching } = await this.visits.search(this.clock.today(), stationId, view, q, q);
    const { items: rows, nextCursor } = keysetPage(read, q.pageSize, FollowUpsRepository.cursorOf(view));
    await this.audit.record({
      actor: user,
      action: 'follow_up.list',
      ...(q.traineeId ? { subjectType: 'trainee', subjectId: q.traineeId } : {}),
      result: 'success',
      ctx,
      detail: {
        view: q.view ?? 'due',
        page: q.page,
        shown: rows.length,
        ...(q.overdue === 'true' ? { overdue: true } : {}),
        ...(q.stationId ? { stationId: q.stationId } : {}),
      },
    });
    return { items: rows.map(toVisitDto), ...cappedTotal(matching), page: q.page, pageSize: q.pageSize, nextCursor };
  }

  async get(user: AuthUser, id: string, ctx: RequestContext): Promise<FollowUpDetailDto | FollowUpVisitDto> {
    const r = await this.visible(user, id);
    await this.audit.record({
      actor: user,
      action: 'follow_up.read',
      subjectType: 'trainee',
      subjectId: r.trainee_id,
      result: 'success',
      ctx,
      detail: { visitId: id },
    });
    if (!(await this.access.checkAccess(user, 'visit.abstinence', [id])).has(id)) return toVisitDto(r);
    const abstinence = await this.visits.abstinence(id);
    return { ...toVisitDto(r), abstinence: abstinence as FollowUpDetailDto['abstinence'] };
  }

  /** Records a visit; the same clientRef again returns the stored record (an offline replay), not a duplicate. */
  async record(user: AuthUser, id: string, dto: RecordVisitDto, ctx: RequestContext): Promise<FollowUpDetailDto> {
    if (dto.visitedOn > this.clock.today()) throw badRequest('VISIT_DATE_IN_FUTURE');
    if (dto.state === 'done' && !dto.contactMethod) throw badRequest('CONTACT_METHOD_REQUIRED');
    await this.dataSource.transaction(async (m) => {
      await this.access.requireAccess(user, 'visit.record', id, m);
      const v = await this.visits.findForUpdate(id, m);
      if (!v) throw notFoundVisit();
      if (v.state !== 'planned') {
        if (v.clientRef === dto.clientRef) return; // the same record, sent again after a dropped connection
        throw conflict('ALREADY_RECORDED');
      }
      await this.visits.recordVisit(
        id,
        {
          state: dto.state,
          visitedOn: dto.visitedOn,
          contactMethod: dto.contactMethod ?? null,
          employmentStatus: dto.state === 'done' ? (dto.employmentStatus ?? null) : null,
          employerName: dto.employerName ?? null,
          employmentConfirmed: dto.employmentConfirmed ?? null,
          incomeBand: dto.incomeBand ?? null,
          supportNeeds: dto.supportNeeds ?? null,
          nextSteps: dto.nextSteps ?? null,
          recordedBy: user.id,
          recordedAt: this.clock.now(),
          clientRef: dto.clientRef,
        },
        m,
      );
      if (dto.abstinence && dto.state === 'done') await this.visits.recordAbstinence(id, dto.abstinence, m);
      await this.events.publish(
        new VisitRecorded(id, v.traineeId, v.stationId, dto.state, dto.visitedOn, user.id, dto.contactMethod ?? null, m),
      );
      // Employment and abstinence at +N months are counted from the visits.
      await this.outcomes.refresh(m, [v.traineeId]);
      await this.audit.record(
        {
          actor: user,
          action: 'follow_up.record',
          subjectType: 'trainee',
          subjectId: v.traineeId,
          result: 'success',
          ctx,
          detail: { visitId: id, state: dto.state },
        },
        m,
      );
    });
    return (await this.get(user, id, ctx)) as FollowUpDetailDto;
  }

  async assign(user: AuthUser, id: string, dto: AssignVisitDto, ctx: RequestContext): Promise<FollowUpVisitDto> {
    await this.access.requireAccess(user, 'visit.record', id);
    const r = await this.visible(user, id);
    const u = await this.users.findAccount(dto.userId);
    if (!u || !this.access.can(u, 'visit.hold') || u.organisationId !== r.station_id) throw badRequest('NOT_STATION_COUNSELLOR');
    await this.dataSource.transaction(async (m) => {
      await this.visits.assign(id, dto.userId, m);
      await this.notifications.notify(
        {
          userId: dto.userId,
          kind: 'follow_up.assigned',
          titleZh: `请回访 ${r.trainee_name}（${r.due_on} 到期）`,
          titleEn: `Please visit ${r.trainee_name} (due ${r.due_on})`,
          link: `/follow-ups`,
          dedupeKey: `follow_up.assigned:${id}:${dto.userId}`,
        },
        m,
      );
      await this.audit.record(
        { actor: user, action: 'follow_up.assign', subjectType: 'trainee', subjectId: r.trainee_id, result: 'success', ctx },
        m,
      );
    });
    return toVisitDto((await this.visits.find(id, this.clock.today()))!);
  }

  /**
   * Escalates visits overdue by more than a week to the station head(s) (`station.head`) and the
   * bureau's admins, once per visit. Safe with several processes: one takes the advisory lock.
   */
  async escalateOverdue(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.visits.tryJobLock('follow-up-escalation', m))) return 0;
      const due = await this.visits.escalateOverdue(m, this.clock.today(), ESCALATE_AFTER_DAYS);
      for (const v of due) {
        const heads = await this.users.escalationRecipients(v.station_id, m);
        for (const userId of heads)
          await this.notifications.notify(
            {
              userId,
              kind: 'follow_up.overdue',
              titleZh: `回访逾期：${v.trainee_name}（应于 ${v.due_on} 回访）`,
              titleEn: `Follow-up overdue: ${v.trainee_name} (due ${v.due_on})`,
              link: '/follow-ups',
              dedupeKey: `follow_up.overdue:${v.id}`,
            },
            m,
          );
      }
      return due.length;
    });
  }

  /**
   * On a visit's due date, tells the counsellor who is to make it (or, unassigned, the station's
   * counsellors), once per visit. Returns how many visits are due today. One process does the work.
   */
  async remindDueToday(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.visits.tryJobLock('follow-up-due', m))) return 0;
      const due = await this.visits.dueToday(m, this.clock.today());
      for (const v of due)
        await this.notifications.notify(
          {
            userId: v.user_id,
            kind: 'follow_up.due',
            titleZh: `今天应回访 ${v.trainee_name}`,
            titleEn: `A follow-up visit to ${v.trainee_name} is due today`,
            link: '/follow-ups',
            dedupeKey: `follow_up.due:${v.id}`,
          },
          m,
        );
      return new Set(due.map((v) => v.id)).size;
    });
  }

  private async visible(user: AuthUser, id: string): Promise<VisitRow> {
    await this.access.requireAccess(user, 'visit.read', id);
    const r = await this.visits.find(id, this.clock.today());
    if (!r) throw notFoundVisit();
    return r;
  }

  // ---- for supervision (station transfers, lost contact): appended, called inside the caller's transaction ----

  /** On an accepted station transfer: the person's planned visits move to the receiving station, given to `assignedUserId`. */
  moveOpenVisits(m: EntityManager, traineeId: string, toStationId: string, assignedUserId: string | null): Promise<number> {
    return this.visits.moveOpenVisits(m, traineeId, toStationId, assignedUserId);
  }

  /**
   * The run of recorded attempts, latest first, that reached nobody (`unreachable`) before the latest
   * done visit; missed visits (nobody tried) neither count nor break it. `since`: the day of its first attempt.
   */
  consecutiveUnreachable(m: EntityManager, traineeId: string): Promise<{ attempts: number; since: string | null }> {
    return this.visits.consecutiveUnreachable(m, traineeId);
  }

  // ---- visit appointments (appended) ----

  /**
   * Books a time with the person for a planned visit (the counsellors who may record it) and tells the
   * person, if they have an account, in the fixed words of `follow_up.visit_appointment` (nothing about
   * a visit): the SMS names only the date and time. The same time booked again notifies once.
   */
  async setAppointment(user: AuthUser, id: string, dto: SetVisitAppointmentDto, ctx: RequestContext): Promise<FollowUpVisitDto> {
    await this.dataSource.transaction(async (m) => {
      await this.access.requireAccess(user, 'visit.record', id, m);
      const at = instantOf(dto.at);
      if (!at) throw badRequest('APPOINTMENT_TIME_INVALID');
      const now = this.clock.now().getTime();
      if (at.getTime() <= now) throw badRequest('APPOINTMENT_IN_PAST');
      if (at.getTime() > now + APPOINTMENT_MAX_DAYS * 86_400_000) throw badRequest('APPOINTMENT_TOO_FAR', { days: APPOINTMENT_MAX_DAYS });
      const v = await this.visits.findForUpdate(id, m);
      if (!v) throw notFoundVisit();
      if (v.state !== 'planned') throw conflict('ALREADY_RECORDED');
      await this.visits.setAppointment(id, at, m);
      const account = await this.visits.traineeAccountOf(id, m);
      if (account) {
        const iso = at.toISOString();
        await this.notifications.notify(
          {
            userId: account,
            kind: 'follow_up.visit_appointment',
            // A trainee reads the kind's fixed text whatever is written here (trainee-notice-text.ts).
            titleZh: '你有一个新的预约',
            titleEn: 'You have a new appointment',
            link: '/me',
            dedupeKey: `follow_up.visit_appointment:${id}:${iso}`,
            smsParams: { at: iso },
          },
          m,
        );
      }
      await this.audit.record(
        {
          actor: user,
          action: 'follow_up.appointment',
          subjectType: 'trainee',
          subjectId: v.traineeId,
          result: 'success',
          ctx,
          detail: { visitId: id, at: at.toISOString() },
        },
        m,
      );
    });
    return toVisitDto((await this.visits.find(id, this.clock.today()))!);
  }

  /** Clears the time booked for a visit (whatever its state: removing it never tells anyone anything). */
  async clearAppointment(user: AuthUser, id: string, ctx: RequestContext): Promise<FollowUpVisitDto> {
    await this.dataSource.transaction(async (m) => {
      await this.access.requireAccess(user, 'visit.record', id, m);
      const v = await this.visits.findForUpdate(id, m);
      if (!v) throw notFoundVisit();
      await this.visits.setAppointment(id, null, m);
      await this.audit.record(
        {
          actor: user,
          action: 'follow_up.appointment_cleared',
          subjectType: 'trainee',
          subjectId: v.traineeId,
          result: 'success',
          ctx,
          detail: { visitId: id },
        },
        m,
      );
    });
    return toVisitDto((await this.visits.find(id, this.clock.today()))!);
  }

  // ---- the home's "today" counts (appended) ----

  /** How many rows of the caller's `due` list (GET /follow-ups) are due today, and how many are overdue. */
  dueCounts(user: AuthUser): Promise<{ dueToday: number; overdue: number }> {
    return this.visits.dueCounts(this.clock.today(), this.access.organisationOf(user));
  }

  /**
   * Overdue planned visits per station, for callers who see every station's visits (the bureau);
   * empty for anyone narrowed to one organisation (they have `dueCounts`).
   */
  async overdueByStation(user: AuthUser): Promise<{ stationId: string; stationName: string; overdue: number }[]> {
    if (this.access.organisationOf(user) !== null) return [];
    const rows = await this.visits.overdueByStation(this.clock.today());
    return rows.map((r) => ({ stationId: r.station_id, stationName: r.station_name, overdue: r.overdue }));
  }
}
