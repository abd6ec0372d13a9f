import type { DataSourceOptions } from 'typeorm';
import { allMigrations } from '../../../migrations';
import { entities } from './entities';

export interface DatabaseTimeouts {
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
}

/**
 * A dead or frozen database must turn into a quick 503, not requests that hang for the whole outage:
 * - `connectionTimeoutMillis`: how long to wait for a connection (new, or free in the pool);
 * - `statement_timeout`: PostgreSQL cancels a query running longer (a lock wait, a runaway report);
 * - `query_timeout`: the client gives up on its own when the server is frozen and cancels nothing,
 *   a little after the server would have;
 * - TCP keep-alive so a connection to a vanished host is noticed.
 */
export function poolTimeouts(t: DatabaseTimeouts): Record<string, unknown> {
  return {
    connectionTimeoutMillis: t.dbConnectTimeoutMs,
    statement_timeout: t.dbStatementTimeoutMs,
    query_timeout: t.dbStatementTimeoutMs + 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** Options shared by the app, the migration CLI and the tests. The schema comes from migrations only. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: allMigrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL ≥ 13: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    ...extra,
    extra: {
      max: 20,
      application_name: 'jinbuhuan',
      ...(timeouts ? poolTimeouts(timeouts) : {}),
      ...((extra as { extra?: object }).extra ?? {}),
    },
  } as DataSourceOptions;
}
