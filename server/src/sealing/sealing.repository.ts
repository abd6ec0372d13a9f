import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageRows, pageWithTotalSql } from '../common/page-sql';
import { withSealedRecords } from '../common/sealed-records.repository';
import type { SealBasis, SealState, UnsealBasis } from './record-seal.entity';

/** One request to unseal, as an administrator's list shows it: no name, the identity number's last four. */
export interface UnsealRequestRow {
  id: string;
  basis: SealBasis;
  note: string | null;
  state: SealState;
  identity_tail: string;
  requested_by: string | null;
  requested_by_name: string | null;
  decided_by_name: string | null;
  created_at: Date;
  decided_at: Date | null;
  exempt_until: string | null;
}

const REQUEST_COLUMNS = `s.id, s.basis, s.note, s.state, t.identity_number_tail AS identity_tail, s.requested_by,
         ru.display_name AS requested_by_name, du.display_name AS decided_by_name, s.created_at, s.decided_at, s.exempt_until::text`;
const REQUEST_FROM = `FROM record_seal s JOIN trainee t ON t.id = s.trainee_id
    LEFT JOIN app_user ru ON ru.id = s.requested_by LEFT JOIN app_user du ON du.id = s.decided_by`;
const REQUESTS = `SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM} WHERE s.kind = 'unseal'`;

/**
 * The sealing's SQL. Reading a sealed row needs `withSealedRecords` (row-level security hides it from
 * the app's role); every method that does says so and takes the transaction's manager.
 */
@Injectable()
export class SealingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Closed files whose closing is at least `years` old on `today` and that are not sealed, nor unsealed
   * by an approval still running (`seal_exempt_until`). The closing is the latest move to `closed`.
   */
  dueForSealing(m: EntityManager, today: string, years: number): Promise<{ id: string; user_id: string | null }[]> {
    return m.query(
      `SELECT t.id, t.user_id FROM trainee t
        WHERE t.state = 'closed' AND t.sealed_at IS NULL AND (t.seal_exempt_until IS NULL OR t.seal_exempt_until < $1::date)
          AND (SELECT max(c.changed_at) FROM trainee_state_change c WHERE c.trainee_id = t.id AND c.to_state = 'closed')
              <= ($1::date - make_interval(years => $2::int))::timestamptz + interval '1 day'
        ORDER BY t.id FOR UPDATE OF t SKIP LOCKED`,
      [today, years],
    );
  }

  /** Seals these records and writes the history, in the caller's transaction. */
  async seal(m: EntityManager, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await withSealedRecords(m, async () => {
      await m.query(`UPDATE trainee SET sealed_at = now(), seal_exempt_until = NULL WHERE id = ANY($1::uuid[])`, [ids]);
      await m.query(
        `INSERT INTO record_seal (trainee_id, kind, basis, state) SELECT id, 'seal', 'closed_years', 'done' FROM unnest($1::uuid[]) id`,
        [ids],
      );
    });
  }

  /** The sealed record with this identity number's keyed hash, if any (sealed rows only). */
  findSealedByHash(m: EntityManager, hash: string): Promise<{ id: string } | undefined> {
    return withSealedRecords(m, async () => {
      const rows = await m.query<{ id: string }[]>(
        `SELECT id FROM trainee WHERE identity_number_hash = $1 AND sealed_at IS NOT NULL FOR UPDATE`,
        [hash],
      );
      return rows[0];
    });
  }

  async insertRequest(
    m: EntityManager,
    r: { traineeId: string; basis: UnsealBasis; note: string; requestedBy: string; exemptUntil: string },
  ): Promise<string> {
    const [row] = await m.query<[{ id: string }]>(
      `INSERT INTO record_seal (trainee_id, kind, basis, note, state, requested_by, exempt_until)
       VALUES ($1, 'unseal', $2, $3, 'requested', $4, $5) RETURNING id`,
      [r.traineeId, r.basis, r.note, r.requestedBy, r.exemptUntil],
    );
    return row.id;
  }

  /**
   * One page of the requests to unseal, open ones first, newest first, then by id; and how many there
   * are, in one statement (issue 17). The joined trainee may be sealed.
   */
  requests(m: EntityManager, limit: number, offset: number): Promise<[UnsealRequestRow[], number]> {
    return withSealedRecords(m, async () =>
      pageRows(
        await m.query<(UnsealRequestRow & { page_total: number })[]>(
          pageWithTotalSql({
            select: REQUEST_COLUMNS,
            from: REQUEST_FROM,
            countFrom: 'FROM record_seal s JOIN trainee t ON t.id = s.trainee_id',
            where: [`s.kind = 'unseal'`],
            order: `(s.state = 'requested') DESC, s.created_at DESC, s.id DESC`,
            outerOrder: `(page.state = 'requested') DESC, page.created_at DESC, page.id DESC`,
            limit,
            offset,
          }),
        ),
        'id',
      ),
    );
  }

  request(m: EntityManager, id: string): Promise<UnsealRequestRow | undefined> {
    return withSealedRecords(m, async () => (await m.query<UnsealRequestRow[]>(`${REQUESTS} AND s.id = $1`, [id]))[0]);
  }

  /** Locks an open request; undefined when there is none (decided already, or never made). */
  async lockOpenRequest(
    m: EntityManager,
    id: string,
  ): Promise<{ id: string; trainee_id: string; requested_by: string | null; exempt_until: string } | undefined> {
    const rows = await m.query<{ id: string; trainee_id: string; requested_by: string | null; exempt_until: string }[]>(
      `SELECT id, trainee_id, requested_by, exempt_until::text FROM record_seal WHERE id = $1 AND kind = 'unseal' AND state = 'requested' FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async decide(m: EntityManager, id: string, state: 'approved' | 'rejected', by: string): Promise<void> {
    await m.query(`UPDATE record_seal SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [id, state, by]);
  }

  /** Unseals a record until `until` (the job seals it again after that day). */
  async unseal(m: EntityManager, traineeId: string, until: string): Promise<void> {
    await withSealedRecords(m, () =>
      m.query(`UPDATE trainee SET sealed_at = NULL, seal_exempt_until = $2 WHERE id = $1`, [traineeId, until]),
    );
  }

  /** How many records are sealed, and how many requests wait (aggregates only). */
  counts(m: EntityManager): Promise<{ sealed: number; pending: number; erased: number }> {
    return withSealedRecords(m, async () => {
      const [row] = await m.query<[{ sealed: number; pending: number; erased: number }]>(
        `SELECT (SELECT count(*) FROM trainee WHERE sealed_at IS NOT NULL)::int AS sealed,
                (SELECT count(*) FROM record_seal WHERE state = 'requested')::int AS pending,
                (SELECT count(*) FROM record_seal WHERE kind = 'erase')::int AS erased`,
      );
      return row;
    });
  }

  // ---- the retention schedule ----

  /** Activation codes used, replaced or expired more than `days` days ago. */
  async deleteSpentActivationCodes(m: EntityManager, days: number): Promise<number> {
    const [, n] = await m.query<[unknown, number]>(
      `DELETE FROM activation_code WHERE COALESCE(used_at, revoked_at, expires_at) < now() - make_interval(days => $1::int)`,
      [days],
    );
    return n;
  }

  /** SMS delivery statuses older than `days` days. */
  async deleteOldSmsDeliveries(m: EntityManager, days: number): Promise<number> {
    const [, n] = await m.query<[unknown, number]>(`DELETE FROM sms_delivery WHERE created_at < now() - make_interval(days => $1::int)`, [
      days,
    ]);
    return n;
  }

  /** Records sealed at least `years` ago whose details are not erased yet (at most `limit`). */
  dueForErasure(m: EntityManager, years: number, limit: number): Promise<string[]> {
    return withSealedRecords(m, async () =>
      (
        await m.query<{ id: string }[]>(
          `SELECT t.id FROM trainee t
            WHERE t.sealed_at < now() - make_interval(years => $1::int)
              AND NOT EXISTS (SELECT 1 FROM record_seal s WHERE s.trainee_id = t.id AND s.kind = 'erase')
            ORDER BY t.id LIMIT $2`,
          [years, limit],
        )
      ).map((r) => r.id),
    );
  }

  /**
   * Erases what identifies the people `ids` or was written about them, keeping the rows the aggregate
   * reports count (their outcome rows, episodes, dates and codes): the name becomes a placeholder, the
   * identity number, phone and every free text go, and abstinence results are deleted.
   */
  async erase(m: EntityManager, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await withSealedRecords(m, async () => {
      await m.query(
        `UPDATE trainee SET full_name = '（已删除）', phone = NULL, work_history = NULL, skills_note = NULL,
                identity_number_cipher = '\\x'::bytea, identity_number_hash = md5('erased:' || id::text) || md5(id::text),
                identity_number_tail = '****'
          WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      await m.query(
        `DELETE FROM follow_up_abstinence a USING follow_up_visit v WHERE v.id = a.visit_id AND v.trainee_id = ANY($1::uuid[])`,
        [ids],
      );
      await m.query(
        `UPDATE follow_up_visit SET support_needs = NULL, next_steps = NULL, employer_name = NULL WHERE trainee_id = ANY($1::uuid[])`,
        [ids],
      );
      await m.query(
        `UPDATE needs_assessment_area a SET note = NULL FROM needs_assessment n WHERE n.id = a.assessment_id AND n.trainee_id = ANY($1::uuid[])`,
        [ids],
      );
      await m.query(`UPDATE plan_goal SET title = NULL WHERE trainee_id = ANY($1::uuid[]) AND kind = 'own'`, [ids]);
      await m.query(`UPDATE plan_action SET title = '—' WHERE trainee_id = ANY($1::uuid[])`, [ids]);
      await m.query(`UPDATE plan_review SET summary = NULL WHERE trainee_id = ANY($1::uuid[])`, [ids]);
      await m.query(`UPDATE correction_request SET message = '—', resolution_note = NULL WHERE trainee_id = ANY($1::uuid[])`, [ids]);
      await m.query(`UPDATE station_transfer SET note = NULL WHERE trainee_id = ANY($1::uuid[])`, [ids]);
      await m.query(`UPDATE lost_contact SET note = NULL WHERE trainee_id = ANY($1::uuid[])`, [ids]);
      await m.query(
        `INSERT INTO record_seal (trainee_id, kind, basis, state) SELECT id, 'erase', 'retention', 'done' FROM unnest($1::uuid[]) id`,
        [ids],
      );
    });
  }

  /** A transaction of its own (the job's units of work). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
