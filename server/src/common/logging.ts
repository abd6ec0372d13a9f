import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/env';

/** 身份证号-shaped sequences anywhere in a log line are masked, whatever field they hide in. */
const IDENTITY_PATTERN = /(?<![0-9])\d{14}(\d{3}[\dXx])(?![0-9])/g;
/** Keeps the last 4 characters only, like every masked display (region and birth date would help rebuild the number). */
export const scrubIdentityNumbers = (s: string): string => s.replace(IDENTITY_PATTERN, '**************$1');

/**
 * A URL as logs may carry it: the path, and each query parameter's name with its value withheld.
 * Query values are what people type (a name in the caseload search, a number); URL-encoded they would
 * slip past any pattern, so none is kept. The path is decoded first, then scrubbed of identity numbers.
 */
export function safeUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as it came; it is scrubbed all the same.
  }
  const keys = query
    ? [
        ...new Set(
          query
            .split('&')
            .map((kv) => kv.split('=')[0])
            .filter(Boolean),
        ),
      ]
    : [];
  return scrubIdentityNumbers(decoded) + (keys.length ? `?${keys.map((k) => `${k}=…`).join('&')}` : '');
}

/**
 * An error as logs may carry it: its kind, PostgreSQL's code and constraint, a message with quoted
 * values withheld, and the stack. Never the SQL or its parameters (TypeORM's QueryFailedError holds
 * both, with whatever a person typed).
 */
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const driver = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
  const withheld = (text: string) => scrubIdentityNumbers(text.replace(/"[^"]*"|'[^']*'/g, '"…"'));
  return {
    type: e.name,
    message: withheld(e.message),
    ...(driver?.code ? { pgCode: driver.code } : {}),
    ...(driver?.constraint ? { constraint: driver.constraint } : {}),
    stack: e.stack ? withheld(e.stack) : undefined,
  };
}

/** Fields never written to logs. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.identityNumber',
  '*.passwordHash',
];

export function pinoParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // In the base bindings rather than pino-http's customProps: those cost a second child logger per request.
      base: { pid: process.pid, hostname: hostname(), service: 'jinbuhuan' },
      // Fastify assigned the id (and echoed it in x-request-id); reuse it so logs and audit agree.
      genReqId: (req) => {
        const id = (req as { id?: unknown }).id;
        return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: safeUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubIdentityNumbers(a) : a)) as Parameters<typeof method>);
        },
      },
      // One line per request at `info` cost more than many a request (three listeners, a serialised
      // object and a write each): `registerRequestLog` writes them from Fastify's onResponse instead,
      // at a level that depends on the outcome. pino-http still binds the request to `req.log`, so
      // whatever a service logs during the request carries its id.
      autoLogging: false,
    },
  };
}

/** The level of a request's "request completed" line: failures and slow requests are always seen. */
export function requestLogLevel(statusCode: number, elapsedMs: number, slowRequestMs: number): 'error' | 'warn' | 'debug' {
  if (statusCode >= 500) return 'error';
  return elapsedMs >= slowRequestMs ? 'warn' : 'debug';
}

interface RequestLogger {
  isLevelEnabled(level: string): boolean;
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/**
 * The per-request log line (SLOW_REQUEST_MS, see AppConfig.slowRequestMs): `error` for a 5xx, `warn`
 * for a request that took at least SLOW_REQUEST_MS, `debug` for the rest — so at the default `info`
 * level only what needs a look is written. The load balancer's health polls follow the same rule
 * (a slow health check is worth a line). The line goes through the request's own logger (bound to its
 * id, method and scrubbed URL by pino-http), or `fallback` for a request the middleware never saw.
 * A callback hook, so it costs no promise.
 */
export function registerRequestLog(fastify: FastifyInstance, fallback: RequestLogger, slowRequestMs: number): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    const level = requestLogLevel(reply.statusCode, ms, slowRequestMs);
    // pino-http's request logger: in `allLogs` (what nestjs-pino reads too), not `req.log`, which on
    // Fastify already holds Fastify's own (disabled) logger and is left alone by pino-http.
    const log = (request.raw as { allLogs?: RequestLogger[] }).allLogs?.at(-1) ?? fallback;
    if (log.isLevelEnabled(level)) {
      // The raw response, as pino-http's wrapped `res` serializer expects (it reads what was sent).
      const line = { res: reply.raw, responseTime: Math.round(ms) };
      log[level](
        log === fallback ? { ...line, req: { id: request.id, method: request.method, url: safeUrl(request.url) } } : line,
        'request completed',
      );
    }
    done();
  });
}
