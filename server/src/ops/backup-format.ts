import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * A `.jbhbak` file is gzip-compressed JSON lines, written by the app itself through a plain
 * PostgreSQL connection — no pg_dump, so it works against the embedded server (which ships none)
 * and any server version:
 *
 *   line 1            the manifest (`zcat file.jbhbak | head -1` shows it)
 *   per table         {"table": name}, one JSON array per row (each value PostgreSQL's own text
 *                     form, or null), {"tableEnd": name, "rows": n}
 *   last line         {"end": true, "sha256": hash of every byte before this line}
 *
 * Values travel as PostgreSQL's text output (bytea in hex, timestamps with offset, json as
 * written) and are cast back with the column's type on restore, so they round-trip exactly.
 * The trailer's hash and gzip's own CRC let restore refuse a truncated or damaged file before it
 * touches a database.
 */
export const BACKUP_FORMAT = 'jinbuhuan-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface ColumnInfo {
  name: string;
  /** `format_type()`: usable as a cast target. */
  type: string;
}

export interface TableManifest {
  name: string;
  columns: ColumnInfo[];
  rows: number;
}

export interface SequenceManifest {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** `version()` of the server backed up, for the operator's information only. */
  serverVersion: string;
  database: string;
  /** Applied migrations (typeorm_migrations, in order): restore rebuilds exactly this schema. */
  migrations: string[];
  /** keyFingerprint() of the field-encryption key: never the key itself. */
  keyFingerprint: string;
  /** In load order (referenced tables first). */
  tables: TableManifest[];
  sequences: SequenceManifest[];
}

/** A problem the operator can act on: printed as it is, without a stack. */
export class BackupError extends Error {}

const damaged = (why: string) =>
  new BackupError(`The backup file is damaged or incomplete (${why}). Nothing was restored. Use another copy of the backup.`);

type Line = { table: string } | { tableEnd: string; rows: number } | { end: true; sha256: string } | (string | null)[];

/** Yields the file's lines (without the newline) and keeps a running hash of the bytes read. */
async function* rawLines(path: string, hash: { update(b: Buffer): void }): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  const stream = createGunzip();
  // pipeline, not pipe: a read error (no such file) must reach the loop below instead of leaving it waiting.
  pipeline(createReadStream(path), stream).catch(() => undefined);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let nl: number;
      while ((nl = buf.indexOf(0x0a)) !== -1) {
        const line = buf.subarray(0, nl + 1);
        buf = buf.subarray(nl + 1);
        hash.update(line);
        yield line.subarray(0, nl);
      }
      rest = Buffer.from(buf);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new BackupError(`There is no backup file at ${path}.`);
    if (code === 'EISDIR') throw new BackupError(`${path} is a folder: give the backup file (…/jinbuhuan-<time>.jbhbak).`);
    if (code === 'EACCES') throw new BackupError(`The backup file ${path} cannot be read (permission denied).`);
    throw damaged(
      code === 'Z_BUF_ERROR' || /unexpected end/i.test((e as Error).message) ? 'it ends too early' : `gzip: ${(e as Error).message}`,
    );
  } finally {
    stream.destroy();
  }
  if (rest.length) throw damaged('its last line is cut off');
}

function parseJson(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    throw damaged('a line is not valid JSON');
  }
}

/** What the manifest must look like before anything else is believed. */
export function checkManifest(value: unknown): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== BACKUP_FORMAT) {
    throw new BackupError('This is not a Jinbuhuan backup file (its first line is not a Jinbuhuan backup manifest).');
  }
  if (typeof m.formatVersion !== 'number' || !Number.isInteger(m.formatVersion) || m.formatVersion < 1)
    throw damaged('its format version is unreadable');
  if (m.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `This backup was made by a newer version of Jinbuhuan (backup format ${m.formatVersion}; this copy reads up to ${BACKUP_FORMAT_VERSION}). ` +
        'Install the same or a newer version of Jinbuhuan as the one that made the backup, then run the restore again.',
    );
  }
  const ok =
    Array.isArray(m.migrations) &&
    m.migrations.every((n) => typeof n === 'string') &&
    typeof m.keyFingerprint === 'string' &&
    /^[0-9a-f]{64}$/.test(m.keyFingerprint) &&
    Array.isArray(m.tables) &&
    m.tables.every(
      (t) =>
        t &&
        typeof t.name === 'string' &&
        Number.isInteger(t.rows) &&
        Array.isArray(t.columns) &&
        t.columns.every((c) => c && typeof c.name === 'string' && typeof c.type === 'string'),
    ) &&
    Array.isArray(m.sequences) &&
    m.sequences.every((s) => s && typeof s.name === 'string' && /^-?\d+$/.test(String(s.lastValue)) && typeof s.isCalled === 'boolean');
  if (!ok) throw damaged('its manifest is incomplete');
  return m as BackupManifest;
}

export interface BackupReader {
  manifest: BackupManifest;
  /** Each table in manifest order, with its rows in batches. Throws BackupError at the first inconsistency. */
  tables(): AsyncGenerator<{ table: TableManifest; batches: AsyncGenerator<(string | null)[][]> }>;
}

/**
 * Reads a backup file, checking as it goes that it is whole: sections in manifest order, row
 * counts and widths as announced, the trailer present and its hash right. `verifyBackup` walks it
 * once before anything is touched; restore walks it a second time to load (and checks again).
 */
export async function openBackup(path: string, batchRows = 500): Promise<BackupReader> {
  const first = await (async () => {
    const hash = createHash('sha256');
    for await (const line of rawLines(path, hash)) return parseJson(line);
    throw damaged('it is empty');
  })();
  const manifest = checkManifest(first);

  async function* tables(): AsyncGenerator<{ table: TableManifest; batches: AsyncGenerator<(string | null)[][]> }> {
    const hash = createHash('sha256');
    const lines = rawLines(path, hash);
    const next = async (): Promise<Line | undefined> => {
      const r = await lines.next();
      return r.done ? undefined : (parseJson(r.value) as Line);
    };
    await next(); // the manifest, already checked
    for (const table of manifest.tables) {
      const head = await next();
      if (!head || Array.isArray(head) || !('table' in head) || head.table !== table.name)
        throw damaged(`the section for table ${table.name} is missing`);
      let count = 0;
      let ended = false;
      async function* batches(): AsyncGenerator<(string | null)[][]> {
        let batch: (string | null)[][] = [];
        let bytes = 0;
        for (;;) {
          const line = await next();
          if (line === undefined) throw damaged(`table ${table.name} is cut off`);
          if (!Array.isArray(line)) {
            if (!('tableEnd' in line) || line.tableEnd !== table.name || line.rows !== count || count !== table.rows)
              throw damaged(`table ${table.name} has ${count} rows, the manifest says ${table.rows}`);
            break;
          }
          if (line.length !== table.columns.length || !line.every((v) => v === null || typeof v === 'string'))
            throw damaged(`a row of table ${table.name} has the wrong shape`);
          count++;
          batch.push(line);
          for (const v of line) bytes += v?.length ?? 0;
          // Bounded by rows and by size: one audit entry can carry a large detail.
          if (batch.length >= batchRows || bytes > 4_000_000) {
            yield batch;
            batch = [];
            bytes = 0;
          }
        }
        if (batch.length) yield batch;
        ended = true;
      }
      yield { table, batches: batches() };
      if (!ended) throw new Error(`internal: table ${table.name} was not read to its end`);
    }
    const expected = hash.copy().digest('hex'); // copy: reading the trailer goes on hashing
    const trailer = await next();
    if (!trailer || Array.isArray(trailer) || !('end' in trailer)) throw damaged('it ends without its closing line');
    if (trailer.sha256 !== expected) throw damaged('its checksum does not match its content');
    if (!(await lines.next()).done) throw damaged('there is data after its closing line');
  }

  return { manifest, tables };
}

/** The first pass: reads the whole file and throws BackupError unless it is whole. */
export async function verifyBackup(path: string): Promise<BackupManifest> {
  const reader = await openBackup(path, 5000);
  for await (const { batches } of reader.tables()) {
    for await (const batch of batches) void batch;
  }
  return reader.manifest;
}
