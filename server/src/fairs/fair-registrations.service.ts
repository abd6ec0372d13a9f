import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { randomCode } from '../common/codes';
import { badRequest, conflict, DomainError, notFound } from '../common/domain-error';
import { NotificationsService } from '../notifications/notifications.service';
import { TraineesService } from '../trainees/trainees.service';
import type { CheckInResultDto, FairCandidateDto, RegistrationDto, RegistrationProblemDto } from './dto/fair.dto';
import { constraintOf, notFoundFair } from './fair.errors';
import { toRegistrationDto, toSlotDto } from './fair.mapper';
import { BoothsService } from './booths.service';
import { FairLegalLimits } from './fair-legal-limits';
import { FairRegistrationsRepository, type RegistrationRow } from './fair-registrations.repository';
import type { FairRow } from './fairs.repository';
import { FairsService } from './fairs.service';
import { InterviewsRepository } from './interviews.repository';

/**
 * Who comes to a fair: counsellors register their trainees (released trainees register themselves),
 * employers with an approved booth see the registered candidates (pseudonymous), and the desk checks
 * people in on the day, registering walk-ins on the spot.
 */
@Injectable()
export class FairRegistrationsService {
  constructor(
    private readonly fairsService: FairsService,
    private readonly boothsService: BoothsService,
    private readonly registrations: FairRegistrationsRepository,
    private readonly interviews: InterviewsRepository,
    private readonly trainees: TraineesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly legalLimits: FairLegalLimits,
  ) {}

  /**
   * Counsellors register their organisation's trainees, all or none (every problem is named); a
   * released trainee registers themselves. Employers will see a pseudonymous profile, so job-matching
   * consent is required.
   */
  async register(user: AuthUser, fairId: string, traineeIds: string[] | undefined, ctx: RequestContext): Promise<RegistrationDto[]> {
    const f = await this.fairsService.visibleFair(user, fairId);
    const today = this.clock.today();
    if (f.state !== 'published' || f.fair_date < today || (f.registration_deadline && f.registration_deadline < today))
      throw badRequest('REGISTRATION_CLOSED');
    const self = this.access.can(user, 'trainee.self');
    let ids: string[];
    if (self) {
      const t = await this.trainees.ownRecord(user);
      if (t.state !== 'released' && t.state !== 'community') throw badRequest('ASK_COUNSELLOR');
      ids = [t.id];
    } else {
      if (!traineeIds?.length) throw badRequest('TRAINEES_REQUIRED');
      ids = [...new Set(traineeIds)];
    }
    const [facts, registered] = await Promise.all([this.trainees.summaries(ids), this.registrations.registeredTraineeIds(fairId, ids)]);
    const registrable = await this.access.checkAccess(user, 'fair.trainee.register', ids);
    const problems: RegistrationProblemDto[] = [];
    for (const id of ids) {
      const t = facts.find((r) => r.id === id);
      const problem = (code: string, message: string) => problems.push({ traineeId: id, code, message });
      if (!t || !registrable.has(id)) problem('NOT_FOUND', '找不到该学员，或不在本单位。');
      else if (t.state === 'closed') problem('TRAINEE_CLOSED', `${t.fullName}：档案已结案。`);
      else if (!t.jobMatchingConsent) problem('NO_MATCHING_CONSENT', `${t.fullName}：没有同意参加岗位匹配，请先征得本人同意。`);
      else if (registered.has(id)) problem('ALREADY_REGISTERED', `${t.fullName}：已经报过名了。`);
    }
    if (problems.length) throw badRequest('REGISTRATION_PROBLEMS', { length: problems.length }, { problems });
    const created = await this.dataSource.transaction(async (m) => {
      const out: string[] = [];
      for (const traineeId of ids) out.push(await this.insertRegistration(m, fairId, traineeId, user, { selfRegistered: self }));
      for (const userId of await this.trainees.accountIds(ids, m))
        await this.notifications.notify(
          {
            userId,
            kind: 'fair.registered',
            titleZh: `已为你报名招聘会：${f.title}（${f.fair_date} ${f.starts_at}，${f.city_name}）。当天请出示签到码`,
            titleEn: `Registered for the fair “${f.title}” (${f.fair_date} ${f.starts_at}, ${f.city_name}); show your code at the desk`,
            link: `/fairs/${fairId}`,
            dedupeKey: `fair.registered:${fairId}:${userId}`,
          },
          m,
        );
      await this.audit.record(
        {
          actor: user,
          action: 'fair.register',
          subjectType: 'fair',
          subjectId: fairId,
          result: 'success',
          ctx,
          detail: { trainees: ids.length },
        },
        m,
      );
      return out;
    });
    return this.withSlots(await this.registrations.registrationsById(created));
  }

  /** Admins: all. Counsellors: their organisation's trainees. Trainees: their own (with the desk code). */
  async list(user: AuthUser, fairId: string): Promise<RegistrationDto[]> {
    await this.fairsService.visibleFair(user, fairId);
    return this.withSlots(await this.registrations.registrations(fairId, this.access.scopeOf(user)));
  }

  /** Registered candidates, pseudonymous, for an employer with an approved booth at this fair. */
  async candidates(user: AuthUser, fairId: string, ctx: RequestContext): Promise<FairCandidateDto[]> {
    await this.fairsService.visibleFair(user, fairId);
    const booths = await this.boothsService.managedApprovedBooths(user, fairId);
    if (!booths.length) throw notFoundFair();
    const all = await this.registrations.candidates(fairId);
    // A person who by law may take none of this employer's jobs here is simply not a candidate for it.
    const open = await this.legalLimits.mayTakeAny(
      all.map((r) => r.trainee_id),
      booths.flatMap((b) => b.orders),
    );
    const rows = all.filter((r) => open.has(r.trainee_id));
    await this.audit.record({
      actor: user,
      action: 'fair.candidates.read',
      subjectType: 'fair',
      subjectId: fairId,
      result: 'success',
      ctx,
    });
    return rows.map((r) => ({
      registrationId: r.registration_id,
      candidateCode: r.candidate_code,
      skills: r.skills,
      certificates: r.certificates,
      diplomas: r.diplomas,
      divisionName: r.division_name,
      preferredIndustries: r.preferred_industries,
      wageExpectation: r.wage_expectation,
      checkedIn: r.checked_in,
    }));
  }

  // ——— the desk ———

  /**
   * Check-in at the desk by the code (typed or scanned). Only on the day; a second scan answers with
   * the first check-in's time instead of counting twice.
   */
  async checkIn(user: AuthUser, fairId: string, code: string, ctx: RequestContext): Promise<CheckInResultDto> {
    const f = await this.deskFair(user, fairId);
    const r = await this.registrations.registrationByCode(fairId, code);
    if (!r) throw new DomainError(HttpStatus.NOT_FOUND, 'UNKNOWN_CODE', { code });
    const checkedInAt = await this.registrations.checkIn(r.id, user.id);
    const already = checkedInAt === null;
    const fresh = already ? (await this.registrations.registration(r.id))! : r;
    await this.audit.record({
      actor: user,
      action: already ? 'fair.check_in_repeat' : 'fair.check_in',
      subjectType: 'fair_registration',
      subjectId: r.id,
      result: 'success',
      ctx,
      detail: { fairId: f.id },
    });
    return {
      registrationId: r.id,
      traineeName: r.trainee_name,
      candidateCode: r.candidate_code,
      checkedInAt: new Date(checkedInAt ?? fresh.checked_in_at!).toISOString(),
      alreadyCheckedIn: already,
      walkIn: r.walk_in,
    };
  }

  /** Someone who did not register arrives: the desk registers and checks them in at once. */
  async walkIn(user: AuthUser, fairId: string, traineeId: string, ctx: RequestContext): Promise<CheckInResultDto> {
    await this.deskFair(user, fairId);
    await this.access.requireAccess(user, 'fair.trainee.register', traineeId);
    const [t] = await this.trainees.summaries([traineeId]);
    if (!t) throw notFound('TRAINEE_RECORD');
    if (!t.jobMatchingConsent) throw badRequest('NO_MATCHING_CONSENT', { fullName: t.fullName });
    const existing = await this.registrations.registrationOfTrainee(fairId, traineeId);
    if (existing) return this.checkIn(user, fairId, existing.code, ctx);
    const id = await this.dataSource.transaction(async (m) => {
      const registrationId = await this.insertRegistration(m, fairId, traineeId, user, { walkIn: true, checkedIn: true });
      await this.audit.record(
        {
          actor: user,
          action: 'fair.walk_in',
          subjectType: 'fair_registration',
          subjectId: registrationId,
          result: 'success',
          ctx,
          detail: { fairId },
        },
        m,
      );
      return registrationId;
    });
    const r = (await this.registrations.registration(id))!;
    return {
      registrationId: r.id,
      traineeName: r.trainee_name,
      candidateCode: r.candidate_code,
      checkedInAt: new Date(r.checked_in_at!).toISOString(),
      alreadyCheckedIn: false,
      walkIn: true,
    };
  }

  /**
   * The registration a trainee (their own; an id they send is ignored) or a counsellor (one of
   * theirs, named by id) acts with at this fair (`fair.registration.act`).
   */
  async actingRegistration(user: AuthUser, fairId: string, registrationId: string | undefined): Promise<RegistrationRow> {
    const self = this.access.can(user, 'trainee.self');
    if (!self && !registrationId) throw badRequest('REGISTRATION_REQUIRED');
    const rows = self
      ? await this.registrations.registrations(fairId, this.access.scopeOf(user))
      : await this.registrations.registrationsById([registrationId!]);
    const actable = await this.access.checkAccess(
      user,
      'fair.registration.act',
      rows.map((r) => r.id),
    );
    const r = rows.find((x) => x.fair_id === fairId && actable.has(x.id));
    if (!r) throw notFound('FAIR_REGISTRATION_FIRST');
    return r;
  }

  // ——— helpers ———

  /** The desk (`fair.desk`: admins, or counsellors of the venue), on the fair's day. */
  private async deskFair(user: AuthUser, fairId: string): Promise<FairRow> {
    const f = await this.fairsService.visibleFair(user, fairId);
    await this.access.requireAccess(user, 'fair.desk', fairId);
    const today = this.clock.today();
    if (f.state !== 'published') throw badRequest('FAIR_CLOSED');
    if (today < f.fair_date)
      throw badRequest(
        'TOO_EARLY',
        { fair_date: f.fair_date },
        {
          fairDate: f.fair_date,
        },
      );
    if (today > f.fair_date) throw badRequest('FAIR_OVER');
    return f;
  }

  /** A registration with fresh codes (drawn again on the rare collision); returns its id. */
  private async insertRegistration(
    m: EntityManager,
    fairId: string,
    traineeId: string,
    user: AuthUser,
    opts: { selfRegistered?: boolean; walkIn?: boolean; checkedIn?: boolean },
  ): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.registrations.insert(
          {
            fairId,
            traineeId,
            code: randomCode(8),
            candidateCode: `F${randomCode(6)}`,
            registeredBy: user.id,
            selfRegistered: opts.selfRegistered ?? false,
            walkIn: opts.walkIn ?? false,
            checkedInAt: opts.checkedIn ? this.clock.now() : null,
            checkedInBy: opts.checkedIn ? user.id : null,
          },
          m,
        );
      } catch (e) {
        const c = constraintOf(e);
        if (c === 'uq_fair_registration') throw conflict('ALREADY_REGISTERED');
        // A code collision (one in ~10^12): draw again.
        if ((c === 'uq_fair_registration_code' || c === 'uq_fair_registration_candidate') && attempt < 3) continue;
        throw e;
      }
    }
  }

  /**
   * Registrations the caller may already read (narrowed by the policy upstream), each with the slots
   * held under it: the caller's own (or their trainee's), so shown with the candidate code.
   */
  private async withSlots(rows: RegistrationRow[]): Promise<RegistrationDto[]> {
    const slots = rows.length ? await this.interviews.slotsOfRegistrations(rows.map((r) => r.id)) : [];
    return rows.map((r) =>
      toRegistrationDto(
        r,
        slots.filter((s) => s.registration_id === r.id).map((s) => toSlotDto(s, true, true)),
      ),
    );
  }
}
