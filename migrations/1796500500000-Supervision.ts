import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community supervision: transfers of a released person between community stations
 * (`station_transfer`, at most one open request per person) and lost-contact cases (`lost_contact`,
 * at most one open case per person).
 */
export class Supervision1796500500000 implements MigrationInterface {
  name = 'Supervision1796500500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "station_transfer" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "from_station_id" uuid NOT NULL,
        "to_station_id" uuid NOT NULL,
        "reason" character varying(12) NOT NULL,
        "note" character varying(500),
        "state" character varying(10) NOT NULL DEFAULT 'requested',
        "requested_by" uuid NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "reject_reason" character varying(20),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_station_transfer_state" CHECK ("state" IN ('requested','accepted','rejected','cancelled')),
        CONSTRAINT "chk_station_transfer_reason" CHECK ("reason" IN ('moved_home','work','family','other')),
        CONSTRAINT "chk_station_transfer_not_self" CHECK ("from_station_id" <> "to_station_id"),
        CONSTRAINT "PK_84200147577de55952a0c024158" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_station_transfer_open" ON "station_transfer" ("trainee_id") WHERE state = 'requested'`);
    await queryRunner.query(`CREATE INDEX "idx_station_transfer_to" ON "station_transfer" ("to_station_id", "state")`);
    await queryRunner.query(`CREATE INDEX "idx_station_transfer_from" ON "station_transfer" ("from_station_id", "state")`);
    await queryRunner.query(`ALTER TABLE "station_transfer" ADD CONSTRAINT "fk_station_transfer_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "station_transfer" ADD CONSTRAINT "fk_station_transfer_from" FOREIGN KEY ("from_station_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "station_transfer" ADD CONSTRAINT "fk_station_transfer_to" FOREIGN KEY ("to_station_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "station_transfer" ADD CONSTRAINT "fk_station_transfer_requested_by" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "station_transfer" ADD CONSTRAINT "fk_station_transfer_decided_by" FOREIGN KEY ("decided_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await queryRunner.query(`
      CREATE TABLE "lost_contact" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "station_id" uuid NOT NULL,
        "since" date NOT NULL,
        "attempts" integer NOT NULL,
        "escalated_at" TIMESTAMP WITH TIME ZONE,
        "found_on" date,
        "found_at" TIMESTAMP WITH TIME ZONE,
        "found_by" uuid,
        "found_method" character varying(12),
        "note" character varying(500),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_lost_contact_attempts" CHECK ("attempts" > 0),
        CONSTRAINT "chk_lost_contact_found" CHECK (("found_on" IS NULL) = ("found_at" IS NULL)),
        CONSTRAINT "PK_93c7a4c8a66dc9d53a9de36047c" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_lost_contact_open" ON "lost_contact" ("trainee_id") WHERE found_on IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_lost_contact_station" ON "lost_contact" ("station_id", "found_on")`);
    await queryRunner.query(`ALTER TABLE "lost_contact" ADD CONSTRAINT "fk_lost_contact_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lost_contact" ADD CONSTRAINT "fk_lost_contact_station" FOREIGN KEY ("station_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lost_contact" ADD CONSTRAINT "fk_lost_contact_found_by" FOREIGN KEY ("found_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "lost_contact"`);
    await queryRunner.query(`DROP TABLE "station_transfer"`);
  }
}
