import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { join } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { DomainError } from './common/domain-error';
import { bindIdempotencyToWrites } from './common/idempotency/idempotent-writes';
import { registerCrossSiteChecks } from './common/cross-site';
import { registerRequestLimits } from './common/request-limits';
import { AppLogger, registerRequestLog } from './common/logging';
import { finishOpenApiDocument, operationIdOf } from './common/openapi/openapi-document';
import type { AppConfig } from './config/env';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Largest uploaded file (an Excel roster), in bytes. */
export const MAX_UPLOAD_BYTES = 10 * 1_048_576;

/** Builds the Fastify-based Nest application exactly as production runs it (tests use this too). */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Honour a load balancer's request id, else make one: the same id goes to logs, audit and the client.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  // Before the first listen()/init(), when Nest reads each route's enhancers.
  bindIdempotencyToWrites(app);
  await configureApp(app, config);
  return app;
}

/**
 * TRUST_PROXY for Fastify. A hop count becomes a function of the hop: this Fastify trusts no hop at all
 * when given a bare number (it cannot check who the peer is), which would make every client look like
 * the load balancer and share one rate limit. `(_, hop) => hop < n` believes the socket peer and the
 * next n − 1 entries from the right, so the client is the address the outermost proxy saw; whatever a
 * client writes further left is ignored. An address list is checked by Fastify (proxy-addr) as it is.
 */
export function fastifyTrustProxy(trust: AppConfig['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return trust;
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<OpenAPIObject> {
  app.setGlobalPrefix('api');
  const fastify = app.getHttpAdapter().getInstance();
  // JSON nesting depth, NUL characters in bodies and URLs: refused with a 400 before any handler.
  registerRequestLimits(app, config.bodyLimitBytes);
  // Login CSRF and cross-site writes: JSON-only sign-in routes, and no state change a browser marks as cross-site.
  registerCrossSiteChecks(app, config.corsOrigins);
  // A callback hook, not an async one: an async hook costs a promise and a microtask on every request.
  fastify.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  // helmet's headers never change from one request to the next, but @fastify/helmet builds the helmet
  // middleware again on every request (parsing the CSP directives each time, ~4 % of a health check's
  // CPU). So helmet is asked once, at boot, for the headers it sets, and those are added to every reply
  // in one onRequest hook (as early as helmet would, so a handler may still override one).
  const securityHeaders = helmetHeaders(helmetOptions(config), config.appRoot);
  fastify.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
  registerRequestLog(fastify, app.get(AppLogger).root, config.slowRequestMs);
  await app.register(cookie);
  // Only routes marked @RateLimited() (sign-in, refresh, registration). In-memory per process: behind a
  // load balancer each process counts separately; the sign-in throttle (in PostgreSQL) is shared.
  await app.register(rateLimit, {
    global: false,
    max: config.authRateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx) => new DomainError(429, 'TOO_MANY_REQUESTS', { seconds: Math.ceil(ctx.ttl / 1000) }),
  });
  // Compresses a reply of 1 KiB or more when the client accepts it (brotli at quality 4, @fastify/compress's
  // default, cheaper than gzip for the same size); a smaller one costs more to compress than it saves.
  await app.register(compress, { threshold: 1024 });
  // Uploads (Excel rosters): one file per request, 10 MB at most; read with request.file(). What the
  // file expands to is limited where it is read (trainees/workbook-inspection.ts); the other parts
  // of the form are kept small.
  await app.register(multipart, {
    limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 5, parts: 6, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  // CORS is off unless origins are listed: the app and the API are served from one origin.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true });

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });

  if (config.serveClient) serveClient(app, config);
  return document;
}

/** The security headers' settings (helmet's defaults, with the CSP the web app and Swagger UI need). */
export function helmetOptions(config: Pick<AppConfig, 'isProduction'>): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ng-zorro and Swagger UI set style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  };
}

type HelmetMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers helmet sets with these options: helmet's own middleware (the one @fastify/helmet wraps,
 * loaded from where that plugin finds it) run once on a response that is never sent, and read back.
 * Nothing of helmet's is re-implemented here.
 */
export function helmetHeaders(options: FastifyHelmetOptions, appRoot: string): Record<string, string> {
  const fromProject = createRequire(join(appRoot, 'package.json'));
  const helmetFactory = createRequire(fromProject.resolve('@fastify/helmet'))('helmet') as (o: object) => HelmetMiddleware;
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  helmetFactory(options)(req, res, (error) => {
    if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
  });
  return Object.fromEntries(
    Object.entries(res.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}

export function openApiConfig() {
  return (
    new DocumentBuilder()
      .setTitle('金不换 Jinbuhuan API')
      .setDescription('掌握一项技能、获得一个文凭、谋得一份职业 — a skill, a diploma, a job.')
      .setVersion('1')
      .addBearerAuth()
      // Named as @ApiCookieAuth('jbh_refresh') on the refresh route names it.
      .addCookieAuth('jbh_refresh', { type: 'apiKey', in: 'cookie' }, 'jbh_refresh')
      .build()
  );
}

/**
 * The OpenAPI document of `app` (served at /api/docs, and written by scripts/api-generate.mjs):
 * Swagger's scan of the controllers, completed by common/openapi/ with the error answers each route
 * can give, the path parameters' checks and the rate-limit headers.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, openApiConfig(), { operationIdFactory: operationIdOf });
  return finishOpenApiDocument(app, document, { uploadBytes: MAX_UPLOAD_BYTES });
}

/**
 * Serves the built Angular app and the sign-in page (`/login`). Deep links (`/organisations/42`) answer
 * index.html; unknown `/api` paths stay JSON 404s.
 */
function serveClient(app: NestFastifyApplication, config: AppConfig): void {
  const root = config.clientDir;
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(join(root, 'index.html'))) {
    fastify.get('/', (_req, reply) => {
      void reply
        .type('text/plain; charset=utf-8')
        .send('The web client is not built yet: run `npm run build:client` (npm start does it for you). The API is at /api/docs.');
    });
    return;
  }
  const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
  void fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // The build writes brotli and gzip copies beside each file (scripts/precompress.mjs): sent as they are,
    // at the best ratio, with no compression per request. The copies are not addresses of their own.
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    // Hashed bundles never change; index.html must be revalidated so a deploy is picked up.
    setHeaders: (res, path) => {
      void res.header(
        'cache-control',
        /\.[0-9a-f]{8,}\./i.test(path) || /-[A-Z0-9]{8}\./.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // The sign-in page is not part of the Angular app: plain HTML with a few kB of script (client/src/sign-in/,
  // built into sign-in/), so a cheap phone shows and runs it without starting the framework.
  const signInPage = join(root, 'sign-in', 'index.html');
  const signInHtml = existsSync(signInPage) ? readFileSync(signInPage, 'utf8') : null;
  fastify.get('/login', (_req, reply) => {
    if (!signInHtml) {
      void reply.status(503).type('text/plain; charset=utf-8').send('The sign-in page is not built yet: run `npm run build:client`.');
      return;
    }
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(signInHtml);
  });
  // Nest owns the not-found handler, so the app's deep links get a wildcard GET route instead.
  // Static files (registered one by one above) win over it in Fastify's router.
  fastify.get('/*', (req, reply) => {
    if (/^\/(api|metrics)(\/|\?|$)/.test(req.url) || /\.[a-z0-9]{2,5}(\?|$)/i.test(req.url)) {
      void reply.status(404).send(new DomainError(404, 'NOT_FOUND.ADDRESS').getResponse());
      return;
    }
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
