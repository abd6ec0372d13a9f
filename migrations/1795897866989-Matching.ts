import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Matching: versioned weights (version 1 inserted here), a log of rankings, counsellors' readiness notes,
 * bordering divisions (loaded with the reference data), and an index on the trainees matching may consider.
 */

export class Matching1795897866989 implements MigrationInterface {
    name = 'Matching1795897866989'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "matching_weights" (
                "version" SERIAL NOT NULL,
                "weights" jsonb NOT NULL,
                "note" character varying(200),
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_35b09f71de088b5f705e532a868" PRIMARY KEY ("version")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "matching_weights" ("weights", "note")
            VALUES ('{"certificate":30,"training":10,"diploma":10,"division":20,"lodging":5,"wage":10,"industry":5,"readiness":10}', '初始权重 · initial weights')
        `);
        await queryRunner.query(`
            CREATE TABLE "matching_ranking" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "order_id" uuid,
                "trainee_id" uuid,
                "weights_version" integer NOT NULL,
                "requested_by" uuid NOT NULL,
                "result_count" integer NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_03ee200f65efe9b6124acc09150" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_matching_ranking_order" ON "matching_ranking" ("order_id", "at")
        `);
        await queryRunner.query(`
            CREATE TABLE "trainee_readiness" (
                "trainee_id" uuid NOT NULL,
                "ready" boolean NOT NULL,
                "note" character varying(300),
                "set_by" uuid NOT NULL,
                "set_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d4ad192b4c09ed51face930f91c" PRIMARY KEY ("trainee_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "division_neighbour" (
                "division_code" character(6) NOT NULL,
                "neighbour_code" character(6) NOT NULL,
                CONSTRAINT "chk_division_neighbour_distinct" CHECK ("division_code" <> "neighbour_code"),
                CONSTRAINT "PK_a5c725e09c6db5026deca9b8961" PRIMARY KEY ("division_code", "neighbour_code")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_matching" ON "trainee" ("state", "expected_release_on")
            WHERE job_matching_consent
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee_readiness"
            ADD CONSTRAINT "fk_trainee_readiness_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "division_neighbour"
            ADD CONSTRAINT "fk_division_neighbour_division" FOREIGN KEY ("division_code") REFERENCES "division"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "division_neighbour"
            ADD CONSTRAINT "fk_division_neighbour_neighbour" FOREIGN KEY ("neighbour_code") REFERENCES "division"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "division_neighbour" DROP CONSTRAINT "fk_division_neighbour_neighbour"
        `);
        await queryRunner.query(`
            ALTER TABLE "division_neighbour" DROP CONSTRAINT "fk_division_neighbour_division"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee_readiness" DROP CONSTRAINT "fk_trainee_readiness_trainee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_matching"
        `);
        await queryRunner.query(`
            DROP TABLE "division_neighbour"
        `);
        await queryRunner.query(`
            DROP TABLE "trainee_readiness"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_matching_ranking_order"
        `);
        await queryRunner.query(`
            DROP TABLE "matching_ranking"
        `);
        await queryRunner.query(`
            DROP TABLE "matching_weights"
        `);
    }

}
