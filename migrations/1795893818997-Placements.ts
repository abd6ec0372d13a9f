import type { MigrationInterface, QueryRunner } from "typeorm";

/** Placements (one trainee × one order, to the hire) with their history; hires counted on the order; 订单班 sessions link to their order. */

export class Placements1795893818997 implements MigrationInterface {
    name = 'Placements1795893818997'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "placement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "order_id" uuid NOT NULL,
                "trainee_id" uuid NOT NULL,
                "state" character varying(20) NOT NULL,
                "candidate_code" character varying(10) NOT NULL,
                "source" character varying(12) NOT NULL DEFAULT 'counsellor',
                "recommended_by" uuid,
                "note" character varying(500),
                "interview_at" TIMESTAMP WITH TIME ZONE,
                "interview_place" character varying(120),
                "offered_wage" integer,
                "hired_on" date,
                "ended_on" date,
                "end_reason" character varying(200),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_placement_hired" CHECK (("state" = 'hired') = ("hired_on" IS NOT NULL)),
                CONSTRAINT "chk_placement_source" CHECK ("source" IN ('counsellor', 'order_class', 'fair')),
                CONSTRAINT "chk_placement_state" CHECK (
                    "state" IN (
                        'suggested',
                        'recommended',
                        'accepted_by_trainee',
                        'interview',
                        'offer',
                        'hired',
                        'declined',
                        'rejected',
                        'withdrawn'
                    )
                ),
                CONSTRAINT "PK_4f8b29ee2db5213bcb38b6c71c4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_placement_trainee" ON "placement" ("trainee_id", "state")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_placement_candidate_code" ON "placement" ("candidate_code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_placement_one_job" ON "placement" ("trainee_id")
            WHERE state = 'hired'
                AND ended_on IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_placement_pair" ON "placement" ("order_id", "trainee_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "placement_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "placement_id" uuid NOT NULL,
                "from_state" character varying(20),
                "to_state" character varying(20) NOT NULL,
                "actor_id" uuid NOT NULL,
                "actor_role" character varying(12) NOT NULL,
                "assisted" boolean NOT NULL DEFAULT false,
                "note" character varying(500),
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e142d7725159a7b00adf9dbf284" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_placement_event_placement" ON "placement_event" ("placement_id", "at")
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order"
            ADD "hired_count" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session"
            ADD "order_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order"
            ADD CONSTRAINT "chk_job_order_hired" CHECK (
                    "hired_count" >= 0
                    AND "hired_count" <= "headcount"
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session"
            ADD CONSTRAINT "fk_course_session_order" FOREIGN KEY ("order_id") REFERENCES "job_order"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "placement"
            ADD CONSTRAINT "fk_placement_order" FOREIGN KEY ("order_id") REFERENCES "job_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "placement"
            ADD CONSTRAINT "fk_placement_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "placement_event"
            ADD CONSTRAINT "fk_placement_event_placement" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "placement_event" DROP CONSTRAINT "fk_placement_event_placement"
        `);
        await queryRunner.query(`
            ALTER TABLE "placement" DROP CONSTRAINT "fk_placement_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "placement" DROP CONSTRAINT "fk_placement_order"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session" DROP CONSTRAINT "fk_course_session_order"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order" DROP CONSTRAINT "chk_job_order_hired"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session" DROP COLUMN "order_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order" DROP COLUMN "hired_count"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_placement_event_placement"
        `);
        await queryRunner.query(`
            DROP TABLE "placement_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_placement_pair"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_placement_one_job"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_placement_candidate_code"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_placement_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "placement"
        `);
    }

}
