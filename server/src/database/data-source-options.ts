import type { DataSourceOptions } from 'typeorm';
import { allMigrations } from '../../../migrations';
import { entities } from './entities';

/** Options shared by the app, the migration CLI and the tests. The schema comes from migrations only. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
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
    extra: { max: 20, application_name: 'jinbuhuan' },
    ...extra,
  } as DataSourceOptions;
}
