import { DataSource } from 'typeorm';
import { FieldCipher } from '../common/crypto/field-cipher';
import { grantAppRole } from './app-role';
import { dataSourceOptions } from './data-source-options';
import { loadDemoData } from '../demo/demo-data';
import { loadReferenceData } from './reference-data';
import { keyFingerprint, shortFingerprint, WRONG_KEY_HINT } from '../common/crypto/key-fingerprint';
import { type AppConfig, ConfigError } from '../config/env';

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

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * Checked at every boot (after migrations, under the boot lock). The first boot after the
 * `installation` table appears records the key — but only after proving, on an existing identity
 * number, that the key opens what is already there, so an upgrade with the wrong key is refused
 * rather than blessed.
 */
export async function verifyInstallationKey(query: Query, key: Buffer, log: (msg: string) => void): Promise<void> {
  const current = keyFingerprint(key);
  const [row] = await query<{ key_fingerprint: string }>('SELECT key_fingerprint FROM installation WHERE id = 1');
  if (row) {
    if (row.key_fingerprint !== current) {
      throw new ConfigError(
        `FIELD_ENCRYPTION_KEY does not match the one this database was made with (fingerprint ${shortFingerprint(row.key_fingerprint)}, ` +
          `the configured key's is ${shortFingerprint(current)}). ${WRONG_KEY_HINT}`,
      );
    }
    return;
  }
  const [sample] = await query<{ cipher: Buffer }>('SELECT identity_number_cipher AS cipher FROM trainee LIMIT 1');
  if (sample) {
    try {
      new FieldCipher(key).decrypt(sample.cipher);
    } catch {
      throw new ConfigError(
        `FIELD_ENCRYPTION_KEY cannot decrypt the identity numbers already in this database: it is not the key they were encrypted with. ${WRONG_KEY_HINT}`,
      );
    }
  }
  // ON CONFLICT: another process may have recorded it between our read and this write (it holds the same key or it would have failed).
  await query('INSERT INTO installation (id, key_fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [current]);
  log(`recorded the field-encryption key fingerprint ${shortFingerprint(current)}`);
}
