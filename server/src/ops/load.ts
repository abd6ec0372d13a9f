import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { allMigrations } from '../../../migrations';
import { dataSourceOptions } from '../database/data-source-options';
import { BackupError, type BackupManifest, openBackup, verifyBackup } from './backup-format';
import { EXACT_TEXT_SETTINGS } from './dump';
import { keyFingerprint, shortFingerprint } from '../common/crypto/key-fingerprint';
import { dropAppObjects, listSequences, listTables, MIGRATIONS_TABLE, one, type Query, quoteIdent } from './schema';

export interface RestoreOptions {
  /** The key the restored database will be used with (the configured one, or the one given with --key). */
  key: Buffer;
  /** Replace whatever the target database holds (in the same transaction: a failed restore leaves it as it was). */
  force?: boolean;
  log?: (msg: string) => void;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  tables: { name: string; rows: number }[];
  totalRows: number;
  /** How triggers were kept from firing during the load. */
  triggerMode: 'replica' | 'disabled-user-triggers';
  replaced: boolean;
}

/** The name TypeORM records for a migration class (its `name` property, else the class name). */
function migrationName(m: (typeof allMigrations)[number]): string {
  return (new m() as { name?: string }).name ?? m.name;
}

export const knownMigrationNames = (): string[] => allMigrations.map(migrationName);

/**
 * Everything that can be said about a backup without a database: it is whole, this code knows its
 * schema, and the key fits. Throws BackupError with what to do otherwise.
 */
export async function checkBackupFile(path: string, key: Buffer): Promise<BackupManifest> {
  // The manifest alone first: "made by a newer version" or "another key" is what to act on, even if
  // the rest of the file is also not what this version expects.
  const { manifest } = await openBackup(path);
  const known = new Set(knownMigrationNames());
  const unknown = manifest.migrations.filter((n) => !known.has(n));
  if (unknown.length) {
    throw new BackupError(
      `This backup was made by a newer version of Jinbuhuan: its database has ${unknown.length} migration(s) this copy does not know ` +
        `(${unknown.join(', ')}). Install the version that made the backup (or a newer one), then run the restore again.`,
    );
  }
  const fingerprint = keyFingerprint(key);
  if (fingerprint !== manifest.keyFingerprint) {
    throw new BackupError(
      `This backup was made with a different FIELD_ENCRYPTION_KEY (backup's key fingerprint ${shortFingerprint(manifest.keyFingerprint)}, ` +
        `this installation's ${shortFingerprint(fingerprint)}). Without its own key the identity numbers in it cannot be read. ` +
        'Give the key file that was saved with this backup: npm run restore -- <backup file> --key <key file>',
    );
  }
  await verifyBackup(path);
  return manifest;
}

/** A PostgreSQL error about a row may quote the row's values: show its code, never its text. */
function describeLoadError(e: unknown, table: string): Error {
  const code = (e as { code?: string }).code;
  if (typeof code === 'string' && /^(22|23)/.test(code)) {
    return new BackupError(
      `PostgreSQL refused a row of table ${table} (error ${code}; the values are not shown). Nothing was restored. ` +
        'Was the backup made by this version of Jinbuhuan? If so, report it with this error code.',
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}

async function otherAppConnections(query: Query): Promise<number> {
  const { n } = await one<{ n: number }>(
    query,
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'jinbuhuan'`,
  );
  return n;
}

async function existingTables(query: Query): Promise<number> {
  const { n } = await one<{ n: number }>(
    query,
    `SELECT count(*)::int AS n FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
  );
  return n;
}

/**
 * Restores a backup into the database at `url`, all in one transaction: (with force: drop what is
 * there,) run exactly the backup's migrations, load every table with triggers held off, set the
 * sequences, compare row counts with the manifest, commit. Any failure rolls all of it back.
 */
export async function restoreDatabase(url: string, path: string, options: RestoreOptions): Promise<RestoreSummary> {
  const log = options.log ?? (() => undefined);
  const manifest = await checkBackupFile(path, options.key);
  const wanted = new Set(manifest.migrations);
  const ds = new DataSource(
    dataSourceOptions(url, {
      migrations: allMigrations.filter((m) => wanted.has(migrationName(m))),
      extra: { max: 1, application_name: 'jinbuhuan-restore' },
    }),
  );
  await ds.initialize();
  const runner: QueryRunner = ds.createQueryRunner();
  const query: Query = (sql, params) => runner.query(sql, params);
  try {
    await runner.connect();
    const apps = await otherAppConnections(query);
    if (apps > 0) {
      throw new BackupError(
        `Jinbuhuan is still connected to this database (${apps} connection(s)). Stop the app, then run the restore again.`,
      );
    }
    const existing = await existingTables(query);
    if (existing > 0 && !options.force) {
      throw new BackupError(
        `The target database is not empty (${existing} tables or sequences). Restore into a new, empty database, ` +
          'or run again with --force to replace everything in it with the backup.',
      );
    }

    await runner.startTransaction();
    for (const s of EXACT_TEXT_SETTINGS) await query(s);
    if (existing > 0) {
      log(`replacing the ${existing} tables and sequences in the target database`);
      await dropAppObjects(query);
    }

    // Exactly the backup's schema: later migrations run at the app's next start, on the restored data.
    const executor = new MigrationExecutor(ds, runner);
    executor.transaction = 'all';
    const ran = await executor.executePendingMigrations();
    log(`schema: ${ran.length} migration(s)`);

    // Triggers must not fire while rows go back: the audit log's append-only guard blocks TRUNCATE,
    // and the consent trigger would rewrite trainees. Replica mode also skips foreign-key checks; it
    // needs a superuser (or, from PostgreSQL 15, GRANT SET ON PARAMETER session_replication_role).
    // Otherwise the table owner disables its own triggers and the load goes in foreign-key order.
    let triggerMode: RestoreSummary['triggerMode'] = 'replica';
    await query('SAVEPOINT jbh_replica');
    try {
      await query('SET LOCAL session_replication_role = replica');
      await query('RELEASE SAVEPOINT jbh_replica');
    } catch {
      await query('ROLLBACK TO SAVEPOINT jbh_replica');
      triggerMode = 'disabled-user-triggers';
    }

    const target = new Map((await listTables(query)).map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      const here = target.get(t.name);
      if (!here) throw new BackupError(`The schema built from the backup's migrations has no table ${t.name}. Nothing was restored.`);
      const missing = t.columns.filter((c) => !here.columns.some((h) => h.name === c.name));
      if (missing.length)
        throw new BackupError(`Table ${t.name} has no column ${missing[0]!.name} after the backup's migrations. Nothing was restored.`);
    }
    if (triggerMode === 'disabled-user-triggers') {
      for (const name of target.keys()) await query(`ALTER TABLE ${quoteIdent(name)} DISABLE TRIGGER USER`);
    }
    // Migrations may seed rows (defaults, vocabularies): the backup's rows replace them.
    if (target.size) await query(`TRUNCATE ${[...target.keys()].map(quoteIdent).join(', ')}`);

    const reader = await openBackup(path);
    const loaded: { name: string; rows: number }[] = [];
    for await (const { table, batches } of reader.tables()) {
      const info = target.get(table.name)!;
      const types = new Map(info.columns.map((c) => [c.name, c.type]));
      const cols = table.columns.map((c) => quoteIdent(c.name)).join(', ');
      const casts = table.columns.map((c, i) => `v${i}::${types.get(c.name)}`).join(', ');
      const params = table.columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
      const aliases = table.columns.map((_, i) => `v${i}`).join(', ');
      const sql =
        `INSERT INTO ${quoteIdent(table.name)} (${cols})${info.identityAlways ? ' OVERRIDING SYSTEM VALUE' : ''} ` +
        `SELECT ${casts} FROM unnest(${params}) AS u(${aliases})`;
      let rows = 0;
      for await (const batch of batches) {
        const columns = table.columns.map((_, i) => batch.map((row) => row[i] ?? null));
        try {
          await query(sql, columns);
        } catch (e) {
          throw describeLoadError(e, table.name);
        }
        rows += batch.length;
      }
      loaded.push({ name: table.name, rows });
    }

    const sequences = new Set(await listSequences(query));
    for (const s of manifest.sequences) {
      if (!sequences.has(s.name))
        throw new BackupError(`The schema built from the backup's migrations has no sequence ${s.name}. Nothing was restored.`);
      await query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(s.name), s.lastValue, s.isCalled]);
    }
    if (triggerMode === 'disabled-user-triggers') {
      for (const name of target.keys()) await query(`ALTER TABLE ${quoteIdent(name)} ENABLE TRIGGER USER`);
    }

    // The proof: what is in the database now, counted by the database, against the manifest.
    for (const t of manifest.tables) {
      const { n } = await one<{ n: number }>(query, `SELECT count(*)::int AS n FROM ${quoteIdent(t.name)}`);
      if (n !== t.rows)
        throw new BackupError(`Table ${t.name} has ${n} rows after loading, the backup has ${t.rows}. Nothing was restored.`);
    }
    const { n: migrationsHere } = await one<{ n: number }>(query, `SELECT count(*)::int AS n FROM ${quoteIdent(MIGRATIONS_TABLE)}`);
    if (migrationsHere !== manifest.migrations.length) {
      throw new BackupError(
        `The target has ${migrationsHere} migrations recorded, the backup ${manifest.migrations.length}. Nothing was restored.`,
      );
    }
    await runner.commitTransaction();
    return {
      manifest,
      tables: loaded,
      totalRows: loaded.reduce((sum, t) => sum + t.rows, 0),
      triggerMode,
      replaced: existing > 0,
    };
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
    await ds.destroy();
  }
}
