import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema pg-boss keeps its queues, jobs and schedules in (the app starts pg-boss with `migrate: false`). */
const SCHEMA = 'pgboss';

/**
 * The queues the app uses, with their pg-boss policy. A queue is a partition of `pgboss.job`, made by
 * `pgboss.create_queue()`, which only the owner of the schema may run: a new queue is a new migration.
 * - the scheduled jobs are `singleton`: one active job per queue across all processes;
 * - `notification-delivery` parks a delivery that used up its retries in `notification-delivery-failed`
 *   (the dead-letter queue, made first: the other refers to it);
 * - `__pgboss__send-it` is pg-boss's own, through which its cron puts scheduled jobs on their queues.
 */
const QUEUES: [name: string, options: Record<string, string>][] = [
  ['__pgboss__send-it', { policy: 'standard' }],
  ['pre-release', { policy: 'singleton' }],
  ['follow-up-reminders', { policy: 'singleton' }],
  ['follow-up-escalation', { policy: 'singleton' }],
  ['fair-reminders', { policy: 'singleton' }],
  ['housekeeping', { policy: 'singleton' }],
  ['notification-delivery-failed', { policy: 'standard' }],
  ['notification-delivery', { policy: 'standard', deadLetter: 'notification-delivery-failed' }],
];

/**
 * Background jobs on pg-boss (issue 14): its schema, built with pg-boss's own SQL
 * (`getConstructionPlans`), and the app's queues. pg-boss wraps that SQL in BEGIN … COMMIT; here it
 * runs inside the migration's transaction instead, so the schema and the migration's record commit
 * together. The running app's role gets its rights on the schema in `database/app-role.ts`.
 *
 * Upgrading pg-boss to a release with a newer schema version (`node_modules/pg-boss/version.json`):
 * add a migration that runs `PgBoss.getMigrationPlans(SCHEMA, from)` (without its BEGIN … COMMIT) when
 * `pgboss.version` is below the new version — a database built after the upgrade already has it. The
 * app refuses to start ("pg-boss database requires migrations") until the versions agree.
 */
export class JobQueue1796433143397 implements MigrationInterface {
  name = 'JobQueue1796433143397';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const plans = PgBoss.getConstructionPlans(SCHEMA).trim();
    if (!plans.startsWith('BEGIN;') || !plans.endsWith('COMMIT;')) {
      throw new Error('pg-boss construction plans are no longer one BEGIN … COMMIT block: read them and adapt this migration');
    }
    // A pgboss schema without this migration's record is a leftover: `restore --force` drops the app's
    // tables and migration records but not other schemas. Its jobs are not in any backup either.
    await queryRunner.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await queryRunner.query(plans.slice('BEGIN;'.length, -'COMMIT;'.length));
    for (const [name, options] of QUEUES) {
      await queryRunner.query(`SELECT ${SCHEMA}.create_queue($1, $2::json)`, [name, JSON.stringify(options)]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
  }
}
