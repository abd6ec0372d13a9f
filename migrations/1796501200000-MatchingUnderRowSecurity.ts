import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching's bounded tiers as the app's own role runs them, under row-level security (RecordSealing).
 *
 * - Under a policy, PostgreSQL uses a condition as an index condition only when its operator is
 *   leakproof; array containment (`@>`) is not, so the GIN index on preferred divisions was read whole
 *   (every consenting trainee, 60,000 rows at 100,000) to find the 3,000 who prefer a division. The ids
 *   are looked up here as the owner instead, sealed records left out as the policy would; the ranking
 *   joins them to `trainee` under the policy as before. Ids only: nothing else leaves the function.
 * - The legal waiting period (JobLimitRules) compares the day a person is free (released, or expected
 *   to be) with the order's start: an index on that day lets an order in a limited occupation find its
 *   few eligible people instead of reading everyone to learn there are none.
 */
export class MatchingUnderRowSecurity1796501200000 implements MigrationInterface {
  name = 'MatchingUnderRowSecurity1796501200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION matching_trainees_in_division(code bpchar) RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 5000
      AS $$ SELECT id FROM trainee WHERE job_matching_consent AND sealed_at IS NULL
              AND (home_division_code = code OR preferred_divisions @> ARRAY[code::varchar]) $$`);
    await q.query(`
      CREATE INDEX "idx_trainee_matching_free_on" ON "trainee"
        ((CASE WHEN "state" IN ('admitted', 'pre_release') OR "released_on" IS NULL THEN "expected_release_on" ELSE "released_on" END))
        WHERE "job_matching_consent"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_trainee_matching_free_on"`);
    await q.query(`DROP FUNCTION matching_trainees_in_division(bpchar)`);
  }
}
