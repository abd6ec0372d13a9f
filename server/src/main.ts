import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, type AppConfig } from './config/env';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { prepareDatabase } from './database/prepare';

const say = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`);

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

  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    say(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${join(config.dataDir, 'pg')}`);
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort, say);
    url = embedded.url;
  }
  await prepareDatabase(url, config, say);

  const app = await createApp(config, url);
  if (embedded) {
    // embedded-postgres owns SIGINT/SIGTERM: close the app (finishing requests) before the database stops.
    embedded.runBeforeStop(() => app.close());
  } else {
    app.enableShutdownHooks();
  }
  await app.listen({ port: config.port, host: config.host });
  say(`Jinbuhuan is serving on http://localhost:${config.port} (API docs: /api/docs)`);
}

bootstrap().catch((e: unknown) => {
  process.stderr.write(`\nJinbuhuan failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
