import { type Db, insertRow } from './db';

export interface VisitOverrides {
  traineeId: string;
  stationId: string;
  monthsAfter: number;
  dueOn: string;
  /** Default: done (visited on the due day, by phone). */
  state?: 'planned' | 'done' | 'missed' | 'unreachable';
  employmentStatus?: string | null;
  /** Recorded apart from the visit. */
  abstinence?: { status: string; basis: string };
}

/** A follow-up visit as a station recorded it (and its abstinence record when given); returns its id. */
export async function newFollowUpVisit(db: Db, v: VisitOverrides): Promise<string> {
  const state = v.state ?? 'done';
  const done = state === 'done';
  const { id } = await insertRow(db, 'follow_up_visit', {
    traineeId: v.traineeId,
    stationId: v.stationId,
    monthsAfter: v.monthsAfter,
    dueOn: v.dueOn,
    state,
    visitedOn: done ? v.dueOn : null,
    contactMethod: done ? 'phone' : null,
    employmentStatus: v.employmentStatus ?? null,
    recordedAt: state === 'planned' ? null : new Date().toISOString(),
  });
  if (v.abstinence) await insertRow(db, 'follow_up_abstinence', { visitId: id, ...v.abstinence }, 'visit_id');
  return id;
}
