import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type AppConfig, ConfigError, loadConfig } from '../config/env';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { BackupError } from './backup-format';
import { dumpDatabase } from './dump';
import { keyFingerprint, shortFingerprint } from '../common/crypto/key-fingerprint';
import { checkBackupFile, restoreDatabase } from './load';

type Print = (line: string) => void;

export interface CliContext {
  config: AppConfig;
  /** Where relative paths given on the command line start: npm runs scripts in the app folder. */
  cwd: string;
  out: Print;
  err: Print;
}

/** The database the app uses: DATABASE_URL, or the embedded server on the data directory (attached to if the app runs it). */
export async function withDatabase<T>(ctx: CliContext, work: (url: string) => Promise<T>): Promise<T> {
  if (ctx.config.databaseUrl) return work(ctx.config.databaseUrl);
  const dir = join(ctx.config.dataDir, 'pg');
  ctx.out(`Using the embedded database in ${dir}`);
  const db = await startEmbeddedPostgres(dir, ctx.config.embeddedPgPort, (m) => ctx.err(m));
  try {
    return await work(db.url);
  } finally {
    await db.stop();
  }
}

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 2 : 0)} MiB`;
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
const encodeKey = (key: Buffer) => `${key.toString('base64')}\n`;

function readKeyFile(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BackupError(`Cannot read the key file ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new BackupError(
      `${path} is not a Jinbuhuan key file (expected 32 bytes, base64-encoded, as written by npm run backup -- --key-out).`,
    );
  return key;
}

/** Writes the key (0600). An existing file is left alone when it holds the same key, refused otherwise. */
function writeKeyFile(path: string, key: Buffer): 'written' | 'unchanged' {
  if (existsSync(path)) {
    if (readKeyFile(path).equals(key)) return 'unchanged';
    throw new BackupError(`${path} already holds a different key. Choose another path for --key-out; never overwrite a saved key.`);
  }
  writeFileSync(path, encodeKey(key), { mode: 0o600, flag: 'wx' });
  return 'written';
}

export const BACKUP_USAGE = `Usage: npm run backup -- [--out <file>] [--key-out <file>]
  --out <file>       where to write the backup (default: backups/jinbuhuan-<UTC time>.jbhbak)
  --key-out <file>   also write the field-encryption key to <file> (keep it apart from the backups)
The app may keep running: the backup is one consistent snapshot.`;

export async function runBackup(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, 'key-out': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    ctx.out(BACKUP_USAGE);
    return 0;
  }
  const at = (p: string) => (isAbsolute(p) ? p : resolve(ctx.cwd, p));
  let outPath: string;
  if (values.out) {
    outPath = at(values.out);
  } else {
    const dir = join(ctx.config.appRoot, 'backups');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    outPath = join(dir, `jinbuhuan-${utcStamp(new Date())}.jbhbak`);
  }
  if (existsSync(outPath)) throw new BackupError(`${outPath} already exists. Choose another --out; a backup never overwrites a file.`);
  const started = Date.now();
  const result = await withDatabase(ctx, (url) => dumpDatabase(url, outPath, { key: ctx.config.fieldEncryptionKey }));
  const rows = result.manifest.tables.reduce((s, t) => s + t.rows, 0);
  ctx.out(
    `Backup written: ${result.path} (${mib(result.bytes)}, ${result.manifest.tables.length} tables, ${rows} rows, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  ctx.out(`Key fingerprint: ${shortFingerprint(result.manifest.keyFingerprint)} (restore needs the key with this fingerprint)`);
  if (values['key-out']) {
    const keyPath = at(values['key-out']);
    const how = writeKeyFile(keyPath, ctx.config.fieldEncryptionKey);
    ctx.out(
      `Key ${how === 'written' ? 'written to' : 'already saved in'} ${keyPath} — keep it somewhere else than the backups (another medium, a safe).`,
    );
  }
  ctx.out('The backup holds personal records: keep it where only the people who run restores can read it.');
  return 0;
}

export const RESTORE_USAGE = `Usage: npm run restore -- <backup file> [--key <key file>] [--force]
  --key <file>   the key saved with the backup (npm run backup -- --key-out), when it is not the configured one
  --force        replace everything in a database that is not empty
Stop the app first.`;

export async function runRestore(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { key: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help || positionals.length !== 1) {
    (values.help ? ctx.out : ctx.err)(RESTORE_USAGE);
    return values.help ? 0 : 64;
  }
  const at = (p: string) => (isAbsolute(p) ? p : resolve(ctx.cwd, p));
  const file = at(positionals[0]!);
  const key = values.key ? readKeyFile(at(values.key)) : ctx.config.fieldEncryptionKey;
  // Before any database is started or touched: a damaged file, a newer version or the wrong key is said at once.
  await checkBackupFile(file, key);
  const started = Date.now();
  const summary = await withDatabase(ctx, (url) => restoreDatabase(url, file, { key, force: values.force, log: (m) => ctx.out(m) }));
  const m = summary.manifest;
  ctx.out(`Restored ${file}`);
  ctx.out(`  made ${m.createdAt} from ${m.serverVersion}, ${m.migrations.length} migrations`);
  for (const t of summary.tables) ctx.out(`  ${t.name.padEnd(28)} ${String(t.rows).padStart(9)} rows  ok`);
  ctx.out(
    `  ${summary.tables.length} tables, ${summary.totalRows} rows, every count matches the backup (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  if (!key.equals(ctx.config.fieldEncryptionKey)) {
    // The app must start with the backup's key. In the embedded setup the key lives in the data
    // directory: put it there, keeping the one it replaces. An environment variable we cannot change.
    const keyFile = join(ctx.config.dataDir, 'field-encryption-key');
    const fromFile =
      existsSync(keyFile) && Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').equals(ctx.config.fieldEncryptionKey);
    if (fromFile) {
      const kept = `${keyFile}.replaced-${utcStamp(new Date())}`;
      writeFileSync(kept, readFileSync(keyFile), { mode: 0o600, flag: 'wx' });
      writeFileSync(keyFile, encodeKey(key), { mode: 0o600 });
      ctx.out(`Installed the backup's key in ${keyFile} (the previous key is kept in ${kept}).`);
    } else {
      ctx.out(
        `IMPORTANT: set FIELD_ENCRYPTION_KEY to the key in ${values.key} (fingerprint ${shortFingerprint(keyFingerprint(key))}) ` +
          'before starting the app: it refuses to start with any other key.',
      );
    }
  }
  ctx.out('Start the app: pending migrations, if any, run on the restored data.');
  return 0;
}

/** Entry point shared by backup.ts and restore.ts: config problems and BackupErrors are messages, not stack traces. */
export async function main(run: (argv: string[], ctx: CliContext) => Promise<number>, what: string, usage?: string): Promise<never> {
  const out: Print = (l) => process.stdout.write(`${l}\n`);
  const err: Print = (l) => process.stderr.write(`${l}\n`);
  let code: number;
  try {
    const config = loadConfig();
    code = await run(process.argv.slice(2), { config, cwd: process.cwd(), out, err });
  } catch (e) {
    // EmbeddedDatabaseError: the embedded server's own actionable messages (port taken, other version…).
    if (e instanceof BackupError || e instanceof ConfigError || (e as Error | undefined)?.name === 'EmbeddedDatabaseError') {
      err(`\n${what} failed: ${(e as Error).message}\n`);
      code = e instanceof ConfigError ? 78 : 1;
    } else if ((e as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS')) {
      err(`${(e as Error).message}\n\n${usage ?? (what === 'Backup' ? BACKUP_USAGE : RESTORE_USAGE)}`);
      code = 64;
    } else {
      err(`\n${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      code = 1;
    }
  }
  process.exit(code);
}
