import { type Db, insertRow, uniqueCode } from './db';

/** An employer's booth bringing `orderIds` (approved unless told; with the organisers' `note`); returns its id. */
export async function newBoothWithOrders(
  db: Db,
  b: { fairId: string; employerId: string; orderIds: string[]; state?: string; note?: string },
): Promise<string> {
  const { id } = await insertRow(db, 'fair_booth', {
    fairId: b.fairId,
    employerId: b.employerId,
    state: b.state ?? 'approved',
    note: b.note,
  });
  for (const orderId of b.orderIds) await insertRow(db, 'fair_booth_order', { boothId: id, orderId }, 'booth_id');
  return id;
}

/**
 * A registration for a fair as a desk or a trainee made it: self-registered or a walk-in when told,
 * checked in at `checkedInAt` (by `checkedInBy`); returns its id.
 */
export async function newFairAttendance(
  db: Db,
  r: {
    fairId: string;
    traineeId: string;
    registeredBy: string;
    selfRegistered?: boolean;
    walkIn?: boolean;
    checkedInAt?: string;
    checkedInBy?: string;
  },
): Promise<string> {
  return (await insertRow(db, 'fair_registration', { ...r, code: uniqueCode('R'), candidateCode: uniqueCode('F', 10) })).id;
}
