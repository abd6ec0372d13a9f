import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import { TraineeReadmitted } from '../trainees/trainee-readmitted.event';
import { FollowUpsService } from './follow-ups.service';

/**
 * A person admitted again is no longer visited by the station: the visits still planned for the
 * release that ended are dropped (recorded ones stay, they are that release's outcome). The next
 * release makes a schedule of its own.
 */
@Injectable()
export class TraineeReadmittedListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly followUps: FollowUpsService,
  ) {}

  onModuleInit(): void {
    this.events.on(TraineeReadmitted, (e) => this.followUps.dropPlannedVisits(e.manager, e.traineeId));
  }
}
