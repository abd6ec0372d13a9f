import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, notFound } from '../common/domain-error';
import { TraineesService } from '../trainees/trainees.service';
import type { MyPlanDto } from './dto/plan.dto';
import { toMyGoal, toMyNeed, toMyStep } from './plan.mapper';
import { PlansRepository } from './plans.repository';

/**
 * The trainee's own plan on their (possibly shared) phone: plain words from the fixed lists, their
 * goals and steps; never the staff's notes, review summaries, who assessed, the stage or any
 * organisation. The trainee ticks (and unticks) only steps that are theirs to do.
 */
@Injectable()
export class MyPlanService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly trainees: TraineesService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async myPlan(user: AuthUser, ctx: RequestContext): Promise<MyPlanDto> {
    const traineeId = await this.ownTrainee(user);
    await this.audit.record({
      actor: user,
      action: 'plan.read_self',
      subjectType: 'trainee',
      subjectId: traineeId,
      result: 'success',
      ctx,
    });
    return this.load(traineeId);
  }

  /** Tick one of my steps; ticking a step already done changes nothing (a retried request). */
  async markDone(user: AuthUser, actionId: string, ctx: RequestContext): Promise<MyPlanDto> {
    const traineeId = await this.ownTrainee(user);
    await this.dataSource.transaction(async (m) => {
      const step = await this.plans.findOwnStepForUpdate(traineeId, actionId, m);
      if (!step) throw notFound('PLAN_ACTION');
      if (step.status === 'done') return;
      if (step.status !== 'open') throw badRequest('PLAN_STEP_NOT_OPEN');
      await this.plans.updateAction(actionId, { status: 'done', doneBy: user.id, doneAt: this.clock.now(), markedByTrainee: true }, m);
      await this.audit.record(
        {
          actor: user,
          action: 'plan.step.done',
          subjectType: 'trainee',
          subjectId: traineeId,
          result: 'success',
          ctx,
          detail: { action: actionId },
        },
        m,
      );
    });
    return this.load(traineeId);
  }

  /** Untick a step I ticked myself; one staff confirmed stays done. */
  async markUndone(user: AuthUser, actionId: string, ctx: RequestContext): Promise<MyPlanDto> {
    const traineeId = await this.ownTrainee(user);
    await this.dataSource.transaction(async (m) => {
      const step = await this.plans.findOwnStepForUpdate(traineeId, actionId, m);
      if (!step) throw notFound('PLAN_ACTION');
      if (step.status === 'open') return;
      if (step.status !== 'done' || !step.markedByTrainee) throw badRequest('PLAN_STEP_CONFIRMED');
      await this.plans.updateAction(actionId, { status: 'open', doneBy: null, doneAt: null, markedByTrainee: false }, m);
      await this.audit.record(
        {
          actor: user,
          action: 'plan.step.undone',
          subjectType: 'trainee',
          subjectId: traineeId,
          result: 'success',
          ctx,
          detail: { action: actionId },
        },
        m,
      );
    });
    return this.load(traineeId);
  }

  private async ownTrainee(user: AuthUser): Promise<string> {
    const t = await this.trainees.ownRecord(user);
    await this.access.requireAccess(user, 'plan.self', t.id);
    return t.id;
  }

  private async load(traineeId: string): Promise<MyPlanDto> {
    const [versions, goals, actions, reviews] = await Promise.all([
      this.plans.versionsOf(traineeId),
      this.plans.goalsOf(traineeId),
      this.plans.actionsOf(traineeId),
      this.plans.reviewsOf(traineeId),
    ]);
    const latest = versions[0];
    const areas = latest ? await this.plans.areasOf(latest.id) : [];
    const today = this.clock.today();
    const upcoming = reviews
      .flatMap((r) => [r.heldOn === null ? r.dueOn : null, r.nextReviewOn])
      .filter((d): d is string => d !== null && d >= today)
      .sort();
    return {
      needs: areas.filter((a) => a.level !== 'none').map(toMyNeed),
      goals: goals.filter((g) => g.status !== 'dropped').map(toMyGoal),
      steps: actions.filter((a) => a.status !== 'cancelled').map(toMyStep),
      nextMeetingOn: upcoming[0] ?? null,
    };
  }
}
