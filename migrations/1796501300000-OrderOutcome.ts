import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per order and person who reached its funnel (issue 17, the order funnel report): trained in its
 * 订单班 (a seat that was taken: enrolled, passed or failed), of those certified in the order's occupation,
 * recommended to it (by a counsellor, or an intent at a fair), hired (the day), and whether that job lasted
 * 3 and 6 months. The report computed these per request from course sessions, enrolments, certificates and
 * placements (63–71 ms at 100,000 trainees, above its 50 ms target); it now sums this table.
 *
 * As with `trainee_outcome`, no column depends on the report date: "still employed at 3 months" is decided
 * by the hire's own dates, and whether the hire is 3 months old yet is compared with `hired_on` when the
 * report runs. Kept current by `OutcomesService` in the transaction of every write to an input (a seat taken
 * or given back in an order class, a certificate, a recommendation, an intent at a fair, a hire, its end);
 * `npm run outcomes:rebuild` recomputes it with the rest. An order's occupation and a session's order never
 * change once set, so no write to an order or a session has to touch it.
 *
 * The province's funnel does not add up the rows either: `order_outcome_sums` holds each order's totals
 * (trained, certified, recommended, hired, and of the hires those that lasted 3 and 6 months), kept equal
 * to the rows' sums by the same statement that changes the rows. "Hired at least N months before the report
 * date" is the order's hires minus its recent ones, read through `idx_order_outcome_hired_on`.
 *
 * A station's funnel reads only its people's rows; who they are (held by the station, or handed over from or
 * to it) is now read from indexes alone: the organisation index of trainees carries the id and the sealing
 * mark the row-level security policy checks, and the handover indexes the trainee.
 */
export const FILL_ORDER_OUTCOME = `
  WITH en AS (
    SELECT DISTINCT s.order_id, se.trainee_id
    FROM course_session s JOIN session_enrolment se ON se.session_id = s.id
    WHERE s.order_id IS NOT NULL AND se.state IN ('enrolled', 'passed', 'failed')
  )
  INSERT INTO order_outcome (order_id, trainee_id, trained, certified, recommended, hired_on, stayed_3, stayed_6)
  SELECT COALESCE(en.order_id, p.order_id), COALESCE(en.trainee_id, p.trainee_id), en.order_id IS NOT NULL,
    en.order_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM certificate c JOIN job_order o ON o.id = en.order_id
      WHERE c.trainee_id = en.trainee_id AND c.occupation_code = o.occupation_code),
    COALESCE(p.recommended_by IS NOT NULL OR p.source = 'fair', false), p.hired_on,
    COALESCE(p.ended_on IS NULL OR p.ended_on > (p.hired_on + interval '3 months')::date, false),
    COALESCE(p.ended_on IS NULL OR p.ended_on > (p.hired_on + interval '6 months')::date, false)
  FROM en FULL JOIN placement p ON p.order_id = en.order_id AND p.trainee_id = en.trainee_id`;

export const FILL_ORDER_OUTCOME_SUMS = `
  INSERT INTO order_outcome_sums (order_id, trained, certified, recommended, hired, stayed_3, stayed_6)
  SELECT order_id, count(*) FILTER (WHERE trained), count(*) FILTER (WHERE certified), count(*) FILTER (WHERE recommended),
    count(hired_on), count(hired_on) FILTER (WHERE stayed_3), count(hired_on) FILTER (WHERE stayed_6)
  FROM order_outcome GROUP BY order_id`;

export class OrderOutcome1796501300000 implements MigrationInterface {
  name = 'OrderOutcome1796501300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "order_outcome" (
        "order_id" uuid NOT NULL,
        "trainee_id" uuid NOT NULL,
        "trained" boolean NOT NULL,
        "certified" boolean NOT NULL,
        "recommended" boolean NOT NULL,
        "hired_on" date,
        "stayed_3" boolean NOT NULL,
        "stayed_6" boolean NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_order_outcome" PRIMARY KEY ("order_id", "trainee_id"),
        CONSTRAINT "chk_order_outcome_certified_trained" CHECK (NOT "certified" OR "trained"),
        CONSTRAINT "fk_order_outcome_order" FOREIGN KEY ("order_id") REFERENCES "job_order"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_order_outcome_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE
      )`);
    // A refresh replaces one person's rows; a station's funnel reads its people's rows.
    await q.query(`CREATE INDEX "idx_order_outcome_trainee" ON "order_outcome" ("trainee_id")`);
    // The hires of the last months, which the province's funnel subtracts from the sums.
    await q.query(`CREATE INDEX "idx_order_outcome_hired_on" ON "order_outcome" ("hired_on") WHERE "hired_on" IS NOT NULL`);
    await q.query(`
      CREATE TABLE "order_outcome_sums" (
        "order_id" uuid NOT NULL,
        "trained" integer NOT NULL,
        "certified" integer NOT NULL,
        "recommended" integer NOT NULL,
        "hired" integer NOT NULL,
        "stayed_3" integer NOT NULL,
        "stayed_6" integer NOT NULL,
        CONSTRAINT "pk_order_outcome_sums" PRIMARY KEY ("order_id"),
        CONSTRAINT "fk_order_outcome_sums_order" FOREIGN KEY ("order_id") REFERENCES "job_order"("id") ON DELETE CASCADE
      )`);
    await q.query(FILL_ORDER_OUTCOME);
    await q.query(FILL_ORDER_OUTCOME_SUMS);
    // A station's people from indexes alone (index-only scans, the heap untouched once vacuumed).
    await q.query(`DROP INDEX "idx_trainee_organisation_state"`);
    await q.query(`CREATE INDEX "idx_trainee_organisation_state" ON "trainee" ("organisation_id", "state") INCLUDE ("id", "sealed_at")`);
    for (const side of ['from', 'to']) {
      await q.query(`DROP INDEX "idx_handover_${side}"`);
      await q.query(`CREATE INDEX "idx_handover_${side}" ON "handover" ("${side}_organisation_id", "state") INCLUDE ("trainee_id")`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const side of ['from', 'to']) {
      await q.query(`DROP INDEX "idx_handover_${side}"`);
      await q.query(`CREATE INDEX "idx_handover_${side}" ON "handover" ("${side}_organisation_id", "state")`);
    }
    await q.query(`DROP INDEX "idx_trainee_organisation_state"`);
    await q.query(`CREATE INDEX "idx_trainee_organisation_state" ON "trainee" ("organisation_id", "state")`);
    await q.query(`DROP TABLE "order_outcome_sums"`);
    await q.query(`DROP TABLE "order_outcome"`);
  }
}
