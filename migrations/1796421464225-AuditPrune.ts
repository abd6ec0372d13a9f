import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log stays append-only, with one opening for the retention job: a DELETE passes the
 * trigger only for a row older than 180 days (the floor under AUDIT_RETENTION_DAYS) and only in a
 * transaction that said so with `SET LOCAL jbh.audit_prune = 'on'`. UPDATE and TRUNCATE are still
 * refused whoever asks; a stray `DELETE FROM audit_log` without the flag still fails.
 */
export class AuditPrune1796421464225 implements MigrationInterface {
  name = 'AuditPrune1796421464225';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Nested IFs: OLD is only looked at for a row-level DELETE (it is NULL for the TRUNCATE trigger).
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND coalesce(current_setting('jbh.audit_prune', true), '') = 'on' THEN
          IF OLD.occurred_at < now() - interval '180 days' THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
  }
}
