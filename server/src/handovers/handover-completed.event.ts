import type { EntityManager } from 'typeorm';

/**
 * A receiving station confirmed the person arrived: the trainee is released into its caseload.
 * Published by HandoversService.complete inside its transaction, with its `manager`: listeners
 * (the follow-up schedule) write in that transaction, so the release and what follows from it
 * commit together or not at all.
 */
export class HandoverCompleted {
  constructor(
    readonly handoverId: string,
    readonly traineeId: string,
    /** The receiving community station, which now holds the trainee. */
    readonly stationId: string,
    /** The day the person was handed over (YYYY-MM-DD): the release date. */
    readonly releasedOn: string,
    /** Who completed it (a counsellor of the station). */
    readonly completedBy: string,
    readonly manager: EntityManager,
  ) {}
}
