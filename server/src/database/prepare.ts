import { DataSource } from 'typeorm';
import { FieldCipher } from '../common/crypto/field-cipher';
import type { AppConfig } from '../config/env';
import { grantAppRole } from './app-role';
import { dataSourceOptions } from './data-source-options';
import { loadDemoData } from '../demo/demo-data';
import { loadReferenceData } from './reference-data';
import { verifyInstallationKey } from '../ops/key-fingerprint';

/** Any fixed number: serialises boot-time schema work across API processes sharing one database. */
const BOOT_LOCK = 7_230_501;

export interface PrepareResult {
  migrationsRun: string[];
  demoLoaded: boolean;
}

/**
 * Runs pending migrations, checks the field-encryption key against the one the database was made
 * with (a ConfigError when it differs), upserts reference data and, when asked for (DEMO_DATA: off
 * unless set; loadConfig says when it is allowed) on an empty database outside production, loads the
 * demo data. Several processes may boot at once: an advisory lock lets one do the work
 * while the others wait, then find nothing left to do.
 */
export async function prepareDatabase(
  url: string,
  config: Pick<AppConfig, 'appRoot' | 'demoData' | 'isProduction' | 'fieldEncryptionKey'>,
  log: (msg: string) => void = () => undefined,
  /** The role the running app connects as (when not the owner): granted its limited rights after the migrations. */
  appRole?: string,
): Promise<PrepareResult> {
  const ds = new DataSource(dataSourceOptions(url, { extra: { max: 2 } }));
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [BOOT_LOCK]);
    const migrations = await ds.runMigrations({ transaction: 'each' });
    if (migrations.length) log(`ran ${migrations.length} migration(s): ${migrations.map((m) => m.name).join(', ')}`);
    // Before anything writes identity data: a wrong key would encrypt new records under it and,
    // through the keyed look-up hash, let the same person be admitted twice.
    await verifyInstallationKey((sql, params) => runner.query(sql, params), config.fieldEncryptionKey, log);
    if (appRole) await grantAppRole((sql, params) => runner.query(sql, params), appRole);
    await loadReferenceData(ds, config.appRoot);
    let demoLoaded = false;
    if (config.demoData && !config.isProduction) {
      const [{ n }] = await ds.query<[{ n: number }]>('SELECT count(*)::int AS n FROM organisation');
      // Demo data only ever goes into an empty database: it is never mixed with real records.
      if (n === 0) {
        await loadDemoData(ds, new FieldCipher(config.fieldEncryptionKey));
        demoLoaded = true;
        log('loaded demo data (all demo accounts use the password Demo#2026)');
      }
    }
    return { migrationsRun: migrations.map((m) => m.name), demoLoaded };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [BOOT_LOCK]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
