import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, notFound } from '../common/domain-error';
import { SKILL_LEVELS } from '../reference/data/divisions';
import type {
  CandidateMatchDto,
  CandidateQueryDto,
  CandidateRankingDto,
  OrderMatchesDto,
  ReadinessDto,
  ReadinessResultDto,
  ScorePartDto,
  SetWeightsDto,
  WeightsDto,
  WhyNotDto,
} from './dto/matching.dto';
import { SCORE_PARTS, type ScorePart, type Weights } from './matching.entities';
import { type MatchRow, MatchingRepository } from './matching.repository';

const notFoundOrder = () => notFound('订单', 'Order');
const levelName = (level: number | null) => SKILL_LEVELS.find((l) => l.level === level)?.name ?? '';
const num = (v: string | number) => Number(v);

/** Why each part scored what it did, in the words a counsellor would use. */
function reasons(r: MatchRow): Record<ScorePart, [string, string]> {
  const need = r.required_level ? `${r.occupation_name}${levelName(r.required_level)}` : r.occupation_name;
  const certificate: [string, string] =
    r.cert_level === null
      ? r.required_level
        ? [`没有${need}证书（订单要求）`, `No ${r.occupation_name} certificate (required, level ${r.required_level})`]
        : [`没有${r.occupation_name}证书（订单不强制）`, `No ${r.occupation_name} certificate (not required)`]
      : r.required_level === null || r.cert_level <= r.required_level
        ? [`持有${r.occupation_name}${levelName(r.cert_level)}证书`, `Holds ${r.occupation_name} level ${r.cert_level}`]
        : [
            `持有${levelName(r.cert_level)}证书，低于要求的${levelName(r.required_level)}`,
            `Level ${r.cert_level}, below the required ${r.required_level}`,
          ];
  const division: Record<MatchRow['div_rel'], [string, string]> = {
    same: [`家在或愿去${r.order_division_name}`, `Lives in or prefers ${r.order_division_name}`],
    near: [`家在${r.home_division_name}，与${r.order_division_name}相邻`, `Home ${r.home_division_name} borders ${r.order_division_name}`],
    move: ['离家较远，但愿意住在单位且单位提供住宿', 'Far from home, but willing to live on site and lodging is provided'],
    far: [`家在${r.home_division_name}，离工作地较远`, `Home ${r.home_division_name} is far from the workplace`],
  };
  const lodgingProvided = r.board_and_lodging === 'lodging' || r.board_and_lodging === 'both';
  return {
    certificate,
    training: r.order_class
      ? ['本订单的订单班学员', 'In this order’s 订单班']
      : r.in_training
        ? [`正在学${r.occupation_name}课程`, `Studying a ${r.occupation_name} course`]
        : ['没有在学相关课程', 'No related course in progress'],
    diploma: r.has_diploma
      ? ['已取得中专文凭', 'Holds a 中专 diploma']
      : r.diploma_wanted
        ? ['订单要求中专文凭，尚未取得', 'The order wants a diploma; none yet']
        : ['订单不要求文凭', 'No diploma needed'],
    division: division[r.div_rel],
    lodging:
      r.willing_to_live_on_site === null
        ? ['未登记是否愿意住单位', 'Not recorded whether they would live on site']
        : r.willing_to_live_on_site
          ? lodgingProvided
            ? ['愿意住单位，单位提供住宿', 'Would live on site; lodging provided']
            : ['愿意住单位，但单位不提供住宿', 'Would live on site; no lodging offered']
          : ['不需要住宿', 'Does not need lodging'],
    wage:
      r.wage_expectation === null || r.wage_max === null
        ? ['工资期望或工资范围未填写', 'Wage expectation or range not given']
        : r.wage_expectation <= r.wage_max
          ? [
              `期望 ${r.wage_expectation} 元，在范围内（最高 ${r.wage_max}）`,
              `Expects ${r.wage_expectation}, within the range (up to ${r.wage_max})`,
            ]
          : [`期望 ${r.wage_expectation} 元，高于最高 ${r.wage_max} 元`, `Expects ${r.wage_expectation}, above the ${r.wage_max} maximum`],
    industry:
      r.preferred_industries.length === 0
        ? ['没有填写意向行业', 'No preferred industry given']
        : r.industry_match
          ? [`意向行业（${r.preferred_industries.join('、')}）相符`, `Preferred industry matches (${r.preferred_industries.join(', ')})`]
          : [`意向行业是${r.preferred_industries.join('、')}`, `Prefers ${r.preferred_industries.join(', ')}`],
    readiness:
      r.ready === null
        ? ['辅导员尚未评估就业准备情况', 'No readiness note yet']
        : r.ready
          ? [
              `辅导员评估：可以上岗${r.readiness_note ? `（${r.readiness_note}）` : ''}`,
              `Counsellor: ready${r.readiness_note ? ` (${r.readiness_note})` : ''}`,
            ]
          : [`辅导员评估：暂不适合上岗${r.readiness_note ? `（${r.readiness_note}）` : ''}`, `Counsellor: not ready yet`],
  };
}

function partsOf(r: MatchRow, w: Weights): ScorePartDto[] {
  const why = reasons(r);
  return SCORE_PARTS.map((key) => {
    const value = num(r[`p_${key}`]);
    return { key, weight: w[key], value, points: Math.round(value * w[key] * 10) / 10, reason: why[key][0], reasonEn: why[key][1] };
  });
}

/** What the order asks for that the trainee lacks. */
function missingOf(r: MatchRow): string[] {
  const out: string[] = [];
  if (r.required_level && (r.cert_level === null || r.cert_level > r.required_level))
    out.push(`${r.occupation_name}${levelName(r.required_level)}或以上证书`);
  if (r.diploma_wanted && !r.has_diploma) out.push('中专文凭');
  if (r.state !== 'released' && r.state !== 'community' && r.expected_release_on > r.start_date)
    out.push(`${r.start_date} 前出所（预计 ${r.expected_release_on}）`);
  return out;
}

/**
 * Explainable matching. The ranking runs in PostgreSQL (see MatchingRepository); here are the rules
 * of who may rank whom, the words that explain each part, and the weights' versions. Suggestions
 * stay with counsellors: employers never reach these routes, and a recommendation is a placement.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly matching: MatchingRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async candidates(user: AuthUser, orderId: string, q: CandidateQueryDto, ctx: RequestContext): Promise<CandidateRankingDto> {
    const order = await this.visibleOrder(orderId);
    const { version, weights } = await this.matching.currentWeights();
    const rows = await this.matching.rankForOrder(
      orderId,
      weights,
      {
        organisationId: user.role === 'admin' ? null : user.organisationId,
        divisionCode: q.divisionCode,
        availableBy: q.availableBy,
        certificateOccupation: q.certificateOccupation,
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    const total = rows[0]?.total ?? 0;
    await this.matching.logRanking({ orderId, traineeId: null, version, by: user.id, count: rows.length });
    // A ranking shows trainees' records (names, certificates): one audit entry per ranking read.
    await this.audit.record({
      actor: user,
      action: 'matching.rank',
      subjectType: 'order',
      subjectId: orderId,
      result: 'success',
      ctx,
      detail: { weightsVersion: version, shown: rows.length },
    });
    return {
      orderId,
      orderTitle: order.title,
      employerName: order.employer_name,
      weightsVersion: version,
      total,
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
    await this.visibleOrder(orderId);
    const [t] = await this.dataSource.query<{ organisation_id: string }[]>(`SELECT organisation_id FROM trainee WHERE id = $1`, [
      traineeId,
    ]);
    if (!t || (user.role !== 'admin' && t.organisation_id !== user.organisationId)) throw notFound('学员档案', 'Trainee record');
    const { version, weights } = await this.matching.currentWeights();
    const r = (await this.matching.one(orderId, traineeId, weights))!;
    const blockers: string[] = [];
    const row = r as MatchRow & { available: boolean; job_matching_consent: boolean };
    if (!row.job_matching_consent) blockers.push('没有同意参加岗位匹配（或已撤回），系统不会把他/她列为候选人');
    if (r.state === 'closed') blockers.push('档案已结案');
    if (r.state !== 'released' && r.state !== 'community' && r.expected_release_on > r.start_date)
      blockers.push(`预计 ${r.expected_release_on} 出所，晚于到岗日期 ${r.start_date}`);
    if (!row.available && blockers.length === 0) blockers.push('已在其他单位入职（尚未登记离职）');
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
      eligible: row.available,
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
      const [own] = await this.dataSource.query<{ id: string; job_matching_consent: boolean }[]>(
        `SELECT id, job_matching_consent FROM trainee WHERE user_id = $1`,
        [user.id],
      );
      if (!own) throw notFound('学员档案', 'Trainee record');
      id = own.id;
    } else {
      const [t] = await this.dataSource.query<{ organisation_id: string }[]>(`SELECT organisation_id FROM trainee WHERE id = $1`, [
        traineeId,
      ]);
      if (!t || (user.role !== 'admin' && t.organisation_id !== user.organisationId)) throw notFound('学员档案', 'Trainee record');
      id = traineeId;
    }
    const { version, weights } = await this.matching.currentWeights();
    const rows = await this.matching.ordersForTrainee(id, weights, this.clock.today(), 20);
    await this.matching.logRanking({ orderId: null, traineeId: id, version, by: user.id, count: rows.length });
    if (traineeId)
      await this.audit.record({
        actor: user,
        action: 'matching.orders_for',
        subjectType: 'trainee',
        subjectId: id,
        result: 'success',
        ctx,
      });
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
    const [w] = await this.dataSource.query<{ version: number; weights: Weights; note: string | null; created_at: Date }[]>(
      `SELECT version, weights, note, created_at FROM matching_weights ORDER BY version DESC LIMIT 1`,
    );
    return { version: w!.version, ...w!.weights, note: w!.note, createdAt: new Date(w!.created_at).toISOString() };
  }

  async setWeights(user: AuthUser, dto: SetWeightsDto, ctx: RequestContext): Promise<WeightsDto> {
    const weights = Object.fromEntries(SCORE_PARTS.map((k) => [k, dto[k]])) as Weights;
    const sum = SCORE_PARTS.reduce((s, k) => s + weights[k], 0);
    if (sum !== 100)
      throw badRequest(
        'WEIGHTS_SUM',
        `各项权重加起来应为 100（现在是 ${sum}）。`,
        `The weights must add up to 100 (they add up to ${sum}).`,
        { sum },
      );
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<{ version: number }[]>(
        `INSERT INTO matching_weights (weights, note, created_by) VALUES ($1, $2, $3) RETURNING version`,
        [JSON.stringify(weights), dto.note ?? null, user.id],
      );
      await this.audit.record(
        {
          actor: user,
          action: 'matching.weights',
          subjectType: 'matching_weights',
          subjectId: String(row!.version),
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
    const [t] = await this.dataSource.query<{ organisation_id: string }[]>(`SELECT organisation_id FROM trainee WHERE id = $1`, [
      traineeId,
    ]);
    if (!t || t.organisation_id !== user.organisationId) throw notFound('学员档案', 'Trainee record');
    const [row] = await this.dataSource.query<{ set_at: Date }[]>(
      `INSERT INTO trainee_readiness (trainee_id, ready, note, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trainee_id) DO UPDATE SET ready = EXCLUDED.ready, note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = now()
       RETURNING set_at`,
      [traineeId, dto.ready, dto.note ?? null, user.id],
    );
    await this.audit.record({
      actor: user,
      action: 'matching.readiness',
      subjectType: 'trainee',
      subjectId: traineeId,
      result: 'success',
      ctx,
    });
    return { traineeId, ready: dto.ready, note: dto.note ?? null, setAt: new Date(row!.set_at).toISOString() };
  }

  /** Counsellors and admins rank for open orders (and the ones they have filled); drafts are the employer's own. */
  private async visibleOrder(orderId: string): Promise<{ title: string; employer_name: string }> {
    const [o] = await this.dataSource.query<{ title: string; employer_name: string; state: string }[]>(
      `SELECT o.title, e.name AS employer_name, o.state FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE o.id = $1`,
      [orderId],
    );
    if (!o || o.state === 'draft') throw notFoundOrder();
    return o;
  }
}
