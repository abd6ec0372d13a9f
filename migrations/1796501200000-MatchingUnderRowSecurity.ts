import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching's bounded tiers as the app's own role runs them, under row-level security (RecordSealing).
 *
 * - Under a policy, PostgreSQL uses a condition as an index condition only when its operator is
 *   leakproof; array containment (`@>`) is not, so the GIN index on preferred divisions was read whole
 *   (every consenting trainee, 60,000 rows at 100,000) to find the 3,000 who prefer a division. They are
 *   read here as the owner instead, with the policy's own condition (sealed records left out), and only
 *   the columns the ranking scores: no name, no identity, nothing a page shows. Returned whole rather than
 *   as ids, because reading 6,000 ids back by primary key cost three times the search itself.
 * - The legal waiting period (JobLimitRules) compares the day a person is free (released, or expected
 *   to be) with the order's start: an index on that day lets an order in a limited occupation find its
 *   few eligible people instead of reading everyone to learn there are none. Statistics on the same
 *   expression, because PostgreSQL takes none from a partial index: without them it guessed a third
 *   of all trainees and planned a parallel scan for none.
 */
export class MatchingUnderRowSecurity1796501200000 implements MigrationInterface {
  name = 'MatchingUnderRowSecurity1796501200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION matching_trainees_in_division(code bpchar)
      RETURNS TABLE (id uuid, organisation_id uuid, state varchar, expected_release_on date, released_on date,
                     job_matching_consent boolean, home_division_code bpchar, preferred_divisions varchar[],
                     willing_to_live_on_site boolean, wage_expectation integer, preferred_industries varchar[])
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 5000
      AS $$ SELECT t.id, t.organisation_id, t.state, t.expected_release_on, t.released_on, t.job_matching_consent,
                   t.home_division_code, t.preferred_divisions, t.willing_to_live_on_site, t.wage_expectation, t.preferred_industries
              FROM trainee t WHERE t.job_matching_consent AND t.sealed_at IS NULL
               AND (t.home_division_code = code OR t.preferred_divisions @> ARRAY[code::varchar]) $$`);
    await q.query(`
      CREATE INDEX "idx_trainee_matching_free_on" ON "trainee"
        ((CASE WHEN "state" IN ('admitted', 'pre_release') OR "released_on" IS NULL THEN "expected_release_on" ELSE "released_on" END))
        WHERE "job_matching_consent"`);
    await q.query(`
      CREATE STATISTICS "stat_trainee_free_on" ON
        (CASE WHEN "state" IN ('admitted', 'pre_release') OR "released_on" IS NULL THEN "expected_release_on" ELSE "released_on" END)
        FROM "trainee"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS "stat_trainee_free_on"`);
    await q.query(`DROP INDEX "idx_trainee_matching_free_on"`);
    await q.query(`DROP FUNCTION matching_trainees_in_division(bpchar)`);
  }
}
