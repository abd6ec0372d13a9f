import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Bounded ranking (issue 6): indexes for its tiers (trainees by home division, GIN over preferred
 * divisions) and a covering index so counting a caseload's candidates reads no table rows.
 */

export class MatchingTiers1795918815022 implements MigrationInterface {
    name = 'MatchingTiers1795918815022'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_matching_division" ON "trainee" ("home_division_code")
            WHERE job_matching_consent
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_matching_caseload" ON "trainee" (
                "organisation_id",
                "state",
                "expected_release_on",
                "id"
            )
            WHERE job_matching_consent
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_preferred_divisions" ON "trainee" USING gin ("preferred_divisions")
            WHERE job_matching_consent
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_preferred_divisions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_matching_caseload"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_matching_division"
        `);
    }

}
