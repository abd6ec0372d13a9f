import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per released trainee with the facts the outcome reports count (issue 17): where they came
 * from and went to, and whether they hold a certificate, a diploma, were employed N months after
 * release, and were reached and found abstinent (self-reported or test-verified) at +12/+24/+36 months.
 * Computing these live from handovers, placements, certificates, diplomas and visits took 0.35–0.9 s
 * per report at 100,000 people; the reports now count this table.
 *
 * Every column is a fact about the person that does not depend on the report date: "employed at 3
 * months" is decided by dates alone (a hire covering release + 3 months, or the +3 visit). Whether the
 * person is old enough to count in a report ("3 months out on the report date") is compared with
 * `released_on` when the report runs, so nothing here goes stale as time passes and no job is needed.
 * The rows are kept current by `OutcomesService.refresh` in the transaction of every write to an input
 * (server/src/outcomes/); `npm run outcomes:rebuild` recomputes them all.
 *
 * The reports do not read these rows one by one: at a million people a year's rows alone took ~1 s
 * to count. They read `trainee_outcome_daily`, the same facts summed per release day × facility ×
 * station × division (a few tens of thousands of rows at a million people), which the refresh keeps
 * equal to the sums of the rows by adding each change's difference in the same statement. Per day, not
 * per quarter: whether a person counts on the report date is decided by their release day.
 *
 * Re-admission (back in a facility after release) is not recorded anywhere yet: when it is, it becomes
 * a column here (with the refresh from its writer), not a guess from the trainee's state.
 */
const FLAGS = [
  'certified',
  'diploma',
  'employed_1',
  'employed_3',
  'employed_6',
  'employed_12',
  ...[1, 2, 3].flatMap((y) => [`reached_${y}`, `abstinent_${y}`, `verified_${y}`]),
];

/** The daily sums from the rows (the nil uuid stands for "no facility": a primary key holds no null). */
const FILL_DAILY = `
  INSERT INTO trainee_outcome_daily (released_on, facility_id, station_id, division_code, released, ${FLAGS.join(', ')})
  SELECT released_on, COALESCE(facility_id, '00000000-0000-0000-0000-000000000000'), station_id, division_code, count(*),
    ${FLAGS.map((f) => `count(*) FILTER (WHERE ${f})`).join(', ')}
  FROM trainee_outcome GROUP BY 1, 2, 3, 4`;

/** release + n months, over the cohort alias r. */
const plus = (n: number) => `(r.released_on + interval '${n} months')::date`;

/**
 * Fills the table on a database that already has released trainees, with the definitions as they are
 * at this migration (a frozen copy of OutcomesRepository's live query: a later change to that query
 * must not change what this migration did, nor depend on columns added after it). On a new database it
 * inserts nothing.
 */
export const FILL = `
  WITH r AS (SELECT t.id, t.released_on, t.home_division_code, t.organisation_id FROM trainee t WHERE t.released_on IS NOT NULL),
  last_handover AS (
    SELECT DISTINCT ON (h.trainee_id) h.trainee_id, h.from_organisation_id, h.to_organisation_id
    FROM handover h WHERE h.state = 'completed' ORDER BY h.trainee_id, h.completed_at DESC
  ),
  hp AS (
    SELECT p.trainee_id, ${[1, 3, 6, 12]
      .map((n) => `bool_or(p.hired_on <= ${plus(n)} AND (p.ended_on IS NULL OR p.ended_on > ${plus(n)})) AS h${n}`)
      .join(', ')}
    FROM r JOIN placement p ON p.trainee_id = r.id AND p.hired_on IS NOT NULL GROUP BY p.trainee_id
  ),
  ev AS (
    SELECT v.trainee_id, ${[1, 3, 6, 12].map((n) => `bool_or(v.months_after = ${n}) AS e${n}`).join(', ')}
    FROM follow_up_visit v
    WHERE v.state = 'done' AND v.employment_status IN ('employed', 'self_employed') AND v.months_after IN (1, 3, 6, 12)
    GROUP BY v.trainee_id
  ),
  ab AS (
    SELECT v.trainee_id, ${[1, 2, 3]
      .map(
        (y) => `bool_or(v.months_after = ${12 * y}) AS r${y}, bool_or(v.months_after = ${12 * y} AND a.status = 'abstinent') AS a${y},
          bool_or(v.months_after = ${12 * y} AND a.status = 'abstinent' AND a.basis = 'test_verified') AS v${y}`,
      )
      .join(', ')}
    FROM follow_up_visit v JOIN follow_up_abstinence a ON a.visit_id = v.id
    WHERE v.state = 'done' AND v.months_after IN (12, 24, 36) AND a.status IN ('abstinent', 'relapsed')
    GROUP BY v.trainee_id
  )
  INSERT INTO trainee_outcome (trainee_id, released_on, facility_id, station_id, division_code, certified, diploma,
    employed_1, employed_3, employed_6, employed_12, reached_1, abstinent_1, verified_1, reached_2, abstinent_2, verified_2,
    reached_3, abstinent_3, verified_3)
  SELECT r.id, r.released_on, h.from_organisation_id, COALESCE(h.to_organisation_id, r.organisation_id), r.home_division_code,
    EXISTS (SELECT 1 FROM certificate c WHERE c.trainee_id = r.id), EXISTS (SELECT 1 FROM diploma d WHERE d.trainee_id = r.id),
    ${[1, 3, 6, 12].map((n) => `COALESCE(hp.h${n}, false) OR COALESCE(ev.e${n}, false)`).join(', ')},
    ${[1, 2, 3].map((y) => `COALESCE(ab.r${y}, false), COALESCE(ab.a${y}, false), COALESCE(ab.v${y}, false)`).join(', ')}
  FROM r LEFT JOIN last_handover h ON h.trainee_id = r.id LEFT JOIN hp ON hp.trainee_id = r.id
  LEFT JOIN ev ON ev.trainee_id = r.id LEFT JOIN ab ON ab.trainee_id = r.id`;

export class TraineeOutcome1796444386213 implements MigrationInterface {
  name = 'TraineeOutcome1796444386213';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "trainee_outcome" (
        "trainee_id" uuid NOT NULL,
        "released_on" date NOT NULL,
        "facility_id" uuid,
        "station_id" uuid NOT NULL,
        "division_code" character(6) NOT NULL,
        "certified" boolean NOT NULL,
        "diploma" boolean NOT NULL,
        "employed_1" boolean NOT NULL,
        "employed_3" boolean NOT NULL,
        "employed_6" boolean NOT NULL,
        "employed_12" boolean NOT NULL,
        "reached_1" boolean NOT NULL,
        "abstinent_1" boolean NOT NULL,
        "verified_1" boolean NOT NULL,
        "reached_2" boolean NOT NULL,
        "abstinent_2" boolean NOT NULL,
        "verified_2" boolean NOT NULL,
        "reached_3" boolean NOT NULL,
        "abstinent_3" boolean NOT NULL,
        "verified_3" boolean NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_trainee_outcome" PRIMARY KEY ("trainee_id"),
        CONSTRAINT "fk_trainee_outcome_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE
      )`);
    // A report reads one release year: a range of this index, then the rows.
    await queryRunner.query(`CREATE INDEX "idx_trainee_outcome_released_on" ON "trainee_outcome" ("released_on")`);
    await queryRunner.query(`
      CREATE TABLE "trainee_outcome_daily" (
        "released_on" date NOT NULL,
        "facility_id" uuid NOT NULL,
        "station_id" uuid NOT NULL,
        "division_code" character(6) NOT NULL,
        "released" integer NOT NULL,
        ${FLAGS.map((f) => `"${f}" integer NOT NULL`).join(',\n        ')},
        CONSTRAINT "pk_trainee_outcome_daily" PRIMARY KEY ("released_on", "facility_id", "station_id", "division_code")
      )`);
    await queryRunner.query(FILL);
    await queryRunner.query(FILL_DAILY);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "trainee_outcome_daily"`);
    await queryRunner.query(`DROP TABLE "trainee_outcome"`);
  }
}
