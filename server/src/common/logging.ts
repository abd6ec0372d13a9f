import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
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

/** Fields never written to logs, as a line's own field or one level down (`*.x` does not match a top-level `x`). */
const SECRET_FIELDS = ['password', 'newPassword', 'currentPassword', 'accessToken', 'refreshToken', 'identityNumber', 'passwordHash'];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];

/**
 * The one logger of the process (pino, JSON lines on stdout): redaction, base bindings and the
 * identity-number scrub apply to every line, from a request or from a scheduler.
 *
 * There is no per-request child logger and no AsyncLocalStorage: binding each request to a logger cost
 * more CPU than a health check's own work (a child logger with redacted bindings, and on Node 20 a
 * promise hook on every promise of the process), and almost nothing logged during a request needed it.
 * Where a line is about a request, the code that has the request writes its id (the request log below,
 * the exception filter, the idempotency interceptor).
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid, hostname: hostname(), service: 'jinbuhuan' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: safeUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubIdentityNumbers(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's LoggerService over the root logger, so `new Logger('Context').warn({ … }, 'message')` anywhere in
 * the app writes one JSON line with `context`. Same calling convention as nestjs-pino's Logger, which it
 * replaces: an object or Error first becomes the line's fields, the last extra argument is the context,
 * and Nest's own exception handlers' `error(message, stack, context)` becomes an `err` with that stack.
 */
export class AppLogger implements LoggerService {
  constructor(readonly root: pino.Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      this.root[level](fields, ...(rest as string[]));
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      this.root[level](fields, ...(rest as string[]));
    } else if (
      level === 'error' &&
      typeof message === 'string' &&
      rest.length === 1 &&
      typeof rest[0] === 'string' &&
      /\n\s*at /.test(rest[0])
    ) {
      const err = new Error(message);
      err.stack = rest[0];
      this.root[level]({ ...fields, err });
    } else {
      this.root[level](fields, String(message), ...(rest as string[]));
    }
  }
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
 * (a slow health check is worth a line). A callback hook, so it costs no promise.
 */
export function registerRequestLog(fastify: FastifyInstance, log: RequestLogger, slowRequestMs: number): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    const level = requestLogLevel(reply.statusCode, ms, slowRequestMs);
    if (log.isLevelEnabled(level)) {
      log[level](
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(ms),
        },
        'request completed',
      );
    }
    done();
  });
}
