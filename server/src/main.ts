import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { bindNextFree, freePort, portIsFree } from './common/ports';
import { ConfigError, loadConfig, type AppConfig } from './config/env';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { roleOf } from './database/app-role';
import { prepareDatabase } from './database/prepare';

const say = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`);

/** Problems the person starting the app can fix: printed as a sentence, not a stack, with exit 78 (config). */
function isOperatorError(e: unknown): e is Error {
  return e instanceof ConfigError || (e instanceof Error && e.name === 'EmbeddedDatabaseError');
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  if (e === undefined || e === null) return 'an unknown error (nothing was thrown with it)';
  return typeof e === 'string' ? e : JSON.stringify(e);
}

let app: NestFastifyApplication | undefined;
let embedded: EmbeddedDatabase | undefined;
let shuttingDown = false;

/**
 * SIGTERM/SIGINT: stop taking connections, let requests in flight finish (at most SHUTDOWN_TIMEOUT_MS),
 * close the pool, then stop the embedded PostgreSQL. Exit 0 when everything finished in time.
 */
async function shutdown(signal: string, config: AppConfig): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say(`${signal}: finishing requests in flight (at most ${config.shutdownTimeoutMs} ms), then stopping`);
  const deadline = new Promise<'late'>((r) => setTimeout(() => r('late'), config.shutdownTimeoutMs).unref());
  // close() stops accepting and waits for open connections; a keep-alive connection whose request has
  // just finished would hold it until the deadline, so close each one as soon as it goes idle.
  const server = app?.getHttpServer();
  const sweeper = setInterval(() => server?.closeIdleConnections?.(), 100).unref();
  const closed = (app ? app.close() : Promise.resolve()).then(() => 'closed' as const);
  const outcome = await Promise.race([closed, deadline]).catch((e: unknown) => {
    process.stderr.write(`error while closing: ${describe(e)}\n`);
    return 'failed' as const;
  });
  clearInterval(sweeper);
  if (outcome === 'late') say(`requests still running after ${config.shutdownTimeoutMs} ms: stopping anyway`);
  await embedded?.stop().catch((e: unknown) => process.stderr.write(`error while stopping the embedded PostgreSQL: ${describe(e)}\n`));
  say('stopped');
  process.exit(outcome === 'closed' ? 0 : 1);
}

/**
 * CLUSTER_WORKERS > 1: this process (the primary) does the boot work once — the embedded PostgreSQL,
 * migrations, demo data, choosing the port — then forks that many workers, which only build the app
 * and listen on the same port (node:cluster hands the connections round; one Node process uses one
 * core). The primary serves nothing itself. Background jobs are safe in every worker: the schedulers
 * are pg-boss cron jobs (one run at a time across processes), not in-process timers.
 *
 * A worker that dies is forked again after a pause (doubling from 1 s to 30 s while they keep dying
 * young); SIGTERM/SIGINT stop every worker gracefully (each finishes its requests in flight), then the
 * embedded PostgreSQL, and the primary exits 0 when every worker did.
 */
const WORKER_DATABASE_URL = 'JBH_CLUSTER_DATABASE_URL';
const WORKER_APP_DATABASE_URL = 'JBH_CLUSTER_APP_DATABASE_URL';
const RESPAWN_FIRST_MS = 1000;
const RESPAWN_MAX_MS = 30_000;
/** A worker that lived this long died of something new: the next respawn starts from the first pause again. */
const RESPAWN_RESET_AFTER_MS = 60_000;

async function runPrimary(config: AppConfig, url: string, appUrl: string | undefined): Promise<void> {
  const port = await listenPort(config);
  const env = { PORT: String(port), [WORKER_DATABASE_URL]: url, [WORKER_APP_DATABASE_URL]: appUrl ?? '' };
  const started = new Map<number, number>(); // worker id → when forked
  let respawnMs = RESPAWN_FIRST_MS;
  let announced = false;
  let listening = 0;

  const fork = (): Worker => {
    const worker = cluster.fork(env);
    started.set(worker.id, Date.now());
    return worker;
  };
  cluster.on('listening', (_worker, address) => {
    listening++;
    if (!announced && listening >= config.clusterWorkers) {
      announced = true;
      say(`Jinbuhuan is serving on http://localhost:${address.port} with ${config.clusterWorkers} worker processes (API docs: /api/docs)`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? Date.now());
    started.delete(worker.id);
    if (shuttingDown) return;
    if (lived >= RESPAWN_RESET_AFTER_MS) respawnMs = RESPAWN_FIRST_MS;
    say(
      `worker ${worker.process.pid} stopped (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s: starting another in ${respawnMs} ms`,
    );
    setTimeout(() => {
      if (!shuttingDown) fork();
    }, respawnMs).unref();
    respawnMs = Math.min(respawnMs * 2, RESPAWN_MAX_MS);
  });
  for (let i = 0; i < config.clusterWorkers; i++) fork();
}

/** The primary's SIGTERM: every worker stops as a single process would, then the database; exit 0 if all did. */
async function stopWorkers(signal: string, config: AppConfig): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  say(
    `${signal}: stopping ${workers.length} worker processes (each finishes its requests in flight, at most ${config.shutdownTimeoutMs} ms)`,
  );
  const exits = workers.map(
    (w) =>
      new Promise<boolean>((resolve) => {
        if (w.isDead()) return resolve(true);
        // A worker still stuck after its own deadline (plus a margin) is killed.
        const kill = setTimeout(() => w.process.kill('SIGKILL'), config.shutdownTimeoutMs + 5000);
        w.once('exit', (code) => {
          clearTimeout(kill);
          resolve(code === 0);
        });
        w.process.kill('SIGTERM');
      }),
  );
  const clean = (await Promise.all(exits)).every(Boolean);
  await embedded?.stop().catch((e: unknown) => process.stderr.write(`error while stopping the embedded PostgreSQL: ${describe(e)}\n`));
  say('stopped');
  process.exit(clean ? 0 : 1);
}

/** A cluster worker: the primary did the boot work and chose the port; build the app and listen. */
async function runWorker(config: AppConfig): Promise<void> {
  const url = process.env[WORKER_DATABASE_URL]!;
  const appUrl = process.env[WORKER_APP_DATABASE_URL] || undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal, config));
  app = await createApp(config, appUrl ?? url);
  if (shuttingDown) return;
  await app.listen({ port: config.port, host: config.host });
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`\nJinbuhuan cannot start: ${e.message}\nSee README.md, "Configuration".\n\n`);
      process.exit(78);
    }
    throw e;
  }
  if (cluster.isWorker && process.env[WORKER_DATABASE_URL]) return runWorker(config);
  const primary = config.clusterWorkers > 1;
  // From here on a signal means "stop cleanly", whatever stage the start is at.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => void (primary ? stopWorkers(signal, config) : shutdown(signal, config)));

  let url = config.databaseUrl;
  let appUrl = config.appDatabaseUrl;
  if (!url) {
    say(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${join(config.dataDir, 'pg')}`);
    // Loaded only here: with DATABASE_URL nothing of the embedded server is in the process.
    const { startEmbeddedPostgres } = await import('./database/embedded-postgres.js');
    const started = await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort, say, {
      mode: 'exclusive',
      onFatal: (e: Error) => {
        process.stderr.write(`\nJinbuhuan is stopping: ${e.message}\n\n`);
        void app?.close().finally(() => process.exit(70));
        setTimeout(() => process.exit(70), 5000).unref();
      },
    });
    embedded = started;
    url = started.url;
    appUrl = started.appUrl;
  }
  if (!appUrl) say('APP_DATABASE_URL is not set: the app connects as the owner of the schema (allowed outside production only)');
  await prepareDatabase(url, config, say, appUrl ? roleOf(appUrl) : undefined);
  if (shuttingDown) return;
  if (primary) return runPrimary(config, url, appUrl);

  // The app runs as its own limited role; the owner's connection was only for the boot work above.
  app = await createApp(config, appUrl ?? url);
  const bound = await listen(app, config);
  say(`Jinbuhuan is serving on http://localhost:${bound} (API docs: /api/docs)`);
}

/**
 * Listens on `listenPort`'s choice. That port was free when chosen, but another copy starting at the
 * same moment may have chosen it too and bound it first: without PORT, the next free one is taken.
 */
async function listen(server: NestFastifyApplication, config: AppConfig): Promise<number> {
  return bindNextFree(
    await listenPort(config),
    async (port) => {
      await server.listen({ port, host: config.host });
      return (server.getHttpServer().address() as AddressInfo).port;
    },
    {
      taken: (e) => !process.env.PORT && (e as NodeJS.ErrnoException).code === 'EADDRINUSE',
      moved: (from, to) =>
        say(`port ${from} was taken by another program while the app started: serving on ${to} instead (PORT chooses another)`),
      host: config.host,
    },
  );
}

/**
 * PORT as given; when it was not given and 3000 is taken (another copy of the app, say), the next free
 * port — printed in the "serving on" line. A PORT that was asked for and is taken is an error.
 */
async function listenPort(config: AppConfig): Promise<number> {
  const host = config.host;
  if (config.port === 0 || (await portIsFree(config.port, host))) return config.port;
  if (process.env.PORT) {
    throw new ConfigError(`port ${config.port} (PORT) is already in use: stop what uses it, or choose another port with PORT=…`);
  }
  const port = await freePort(config.port, host);
  say(`port ${config.port} is taken (another program or another copy of the app): serving on ${port} instead (PORT chooses another)`);
  return port;
}

bootstrap().catch(async (e: unknown) => {
  if (isOperatorError(e)) process.stderr.write(`\nJinbuhuan cannot start: ${e.message}\n\n`);
  else process.stderr.write(`\nJinbuhuan failed to start: ${describe(e)}\n`);
  await embedded?.stop().catch(() => undefined);
  process.exit(isOperatorError(e) ? 78 : 1);
});
