import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ABSTINENCE_YEARS,
  EMPLOYMENT_MONTHS,
  NO_FACILITY,
  OUTCOME_FLAGS,
  OUTCOME_PLACES,
  type OrderOutcomeRow,
  type TraineeOutcomeRow,
} from './outcome-measures';

/** Advisory lock classes (pg_advisory_xact_lock(class, key)): one person's row, and the whole table. */
const PERSON_LOCK = 1_796_444_386;
const TABLE_LOCK = 1_796_444_387;

const COLUMNS = ['episode_id', 'trainee_id', ...OUTCOME_PLACES, ...OUTCOME_FLAGS];
/** The columns an upsert may change (not the key). */
const FACT_COLUMNS = COLUMNS.slice(1);

/** Release + n months, as PostgreSQL counts it (the last day of a shorter month when the day is missing). */
const plus = (n: number) => `(r.released_on + interval '${n} months')::date`;

/**
 * The live definition of every column of `trainee_outcome`, for the releases `target` selects (a query
 * giving `episode_id, id` (the trainee), `number, admitted_on, released_on, next_admitted_on,
 * home_division_code, organisation_id` of released episodes). The same definitions the reports computed
 * live before the table existed (issue 7), now per release (an episode of the person):
 * - facility: the `from` organisation of the latest completed handover of that episode (none: null);
 *   station: its `to` organisation, or the organisation holding the trainee when there is none;
 * - certified / diploma: holds at least one certificate / diploma, whenever issued;
 * - employed at N months: a hire covering release + N months (hired on or before, not ended by then,
 *   and not before this episode's admission unless it is the first), or that release's +N visit was
 *   done and found them employed or self-employed;
 * - reached / abstinent / verified in year Y: that release's +12Y visit was done and recorded a status
 *   (abstinent or relapsed) / the status is abstinent / abstinent and test-verified;
 * - readmitted in year Y: the person's next admission came within Y years of this release.
 * A person with one episode gets exactly the row they had before episodes existed.
 * None of these depends on the report date: whether the person counts yet ("N months out on the report
 * date") is decided by the report from `released_on`.
 * Set-based (one join per source restricted to the target): a handful of index lookups for one person,
 * hash joins for a batch.
 */
function liveOutcomes(target: string): string {
  const hiredAt = (n: number) => `bool_or(p.hired_on <= ${plus(n)} AND (p.ended_on IS NULL OR p.ended_on > ${plus(n)})) AS h${n}`;
  const months = ABSTINENCE_YEARS.map((y) => 12 * y);
  // Within the episode: from its admission (the first: any time) until the next admission.
  const inEpisode = (day: string) =>
    `(r.number = 1 OR ${day} >= r.admitted_on) AND (r.next_admitted_on IS NULL OR ${day} < r.next_admitted_on)`;
  return `
    WITH r AS (${target}),
    last_handover AS (
      SELECT DISTINCT ON (r.episode_id) r.episode_id, h.from_organisation_id, h.to_organisation_id
      FROM r JOIN handover h ON h.trainee_id = r.id
      WHERE h.state = 'completed' AND ${inEpisode('h.completed_at::date')} ORDER BY r.episode_id, h.completed_at DESC
    ),
    cert AS (SELECT DISTINCT c.trainee_id FROM r JOIN certificate c ON c.trainee_id = r.id),
    dip AS (SELECT DISTINCT d.trainee_id FROM r JOIN diploma d ON d.trainee_id = r.id),
    hp AS (
      SELECT r.episode_id, ${EMPLOYMENT_MONTHS.map(hiredAt).join(', ')}
      FROM r JOIN placement p ON p.trainee_id = r.id AND p.hired_on IS NOT NULL AND ${inEpisode('p.hired_on')}
      GROUP BY r.episode_id
    ),
    ev AS (
      SELECT v.episode_id, ${EMPLOYMENT_MONTHS.map((n) => `bool_or(v.months_after = ${n}) AS e${n}`).join(', ')}
      FROM r JOIN follow_up_visit v ON v.episode_id = r.episode_id
      WHERE v.state = 'done' AND v.employment_status IN ('employed', 'self_employed') AND v.months_after IN (${EMPLOYMENT_MONTHS.join(',')})
      GROUP BY v.episode_id
    ),
    ab AS (
      SELECT v.episode_id, ${ABSTINENCE_YEARS.flatMap((y) => [
        `bool_or(v.months_after = ${12 * y}) AS r${y}`,
        `bool_or(v.months_after = ${12 * y} AND a.status = 'abstinent') AS a${y}`,
        `bool_or(v.months_after = ${12 * y} AND a.status = 'abstinent' AND a.basis = 'test_verified') AS v${y}`,
      ]).join(', ')}
      FROM r JOIN follow_up_visit v ON v.episode_id = r.episode_id JOIN follow_up_abstinence a ON a.visit_id = v.id
      WHERE v.state = 'done' AND v.months_after IN (${months.join(',')}) AND a.status IN ('abstinent', 'relapsed')
      GROUP BY v.episode_id
    )
    SELECT r.episode_id, r.id AS trainee_id, r.released_on, h.from_organisation_id AS facility_id,
      COALESCE(h.to_organisation_id, r.organisation_id) AS station_id, r.home_division_code AS division_code,
      cert.trainee_id IS NOT NULL AS certified, dip.trainee_id IS NOT NULL AS diploma,
      ${EMPLOYMENT_MONTHS.map((n) => `(COALESCE(hp.h${n}, false) OR COALESCE(ev.e${n}, false)) AS employed_${n}`).join(', ')},
      ${ABSTINENCE_YEARS.flatMap((y) => [
        `COALESCE(ab.r${y}, false) AS reached_${y}`,
        `COALESCE(ab.a${y}, false) AS abstinent_${y}`,
        `COALESCE(ab.v${y}, false) AS verified_${y}`,
      ]).join(', ')},
      ${ABSTINENCE_YEARS.map((y) => `COALESCE(r.next_admitted_on <= (r.released_on + interval '${y} years')::date, false) AS readmitted_${y}`).join(', ')}
    FROM r
    LEFT JOIN last_handover h ON h.episode_id = r.episode_id
    LEFT JOIN cert ON cert.trainee_id = r.id LEFT JOIN dip ON dip.trainee_id = r.id
    LEFT JOIN hp ON hp.episode_id = r.episode_id LEFT JOIN ev ON ev.episode_id = r.episode_id LEFT JOIN ab ON ab.episode_id = r.episode_id`;
}

/**
 * The released episodes of the trainees among $1 (null: everyone), with the admission that followed each.
 * Sealed records are left out: their rows are frozen as they were counted (see `refresh`).
 */
const RELEASED_AMONG = `
  SELECT e.id AS episode_id, t.id, e.number, e.admitted_on, e.released_on, t.home_division_code, t.organisation_id,
    (SELECT n.admitted_on FROM trainee_episode n WHERE n.trainee_id = e.trainee_id AND n.number = e.number + 1) AS next_admitted_on
  FROM trainee_episode e JOIN trainee t ON t.id = e.trainee_id
  WHERE e.released_on IS NOT NULL AND ($1::uuid[] IS NULL OR e.trainee_id = ANY($1::uuid[])) AND t.sealed_at IS NULL`;

const DAY_KEY = ['released_on', 'facility_id', 'station_id', 'division_code'];
const DAY_KEY_OF = `released_on, COALESCE(facility_id, '${NO_FACILITY}'::uuid), station_id, division_code`;
const DAILY_COLUMNS = [...DAY_KEY, 'released', ...OUTCOME_FLAGS];

/**
 * Recomputes the rows of the trainees $1 from the live sources, in one statement: upserts their released
 * episodes' (a row whose facts did not change is left alone; `updated_at` says when they last did), deletes
 * the row of any release among them that is no longer one, and adds the difference — the new rows
 * minus the old ones they replace — to the daily sums. Every part of the statement reads the table as
 * it was before it (one snapshot), so `old` is what the changed rows were.
 */
const REFRESH = `
  WITH live AS (${liveOutcomes(RELEASED_AMONG)}),
  old AS (SELECT ${COLUMNS.join(', ')} FROM trainee_outcome WHERE trainee_id = ANY($1::uuid[])),
  gone AS (
    DELETE FROM trainee_outcome o WHERE o.trainee_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM live WHERE live.episode_id = o.episode_id)
    RETURNING o.episode_id
  ),
  put AS (
    INSERT INTO trainee_outcome (${COLUMNS.join(', ')})
    SELECT ${COLUMNS.join(', ')} FROM live
    ON CONFLICT (episode_id) DO UPDATE SET ${FACT_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
    WHERE (${FACT_COLUMNS.map((c) => `trainee_outcome.${c}`).join(', ')}) IS DISTINCT FROM (${FACT_COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING ${COLUMNS.join(', ')}
  ),
  delta AS (
    SELECT 1 AS sign, ${COLUMNS.join(', ')} FROM put
    UNION ALL
    SELECT -1, ${COLUMNS.join(', ')} FROM old WHERE episode_id IN (SELECT episode_id FROM put UNION ALL SELECT episode_id FROM gone)
  )
  INSERT INTO trainee_outcome_daily AS d (${DAILY_COLUMNS.join(', ')})
  SELECT ${DAY_KEY_OF}, sum(sign), ${OUTCOME_FLAGS.map((f) => `sum(CASE WHEN ${f} THEN sign ELSE 0 END)`).join(', ')}
  FROM delta GROUP BY ${DAY_KEY_OF}
  ON CONFLICT (${DAY_KEY.join(', ')}) DO UPDATE SET ${DAILY_COLUMNS.slice(DAY_KEY.length)
    .map((c) => `${c} = d.${c} + EXCLUDED.${c}`)
    .join(', ')}`;

/** The columns of `order_outcome` (see the OrderOutcome migration), the key first. */
const ORDER_COLUMNS = ['order_id', 'trainee_id', 'trained', 'certified', 'recommended', 'hired_on', 'stayed_3', 'stayed_6'];
const ORDER_FACT_COLUMNS = ORDER_COLUMNS.slice(2);
/** A hire lasted N months: not ended, or ended after hire + N months (PostgreSQL's month arithmetic, as the report always counted). */
const stayed = (n: number) => `COALESCE(p.ended_on IS NULL OR p.ended_on > (p.hired_on + interval '${n} months')::date, false)`;

/**
 * The live definition of every row of `order_outcome` for the trainees among $1 (null: every unsealed one):
 * each order whose 订单班 they took a seat in (enrolled, passed or failed) or that they have a placement on
 * (one per order and person: `uq_placement_pair`). Certified: trained, and holding a certificate in the
 * order's occupation, whenever issued. Recommended: by a counsellor, or an intent at a fair. The same
 * definitions as the order funnel's SQL before the table (test/reports/order-funnel-sql.e2e-spec.ts).
 */
const LIVE_ORDER_OUTCOMES = `
  WITH people AS (SELECT id FROM trainee WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) AND sealed_at IS NULL),
  en AS (
    SELECT DISTINCT s.order_id, se.trainee_id
    FROM people JOIN session_enrolment se ON se.trainee_id = people.id JOIN course_session s ON s.id = se.session_id
    WHERE s.order_id IS NOT NULL AND se.state IN ('enrolled', 'passed', 'failed')
  ),
  p AS (SELECT p.* FROM people JOIN placement p ON p.trainee_id = people.id)
  SELECT COALESCE(en.order_id, p.order_id) AS order_id, COALESCE(en.trainee_id, p.trainee_id) AS trainee_id,
    en.order_id IS NOT NULL AS trained,
    en.order_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM certificate c JOIN job_order o ON o.id = en.order_id
      WHERE c.trainee_id = en.trainee_id AND c.occupation_code = o.occupation_code) AS certified,
    COALESCE(p.recommended_by IS NOT NULL OR p.source = 'fair', false) AS recommended, p.hired_on,
    ${stayed(3)} AS stayed_3, ${stayed(6)} AS stayed_6
  FROM en FULL JOIN p ON p.order_id = en.order_id AND p.trainee_id = en.trainee_id`;

/** Each order's totals in `order_outcome_sums`: the condition a row must meet to count in each (a hire only for the stays). */
const ORDER_SUMS = {
  trained: 'trained',
  certified: 'certified',
  recommended: 'recommended',
  hired: 'hired_on IS NOT NULL',
  stayed_3: 'hired_on IS NOT NULL AND stayed_3',
  stayed_6: 'hired_on IS NOT NULL AND stayed_6',
};
const SUM_COLUMNS = Object.keys(ORDER_SUMS);
const signedSums = Object.values(ORDER_SUMS)
  .map((cond) => `sum(CASE WHEN ${cond} THEN sign ELSE 0 END)`)
  .join(', ');
const countedSums = Object.values(ORDER_SUMS)
  .map((cond) => `count(*) FILTER (WHERE ${cond})`)
  .join(', ');

/**
 * Recomputes the order rows of the trainees $1 in one statement: upserts what the live sources say
 * (a row whose facts did not change is left alone), deletes the rows the sources no longer give (a seat
 * given back before the class began, with no placement on the order), and adds the difference — the new
 * rows minus the old ones they replace — to the orders' sums. As in REFRESH, every part reads the tables
 * as they were before the statement, so `old` is what the changed rows were.
 */
const REFRESH_ORDERS = `
  WITH live AS (${LIVE_ORDER_OUTCOMES}),
  old AS (SELECT ${ORDER_COLUMNS.join(', ')} FROM order_outcome WHERE trainee_id = ANY($1::uuid[])),
  gone AS (
    DELETE FROM order_outcome o WHERE o.trainee_id = ANY($1::uuid[])
      AND NOT EXISTS (SELECT 1 FROM live WHERE live.order_id = o.order_id AND live.trainee_id = o.trainee_id)
    RETURNING o.order_id, o.trainee_id
  ),
  put AS (
    INSERT INTO order_outcome (${ORDER_COLUMNS.join(', ')})
    SELECT ${ORDER_COLUMNS.join(', ')} FROM live
    ON CONFLICT (order_id, trainee_id) DO UPDATE SET ${ORDER_FACT_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
    WHERE (${ORDER_FACT_COLUMNS.map((c) => `order_outcome.${c}`).join(', ')}) IS DISTINCT FROM (${ORDER_FACT_COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING ${ORDER_COLUMNS.join(', ')}
  ),
  delta AS (
    SELECT 1 AS sign, ${ORDER_COLUMNS.join(', ')} FROM put
    UNION ALL
    SELECT -1, ${ORDER_COLUMNS.map((c) => `old.${c}`).join(', ')} FROM old
    WHERE (old.order_id, old.trainee_id) IN (SELECT order_id, trainee_id FROM put UNION ALL SELECT order_id, trainee_id FROM gone)
  )
  INSERT INTO order_outcome_sums AS s (order_id, ${SUM_COLUMNS.join(', ')})
  SELECT order_id, ${signedSums} FROM delta GROUP BY order_id
  ON CONFLICT (order_id) DO UPDATE SET ${SUM_COLUMNS.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(', ')}`;

/** The orders' sums as the rows give them (what `order_outcome_sums` must hold, bar orders summing to nothing). */
const ORDER_SUMS_FROM_ROWS = `SELECT order_id, ${countedSums} FROM order_outcome GROUP BY order_id`;

const ORDER_READ_COLUMNS = ORDER_COLUMNS.map((c) => (c === 'hired_on' ? 'hired_on::text AS hired_on' : c)).join(', ');

/** The daily sums as the rows give them (what `trainee_outcome_daily` must hold, bar days summing to nobody). */
const DAILY_FROM_ROWS = `
  SELECT (${DAY_KEY_OF}) AS k, count(*)::int AS released, ${OUTCOME_FLAGS.map((f) => `count(*) FILTER (WHERE ${f})::int AS ${f}`).join(', ')}
  FROM trainee_outcome GROUP BY ${DAY_KEY_OF}`;

const READ_COLUMNS = COLUMNS.map((c) => (c === 'released_on' ? 'released_on::text AS released_on' : c)).join(', ');

/**
 * `trainee_outcome`: the per-person facts the outcome reports count (see the TraineeOutcome migration).
 * Every method takes the caller's EntityManager: the refresh commits, or rolls back, with the write
 * that changed the facts.
 */
@Injectable()
export class OutcomesRepository {
  /**
   * Two writers recomputing the same person at once would each compute from a snapshot without the
   * other's change, and the later upsert would overwrite the earlier with stale facts. So a refresh
   * first takes a transaction-scoped lock per person (in id order: no deadlock between refreshes),
   * under a shared lock on the whole table that a rebuild batch takes exclusively; the upsert that
   * follows is a new statement, so under READ COMMITTED it sees everything committed before the lock.
   */
  async lockPeople(m: EntityManager, traineeIds: readonly string[]): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock_shared(${TABLE_LOCK}, 0)`);
    await m.query(
      `SELECT pg_advisory_xact_lock(${PERSON_LOCK}, k) FROM (SELECT DISTINCT hashtext(id::text) AS k FROM unnest($1::uuid[]) id ORDER BY 1) x`,
      [traineeIds],
    );
  }

  /** Held by a rebuild batch: no refresh runs beside it (they wait for it, and it for them). */
  async lockTable(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${TABLE_LOCK}, 0)`);
  }

  /**
   * A sealed person's rows are never recomputed: the retention schedule erases the visits they were
   * computed from, and the reports must still count them as they were. The app's role cannot see a
   * sealed row at all, the owner (a rebuild) can: both are kept out here, before the statement.
   */
  async refresh(m: EntityManager, traineeIds: readonly string[]): Promise<void> {
    const ids = await this.unsealed(m, traineeIds);
    if (!ids.length) return;
    await m.query(REFRESH, [ids]);
    await m.query(REFRESH_ORDERS, [ids]);
  }

  /** The same for `order_outcome` only: the writes that change nothing a release's row holds (a seat, a recommendation). */
  async refreshOrders(m: EntityManager, traineeIds: readonly string[]): Promise<void> {
    const ids = await this.unsealed(m, traineeIds);
    if (ids.length) await m.query(REFRESH_ORDERS, [ids]);
  }

  private async unsealed(m: EntityManager, traineeIds: readonly string[]): Promise<string[]> {
    const [{ ids }] = await m.query<[{ ids: string[] }]>(
      `SELECT COALESCE(array_agg(id), '{}') AS ids FROM trainee WHERE id = ANY($1::uuid[]) AND sealed_at IS NULL`,
      [traineeIds],
    );
    return ids;
  }

  /** Sums the daily table afresh from the rows (under `lockTable`: nothing changes the rows meanwhile). */
  async resumDaily(m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM trainee_outcome_daily`);
    await m.query(
      `INSERT INTO trainee_outcome_daily (${DAILY_COLUMNS.join(', ')})
       SELECT ${DAY_KEY_OF}, count(*), ${OUTCOME_FLAGS.map((f) => `count(*) FILTER (WHERE ${f})`).join(', ')}
       FROM trainee_outcome GROUP BY ${DAY_KEY_OF}`,
    );
  }

  /** Days × groups whose daily sums differ from the rows' (0 when the table is consistent). */
  async dailyDrift(m: EntityManager): Promise<number> {
    const [{ n }] = await m.query<[{ n: number }]>(
      `WITH want AS (${DAILY_FROM_ROWS}),
       have AS (
         SELECT (${DAY_KEY.join(', ')}) AS k, released, ${OUTCOME_FLAGS.join(', ')} FROM trainee_outcome_daily WHERE released <> 0
           OR ${OUTCOME_FLAGS.map((f) => `${f} <> 0`).join(' OR ')}
       )
       SELECT count(DISTINCT k)::int AS n FROM (
         (SELECT k::text, released, ${OUTCOME_FLAGS.join(', ')} FROM want EXCEPT ALL SELECT k::text, released, ${OUTCOME_FLAGS.join(', ')} FROM have)
         UNION ALL
         (SELECT k::text, released, ${OUTCOME_FLAGS.join(', ')} FROM have EXCEPT ALL SELECT k::text, released, ${OUTCOME_FLAGS.join(', ')} FROM want)
       ) x`,
    );
    return n;
  }

  /** Up to `limit` trainee ids after `after` (null: from the start), in id order: one batch of a rebuild. */
  async traineeIdsAfter(m: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM trainee WHERE ($1::uuid IS NULL OR id > $1::uuid) AND sealed_at IS NULL ORDER BY id LIMIT $2::int`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The stored rows of `traineeIds` (null: all), by trainee id. */
  stored(m: EntityManager, traineeIds: readonly string[] | null): Promise<TraineeOutcomeRow[]> {
    return m.query<TraineeOutcomeRow[]>(
      `SELECT ${READ_COLUMNS} FROM trainee_outcome
        WHERE ($1::uuid[] IS NULL OR trainee_id = ANY($1::uuid[])) AND trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)
        ORDER BY trainee_id, released_on`,
      [traineeIds],
    );
  }

  /**
   * `order_outcome` rows of unsealed trainees that differ from the live computation (missing or extra; a
   * changed row counts twice), plus the orders whose sums differ from their rows': 0 when both tables are right.
   */
  async orderDrift(m: EntityManager): Promise<number> {
    const cols = ORDER_COLUMNS.join(', ');
    const sums = ['order_id', ...SUM_COLUMNS].join(', ');
    const [{ n }] = await m.query<[{ n: number }]>(
      `WITH live AS (SELECT ${cols} FROM (${LIVE_ORDER_OUTCOMES}) x),
       have AS (SELECT ${cols} FROM order_outcome WHERE trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)),
       want_sums AS (SELECT ${sums} FROM (${ORDER_SUMS_FROM_ROWS}) x(${sums})),
       have_sums AS (SELECT ${sums} FROM order_outcome_sums WHERE ${SUM_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')})
       SELECT (SELECT count(*) FROM ((SELECT * FROM live EXCEPT ALL SELECT * FROM have) UNION ALL (SELECT * FROM have EXCEPT ALL SELECT * FROM live)) d)::int
         + (SELECT count(DISTINCT order_id) FROM ((SELECT * FROM want_sums EXCEPT ALL SELECT * FROM have_sums)
              UNION ALL (SELECT * FROM have_sums EXCEPT ALL SELECT * FROM want_sums)) e)::int AS n`,
      [null],
    );
    return n;
  }

  /** Sums the orders' totals afresh from the rows (under `lockTable`: nothing changes the rows meanwhile). */
  async resumOrders(m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM order_outcome_sums`);
    await m.query(`INSERT INTO order_outcome_sums (order_id, ${SUM_COLUMNS.join(', ')}) ${ORDER_SUMS_FROM_ROWS}`);
  }

  /** The stored `order_outcome` rows of unsealed trainees, by order and trainee. */
  storedOrders(m: EntityManager): Promise<OrderOutcomeRow[]> {
    return m.query<OrderOutcomeRow[]>(
      `SELECT ${ORDER_READ_COLUMNS} FROM order_outcome WHERE trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)
        ORDER BY order_id, trainee_id`,
    );
  }

  /** The `order_outcome` rows as the live sources give them now (what `refresh` would store), by order and trainee. */
  liveOrders(m: EntityManager): Promise<OrderOutcomeRow[]> {
    return m.query<OrderOutcomeRow[]>(`SELECT ${ORDER_READ_COLUMNS} FROM (${LIVE_ORDER_OUTCOMES}) x ORDER BY order_id, trainee_id`, [null]);
  }

  /** The rows as the live sources give them now (what `refresh` would store), by trainee id. */
  live(m: EntityManager, traineeIds: readonly string[] | null): Promise<TraineeOutcomeRow[]> {
    return m.query<TraineeOutcomeRow[]>(
      `SELECT ${READ_COLUMNS} FROM (${liveOutcomes(RELEASED_AMONG)}) x ORDER BY trainee_id, released_on`,
      [traineeIds],
    );
  }
}
