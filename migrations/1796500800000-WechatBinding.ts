import type { MigrationInterface, QueryRunner } from 'typeorm';

/** WeChat reminders: an account's openid in the 服务号, and each notice's delivery status (no openid, no text). */
export class WechatBinding1796500800000 implements MigrationInterface {
  name = 'WechatBinding1796500800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "wechat_binding" (
        "user_id" uuid NOT NULL,
        "openid" character varying(64) NOT NULL,
        "bound_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_wechat_binding" PRIMARY KEY ("user_id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_wechat_binding_openid" ON "wechat_binding" ("openid")`);
    await queryRunner.query(`
      ALTER TABLE "wechat_binding" ADD CONSTRAINT "fk_wechat_binding_user"
        FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      CREATE TABLE "wechat_delivery" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "notification_id" uuid,
        "template" character varying(20) NOT NULL,
        "status" character varying(12) NOT NULL,
        "error_code" character varying(40),
        "not_before" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_wechat_delivery" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_wechat_delivery_user" ON "wechat_delivery" ("user_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_wechat_delivery_notification" ON "wechat_delivery" ("notification_id")`);
    await queryRunner.query(`
      ALTER TABLE "wechat_delivery" ADD CONSTRAINT "fk_wechat_delivery_user"
        FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "wechat_delivery" ADD CONSTRAINT "fk_wechat_delivery_notification"
        FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "wechat_delivery" DROP CONSTRAINT "fk_wechat_delivery_notification"`);
    await queryRunner.query(`ALTER TABLE "wechat_delivery" DROP CONSTRAINT "fk_wechat_delivery_user"`);
    await queryRunner.query(`DROP INDEX "uq_wechat_delivery_notification"`);
    await queryRunner.query(`DROP INDEX "idx_wechat_delivery_user"`);
    await queryRunner.query(`DROP TABLE "wechat_delivery"`);
    await queryRunner.query(`ALTER TABLE "wechat_binding" DROP CONSTRAINT "fk_wechat_binding_user"`);
    await queryRunner.query(`DROP INDEX "uq_wechat_binding_openid"`);
    await queryRunner.query(`DROP TABLE "wechat_binding"`);
  }
}
