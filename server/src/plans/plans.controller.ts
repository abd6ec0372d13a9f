import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  CreateNeedsAssessmentDto,
  CreatePlanActionDto,
  CreatePlanGoalDto,
  CreatePlanReviewDto,
  MyPlanDto,
  PlanActionDto,
  PlanDto,
  PlanGoalDto,
  PlanReviewDto,
  UpdatePlanActionDto,
  UpdatePlanGoalDto,
  UpdatePlanReviewDto,
} from './dto/plan.dto';
import { MyPlanService } from './my-plan.service';
import { PlanStepsService } from './plan-steps.service';
import { PlansService } from './plans.service';

/** The needs assessment and the personal plan (个人回归计划), kept by the organisation holding the trainee. */
@ApiTags('plans')
@Controller('trainees')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly steps: PlanStepsService,
  ) {}

  /** The whole plan: latest assessment, its versions, goals, steps, reviews and blockers (audited read). */
  @Get(':id/plan')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<PlanDto> {
    return this.plans.plan(user, id, ctx);
  }

  /** A new version of the needs assessment (the old ones are kept). */
  @Post(':id/needs-assessments')
  @Access(['counsellor'], 'own-organisation')
  assess(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateNeedsAssessmentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanDto> {
    return this.plans.assess(user, id, dto, ctx);
  }

  @Post(':id/plan/goals')
  @Access(['counsellor'], 'own-organisation')
  addGoal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreatePlanGoalDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanGoalDto> {
    return this.plans.addGoal(user, id, dto, ctx);
  }

  @Patch(':id/plan/goals/:goalId')
  @Access(['counsellor'], 'own-organisation')
  updateGoal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Body() dto: UpdatePlanGoalDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanGoalDto> {
    return this.plans.updateGoal(user, id, goalId, dto, ctx);
  }

  @Post(':id/plan/actions')
  @Access(['counsellor'], 'own-organisation')
  addAction(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreatePlanActionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanActionDto> {
    return this.steps.addAction(user, id, dto, ctx);
  }

  @Patch(':id/plan/actions/:actionId')
  @Access(['counsellor'], 'own-organisation')
  updateAction(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() dto: UpdatePlanActionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanActionDto> {
    return this.steps.updateAction(user, id, actionId, dto, ctx);
  }

  @Post(':id/plan/reviews')
  @Access(['counsellor'], 'own-organisation')
  addReview(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreatePlanReviewDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanReviewDto> {
    return this.steps.addReview(user, id, dto, ctx);
  }

  @Patch(':id/plan/reviews/:reviewId')
  @Access(['counsellor'], 'own-organisation')
  updateReview(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Body() dto: UpdatePlanReviewDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlanReviewDto> {
    return this.steps.updateReview(user, id, reviewId, dto, ctx);
  }
}

/** The trainee's own plan (portal), in plain words. */
@ApiTags('plans')
@Controller('me/plan')
export class MyPlanController {
  constructor(private readonly mine: MyPlanService) {}

  @Get()
  @Access(['trainee'], 'self')
  get(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<MyPlanDto> {
    return this.mine.myPlan(user, ctx);
  }

  /** Tick one of my own steps. */
  @Post('actions/:actionId/done')
  @HttpCode(200)
  @Access(['trainee'], 'self')
  done(
    @CurrentUser() user: AuthUser,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<MyPlanDto> {
    return this.mine.markDone(user, actionId, ctx);
  }

  /** Untick a step I ticked myself. */
  @Post('actions/:actionId/undone')
  @HttpCode(200)
  @Access(['trainee'], 'self')
  undone(
    @CurrentUser() user: AuthUser,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<MyPlanDto> {
    return this.mine.markUndone(user, actionId, ctx);
  }
}
