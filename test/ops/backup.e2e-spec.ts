import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { ConfigError, loadConfig, type AppConfig } from '../../server/src/config/env';
import { prepareDatabase } from '../../server/src/database/prepare';
import { BackupError, verifyBackup } from '../../server/src/ops/backup-format';
import { type CliContext, runBackup, runRestore } from '../../server/src/ops/cli';
import { dumpDatabase } from '../../server/src/ops/dump';
import { restoreDatabase } from '../../server/src/ops/load';
import { admin, createTestDatabase, TEST_ENV } from '../utils/test-app';

const execFileAsync = promisify(execFile);

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Every table's rows (as one md5 over the sorted row texts) and every sequence's state. */
async function contents(url: string): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    const out: Record<string, string> = {};
    const { rows: tables } = await c.query<{ name: string; kind: string }>(
      `SELECT relname AS name, relkind::text AS kind FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S') ORDER BY relname`,
    );
    for (const { name, kind } of tables) {
      const sql =
        kind === 'r'
          ? `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS v FROM "${name}" t`
          : `SELECT last_value || '/' || is_called AS v FROM "${name}"`;
      out[name] = (await c.query<{ v: string }>(sql)).rows[0]!.v;
    }
    return out;
  });
}

async function emptyDatabase(source: Db): Promise<{ name: string; url: string }> {
  const name = `${source.name}_r${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0`));
  return { name, url: source.url.replace(source.name, name) };
}

const tableCount = (url: string) =>
  withClient(
    url,
    async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0]!.n,
  );

function cli(config: AppConfig): CliContext & { lines: string[] } {
  const lines: string[] = [];
  return { config, cwd: process.cwd(), out: (l) => lines.push(l), err: (l) => lines.push(l), lines };
}

describe('backup and restore', () => {
  const config = loadConfig(TEST_ENV);
  const otherKey = randomBytes(32);
  const work = mkdtempSync(join(tmpdir(), 'jbh-backup-'));
  const file = join(work, 'demo.jbhbak');
  let source: Db;
  const made: string[] = [];
  const fresh = async () => {
    const db = await emptyDatabase(source);
    made.push(db.name);
    return db;
  };

  beforeAll(async () => {
    source = await createTestDatabase(config);
    // Values whose text form is easy to get wrong: quotes, backslashes, newlines, braces, array NULLs,
    // non-BMP characters, microsecond timestamps in another zone, nested json.
    await withClient(source.url, async (c) => {
      await c.query(
        `INSERT INTO audit_log (occurred_at, action, result, subject_id, detail)
         VALUES ('2026-01-02 03:04:05.123456+08', 'backup.test', 'success', $1, $2)`,
        ['a"b\\c\n{d,e}', JSON.stringify({ text: 'line1\nline2 "q" \\ 😀 金不换', list: [1, 2.5, null, { deep: true }] })],
      );
      await c.query(
        `UPDATE trainee SET work_history = $1, preferred_divisions = $2 WHERE id = (SELECT id FROM trainee ORDER BY id LIMIT 1)`,
        ['tab\there, "quoted", back\\slash\r\nnext', ['a,b', null, '"x"', '{}']],
      );
    });
  });

  afterAll(async () => {
    await admin(async (c) => {
      for (const name of made) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    await source?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('restores every row and sequence exactly into an empty database', async () => {
    const result = await dumpDatabase(source.url, file, { key: config.fieldEncryptionKey });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    // The key never goes into the backup; its fingerprint does.
    expect(text).not.toContain(config.fieldEncryptionKey.toString('base64'));
    expect(text).not.toContain(config.fieldEncryptionKey.toString('hex'));
    expect(result.manifest.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(result.manifest.migrations.length).toBeGreaterThan(10);
    expect(result.manifest.tables.find((t) => t.name === 'installation')?.rows).toBe(1);

    const target = await fresh();
    const summary = await restoreDatabase(target.url, file, { key: config.fieldEncryptionKey });
    expect(summary.totalRows).toBe(result.manifest.tables.reduce((s, t) => s + t.rows, 0));
    expect(await contents(target.url)).toEqual(await contents(source.url));
  });

  it('refuses a database that is not empty, and --force replaces it in one transaction', async () => {
    await expect(restoreDatabase(source.url, file, { key: config.fieldEncryptionKey })).rejects.toThrow(
      /target database is not empty.*--force/,
    );

    const target = await fresh();
    await restoreDatabase(target.url, file, { key: config.fieldEncryptionKey });
    await withClient(target.url, (c) => c.query(`INSERT INTO audit_log (action, result) VALUES ('after.restore', 'success')`));
    await restoreDatabase(target.url, file, { key: config.fieldEncryptionKey, force: true });
    expect(await contents(target.url)).toEqual(await contents(source.url));
  });

  it('refuses a backup made with another key unless its key file is given (CLI)', async () => {
    const target = await fresh();
    await expect(restoreDatabase(target.url, file, { key: otherKey })).rejects.toThrow(/different FIELD_ENCRYPTION_KEY.*--key <key file>/);
    expect(await tableCount(target.url)).toBe(0);

    // The operator's path: backup with --key-out, then restore on an installation with another key.
    const keyFile = join(work, 'field.key');
    const cliFile = join(work, 'cli.jbhbak');
    const backupCtx = cli(loadConfig({ ...TEST_ENV, DATABASE_URL: source.url, JBH_DATA_DIR: join(work, 'data-a') }));
    expect(await runBackup(['--out', cliFile, '--key-out', keyFile], backupCtx)).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(TEST_ENV.FIELD_ENCRYPTION_KEY);
    await expect(runBackup(['--out', cliFile], backupCtx)).rejects.toThrow(/already exists/);

    const restoreCtx = cli(
      loadConfig({
        ...TEST_ENV,
        FIELD_ENCRYPTION_KEY: otherKey.toString('base64'),
        DATABASE_URL: target.url,
        JBH_DATA_DIR: join(work, 'data-b'),
      }),
    );
    await expect(runRestore([cliFile], restoreCtx)).rejects.toThrow(/different FIELD_ENCRYPTION_KEY/);
    const wrongKeyFile = join(work, 'wrong.key');
    writeFileSync(wrongKeyFile, otherKey.toString('base64'));
    await expect(runRestore([cliFile, '--key', wrongKeyFile], restoreCtx)).rejects.toThrow(/different FIELD_ENCRYPTION_KEY/);
    expect(await runRestore([cliFile, '--key', keyFile], restoreCtx)).toBe(0);
    expect(restoreCtx.lines.join('\n')).toMatch(/every count matches the backup[\s\S]*set FIELD_ENCRYPTION_KEY to the key in/);
    expect(await contents(target.url)).toEqual(await contents(source.url));
  });

  it('works for a plain database owner (no superuser): triggers are disabled per table, then enabled again', async () => {
    const role = `jbh_owner_${randomBytes(3).toString('hex')}`;
    const name = `${source.name}_o${randomBytes(3).toString('hex')}`;
    await admin(async (c) => {
      // A password too, for a test server that asks for one (the embedded one does).
      await c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${role}'`);
      await c.query(`CREATE DATABASE "${name}" OWNER "${role}" TEMPLATE template0`);
    });
    try {
      const url = Object.assign(new URL(source.url.replace(source.name, name)), { username: role, password: role }).href;
      const summary = await restoreDatabase(url, file, { key: config.fieldEncryptionKey });
      expect(summary.triggerMode).toBe('disabled-user-triggers');
      await restoreDatabase(url, file, { key: config.fieldEncryptionKey, force: true });
      expect(await contents(url)).toEqual(await contents(source.url));
      const triggers = await withClient(
        url,
        async (c) => (await c.query(`SELECT DISTINCT tgenabled FROM pg_trigger WHERE NOT tgisinternal`)).rows,
      );
      expect(triggers).toEqual([{ tgenabled: 'O' }]);
    } finally {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS "${role}"`);
      });
    }
  });

  it('refuses a damaged, truncated or newer backup before touching the database', async () => {
    const target = await fresh();
    const bytes = readFileSync(file);
    const variants: [string, Buffer, RegExp][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /damaged or incomplete/],
      ['cut at the end', bytes.subarray(0, bytes.length - 3), /damaged or incomplete/],
      ['a flipped byte', Buffer.from(bytes).fill(bytes[2000]! ^ 0xff, 2000, 2001), /damaged or incomplete/],
      ['not a backup', gzipSync('{"hello":1}\n'), /not a Jinbuhuan backup/],
      ['empty', Buffer.alloc(0), /damaged or incomplete/],
    ];
    const lines = gunzipSync(bytes).toString('utf8').split('\n');
    const rewrite = (edit: (m: Record<string, unknown>) => void, keepHash = true) => {
      const manifest = JSON.parse(lines[0]!) as Record<string, unknown>;
      edit(manifest);
      const body = [JSON.stringify(manifest), ...lines.slice(1)];
      if (!keepHash) body.splice(-2, 1);
      return gzipSync(body.join('\n'));
    };
    variants.push(['a newer format', rewrite((m) => (m.formatVersion = 99)), /newer version of Jinbuhuan.*format 99/]);
    variants.push([
      'an unknown migration',
      rewrite((m) => (m.migrations = [...(m.migrations as string[]), 'FromTheFuture1999999999999'])),
      /newer version of Jinbuhuan.*FromTheFuture1999999999999/,
    ]);
    variants.push(['a changed row count', rewrite((m) => ((m.tables as { rows: number }[])[0]!.rows += 1)), /damaged or incomplete/]);
    variants.push(['no closing line', rewrite(() => undefined, false), /damaged or incomplete/]);

    for (const [what, content, message] of variants) {
      const bad = join(work, `bad-${what.replace(/\W+/g, '-')}.jbhbak`);
      writeFileSync(bad, content);
      const refused = await restoreDatabase(target.url, bad, { key: config.fieldEncryptionKey }).then(
        () => new Error(`${what}: restored`),
        (e: unknown) => e,
      );
      expect([what, refused instanceof BackupError ? 'BackupError' : String(refused)]).toEqual([what, 'BackupError']);
      expect([what, (refused as Error).message]).toEqual([what, expect.stringMatching(message)]);
      expect(await tableCount(target.url)).toBe(0);
    }
    await expect(verifyBackup(join(work, 'missing.jbhbak'))).rejects.toThrow(/no backup file/);
  });

  it('a backup never overwrites, and a failed backup leaves no file', async () => {
    await expect(
      dumpDatabase(source.url.replace(source.name, `${source.name}_gone`), join(work, 'x.jbhbak'), { key: config.fieldEncryptionKey }),
    ).rejects.toThrow();
    expect(() => statSync(join(work, 'x.jbhbak'))).toThrow();
    const target = await fresh();
    await expect(dumpDatabase(target.url, join(work, 'y.jbhbak'), { key: config.fieldEncryptionKey })).rejects.toThrow(
      /no Jinbuhuan schema/,
    );
    expect(readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
    await expect(dumpDatabase(source.url, file, { key: otherKey })).rejects.toThrow(/does not match the one this database was made with/);
  });

  it('embedded mode, as real processes: restores on a fresh data directory, installs the key, backs up from it', async () => {
    // The CLI entry points themselves (ts-node, as `npm run restore` runs their build): no DATABASE_URL,
    // no FIELD_ENCRYPTION_KEY, an empty data directory — a fresh machine.
    const dataDir = mkdtempSync(join(tmpdir(), 'jbh-fresh-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root: it must reach pg/
    const keyFile = join(work, 'embedded.key');
    writeFileSync(keyFile, `${TEST_ENV.FIELD_ENCRYPTION_KEY}\n`, { mode: 0o600 });
    const run = (script: string, args: string[]) =>
      execFileAsync(process.execPath, ['-r', 'ts-node/register', `server/src/ops/${script}.ts`, ...args], {
        cwd: process.cwd(),
        timeout: 180_000,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          JWT_SECRET: TEST_ENV.JWT_SECRET,
          JBH_DATA_DIR: dataDir,
          JBH_EMBEDDED_PG_PORT: String(55_000 + Math.floor(Math.random() * 4000)),
          TS_NODE_PROJECT: 'server/tsconfig.json',
          TS_NODE_TRANSPILE_ONLY: '1',
        },
      });
    try {
      // Without the saved key the fresh machine's own key is refused…
      const refused = await run('restore', [file]).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/different FIELD_ENCRYPTION_KEY/) });
      // …with it, the restore succeeds and puts the key where the app reads it.
      const restored = await run('restore', [file, '--key', keyFile]);
      expect(restored.stdout).toMatch(/every count matches the backup[\s\S]*Installed the backup's key in/);
      expect(readFileSync(join(dataDir, 'field-encryption-key'), 'utf8').trim()).toBe(TEST_ENV.FIELD_ENCRYPTION_KEY);

      const again = join(work, 'from-embedded.jbhbak');
      await run('backup', ['--out', again]);
      // Same rows, byte for byte, after a trip through the embedded PostgreSQL and back.
      const data = (f: string) => gunzipSync(readFileSync(f)).toString('utf8').split('\n').slice(1, -2);
      expect(data(again)).toEqual(data(file));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('boot-time key check (prepareDatabase)', () => {
  const config = loadConfig(TEST_ENV);
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase(config);
  });
  afterAll(() => db.drop());

  it('refuses a key that does not match the database, with what to do', async () => {
    const wrong = { ...config, fieldEncryptionKey: Buffer.alloc(32, 9) };
    const refused = await prepareDatabase(db.url, wrong).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(
      /^FIELD_ENCRYPTION_KEY does not match the one this database was made with \(fingerprint [0-9a-f]{16}.*Restore the key that was backed up with this database, see README 'Backups and restore'\.$/,
    );
    await expect(prepareDatabase(db.url, config)).resolves.toBeDefined();
  });

  it('on the first boot after the upgrade, records the key only if it opens the identity numbers already there', async () => {
    await withClient(db.url, (c) => c.query('DELETE FROM installation'));
    const refused = await prepareDatabase(db.url, { ...config, fieldEncryptionKey: Buffer.alloc(32, 9) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(/cannot decrypt the identity numbers already in this database/);
    await prepareDatabase(db.url, config);
    const rows = await withClient(db.url, async (c) => (await c.query('SELECT key_fingerprint FROM installation')).rows);
    expect(rows).toHaveLength(1);
  });
});
