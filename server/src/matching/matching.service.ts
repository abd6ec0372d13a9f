import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { JobLimitsService } from '../job-limits/job-limits.service';
import { PlansService } from '../plans/plans.service';
import type { BlockerCode } from '../plans/need-codes';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, notFound } from '../common/domain-error';
import type {
  CandidateMatchDto,
  CandidateQueryDto,
  CandidateRankingDto,
  OrderMatchesDto,
  ReadinessDto,
  ReadinessResultDto,
  SetWeightsDto,
  WeightsDto,
  WhyNotDto,
} from './dto/matching.dto';
import { SCORE_PARTS, type Weights } from './matching.entities';
import { ceilingOutside, ceilingOutsideOrders, missingOf, num, partsOf } from './match-explain';
import { type MatchRow, MatchingRepository, type OrderFacts } from './matching.repository';

const notFoundOrder = () => notFound('ORDER');
/**
 * Explainable matching. The ranking runs in PostgreSQL (see MatchingRepository); here are the rules
 * of who may rank whom, the words that explain each part, and the weights' versions. Suggestions
 * stay with counsellors: employers never reach these routes, and a recommendation is a placement.
 */
/** The personal plan's blockers, as the counsellor's why-not says them. */
const PLAN_BLOCKERS: Record<BlockerCode, string> = {
  no_id_card: '回归计划：还没有身份证，不能签劳动合同（先办证）',
  no_bank_card: '回归计划：还没有银行卡，工资无法发放（先办卡）',
};

@Injectable()
export class MatchingService {
  constructor(
    private readonly matching: MatchingRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly jobLimits: JobLimitsService,
    private readonly plans: PlansService,
  ) {}

  async candidates(user: AuthUser, orderId: string, q: CandidateQueryDto, ctx: RequestContext): Promise<CandidateRankingDto> {
    // Independent reads and writes go in parallel: at a few milliseconds a ranking, each round trip shows.
    const [order, { version, weights }] = await Promise.all([this.visibleOrder(orderId), this.matching.currentWeights()]);
    const limits = await this.jobLimits.limitsForOccupation(order.occupation_code);
    const { rows, total, totalCapped } = await this.matching.rankForOrder(
      { ...order, ceilings: [ceilingOutside(weights, order.required_level), ceilingOutside(weights, order.required_level, false)] },
      weights,
      {
        organisationId: this.access.organisationOf(user),
        limits,
        divisionCode: q.divisionCode,
        availableBy: q.availableBy,
        certificateOccupation: q.certificateOccupation,
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    await Promise.all([
      this.matching.logRanking({ orderId, traineeId: null, version, by: user.id, count: rows.length }),
      // A ranking shows trainees' records (names, certificates): one audit entry per ranking read.
      this.audit.record({
        actor: user,
        action: 'matching.rank',
        subjectType: 'order',
        subjectId: orderId,
        result: 'success',
        ctx,
        detail: { weightsVersion: version, shown: rows.length },
      }),
    ]);
    return {
      orderId,
      orderTitle: order.title,
      employerName: order.employer_name,
      weightsVersion: version,
      total,
      totalCapped,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r): CandidateMatchDto => ({
        traineeId: r.trainee_id,
        fullName: r.full_name,
        organisationName: r.organisation_name,
        homeDivisionName: r.home_division_name,
        score: num(r.score),
        parts: partsOf(r, weights),
        missing: missingOf(r),
        placementState: r.placement_state,
      })),
    };
  }

  /** Why a trainee is not (or not higher) on an order's list. */
  async whyNot(user: AuthUser, orderId: string, traineeId: string, ctx: RequestContext): Promise<WhyNotDto> {
    const order = await this.visibleOrder(orderId);
    await this.access.requireAccess(user, 'trainee.match', traineeId);
    const { version, weights } = await this.matching.currentWeights();
    const r = (await this.matching.one(orderId, traineeId, weights))!;
    const blockers: string[] = [];
    // The legal job limits: said to the counsellor (with the day they end), never to an employer.
    const legal = (await this.jobLimits.eligibility(undefined, [traineeId], order.occupation_code, order.start_date)).get(traineeId);
    if (legal && !legal.eligible)
      blockers.push(
        legal.from && !legal.whileSupervised
          ? `法定从业限制：可从 ${legal.from.slice(0, 7)} 起从事该职业`
          : legal.whileSupervised && legal.from
            ? `法定从业限制：社区康复结束且 ${legal.from.slice(0, 7)} 起方可从事该职业`
            : '法定从业限制：不得从事该职业',
      );
    const row = r as MatchRow & { available: boolean; job_matching_consent: boolean };
    if (!row.job_matching_consent) blockers.push('没有同意参加岗位匹配（或已撤回），系统不会把他/她列为候选人');
    if (r.state === 'closed') blockers.push('档案已结案');
    if (r.state !== 'released' && r.state !== 'community' && r.expected_release_on > r.start_date)
      blockers.push(`预计 ${r.expected_release_on} 出所，晚于到岗日期 ${r.start_date}`);
    if (!row.available && blockers.length === 0) blockers.push('已在其他单位入职（尚未登记离职）');
    // What the personal plan says stands in the way (the person is still listed: it is for the counsellor to fix).
    for (const b of (await this.plans.blockersFor([traineeId])).get(traineeId) ?? []) blockers.push(PLAN_BLOCKERS[b]);
    await this.audit.record({
      actor: user,
      action: 'matching.why_not',
      subjectType: 'trainee',
      subjectId: traineeId,
      result: 'success',
      ctx,
      detail: { orderId },
    });
    return {
      traineeId,
      fullName: r.full_name,
      eligible: row.available && (legal?.eligible ?? true),
      blockers,
      score: num(r.score),
      parts: partsOf(r, weights),
      missing: missingOf(r),
      weightsVersion: version,
    };
  }

  /** Open orders that fit a trainee (their own, or one of a counsellor's), best first, with what is missing. */
  async ordersFor(user: AuthUser, traineeId: string | null, ctx: RequestContext): Promise<OrderMatchesDto> {
    let id: string;
    if (traineeId === null) {
      const own = await this.matching.traineeIdOfUser(user.id);
      if (!own) throw notFound('TRAINEE_RECORD');
      id = own;
    } else {
      await this.access.requireAccess(user, 'trainee.match', traineeId);
      id = traineeId;
    }
    const [trainee, { version, weights }, limits] = await Promise.all([
      this.matching.traineeFacts(id),
      this.matching.currentWeights(),
      this.jobLimits.personLimits(id, this.clock.today()),
    ]);
    if (!trainee) throw notFound('TRAINEE_RECORD');
    const { rows } = await this.matching.ordersForTrainee(
      {
        ...trainee,
        limits,
        ceilings: [
          ceilingOutsideOrders(weights, trainee),
          ceilingOutsideOrders(weights, trainee, 'not-same'),
          ceilingOutsideOrders(weights, trainee, 'far'),
        ],
      },
      weights,
      this.clock.today(),
      20,
    );
    // The two writes in parallel, as for a candidate list: each waits for its commit to reach the disk.
    await Promise.all([
      this.matching.logRanking({ orderId: null, traineeId: id, version, by: user.id, count: rows.length }),
      traineeId
        ? this.audit.record({
            actor: user,
            action: 'matching.orders_for',
            subjectType: 'trainee',
            subjectId: id,
            result: 'success',
            ctx,
          })
        : undefined,
    ]);
    return {
      weightsVersion: version,
      orders: rows.map((r) => ({
        orderId: r.order_id,
        orderTitle: r.order_title,
        employerName: r.employer_name,
        occupationName: r.occupation_name,
        divisionName: r.order_division_name,
        wageMin: r.wage_min,
        wageMax: r.wage_max,
        startDate: r.start_date,
        score: num(r.score),
        parts: partsOf(r, weights),
        missing: missingOf(r),
      })),
    };
  }

  async weights(): Promise<WeightsDto> {
    const w = await this.matching.latestWeights();
    return { version: w.version, ...w.weights, note: w.note, createdAt: new Date(w.created_at).toISOString() };
  }

  async setWeights(user: AuthUser, dto: SetWeightsDto, ctx: RequestContext): Promise<WeightsDto> {
    const weights = Object.fromEntries(SCORE_PARTS.map((k) => [k, dto[k]])) as Weights;
    const sum = SCORE_PARTS.reduce((s, k) => s + weights[k], 0);
    if (sum !== 100) throw badRequest('WEIGHTS_SUM', { sum }, { sum });
    await this.dataSource.transaction(async (m) => {
      const version = await this.matching.addWeights(weights, dto.note ?? null, user.id, m);
      await this.audit.record(
        {
          actor: user,
          action: 'matching.weights',
          subjectType: 'matching_weights',
          subjectId: String(version),
          result: 'success',
          ctx,
          detail: weights,
        },
        m,
      );
    });
    return this.weights();
  }

  async setReadiness(user: AuthUser, traineeId: string, dto: ReadinessDto, ctx: RequestContext): Promise<ReadinessResultDto> {
    await this.access.requireAccess(user, 'trainee.write', traineeId);
    const setAt = await this.matching.setReadiness(traineeId, dto.ready, dto.note ?? null, user.id);
    await this.audit.record({
      actor: user,
      action: 'matching.readiness',
      subjectType: 'trainee',
      subjectId: traineeId,
      result: 'success',
      ctx,
    });
    return { traineeId, ready: dto.ready, note: dto.note ?? null, setAt: new Date(setAt).toISOString() };
  }

  /** Counsellors and admins rank for open orders (and the ones they have filled); drafts are the employer's own. */
  private async visibleOrder(orderId: string): Promise<OrderFacts> {
    const o = await this.matching.orderFacts(orderId);
    if (!o || o.state === 'draft') throw notFoundOrder();
    return o;
  }
}
