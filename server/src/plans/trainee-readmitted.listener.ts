import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { TraineeReadmitted } from '../trainees/trainee-readmitted.event';
import { PlansRepository } from './plans.repository';

/** Days after a re-admission by which the plan is reviewed again (a new needs assessment, new steps). */
export const READMISSION_REVIEW_DAYS = 14;

/**
 * A re-admission reopens the plan: its history stays (assessments, goals, steps done), the motto's
 * goals not reached are open again, and a review is due within two weeks, when the counsellor assesses
 * the needs afresh. A person without a plan gets one at that first assessment, as anyone does.
 */
@Injectable()
export class PlansReadmittedListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly plans: PlansRepository,
  ) {}

  onModuleInit(): void {
    this.events.on(TraineeReadmitted, (e) => this.reopen(e.manager, e.traineeId, e.admittedOn));
  }

  private async reopen(m: EntityManager, traineeId: string, admittedOn: string): Promise<void> {
    const goals = await this.plans.goalsOf(traineeId, m);
    if (!goals.length) return;
    for (const g of goals) if (g.kind !== 'own' && g.status === 'dropped') await this.plans.updateGoal(g.id, { status: 'open' }, m);
    const due = new Date(Date.parse(`${admittedOn}T00:00:00Z`) + READMISSION_REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
    await this.plans.insertReview({ traineeId, dueOn: due, heldOn: null, summary: null, nextReviewOn: null }, m);
  }
}
