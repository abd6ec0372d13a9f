import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Caseload speed at 100,000 trainees: handovers by trainee (scope), and
 * trainee.job_matching_consent kept by a trigger so the consent filter reads one column.
 */

export class CaseloadIndexes1795882411900 implements MigrationInterface {
    name = 'CaseloadIndexes1795882411900'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "job_matching_consent" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_handover_trainee" ON "handover" ("trainee_id")
        `);
        // Keep trainee.job_matching_consent equal to "a live job_matching consent exists", whoever writes consents.
        await queryRunner.query(
            `CREATE FUNCTION consent_sync_job_matching() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               UPDATE trainee t SET job_matching_consent = EXISTS (
                 SELECT 1 FROM consent c WHERE c.trainee_id = t.id AND c.purpose = 'job_matching' AND c.withdrawn_at IS NULL)
               WHERE t.id = COALESCE(NEW.trainee_id, OLD.trainee_id);
               RETURN NULL;
             END $$`,
        );
        await queryRunner.query(
            `CREATE TRIGGER trg_consent_sync_job_matching AFTER INSERT OR UPDATE OR DELETE ON consent
             FOR EACH ROW EXECUTE FUNCTION consent_sync_job_matching()`,
        );
        await queryRunner.query(
            `UPDATE trainee t SET job_matching_consent = TRUE
              WHERE EXISTS (SELECT 1 FROM consent c WHERE c.trainee_id = t.id AND c.purpose = 'job_matching' AND c.withdrawn_at IS NULL)`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER trg_consent_sync_job_matching ON consent`);
        await queryRunner.query(`DROP FUNCTION consent_sync_job_matching()`);
        await queryRunner.query(`
            DROP INDEX "public"."idx_handover_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "job_matching_consent"
        `);
    }

}
