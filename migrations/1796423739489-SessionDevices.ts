import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh sessions learn when their family signed in (`started_at`, carried over on every rotation:
 * the staff session cap and the my-sessions page count from it) and a coarse client address
 * (`client_address`, stored already masked as `10.2.*.*`). Existing families get their oldest
 * remaining row's time, the closest thing to their sign-in still on record.
 */
export class SessionDevices1796423739489 implements MigrationInterface {
  name = 'SessionDevices1796423739489';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_session" ADD "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "refresh_session" ADD "client_address" character varying(64)`);
    await queryRunner.query(
      `UPDATE "refresh_session" s SET "started_at" = f.started
         FROM (SELECT family_id, min(created_at) AS started FROM "refresh_session" GROUP BY family_id) f
        WHERE f.family_id = s.family_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_session" DROP COLUMN "client_address"`);
    await queryRunner.query(`ALTER TABLE "refresh_session" DROP COLUMN "started_at"`);
  }
}
