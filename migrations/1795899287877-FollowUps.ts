import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Follow-up visits (回访) and, apart, their abstinence records. Backfills the default schedule
 * (+1, +3, +6, +12, +24, +36 months) for handovers completed before this migration.
 */

export class FollowUps1795899287877 implements MigrationInterface {
    name = 'FollowUps1795899287877'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "follow_up_visit" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "station_id" uuid NOT NULL,
                "handover_id" uuid,
                "months_after" smallint NOT NULL,
                "due_on" date NOT NULL,
                "assigned_user_id" uuid,
                "state" character varying(12) NOT NULL DEFAULT 'planned',
                "visited_on" date,
                "contact_method" character varying(12),
                "employment_status" character varying(14),
                "employer_name" character varying(80),
                "employer_organisation_id" uuid,
                "employment_confirmed" boolean,
                "income_band" character varying(12),
                "support_needs" character varying(500),
                "next_steps" character varying(500),
                "recorded_by" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE,
                "client_ref" uuid,
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_follow_up_recorded" CHECK (("state" = 'planned') = ("recorded_at" IS NULL)),
                CONSTRAINT "chk_follow_up_state" CHECK (
                    "state" IN ('planned', 'done', 'missed', 'unreachable')
                ),
                CONSTRAINT "PK_6931e0523d069c1adcb15815917" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_follow_up_station_due" ON "follow_up_visit" ("station_id", "state", "due_on")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_follow_up_client_ref" ON "follow_up_visit" ("client_ref")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_follow_up_trainee_month" ON "follow_up_visit" ("trainee_id", "months_after")
        `);
        await queryRunner.query(`
            CREATE TABLE "follow_up_abstinence" (
                "visit_id" uuid NOT NULL,
                "status" character varying(10) NOT NULL,
                "basis" character varying(14) NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_follow_up_abstinence_basis" CHECK ("basis" IN ('test_verified', 'self_reported')),
                CONSTRAINT "chk_follow_up_abstinence_status" CHECK ("status" IN ('abstinent', 'relapsed', 'unknown')),
                CONSTRAINT "PK_9b6a24a764d47d8684eb813d717" PRIMARY KEY ("visit_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit"
            ADD CONSTRAINT "fk_follow_up_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit"
            ADD CONSTRAINT "fk_follow_up_station" FOREIGN KEY ("station_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit"
            ADD CONSTRAINT "fk_follow_up_handover" FOREIGN KEY ("handover_id") REFERENCES "handover"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit"
            ADD CONSTRAINT "fk_follow_up_assigned" FOREIGN KEY ("assigned_user_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_abstinence"
            ADD CONSTRAINT "fk_follow_up_abstinence_visit" FOREIGN KEY ("visit_id") REFERENCES "follow_up_visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            INSERT INTO "follow_up_visit" ("trainee_id", "station_id", "handover_id", "months_after", "due_on")
            SELECT h."trainee_id", h."to_organisation_id", h."id", m, (h."handed_over_on" + make_interval(months => m))::date
            FROM "handover" h CROSS JOIN unnest(ARRAY[1, 3, 6, 12, 24, 36]) m
            WHERE h."state" = 'completed' AND h."handed_over_on" IS NOT NULL
            ON CONFLICT DO NOTHING
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "follow_up_abstinence" DROP CONSTRAINT "fk_follow_up_abstinence_visit"
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit" DROP CONSTRAINT "fk_follow_up_assigned"
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit" DROP CONSTRAINT "fk_follow_up_handover"
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit" DROP CONSTRAINT "fk_follow_up_station"
        `);
        await queryRunner.query(`
            ALTER TABLE "follow_up_visit" DROP CONSTRAINT "fk_follow_up_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_abstinence"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_follow_up_trainee_month"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_follow_up_client_ref"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_follow_up_station_due"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_visit"
        `);
    }

}
