import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import { HandoverCompleted } from '../handovers/handover-completed.event';
import { FollowUpsService } from './follow-ups.service';

/**
 * 回访 starts with the release: when a handover is completed, the receiving station's schedule of
 * visits (+1, +3 … months) is made, assigned to whoever completed it, in the handover's transaction.
 */
@Injectable()
export class HandoverCompletedListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly followUps: FollowUpsService,
  ) {}

  onModuleInit(): void {
    this.events.on(HandoverCompleted, (e) =>
      this.followUps.scheduleAtRelease(e.manager, {
        traineeId: e.traineeId,
        stationId: e.stationId,
        handoverId: e.handoverId,
        releasedOn: e.releasedOn,
        assignedUserId: e.completedBy,
      }),
    );
  }
}
