import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset paging for the long lists (issue 17): each list's ORDER BY key, id is served by one index
 * range with its usual filters, so page 5,000 costs what page 1 does, and the capped counts stop
 * after COUNT_CAP + 1 index entries.
 * - audit log, newest first: (occurred_at, id), read backwards;
 * - follow-up visits: a station's due/upcoming (station_id, state, due_on, id); the bureau's across
 *   stations (state, due_on, id); a station's done visits, latest visit first
 *   (station_id, visited_on DESC NULLS LAST, id DESC) over the visits no longer planned;
 * - notifications, newest first: (user_id, created_at, id), and the unread count over unread ones only.
 * The older indexes these extend (idx_audit_log_occurred_at, idx_follow_up_station_due,
 * idx_notification_user) stay: the entities still declare them.
 */
export class ListKeysetIndexes1796444965301 implements MigrationInterface {
  name = 'ListKeysetIndexes1796444965301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_audit_log_occurred_at_id" ON "audit_log" ("occurred_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_station_due_id" ON "follow_up_visit" ("station_id", "state", "due_on", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_due_id" ON "follow_up_visit" ("state", "due_on", "id")`);
    await queryRunner.query(
      `CREATE INDEX "idx_follow_up_station_done" ON "follow_up_visit" ("station_id", "visited_on" DESC NULLS LAST, "id" DESC) WHERE "state" <> 'planned'`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notification_user_created_id" ON "notification" ("user_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_notification_unread" ON "notification" ("user_id") WHERE "read_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_notification_unread"`);
    await queryRunner.query(`DROP INDEX "idx_notification_user_created_id"`);
    await queryRunner.query(`DROP INDEX "idx_follow_up_station_done"`);
    await queryRunner.query(`DROP INDEX "idx_follow_up_due_id"`);
    await queryRunner.query(`DROP INDEX "idx_follow_up_station_due_id"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_occurred_at_id"`);
  }
}
