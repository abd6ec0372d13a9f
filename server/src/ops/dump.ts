import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, type BackupManifest, type TableManifest } from './backup-format';
import { keyFingerprint, shortFingerprint, WRONG_KEY_HINT } from '../common/crypto/key-fingerprint';
import { listSequences, listTables, MIGRATIONS_TABLE, one, type Query, quoteIdent } from './schema';

export interface DumpOptions {
  /** The configured field-encryption key: its fingerprint goes into the manifest (never the key). */
  key: Buffer;
  log?: (msg: string) => void;
  /** Rows per FETCH. */
  batchRows?: number;
}

export interface DumpResult {
  path: string;
  bytes: number;
  manifest: BackupManifest;
}

/**
 * A connection that hands back every value as PostgreSQL's own text, unparsed: what is written is
 * exactly what the server printed, and restore casts it back with the column's type.
 */
export function rawTextClient(url: string, applicationName: string): pg.Client {
  const identity = (value: string) => value;
  return new pg.Client({
    connectionString: url,
    application_name: applicationName,
    types: { getTypeParser: (() => identity) as unknown as pg.CustomTypesConfig['getTypeParser'] },
  });
}

/** Session settings under which every type's text form is unambiguous and round-trips. */
export const EXACT_TEXT_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 3',
  "SET LOCAL bytea_output = 'hex'",
  'SET LOCAL statement_timeout = 0',
  'SET LOCAL idle_in_transaction_session_timeout = 0',
];

/**
 * Writes a backup of the database at `url` to `outPath`: every table of the app's schema, read in one
 * REPEATABLE READ READ ONLY transaction (one consistent snapshot, while the app keeps running). The
 * file appears only when complete (written beside it, then renamed), with mode 0600.
 */
export async function dumpDatabase(url: string, outPath: string, options: DumpOptions): Promise<DumpResult> {
  const log = options.log ?? (() => undefined);
  const batchRows = options.batchRows ?? 1000;
  const partial = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(4).toString('hex')}.partial`);
  const client = rawTextClient(url, 'jinbuhuan-backup');
  const query: Query = async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[];

  // 'wx': never follow or clobber anything already there; 0600 from the first byte.
  const handle = await open(partial, 'wx', 0o600).catch((e: NodeJS.ErrnoException) => {
    throw new BackupError(
      `Cannot write the backup beside ${outPath} (${e.code ?? e.message}). Check that the folder exists and is writable.`,
    );
  });
  const file = createWriteStream('', { fd: handle.fd, autoClose: false });
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, file);
  written.catch(() => undefined); // awaited below; a write error also surfaces there
  const hash = createHash('sha256');
  const write = async (value: unknown) => {
    const line = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    hash.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };

  let connected = false;
  let committed = false;
  try {
    await client.connect();
    connected = true;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const s of EXACT_TEXT_SETTINGS) await client.query(s);

    const { exists } = await one<{ exists: string }>(query, `SELECT (to_regclass($1) IS NOT NULL)::text AS exists`, [
      `public.${MIGRATIONS_TABLE}`,
    ]);
    if (exists !== 'true')
      throw new BackupError('This database has no Jinbuhuan schema (no migrations table): there is nothing to back up.');
    const migrations = (await query<{ name: string }>(`SELECT name FROM ${quoteIdent(MIGRATIONS_TABLE)} ORDER BY id`)).map((r) => r.name);

    const fingerprint = keyFingerprint(options.key);
    const { has } = await one<{ has: string }>(query, `SELECT (to_regclass('public.installation') IS NOT NULL)::text AS has`);
    const recorded =
      has === 'true' ? (await query<{ fp: string }>('SELECT key_fingerprint AS fp FROM installation WHERE id = 1'))[0]?.fp : undefined;
    // A backup labelled with the wrong key would be refused at restore, or worse, restored next to the wrong key.
    if (recorded && recorded !== fingerprint) {
      throw new BackupError(
        `FIELD_ENCRYPTION_KEY does not match the one this database was made with (fingerprint ${shortFingerprint(recorded)}). ${WRONG_KEY_HINT}`,
      );
    }

    const tables = await listTables(query);
    const tableManifests: TableManifest[] = [];
    for (const t of tables) {
      const { n } = await one<{ n: string }>(query, `SELECT count(*) AS n FROM ${quoteIdent(t.name)}`);
      tableManifests.push({ name: t.name, columns: t.columns, rows: Number(n) });
    }
    const sequences = [];
    for (const name of await listSequences(query)) {
      const [s] = await query<{ last_value: string; is_called: string }>(`SELECT last_value, is_called FROM ${quoteIdent(name)}`);
      sequences.push({ name, lastValue: s!.last_value, isCalled: s!.is_called === 't' });
    }
    const { version, db } = await one<{ version: string; db: string }>(query, 'SELECT version() AS version, current_database() AS db');
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: version.split(' on ')[0] ?? version,
      database: db,
      migrations,
      keyFingerprint: fingerprint,
      tables: tableManifests,
      sequences,
    };
    await write(manifest);

    for (const [i, t] of tables.entries()) {
      const expected = tableManifests[i]!.rows;
      await write({ table: t.name });
      const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
      const order = t.primaryKey.length ? ` ORDER BY ${t.primaryKey.map(quoteIdent).join(', ')}` : '';
      await client.query(`DECLARE jbh_backup NO SCROLL CURSOR FOR SELECT ${cols} FROM ${quoteIdent(t.name)}${order}`);
      let rows = 0;
      for (;;) {
        const res = await client.query({ text: `FETCH ${batchRows} FROM jbh_backup`, rowMode: 'array' });
        for (const row of res.rows as (string | null)[][]) await write(row);
        rows += res.rows.length;
        if (res.rows.length < batchRows) break;
      }
      await client.query('CLOSE jbh_backup');
      if (rows !== expected) throw new Error(`internal: ${t.name} gave ${rows} rows in a snapshot that counted ${expected}`);
      await write({ tableEnd: t.name, rows });
      log(`  ${t.name}: ${rows} rows`);
    }
    await client.query('COMMIT');
    committed = true;
    const trailer = Buffer.from(`${JSON.stringify({ end: true, sha256: hash.digest('hex') })}\n`, 'utf8');
    gzip.end(trailer);
    await written;
    await handle.sync();
    await handle.close();
    await rename(partial, outPath);
    await chmod(outPath, 0o600);
    const { size } = await stat(outPath);
    return { path: outPath, bytes: size, manifest };
  } catch (e) {
    gzip.destroy();
    await written.catch(() => undefined);
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  } finally {
    // A client whose connect failed is already closed: a query on it would wait forever.
    if (connected) {
      if (!committed) await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
