import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { TraineesService } from '../trainees/trainees.service';
import type { CreateNeedsAssessmentDto, CreatePlanGoalDto, PlanDto, PlanGoalDto, UpdatePlanGoalDto } from './dto/plan.dto';
import {
  AREA_LABELS,
  BLOCKER_CODES,
  BLOCKING_NEEDS,
  type BlockerCode,
  isNeedCodeOf,
  MOTTO_GOAL_KINDS,
  NEED_ACTION_TITLES,
  NEED_AREAS,
  NEED_CODES,
  type NeedCode,
} from './need-codes';
import type { NeedsAssessmentArea } from './plan.entities';
import { toActionDto, toAreaDto, toAssessmentSummary, toGoalDto, toReviewDto } from './plan.mapper';
import { PlansRepository } from './plans.repository';

const BLOCKING_CODES = Object.keys(BLOCKING_NEEDS) as NeedCode[];

/**
 * The needs assessment and the plan's goals, as the organisation holding the trainee keeps them;
 * steps and reviews are in PlanStepsService, the trainee's own view in MyPlanService. Also the
 * blockers other modules ask about (readiness, matching).
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly trainees: TraineesService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /** The whole plan (staff); the read is audited. Another organisation's trainee: 404. */
  async plan(user: AuthUser, traineeId: string, ctx: RequestContext): Promise<PlanDto> {
    await this.access.requireAccess(user, 'plan.read', traineeId);
    // Admins pass the rule for any id: a made-up id is still a 404, not an empty plan.
    if (!(await this.trainees.summaries([traineeId])).length) throw notFound('TRAINEE_RECORD');
    await this.audit.record({ actor: user, action: 'plan.read', subjectType: 'trainee', subjectId: traineeId, result: 'success', ctx });
    return this.load(traineeId);
  }

  /** A new version of the needs assessment; the first also opens the motto's three goals. */
  async assess(user: AuthUser, traineeId: string, dto: CreateNeedsAssessmentDto, ctx: RequestContext): Promise<PlanDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    for (const a of dto.areas) {
      const unknown = a.items.some((c) => !isNeedCodeOf(a.area, c));
      if (unknown) throw badRequest('NEED_CODE_UNKNOWN', { area: { zh: AREA_LABELS[a.area][0], en: AREA_LABELS[a.area][1] } });
      if (a.level === 'none' && a.items.length) throw badRequest('NEED_ITEMS_WITHOUT_NEED');
    }
    await this.dataSource.transaction(async (m) => {
      const version = await this.plans.nextVersion(traineeId, m);
      const id = await this.plans.insertAssessment({ traineeId, version, stage: dto.stage, assessedBy: user.id }, m);
      const areas = dto.areas.map((a): NeedsAssessmentArea => ({
        assessmentId: id,
        area: a.area,
        level: a.level,
        items: a.items as NeedCode[],
        note: a.note || null,
      }));
      await this.plans.insertAreas(areas, m);
      if (version === 1) {
        for (const kind of MOTTO_GOAL_KINDS) await this.plans.insertGoal({ traineeId, kind, title: null, targetOn: null }, m);
      }
      const documents = areas.find((a) => a.area === 'documents');
      // Without an ID card there is no contract, bank card or social security: it is opened at once.
      if (
        documents?.level === 'urgent' &&
        documents.items.includes('id_card') &&
        !(await this.plans.hasLiveActionFor(traineeId, 'id_card', m))
      ) {
        await this.plans.insertAction(
          {
            traineeId,
            goalId: null,
            area: 'documents',
            needCode: 'id_card',
            title: NEED_ACTION_TITLES.id_card[0],
            owner: 'counsellor',
            dueOn: null,
          },
          m,
        );
      }
      await this.audit.record(
        {
          actor: user,
          action: 'plan.assess',
          subjectType: 'trainee',
          subjectId: traineeId,
          result: 'success',
          ctx,
          detail: { version, stage: dto.stage, urgent: areas.filter((a) => a.level === 'urgent').map((a) => a.area) },
        },
        m,
      );
    });
    return this.load(traineeId);
  }

  async addGoal(user: AuthUser, traineeId: string, dto: CreatePlanGoalDto, ctx: RequestContext): Promise<PlanGoalDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    const own = dto.kind === 'own';
    if (own !== (dto.title !== undefined)) throw badRequest('PLAN_GOAL_TITLE');
    const id = await this.dataSource.transaction(async (m) => {
      const goalId = await this.plans.insertGoal(
        { traineeId, kind: dto.kind, title: dto.title ?? null, targetOn: dto.targetOn ?? null },
        m,
      );
      if (!goalId) throw conflict('PLAN_GOAL_EXISTS');
      await this.recordWrite(user, traineeId, 'plan.goal.create', { kind: dto.kind }, ctx, m);
      return goalId;
    });
    return toGoalDto((await this.plans.findGoal(traineeId, id))!);
  }

  async updateGoal(user: AuthUser, traineeId: string, goalId: string, dto: UpdatePlanGoalDto, ctx: RequestContext): Promise<PlanGoalDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    await this.dataSource.transaction(async (m) => {
      const goal = await this.plans.findGoal(traineeId, goalId, m);
      if (!goal) throw notFound('PLAN_GOAL');
      if (dto.title !== undefined && goal.kind !== 'own') throw badRequest('PLAN_GOAL_TITLE');
      await this.plans.updateGoal(
        goalId,
        {
          ...(dto.title !== undefined ? { title: dto.title } : {}),
          ...(dto.targetOn !== undefined ? { targetOn: dto.targetOn } : {}),
          ...(dto.status !== undefined ? { status: dto.status } : {}),
        },
        m,
      );
      await this.recordWrite(user, traineeId, 'plan.goal.update', { goal: goalId, status: dto.status ?? null }, ctx, m);
    });
    return toGoalDto((await this.plans.findGoal(traineeId, goalId))!);
  }

  /**
   * For readiness and matching: what stops each trainee's next steps, from their latest assessment
   * (e.g. `no_id_card`: the ID card is listed as missing and no action for it is done, so the
   * person cannot sign a contract). Every id asked gets an entry, empty when nothing blocks.
   * No access check: the caller's own service has already decided who may see these trainees.
   */
  async blockersFor(traineeIds: string[], m?: EntityManager): Promise<Map<string, BlockerCode[]>> {
    const out = new Map<string, BlockerCode[]>(traineeIds.map((id) => [id, []]));
    if (!traineeIds.length) return out;
    for (const r of await this.plans.openNeeds(traineeIds, BLOCKING_CODES, m)) {
      const code = BLOCKING_NEEDS[r.code];
      if (code) out.get(r.trainee_id)?.push(code);
    }
    // A stable order (the list's) whatever order the codes were stored in.
    for (const codes of out.values()) codes.sort((x, y) => BLOCKER_CODES.indexOf(x) - BLOCKER_CODES.indexOf(y));
    return out;
  }

  /** The plan as staff see it (after the caller's access check). */
  async load(traineeId: string): Promise<PlanDto> {
    const [versions, goals, actions, reviews, blockers] = await Promise.all([
      this.plans.versionsOf(traineeId),
      this.plans.goalsOf(traineeId),
      this.plans.actionsOf(traineeId),
      this.plans.reviewsOf(traineeId),
      this.blockersFor([traineeId]),
    ]);
    const latest = versions[0];
    const areas = latest ? await this.plans.areasOf(latest.id) : [];
    return {
      traineeId,
      assessment: latest ? { ...toAssessmentSummary(latest), areas: areas.map(toAreaDto) } : null,
      versions: versions.map(toAssessmentSummary),
      goals: goals.map(toGoalDto),
      actions: actions.map(toActionDto),
      reviews: reviews.map(toReviewDto),
      blockers: blockers.get(traineeId) ?? [],
      codes: NEED_AREAS.map((area) => ({ area, codes: [...NEED_CODES[area]] })),
    };
  }

  /** Today (China date), for the steps' date rules. */
  today(): string {
    return this.clock.today();
  }

  /** The audit entry of a change to the plan (ids and codes only, never the staff's words). */
  recordWrite(
    user: AuthUser,
    traineeId: string,
    action: string,
    detail: Record<string, unknown>,
    ctx: RequestContext,
    m: EntityManager,
  ): Promise<void> {
    return this.audit.record({ actor: user, action, subjectType: 'trainee', subjectId: traineeId, result: 'success', ctx, detail }, m);
  }
}
