import { ConfigError } from '../config/env';

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * The running app connects as its own role, not as the owner of the schema: it reads and writes the
 * app's tables but may only INSERT and SELECT the audit log, cannot touch the chain head or the
 * migrations, cannot disable triggers (only an owner can) nor set `session_replication_role` (only a
 * superuser can). Re-applied at every boot, after the migrations, so new tables are covered. On the
 * job queue's schema (`pgboss`) it may work the queues but not create or drop them.
 */
export async function grantAppRole(query: Query, role: string): Promise<void> {
  const exists = (await query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])) as unknown[];
  if (exists.length === 0) {
    throw new ConfigError(
      `APP_DATABASE_URL names the role "${role}", which does not exist. Create it as the owner: CREATE ROLE "${role}" LOGIN PASSWORD '…';`,
    );
  }
  const [{ owner, superuser }] = (await query(
    `SELECT pg_get_userbyid(d.datdba) = $1 AS owner, r.rolsuper AS superuser
       FROM pg_database d, pg_roles r WHERE d.datname = current_database() AND r.rolname = $1`,
    [role],
  )) as [{ owner: boolean; superuser: boolean }];
  if (owner || superuser) {
    throw new ConfigError(`APP_DATABASE_URL's role "${role}" owns the database or is a superuser: it must be a plain role`);
  }
  const r = `"${role.replace(/"/g, '""')}"`;
  await query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${r.replace(/'/g, "''")}', current_database()); END $$`);
  for (const sql of [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${r}`,
    `REVOKE ALL ON audit_chain_head FROM ${r}`,
    `GRANT SELECT ON audit_chain_head TO ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON typeorm_migrations, installation FROM ${r}`,
    `GRANT EXECUTE ON FUNCTION audit_log_prune(bigint, integer) TO ${r}`,
    // The job queue (pg-boss, migration JobQueue): jobs, schedules and its bookkeeping, read and written
    // through the parent tables. Not CREATE: a queue is a partition made by the owner in a migration.
    `GRANT USAGE ON SCHEMA pgboss TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${r}`,
  ])
    await query(sql);
}

/** The user name in a postgres:// URL. */
export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);
