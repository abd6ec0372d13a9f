// The server's OpenAPI document, built in memory from dist/ exactly as `api-generate.mjs` builds it
// (run `npm run build:server` first: the Swagger CLI plugin that documents DTO properties and their
// class-validator limits runs in `nest build`, so the document must come from its output).
// Shared by `api-lint.mjs`; `api-generate.mjs` can import it too.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Builds the document, or exits with status 2 when dist/ is missing. */
export async function buildOpenApiDocument() {
  const dist = join(process.cwd(), 'dist', 'server', 'src');
  if (!existsSync(join(dist, 'app.module.js'))) {
    console.error('dist/ is missing: run `npm run build:server` first');
    process.exit(2);
  }
  const { NestFactory } = require('@nestjs/core');
  const { FastifyAdapter } = require('@nestjs/platform-fastify');
  const { AppModule } = require(join(dist, 'app.module.js'));
  const { createOpenApiDocument } = require(join(dist, 'app.factory.js'));
  const { loadConfig } = require(join(dist, 'config', 'env.js'));

  const config = loadConfig({
    NODE_ENV: 'test',
    // Throw-away secrets: the document does not depend on them, and weak ones are refused by the config.
    JWT_SECRET: randomBytes(48).toString('base64'),
    FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SERVE_CLIENT: 'false',
  });
  // Preview mode builds the module graph without instantiating providers: no database needed.
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://unused@127.0.0.1/unused'), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  const document = createOpenApiDocument(app);
  await app.close();
  return document;
}
