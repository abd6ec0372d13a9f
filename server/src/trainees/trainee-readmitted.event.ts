import type { EntityManager } from 'typeorm';

/**
 * A person known to the platform was admitted to a facility again (a new episode). Published inside
 * the re-admission's transaction: listeners end what belonged to the life outside — planned visits,
 * open recommendations, an open transfer or lost-contact case — and reopen the plan, committing or
 * rolling back with it.
 */
export class TraineeReadmitted {
  constructor(
    readonly traineeId: string,
    /** The new episode. */
    readonly episodeId: string,
    /** The admitting facility, which now holds the record. */
    readonly facilityId: string,
    readonly admittedOn: string,
    /** Who recorded the re-admission (a counsellor of the facility). */
    readonly by: string,
    readonly manager: EntityManager,
  ) {}
}
