import type { EntityManager } from 'typeorm';
import type { VisitState } from './follow-up.entities';

/**
 * A station recorded a follow-up visit (done, missed or unreachable). Published by
 * FollowUpsService.record inside its transaction, with its `manager`: listeners (lost contact, 失联)
 * write in that transaction, so the record and what follows from it commit together or not at all.
 * Not published for an offline replay of a record already stored.
 */
export class VisitRecorded {
  constructor(
    readonly visitId: string,
    readonly traineeId: string,
    /** The station the visit belongs to. */
    readonly stationId: string,
    readonly state: Exclude<VisitState, 'planned'>,
    /** The day of the visit or attempt (YYYY-MM-DD). */
    readonly visitedOn: string,
    /** The counsellor who recorded it. */
    readonly recordedBy: string,
    /** How the person was reached (done visits). */
    readonly contactMethod: string | null,
    readonly manager: EntityManager,
  ) {}
}
