import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The releasing facility's frozen copy of a trainee's file, taken when its handover completes.
 * Handovers completed before this migration have none: their facility keeps reading the live record.
 */
export class TraineeSnapshot1796416386554 implements MigrationInterface {
    name = 'TraineeSnapshot1796416386554'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "trainee_snapshot" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "handover_id" uuid NOT NULL,
                "record" jsonb NOT NULL,
                "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_trainee_snapshot" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_trainee_snapshot_handover" ON "trainee_snapshot" ("handover_id")`);
        await queryRunner.query(`CREATE INDEX "idx_trainee_snapshot_trainee_org" ON "trainee_snapshot" ("trainee_id", "organisation_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "trainee_snapshot"`);
    }

}
