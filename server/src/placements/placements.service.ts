import { Injectable } from '@nestjs/common';
import { OrdersService } from '../orders/orders.service';
import { TraineesService } from '../trainees/trainees.service';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { randomCode } from '../common/codes';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { ConsentsService } from '../consents/consents.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { JobLimitsService } from '../job-limits/job-limits.service';
import type {
  AcceptPlacementDto,
  CandidateDto,
  CreatePlacementDto,
  EndEmploymentDto,
  FulfilmentDto,
  HireDto,
  InterviewDto,
  OfferDto,
  PlacementDto,
  PlacementNoteDto,
  PlacementQueryDto,
  RecommendDto,
} from './dto/placement.dto';
import { EmployerPipelineService } from './employer-pipeline.service';
import { toCandidateDto, toPlacementDto } from './placement.mapper';
import type { Placement, PlacementEvent, PlacementState } from './placement.entity';
import { MOVES, type PlacementAction, STATE_ZH } from './placement-moves';
import { type PlacementRow, type PlacementScope, PlacementsRepository } from './placements.repository';

const notFoundPlacement = () => notFound('PLACEMENT');
const notFoundOrder = () => notFound('ORDER');

/**
 * Placements: a counsellor recommends a trainee for an order; the trainee accepts (which releases
 * their name and phone to that employer); the employer interviews, offers and hires. Employers see
 * candidates only through `candidates()`, an allow-listed view.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly consents: ConsentsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly trainees: TraineesService,
    private readonly orders: OrdersService,
    private readonly employers: EmployerPipelineService,
    private readonly outcomes: OutcomesService,
    private readonly jobLimits: JobLimitsService,
  ) {}

  async list(user: AuthUser, q: PlacementQueryDto): Promise<Page<PlacementDto>> {
    // The page's events come with it: one statement for the whole list (issue 17).
    const [rows, total] = await this.placements.search(q, this.scopeOf(user));
    const events = rows.flatMap((r) => r.events);
    return pageOf(await this.withEventsFor(user, rows, events), total, q);
  }

  async get(user: AuthUser, id: string): Promise<PlacementDto> {
    await this.access.requireAccess(user, 'placement.act', id);
    const row = await this.placements.findRow(id, this.scopeOf(user));
    if (!row) throw notFoundPlacement();
    return (await this.withEventsFor(user, [row]))[0]!;
  }

  /** A counsellor recommends one of their trainees for an open order. */
  async create(user: AuthUser, dto: CreatePlacementDto, ctx: RequestContext): Promise<PlacementDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const trainee = await this.trainees.shareLockForRecommendation(dto.traineeId, m);
      await this.access.requireAccess(user, 'trainee.write', dto.traineeId, m);
      if (!trainee) throw notFound('TRAINEE_RECORD');
      this.assertMayBeRecommended(trainee);
      const order = await this.orders.shareLock(dto.orderId, m);
      if (!order || order.state === 'draft') throw notFoundOrder();
      if (order.state !== 'open') throw badRequest('ORDER_NOT_OPEN');
      await this.assertLegallyOpen(dto.traineeId, order, m);
      const existing = await this.placements.lockOnOrder(dto.orderId, dto.traineeId, m);
      if (existing && existing.state !== 'suggested') {
        throw conflict('PLACEMENT_EXISTS', { stateStateZh: STATE_ZH[existing.state], state: existing.state }, { placementId: existing.id });
      }
      let placementId: string;
      let from: PlacementState | null = null;
      if (existing) {
        placementId = existing.id;
        from = 'suggested';
        await this.placements.update(
          placementId,
          { state: 'recommended', recommendedBy: user.id, note: dto.note ?? null, reasons: dto.reasons ?? [] },
          m,
        );
      } else {
        const p = await this.placements.insert(
          {
            orderId: dto.orderId,
            traineeId: dto.traineeId,
            state: 'recommended',
            source: 'counsellor',
            recommendedBy: user.id,
            note: dto.note ?? null,
            reasons: dto.reasons ?? [],
            candidateCode: await this.newCode(m),
          },
          m,
        );
        placementId = p.id;
      }
      await this.placements.recordEvent(
        { placementId, fromState: from, toState: 'recommended', actorId: user.id, actorRole: user.role, note: dto.note ?? null },
        m,
      );
      await this.outcomes.refreshOrders(m, [dto.traineeId]);
      if (trainee.userId) await this.tellTraineeRecommended(trainee.userId, placementId, order.title, m);
      await this.employers.candidateArrived(dto.orderId, placementId, m);
      await this.audit.record(
        { actor: user, action: 'placement.recommend', subjectType: 'placement', subjectId: placementId, result: 'success', ctx },
        m,
      );
      return placementId;
    });
    return this.get(user, id);
  }

  /**
   * The legal job limits (从业限制): a counsellor cannot recommend someone the law keeps from this
   * occupation by the start date, and is told until when. Only counsellors recommend, so the reason
   * reaches no employer; the employer simply never meets the candidate.
   */
  private async assertLegallyOpen(
    traineeId: string,
    order: { occupationCode: string; startDate: string },
    m: EntityManager,
  ): Promise<void> {
    const legal = (await this.jobLimits.eligibility(m, [traineeId], order.occupationCode, order.startDate)).get(traineeId);
    if (!legal || legal.eligible) return;
    if (legal.from && !legal.whileSupervised) throw badRequest('PLACEMENT_LEGAL_LIMIT.FROM', { from: legal.from.slice(0, 7) });
    throw badRequest('PLACEMENT_LEGAL_LIMIT');
  }

  recommend(user: AuthUser, id: string, dto: RecommendDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'recommend', dto.note, ctx, async (p, row, m) => {
      const [facts] = await this.trainees.summaries([p.traineeId], m);
      this.assertMayBeRecommended(facts!);
      await this.placements.update(
        p.id,
        { state: 'recommended', recommendedBy: user.id, note: dto.note ?? p.note, reasons: dto.reasons ?? p.reasons },
        m,
      );
      await this.outcomes.refreshOrders(m, [p.traineeId]);
      if (row.trainee_user_id) await this.tellTraineeRecommended(row.trainee_user_id, p.id, row.order_title, m);
      await this.employers.candidateArrived(p.orderId, p.id, m);
    });
  }

  /**
   * The trainee says yes. Accepting is also consenting to release name and phone to this one employer
   * (PIPL Art. 23: a separate consent for giving personal information to another handler), so the
   * consent is recorded here, in the same transaction, against the text version the trainee read.
   */
  accept(user: AuthUser, id: string, dto: AcceptPlacementDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'accept', dto.note, ctx, async (p, row, m) => {
      const answer = { textVersion: dto.textVersion, paperFormRef: dto.paperFormRef, assisted: this.access.can(user, 'trainee.assist') };
      await this.consents.assertMayPutForward('placement.accept', answer);
      await this.consents.grantShareWithEmployer(p.traineeId, row.employer_id, answer, user, m);
      await this.placements.update(p.id, { state: 'accepted_by_trainee' }, m);
      await this.employers.candidateAccepted(row.employer_id, p, row.order_title, m);
    });
  }

  decline(user: AuthUser, id: string, dto: PlacementNoteDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'decline', dto.note, ctx, (p, _row, m) => this.placements.update(p.id, { state: 'declined' }, m));
  }

  interview(user: AuthUser, id: string, dto: InterviewDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'interview', dto.note, ctx, async (p, row, m) => {
      const at = new Date(dto.interviewAt);
      if (at.getTime() < this.clock.now().getTime() - 86_400_000) throw badRequest('INTERVIEW_IN_PAST');
      await this.placements.update(p.id, { state: 'interview', interviewAt: at, interviewPlace: dto.interviewPlace }, m);
      await this.tellTrainee(
        row,
        'placement.interview',
        `「${row.order_title}」邀请你面试：${dto.interviewPlace}`,
        `Interview for “${row.order_title}”: ${dto.interviewPlace}`,
        m,
        // The SMS says only when (never the employer, the place or the order).
        { at: at.toISOString() },
      );
    });
  }

  offer(user: AuthUser, id: string, dto: OfferDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'offer', dto.note, ctx, async (p, row, m) => {
      await this.placements.update(p.id, { state: 'offer', offeredWage: dto.offeredWage }, m);
      await this.tellTrainee(row, 'placement.offer', `「${row.order_title}」向你发出了录用意向`, `An offer for “${row.order_title}”`, m);
    });
  }

  /**
   * The hire: one place of the order is taken by a conditional update (never past the headcount),
   * and the trainee is locked so they are never hired into two orders at once; the partial unique
   * index `uq_placement_one_job` is the last guard.
   */
  hire(user: AuthUser, id: string, dto: HireDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'hire', dto.note, ctx, async (p, row, m) => {
      await this.placements.lockTrainee(p.traineeId, m);
      const other = await this.placements.liveHire(p.traineeId, m);
      // Where they work is the counsellor's business, not another employer's: employers get a neutral message.
      if (other)
        throw this.access.can(user, 'placement.employerSide')
          ? conflict('ALREADY_HIRED')
          : conflict('ALREADY_HIRED.PLACEMENTS', { employer_name: other.employer_name, order_title: other.order_title });
      if (!(await this.placements.takePlace(p.orderId, m))) throw conflict('ORDER_FULL');
      try {
        await this.placements.update(p.id, { state: 'hired', hiredOn: dto.hiredOn }, m);
        await this.outcomes.refresh(m, [p.traineeId]);
      } catch (e) {
        if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'uq_placement_one_job')
          throw conflict('ALREADY_HIRED.PLACEMENTS_2');
        throw e;
      }
      await this.tellTrainee(row, 'placement.hired', `恭喜！「${row.order_title}」已确认你入职`, `Hired for “${row.order_title}”`, m);
    });
  }

  reject(user: AuthUser, id: string, dto: PlacementNoteDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'reject', dto.note, ctx, (p, _row, m) => this.placements.update(p.id, { state: 'rejected' }, m));
  }

  withdraw(user: AuthUser, id: string, dto: PlacementNoteDto, ctx: RequestContext): Promise<void> {
    return this.move(user, id, 'withdraw', dto.note, ctx, (p, _row, m) => this.placements.update(p.id, { state: 'withdrawn' }, m));
  }

  /** The employment ended; the hire still counts for the order, and the trainee may be hired again. */
  async end(user: AuthUser, id: string, dto: EndEmploymentDto, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const { p } = await this.actable(user, id, 'end', m);
      if (p.state !== 'hired' || p.endedOn) throw badRequest('NOT_EMPLOYED');
      if (dto.endedOn < p.hiredOn! || dto.endedOn > this.clock.today()) throw badRequest('END_DATE');
      await this.placements.update(p.id, { endedOn: dto.endedOn, endReason: dto.reason }, m);
      await this.outcomes.refresh(m, [p.traineeId]);
      await this.placements.recordEvent(
        { placementId: p.id, fromState: 'hired', toState: 'ended', actorId: user.id, actorRole: user.role, note: dto.reason },
        m,
      );
      await this.audit.record(
        { actor: user, action: 'placement.end', subjectType: 'placement', subjectId: p.id, result: 'success', ctx },
        m,
      );
    });
  }

  /** The employer's candidates for one of its orders (audited: names appear once trainees accept). */
  async candidates(user: AuthUser, orderId: string, ctx: RequestContext): Promise<CandidateDto[]> {
    await this.employerOrder(user, orderId);
    const rows = await this.placements.candidates(orderId, user.organisationId);
    await this.audit.record({
      actor: user,
      action: 'placement.candidates.read',
      subjectType: 'order',
      subjectId: orderId,
      result: 'success',
      ctx,
      detail: { candidates: rows.length, named: rows.filter((r) => r.contact_shared).length },
    });
    return rows.map(toCandidateDto);
  }

  /** One candidate of one of the employer's orders: what an employer gets back after each step. */
  async candidate(user: AuthUser, orderId: string, placementId: string, ctx: RequestContext): Promise<CandidateDto> {
    await this.employerOrder(user, orderId);
    const [row] = await this.placements.candidates(orderId, user.organisationId, placementId);
    if (!row) throw notFoundPlacement();
    await this.audit.record({
      actor: user,
      action: 'placement.candidate.read',
      subjectType: 'placement',
      subjectId: placementId,
      result: 'success',
      ctx,
      detail: { named: row.contact_shared },
    });
    return toCandidateDto(row);
  }

  /** Employers act through their order: the placement must belong to it (and acting on a candidate is having opened it). */
  async assertOnOrder(user: AuthUser, orderId: string, placementId: string): Promise<void> {
    await this.employers.markSeen(user, orderId, placementId);
  }

  async fulfilment(user: AuthUser, orderId: string): Promise<FulfilmentDto> {
    await this.access.requireAccess(user, 'order.follow', orderId);
    const r = await this.placements.fulfilment(orderId, this.clock.today());
    return {
      orderId,
      headcount: r.headcount ?? 0,
      recommended: r.recommended ?? 0,
      accepted: r.accepted ?? 0,
      interviewing: r.interviewing ?? 0,
      offered: r.offered ?? 0,
      hired: r.hired ?? 0,
      stillEmployed: r.still_employed ?? 0,
      stillEmployedAt3Months: r.still_3 ?? 0,
      hiredAtLeast3MonthsAgo: r.hired_3 ?? 0,
      stillEmployedAt6Months: r.still_6 ?? 0,
      hiredAtLeast6MonthsAgo: r.hired_6 ?? 0,
    };
  }

  /**
   * Called when trainees take a seat in a 订单班 session: each becomes one of the order's first candidates,
   * as a suggestion that only their counsellor sees until it is recommended, and counts as trained in the
   * order's funnel (`order_outcome`).
   */
  async seatedInOrderClass(orderId: string, traineeIds: readonly string[], m: EntityManager): Promise<void> {
    for (const traineeId of traineeIds) await this.placements.suggest(orderId, traineeId, await this.newCode(m), m);
    await this.outcomes.refreshOrders(m, traineeIds);
  }

  /**
   * A confirmed 意向书 at a fair: the trainee has accepted this order face to face (their consent to
   * share is recorded by the caller). An existing suggestion or recommendation moves on; otherwise a
   * placement starts here, already accepted. Offer and hire then follow as for any placement.
   */
  async acceptFromFair(orderId: string, traineeId: string, actor: AuthUser, assisted: boolean, m: EntityManager): Promise<string> {
    const existing = await this.placements.lockOnOrder(orderId, traineeId, m);
    if (existing && existing.state !== 'suggested' && existing.state !== 'recommended') return existing.id;
    let id: string;
    if (existing) {
      id = existing.id;
      await this.placements.update(id, { state: 'accepted_by_trainee' }, m);
    } else {
      id = (
        await this.placements.insert(
          { orderId, traineeId, state: 'accepted_by_trainee', source: 'fair', candidateCode: await this.newCode(m) },
          m,
        )
      ).id;
    }
    await this.outcomes.refreshOrders(m, [traineeId]);
    if (existing?.state !== 'recommended') await this.employers.candidateArrived(orderId, id, m);
    await this.placements.recordEvent(
      {
        placementId: id,
        fromState: existing?.state ?? null,
        toState: 'accepted_by_trainee',
        actorId: actor.id,
        actorRole: actor.role,
        assisted,
        note: '招聘会意向书 · intent at a fair',
      },
      m,
    );
    return id;
  }

  // ——— the machinery ———

  private async move(
    user: AuthUser,
    id: string,
    action: PlacementAction,
    note: string | undefined,
    ctx: RequestContext,
    apply: (p: Placement, row: PlacementRow, m: EntityManager) => Promise<void>,
  ): Promise<void> {
    const rule = MOVES[action];
    await this.dataSource.transaction(async (m) => {
      const { p, row } = await this.actable(user, id, action, m);
      if (!rule.from.includes(p.state))
        throw badRequest(
          'PLACEMENT_STATE',
          { stateStateZh: STATE_ZH[p.state], zh: rule.zh, state: p.state, to: rule.to },
          { state: p.state },
        );
      await apply(p, row, m);
      const assisted = this.access.can(user, 'trainee.assist') && (action === 'accept' || action === 'decline' || action === 'hire');
      await this.placements.recordEvent(
        { placementId: p.id, fromState: p.state, toState: rule.to, actorId: user.id, actorRole: user.role, assisted, note: note ?? null },
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: `placement.${action}`,
          subjectType: 'placement',
          subjectId: p.id,
          result: 'success',
          ctx,
          detail: { from: p.state, to: rule.to, assisted },
        },
        m,
      );
    });
  }

  /** The placement, locked, if this caller may act on it in this role; otherwise 404. */
  private async actable(
    user: AuthUser,
    id: string,
    action: PlacementAction | 'end',
    m: EntityManager,
  ): Promise<{ p: Placement; row: PlacementRow }> {
    const p = await this.placements.findForUpdate(id, m);
    await this.access.requireAccess(user, 'placement.act', id, m);
    const row = p ? await this.placements.findRow(id, this.scopeOf(user), m) : null;
    if (!p || !row) throw notFoundPlacement();
    if (!this.access.can(user, `placement.${action}`)) throw badRequest('NOT_YOUR_STEP', { action });
    return { p, row };
  }

  /** Lists narrow by the policy's placement scope; a caller with none reaches nothing. */
  private scopeOf(user: AuthUser): PlacementScope {
    return this.access.placementScope(user) ?? { kind: 'holder', organisationId: '00000000-0000-0000-0000-000000000000' };
  }

  private async employerOrder(user: AuthUser, orderId: string): Promise<void> {
    await this.access.requireAccess(user, 'order.manage', orderId);
  }

  private assertMayBeRecommended(t: { state: string; jobMatchingConsent: boolean }): void {
    if (!t.jobMatchingConsent) throw badRequest('NO_MATCHING_CONSENT.PLACEMENTS');
    if (t.state === 'closed') throw badRequest('TRAINEE_CLOSED');
  }

  /** Notes are staff's own words: a trainee (whose job screen may be shown to others) never gets them. */
  private async withEventsFor(user: AuthUser, rows: PlacementRow[], read?: PlacementEvent[]): Promise<PlacementDto[]> {
    const dtos = await this.withEvents(rows, read);
    if (this.access.can(user, 'placement.readNotes')) return dtos;
    return dtos.map((d) => ({ ...d, note: null, events: d.events.map((e) => ({ ...e, note: null })) }));
  }

  /** `read`: the rows' events when the caller already has them. */
  private async withEvents(rows: PlacementRow[], read?: PlacementEvent[]): Promise<PlacementDto[]> {
    const events = read ?? (await this.placements.events(rows.map((r) => r.id)));
    return rows.map((r) =>
      toPlacementDto(
        r,
        events.filter((e) => e.placementId === r.id),
      ),
    );
  }

  private async newCode(m: EntityManager): Promise<string> {
    for (;;) {
      const code = `C${randomCode(7)}`;
      if (!(await this.placements.codeTaken(code, m))) return code;
    }
  }

  private tellTraineeRecommended(userId: string, placementId: string, title: string, m: EntityManager): Promise<void> {
    return this.notifications.notify(
      {
        userId,
        kind: 'placement.recommended',
        titleZh: `辅导员推荐你应聘「${title}」，请查看并决定是否接受`,
        titleEn: `You were recommended for “${title}”: please decide whether to accept`,
        link: '/me/jobs',
        dedupeKey: `placement.recommended:${placementId}`,
      },
      m,
    );
  }

  private async tellTrainee(
    row: PlacementRow,
    kind: string,
    zh: string,
    en: string,
    m: EntityManager,
    smsParams?: Record<string, string>,
  ): Promise<void> {
    if (!row.trainee_user_id) return;
    await this.notifications.notify(
      { userId: row.trainee_user_id, kind, titleZh: zh, titleEn: en, link: '/me/jobs', dedupeKey: `${kind}:${row.id}`, smsParams },
      m,
    );
  }
}
