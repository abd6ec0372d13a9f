import { daysFrom, type Db, insertRow, uniqueCode } from './db';

/** A job fair (published, in a week, 09:00–12:00, 5 booths unless told); returns its id. */
export async function newFair(
  db: Db,
  f: {
    venueOrganisationId: string;
    createdBy: string;
    title?: string;
    fairDate?: string;
    startsAt?: string;
    endsAt?: string;
    boothCapacity?: number;
    state?: string;
  },
): Promise<string> {
  return (
    await insertRow(db, 'job_fair', {
      title: f.title ?? '测试招聘会',
      fairDate: f.fairDate ?? daysFrom(7),
      startsAt: f.startsAt ?? '09:00',
      endsAt: f.endsAt ?? '12:00',
      venueOrganisationId: f.venueOrganisationId,
      boothCapacity: f.boothCapacity ?? 5,
      createdBy: f.createdBy,
      state: f.state ?? 'published',
    })
  ).id;
}

/** An employer's booth at a fair (approved unless told); returns its id. */
export async function newBooth(db: Db, b: { fairId: string; employerId: string; state?: string }): Promise<string> {
  return (await insertRow(db, 'fair_booth', { ...b, state: b.state ?? 'approved' })).id;
}

/** A trainee registered for a fair (not checked in unless `checkedInAt`); returns its id. */
export async function newFairRegistration(
  db: Db,
  r: { fairId: string; traineeId: string; registeredBy: string; checkedInAt?: string },
): Promise<string> {
  return (await insertRow(db, 'fair_registration', { ...r, code: uniqueCode('R'), candidateCode: uniqueCode('F', 10) })).id;
}

/** An interview slot at a booth (open unless told; `booked` and `invited` need the registration); returns its id. */
export async function newFairSlot(
  db: Db,
  s: { boothId: string; startsAt: string; endsAt: string; state?: string; registrationId?: string; traineeId?: string },
): Promise<string> {
  return (await insertRow(db, 'fair_slot', s)).id;
}

/** An intent signed at a fair (the column default state unless told); returns its id. */
export async function newFairIntent(
  db: Db,
  i: { fairId: string; registrationId: string; orderId: string; createdBy: string; state?: string; placementId?: string },
): Promise<string> {
  return (await insertRow(db, 'fair_intent', i)).id;
}
