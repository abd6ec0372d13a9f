import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The caseload's indexes (CaseloadKeyset) as the app's own role reads them, under the sealing policy
 * (RecordSealing). The policy's condition reads `sealed_at`, which none of them held, so every page and
 * deep OFFSET fetched each row from the table instead of reading the index alone: at 1,000,000
 * trainees, page 1,000 sorted by name went from 10 ms (as the owner) to 276 ms. Each index now carries
 * `sealed_at`, and the scans are index-only again.
 *
 * The name prefix (now a range of leakproof pattern comparisons, common/prefix-range.ts: LIKE is not
 * leakproof, so under the policy it was a filter on every row, 306 ms) is searched in the default
 * order by walking the release index and testing the name: the release index carries `full_name` so
 * that walk, too, reads the index alone (4 ms instead of 28–129 ms).
 */
const AFTER: readonly [string, string][] = [
  ['idx_trainee_caseload_release', `("organisation_id", "expected_release_on", "id") INCLUDE ("state", "job_matching_consent", "full_name", "sealed_at")`],
  ['idx_trainee_caseload_state', `("organisation_id", "state", "expected_release_on", "id") INCLUDE ("sealed_at")`],
  ['idx_trainee_caseload_name', `("organisation_id", "full_name", "id") INCLUDE ("sealed_at")`],
  ['idx_trainee_caseload_name_prefix', `("organisation_id", "full_name" varchar_pattern_ops) INCLUDE ("expected_release_on", "id", "sealed_at")`],
  ['idx_trainee_caseload_admitted', `("organisation_id", "admitted_on", "id") INCLUDE ("sealed_at")`],
];

/** As CaseloadKeyset created them. */
const BEFORE: readonly [string, string][] = [
  ['idx_trainee_caseload_release', `("organisation_id", "expected_release_on", "id") INCLUDE ("state", "job_matching_consent")`],
  ['idx_trainee_caseload_state', `("organisation_id", "state", "expected_release_on", "id")`],
  ['idx_trainee_caseload_name', `("organisation_id", "full_name", "id")`],
  ['idx_trainee_caseload_name_prefix', `("organisation_id", "full_name" varchar_pattern_ops) INCLUDE ("expected_release_on", "id")`],
  ['idx_trainee_caseload_admitted', `("organisation_id", "admitted_on", "id")`],
];

export class CaseloadUnderRowSecurity1796501500000 implements MigrationInterface {
  name = 'CaseloadUnderRowSecurity1796501500000';

  public async up(q: QueryRunner): Promise<void> {
    await recreate(q, AFTER);
  }

  public async down(q: QueryRunner): Promise<void> {
    await recreate(q, BEFORE);
  }
}

async function recreate(q: QueryRunner, indexes: readonly [string, string][]): Promise<void> {
  for (const [name, definition] of indexes) {
    await q.query(`DROP INDEX "public"."${name}"`);
    await q.query(`CREATE INDEX "${name}" ON "trainee" ${definition}`);
  }
}
