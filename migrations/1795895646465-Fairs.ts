import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Order-style job fairs: fairs, booths with the orders they bring, registrations with check-in codes,
 * interview slots (a trainee never in two overlapping slots: an exclusion constraint, hence btree_gist,
 * a trusted extension the database owner may create) and on-site intents.
 */

export class Fairs1795895646465 implements MigrationInterface {
    name = 'Fairs1795895646465'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
        await queryRunner.query(`
            CREATE TABLE "job_fair" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" character varying(80) NOT NULL,
                "fair_date" date NOT NULL,
                "starts_at" TIME NOT NULL,
                "ends_at" TIME NOT NULL,
                "venue_organisation_id" uuid NOT NULL,
                "booth_capacity" integer NOT NULL,
                "booths_taken" integer NOT NULL DEFAULT '0',
                "registration_deadline" date,
                "description" character varying(1000),
                "state" character varying(10) NOT NULL DEFAULT 'draft',
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_job_fair_times" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "chk_job_fair_booths" CHECK (
                    "booths_taken" >= 0
                    AND "booths_taken" <= "booth_capacity"
                ),
                CONSTRAINT "chk_job_fair_state" CHECK (
                    "state" IN ('draft', 'published', 'closed', 'cancelled')
                ),
                CONSTRAINT "PK_fc48b997d1c869b55d3e2d4efe1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_job_fair_date" ON "job_fair" ("fair_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "fair_booth" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fair_id" uuid NOT NULL,
                "employer_id" uuid NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'applied',
                "note" character varying(300),
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decline_reason" character varying(200),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_fair_booth_state" CHECK (
                    "state" IN ('applied', 'approved', 'declined', 'withdrawn')
                ),
                CONSTRAINT "PK_274f0d22849b77f54db86313c7d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fair_booth_live" ON "fair_booth" ("fair_id", "employer_id")
            WHERE state IN ('applied', 'approved')
        `);
        await queryRunner.query(`
            CREATE TABLE "fair_booth_order" (
                "booth_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                CONSTRAINT "PK_afe0011009a426d9fd346947ded" PRIMARY KEY ("booth_id", "order_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "fair_registration" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fair_id" uuid NOT NULL,
                "trainee_id" uuid NOT NULL,
                "code" character varying(8) NOT NULL,
                "candidate_code" character varying(10) NOT NULL,
                "registered_by" uuid NOT NULL,
                "self_registered" boolean NOT NULL DEFAULT false,
                "walk_in" boolean NOT NULL DEFAULT false,
                "checked_in_at" TIMESTAMP WITH TIME ZONE,
                "checked_in_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_cb76b2a9b79c61bb723191e7d47" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fair_registration_candidate" ON "fair_registration" ("candidate_code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fair_registration_code" ON "fair_registration" ("code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fair_registration" ON "fair_registration" ("fair_id", "trainee_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "fair_slot" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "booth_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'open',
                "registration_id" uuid,
                "trainee_id" uuid,
                "booked_assisted" boolean NOT NULL DEFAULT false,
                CONSTRAINT "chk_fair_slot_holder" CHECK (
                    ("state" IN ('invited', 'booked')) = ("registration_id" IS NOT NULL)
                ),
                CONSTRAINT "chk_fair_slot_times" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "chk_fair_slot_state" CHECK (
                    "state" IN ('open', 'invited', 'booked', 'cancelled')
                ),
                CONSTRAINT "ex_fair_slot_trainee_overlap" EXCLUDE USING gist (
                    "trainee_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                ),
                CONSTRAINT "PK_341d18d2ccd1f0b97d16c214618" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_fair_slot_booth" ON "fair_slot" ("booth_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "fair_intent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fair_id" uuid NOT NULL,
                "registration_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'proposed',
                "note" character varying(300),
                "created_by" uuid NOT NULL,
                "answered_by" uuid,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "answered_assisted" boolean NOT NULL DEFAULT false,
                "placement_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_fair_intent_state" CHECK ("state" IN ('proposed', 'confirmed', 'declined')),
                CONSTRAINT "PK_b3b308b76bbb831070d552c554b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fair_intent" ON "fair_intent" ("registration_id", "order_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "job_fair"
            ADD CONSTRAINT "fk_job_fair_venue" FOREIGN KEY ("venue_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth"
            ADD CONSTRAINT "fk_fair_booth_fair" FOREIGN KEY ("fair_id") REFERENCES "job_fair"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth"
            ADD CONSTRAINT "fk_fair_booth_employer" FOREIGN KEY ("employer_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth_order"
            ADD CONSTRAINT "fk_fair_booth_order_booth" FOREIGN KEY ("booth_id") REFERENCES "fair_booth"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth_order"
            ADD CONSTRAINT "fk_fair_booth_order_order" FOREIGN KEY ("order_id") REFERENCES "job_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_registration"
            ADD CONSTRAINT "fk_fair_registration_fair" FOREIGN KEY ("fair_id") REFERENCES "job_fair"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_registration"
            ADD CONSTRAINT "fk_fair_registration_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_slot"
            ADD CONSTRAINT "fk_fair_slot_booth" FOREIGN KEY ("booth_id") REFERENCES "fair_booth"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_slot"
            ADD CONSTRAINT "fk_fair_slot_registration" FOREIGN KEY ("registration_id") REFERENCES "fair_registration"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_intent"
            ADD CONSTRAINT "fk_fair_intent_fair" FOREIGN KEY ("fair_id") REFERENCES "job_fair"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_intent"
            ADD CONSTRAINT "fk_fair_intent_registration" FOREIGN KEY ("registration_id") REFERENCES "fair_registration"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_intent"
            ADD CONSTRAINT "fk_fair_intent_order" FOREIGN KEY ("order_id") REFERENCES "job_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "fair_intent" DROP CONSTRAINT "fk_fair_intent_order"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_intent" DROP CONSTRAINT "fk_fair_intent_registration"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_intent" DROP CONSTRAINT "fk_fair_intent_fair"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_slot" DROP CONSTRAINT "fk_fair_slot_registration"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_slot" DROP CONSTRAINT "fk_fair_slot_booth"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_registration" DROP CONSTRAINT "fk_fair_registration_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_registration" DROP CONSTRAINT "fk_fair_registration_fair"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth_order" DROP CONSTRAINT "fk_fair_booth_order_order"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth_order" DROP CONSTRAINT "fk_fair_booth_order_booth"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth" DROP CONSTRAINT "fk_fair_booth_employer"
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_booth" DROP CONSTRAINT "fk_fair_booth_fair"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_fair" DROP CONSTRAINT "fk_job_fair_venue"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fair_intent"
        `);
        await queryRunner.query(`
            DROP TABLE "fair_intent"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_fair_slot_booth"
        `);
        await queryRunner.query(`
            DROP TABLE "fair_slot"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fair_registration"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fair_registration_code"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fair_registration_candidate"
        `);
        await queryRunner.query(`
            DROP TABLE "fair_registration"
        `);
        await queryRunner.query(`
            DROP TABLE "fair_booth_order"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fair_booth_live"
        `);
        await queryRunner.query(`
            DROP TABLE "fair_booth"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_job_fair_date"
        `);
        await queryRunner.query(`
            DROP TABLE "job_fair"
        `);
    }

}
