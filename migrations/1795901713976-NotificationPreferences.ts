import type { MigrationInterface, QueryRunner } from "typeorm";

/** The groups of notices each user has turned off. */

export class NotificationPreferences1795901713976 implements MigrationInterface {
    name = 'NotificationPreferences1795901713976'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notification_preference" (
                "user_id" uuid NOT NULL,
                "muted_groups" character varying array NOT NULL DEFAULT '{}',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ff040d2d2e35c49b00525783829" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference"
            ADD CONSTRAINT "fk_notification_preference_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notification_preference" DROP CONSTRAINT "fk_notification_preference_user"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_preference"
        `);
    }

}
