import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttendanceMark, PromotedEnrolment, SeatTable } from './seat-table';

/**
 * The seat engine's SQL, for any `SeatTable`. The names it puts into SQL come only from a
 * descriptor (checked by `seatTable()`); every value is a parameter. Seat changes are always inside
 * the caller's transaction, so every method takes its `EntityManager`.
 */
@Injectable()
export class SeatsRepository {
  /** One conditional UPDATE: true when a seat was taken. Capacity holds however many arrive at once. */
  async take(t: SeatTable, holderId: string, m: EntityManager): Promise<boolean> {
    const [{ n }] = await m.query<[{ n: number }]>(
      `WITH taken AS (UPDATE ${t.holder} SET seats_taken = seats_taken + 1 WHERE id = $1 AND seats_taken < capacity RETURNING id)
       SELECT count(*)::int AS n FROM taken`,
      [holderId],
    );
    return n === 1;
  }

  async giveBack(t: SeatTable, holderId: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE ${t.holder} SET seats_taken = seats_taken - 1 WHERE id = $1`, [holderId]);
  }

  async capacity(t: SeatTable, holderId: string, m: EntityManager): Promise<number | null> {
    const [row] = await m.query<{ capacity: number }[]>(`SELECT capacity FROM ${t.holder} WHERE id = $1`, [holderId]);
    return row?.capacity ?? null;
  }

  /** The first waitlisted enrolment, locked; one another transaction is promoting is skipped. */
  async lockWaitlistHead(t: SeatTable, holderId: string, m: EntityManager): Promise<PromotedEnrolment | null> {
    const [row] = await m.query<{ id: string; trainee_id: string; user_id: string | null }[]>(
      `SELECT e.id, e.trainee_id, tr.user_id FROM ${t.enrolment} e JOIN trainee tr ON tr.id = e.trainee_id
        WHERE e.${t.holderColumn} = $1 AND e.state = 'waitlisted'
        ORDER BY e.${t.queuedAtColumn}, e.id LIMIT 1 FOR UPDATE OF e SKIP LOCKED`,
      [holderId],
    );
    return row ? { enrolmentId: row.id, traineeId: row.trainee_id, traineeUserId: row.user_id } : null;
  }

  async setState(t: SeatTable, enrolmentId: string, state: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE ${t.enrolment} SET state = $2 WHERE id = $1`, [enrolmentId, state]);
  }

  /** The states of those of `enrolmentIds` that belong to the holder. */
  async statesIn(t: SeatTable, holderId: string, enrolmentIds: readonly string[], m: EntityManager): Promise<Map<string, string>> {
    const rows = await m.query<{ id: string; state: string }[]>(
      `SELECT id, state FROM ${t.enrolment} WHERE ${t.holderColumn} = $1 AND id = ANY($2::uuid[])`,
      [holderId, [...new Set(enrolmentIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  /** A mark per enrolment and day: recording the day again replaces it. */
  async recordAttendance(t: SeatTable, meetingOn: string, mark: AttendanceMark, recordedBy: string, m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO ${t.attendance} (enrolment_id, meeting_on, present, recorded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (enrolment_id, meeting_on) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by`,
      [mark.enrolmentId, meetingOn, mark.present, recordedBy],
    );
  }
}
