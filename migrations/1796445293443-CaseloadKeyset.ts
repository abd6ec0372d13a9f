import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Caseload at 1,000,000 trainees (issue 17): one index per sort, each led by the organisation (every
 * counsellor's caseload is scoped to it) and ending in the id, so a page is an index range in order
 * and a keyset cursor `(sort…, id) > (…)` starts inside it. The release index carries state and consent
 * so those filters, and the capped count, are answered from the index alone. The prefix index serves
 * `full_name LIKE 'x%'` under any collation (the default operator class does so only under "C").
 */

export class CaseloadKeyset1796445293443 implements MigrationInterface {
    name = 'CaseloadKeyset1796445293443'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_caseload_release" ON "trainee" ("organisation_id", "expected_release_on", "id")
            INCLUDE ("state", "job_matching_consent")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_caseload_state" ON "trainee" ("organisation_id", "state", "expected_release_on", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_caseload_name" ON "trainee" ("organisation_id", "full_name", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_caseload_name_prefix" ON "trainee" ("organisation_id", "full_name" varchar_pattern_ops)
            INCLUDE ("expected_release_on", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_caseload_admitted" ON "trainee" ("organisation_id", "admitted_on", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_trainee_caseload_admitted"`);
        await queryRunner.query(`DROP INDEX "public"."idx_trainee_caseload_name_prefix"`);
        await queryRunner.query(`DROP INDEX "public"."idx_trainee_caseload_name"`);
        await queryRunner.query(`DROP INDEX "public"."idx_trainee_caseload_state"`);
        await queryRunner.query(`DROP INDEX "public"."idx_trainee_caseload_release"`);
    }
}
