import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { TraineeReadmitted } from '../trainees/trainee-readmitted.event';
import type { PlacementState } from './placement.entity';
import { PlacementsRepository } from './placements.repository';

/**
 * A person admitted again cannot start a job: the placements still in progress are withdrawn in the
 * re-admission's transaction, as a counsellor would withdraw them. The employer sees a withdrawn
 * candidate and never why (no note is written, no notice sent).
 */
@Injectable()
export class PlacementsReadmittedListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly placements: PlacementsRepository,
  ) {}

  onModuleInit(): void {
    this.events.on(TraineeReadmitted, (e) => this.withdraw(e.manager, e.traineeId, e.by));
  }

  private async withdraw(m: EntityManager, traineeId: string, by: string): Promise<void> {
    for (const p of await this.placements.withdrawOpen(m, traineeId))
      await this.placements.recordEvent(
        {
          placementId: p.id,
          fromState: p.from_state as PlacementState,
          toState: 'withdrawn',
          actorId: by,
          actorRole: 'counsellor',
          note: null,
        },
        m,
      );
  }
}
