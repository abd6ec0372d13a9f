import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { freePort, portIsFree } from './common/ports';
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
  // From here on a signal means "stop cleanly", whatever stage the start is at.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal, config));

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

  // The app runs as its own limited role; the owner's connection was only for the boot work above.
  app = await createApp(config, appUrl ?? url);
  const port = await listenPort(config);
  await app.listen({ port, host: config.host });
  const bound = (app.getHttpServer().address() as AddressInfo).port;
  say(`Jinbuhuan is serving on http://localhost:${bound} (API docs: /api/docs)`);
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
