import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMS reminders: each message's delivery status (no phone number), and the numbers that opted out (keyed hash only). */
export class SmsDelivery1796500200000 implements MigrationInterface {
  name = 'SmsDelivery1796500200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sms_delivery" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "notification_id" uuid,
        "template" character varying(20) NOT NULL,
        "status" character varying(12) NOT NULL,
        "provider_serial" character varying(64),
        "error_code" character varying(80),
        "not_before" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_sms_delivery" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_sms_delivery_user" ON "sms_delivery" ("user_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sms_delivery_notification" ON "sms_delivery" ("notification_id")`);
    await queryRunner.query(`
      ALTER TABLE "sms_delivery" ADD CONSTRAINT "fk_sms_delivery_user"
        FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "sms_delivery" ADD CONSTRAINT "fk_sms_delivery_notification"
        FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      CREATE TABLE "sms_opt_out" (
        "phone_hash" character varying(64) NOT NULL,
        "source" character varying(10) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_sms_opt_out" PRIMARY KEY ("phone_hash")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sms_opt_out"`);
    await queryRunner.query(`ALTER TABLE "sms_delivery" DROP CONSTRAINT "fk_sms_delivery_notification"`);
    await queryRunner.query(`ALTER TABLE "sms_delivery" DROP CONSTRAINT "fk_sms_delivery_user"`);
    await queryRunner.query(`DROP INDEX "uq_sms_delivery_notification"`);
    await queryRunner.query(`DROP INDEX "idx_sms_delivery_user"`);
    await queryRunner.query(`DROP TABLE "sms_delivery"`);
  }
}
