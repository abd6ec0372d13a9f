import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { plansControllerAddAction } from '../../core/api/generated/fn/plans/plans-controller-add-action';
import { plansControllerAddGoal } from '../../core/api/generated/fn/plans/plans-controller-add-goal';
import { plansControllerAddReview } from '../../core/api/generated/fn/plans/plans-controller-add-review';
import { plansControllerAssess } from '../../core/api/generated/fn/plans/plans-controller-assess';
import { plansControllerGet } from '../../core/api/generated/fn/plans/plans-controller-get';
import { plansControllerUpdateAction } from '../../core/api/generated/fn/plans/plans-controller-update-action';
import { plansControllerUpdateGoal } from '../../core/api/generated/fn/plans/plans-controller-update-goal';
import { plansControllerUpdateReview } from '../../core/api/generated/fn/plans/plans-controller-update-review';
import type { CreateNeedsAssessmentDto } from '../../core/api/generated/models/create-needs-assessment-dto';
import type { CreatePlanActionDto } from '../../core/api/generated/models/create-plan-action-dto';
import type { CreatePlanGoalDto } from '../../core/api/generated/models/create-plan-goal-dto';
import type { CreatePlanReviewDto } from '../../core/api/generated/models/create-plan-review-dto';
import type { PlanActionDto } from '../../core/api/generated/models/plan-action-dto';
import type { PlanDto } from '../../core/api/generated/models/plan-dto';
import type { PlanGoalDto } from '../../core/api/generated/models/plan-goal-dto';
import type { PlanReviewDto } from '../../core/api/generated/models/plan-review-dto';
import type { UpdatePlanActionDto } from '../../core/api/generated/models/update-plan-action-dto';
import type { UpdatePlanGoalDto } from '../../core/api/generated/models/update-plan-goal-dto';
import type { UpdatePlanReviewDto } from '../../core/api/generated/models/update-plan-review-dto';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import { FRESH_SUBMIT } from '../../core/http/idempotency-interceptor';

export type {
  CreateNeedsAssessmentDto,
  CreatePlanActionDto,
  CreatePlanGoalDto,
  CreatePlanReviewDto,
  PlanActionDto,
  PlanDto,
  PlanGoalDto,
  PlanReviewDto,
  UpdatePlanActionDto,
  UpdatePlanGoalDto,
  UpdatePlanReviewDto,
};

const silent = () => new HttpContext().set(SILENT_ERRORS, true);
/** A status set, undone and set again within seconds is deliberate: each is asked afresh (not replayed). */
const toggle = () => silent().set(FRESH_SUBMIT, true);

/** The personal plan (个人回归计划) of one trainee, as the holding organisation's staff keep it. */
@Injectable({ providedIn: 'root' })
export class PlansApi {
  private readonly api = inject(ApiClient);

  get(traineeId: string): Observable<PlanDto> {
    return this.api.invoke(plansControllerGet, { id: traineeId }, silent());
  }

  /** A new version of the needs assessment; answers with the whole plan. */
  assess(traineeId: string, dto: CreateNeedsAssessmentDto): Observable<PlanDto> {
    return this.api.invoke(plansControllerAssess, { id: traineeId, body: dto }, silent());
  }

  addGoal(traineeId: string, dto: CreatePlanGoalDto): Observable<PlanGoalDto> {
    return this.api.invoke(plansControllerAddGoal, { id: traineeId, body: dto }, silent());
  }

  updateGoal(traineeId: string, goalId: string, dto: UpdatePlanGoalDto): Observable<PlanGoalDto> {
    return this.api.invoke(plansControllerUpdateGoal, { id: traineeId, goalId, body: dto }, toggle());
  }

  addAction(traineeId: string, dto: CreatePlanActionDto): Observable<PlanActionDto> {
    return this.api.invoke(plansControllerAddAction, { id: traineeId, body: dto }, silent());
  }

  updateAction(traineeId: string, actionId: string, dto: UpdatePlanActionDto): Observable<PlanActionDto> {
    return this.api.invoke(plansControllerUpdateAction, { id: traineeId, actionId, body: dto }, toggle());
  }

  addReview(traineeId: string, dto: CreatePlanReviewDto): Observable<PlanReviewDto> {
    return this.api.invoke(plansControllerAddReview, { id: traineeId, body: dto }, silent());
  }

  updateReview(traineeId: string, reviewId: string, dto: UpdatePlanReviewDto): Observable<PlanReviewDto> {
    return this.api.invoke(plansControllerUpdateReview, { id: traineeId, reviewId, body: dto }, silent());
  }
}
