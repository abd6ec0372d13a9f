import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, notFound } from '../common/domain-error';
import type {
  CreatePlanActionDto,
  CreatePlanReviewDto,
  PlanActionDto,
  PlanReviewDto,
  UpdatePlanActionDto,
  UpdatePlanReviewDto,
} from './dto/plan.dto';
import { AREA_LABELS, isNeedCodeOf, NEED_ACTION_TITLES } from './need-codes';
import type { PlanAction } from './plan.entities';
import { toActionDto, toReviewDto } from './plan.mapper';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

/** The plan's steps (actions) and reviews, kept by the organisation holding the trainee. */
@Injectable()
export class PlanStepsService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly service: PlansService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async addAction(user: AuthUser, traineeId: string, dto: CreatePlanActionDto, ctx: RequestContext): Promise<PlanActionDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    const code = dto.needCode ?? null;
    if (code !== null && !isNeedCodeOf(dto.area, code)) {
      throw badRequest('NEED_CODE_UNKNOWN', { area: { zh: AREA_LABELS[dto.area][0], en: AREA_LABELS[dto.area][1] } });
    }
    // A coded step reads the fixed text (the trainee sees it); only an uncoded one takes the staff's words.
    if ((code === null) === (dto.title === undefined)) throw badRequest('PLAN_ACTION_TITLE');
    if (dto.dueOn !== undefined && dto.dueOn < this.clock.today()) throw badRequest('DUE_DATE_IN_PAST');
    const id = await this.dataSource.transaction(async (m) => {
      if (dto.goalId) await this.requireGoal(traineeId, dto.goalId, m);
      const actionId = await this.plans.insertAction(
        {
          traineeId,
          goalId: dto.goalId ?? null,
          area: dto.area,
          needCode: code,
          title: code !== null ? NEED_ACTION_TITLES[code][0] : dto.title!,
          owner: dto.owner,
          dueOn: dto.dueOn ?? null,
        },
        m,
      );
      await this.service.recordWrite(user, traineeId, 'plan.action.create', { action: actionId, area: dto.area, needCode: code }, ctx, m);
      return actionId;
    });
    return toActionDto((await this.plans.actionOf(traineeId, id))!);
  }

  async updateAction(
    user: AuthUser,
    traineeId: string,
    actionId: string,
    dto: UpdatePlanActionDto,
    ctx: RequestContext,
  ): Promise<PlanActionDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    await this.dataSource.transaction(async (m) => {
      const action = await this.plans.findActionForUpdate(traineeId, actionId, m);
      if (!action) throw notFound('PLAN_ACTION');
      if (dto.title !== undefined && action.needCode !== null) throw badRequest('PLAN_ACTION_TITLE');
      if (dto.dueOn && dto.dueOn !== action.dueOn && dto.dueOn < this.clock.today()) throw badRequest('DUE_DATE_IN_PAST');
      if (dto.goalId) await this.requireGoal(traineeId, dto.goalId, m);
      const patch: Partial<PlanAction> = {
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.owner !== undefined ? { owner: dto.owner } : {}),
        ...(dto.dueOn !== undefined ? { dueOn: dto.dueOn } : {}),
        ...(dto.goalId !== undefined ? { goalId: dto.goalId } : {}),
      };
      if (dto.status !== undefined && (dto.status !== action.status || action.markedByTrainee)) {
        // Staff setting 'done' confirms it (also a step the trainee ticked); anything else clears who did it.
        const done = dto.status === 'done';
        Object.assign(patch, {
          status: dto.status,
          doneBy: done ? user.id : null,
          doneAt: done ? this.clock.now() : null,
          markedByTrainee: false,
        });
      }
      await this.plans.updateAction(actionId, patch, m);
      await this.service.recordWrite(user, traineeId, 'plan.action.update', { action: actionId, status: dto.status ?? null }, ctx, m);
    });
    return toActionDto((await this.plans.actionOf(traineeId, actionId))!);
  }

  async addReview(user: AuthUser, traineeId: string, dto: CreatePlanReviewDto, ctx: RequestContext): Promise<PlanReviewDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    if (dto.heldOn && dto.heldOn > this.clock.today()) throw badRequest('REVIEW_DATE_IN_FUTURE');
    const id = await this.dataSource.transaction(async (m) => {
      const reviewId = await this.plans.insertReview(
        { traineeId, dueOn: dto.dueOn, heldOn: dto.heldOn ?? null, summary: dto.summary || null, nextReviewOn: dto.nextReviewOn ?? null },
        m,
      );
      await this.service.recordWrite(user, traineeId, 'plan.review.create', { review: reviewId }, ctx, m);
      return reviewId;
    });
    return toReviewDto((await this.plans.findReview(traineeId, id))!);
  }

  async updateReview(
    user: AuthUser,
    traineeId: string,
    reviewId: string,
    dto: UpdatePlanReviewDto,
    ctx: RequestContext,
  ): Promise<PlanReviewDto> {
    await this.access.requireAccess(user, 'plan.write', traineeId);
    if (dto.heldOn && dto.heldOn > this.clock.today()) throw badRequest('REVIEW_DATE_IN_FUTURE');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.plans.findReview(traineeId, reviewId, m))) throw notFound('PLAN_REVIEW');
      await this.plans.updateReview(
        reviewId,
        {
          ...(dto.dueOn !== undefined ? { dueOn: dto.dueOn } : {}),
          ...(dto.heldOn !== undefined ? { heldOn: dto.heldOn } : {}),
          ...(dto.summary !== undefined ? { summary: dto.summary || null } : {}),
          ...(dto.nextReviewOn !== undefined ? { nextReviewOn: dto.nextReviewOn } : {}),
        },
        m,
      );
      await this.service.recordWrite(user, traineeId, 'plan.review.update', { review: reviewId, held: !!dto.heldOn }, ctx, m);
    });
    return toReviewDto((await this.plans.findReview(traineeId, reviewId))!);
  }

  /** A goal given for a step must be one of this trainee's (400 otherwise: the form offered it). */
  private async requireGoal(traineeId: string, goalId: string, m: EntityManager): Promise<void> {
    if (!(await this.plans.findGoal(traineeId, goalId, m))) throw badRequest('PLAN_GOAL_UNKNOWN');
  }
}
