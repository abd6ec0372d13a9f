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
      // Fastify assigned the id (and echoed it in x-request-id); reuse it so logs and audit agree.
      genReqId: (req) => {
        const id = (req as { id?: unknown }).id;
        return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
      },
      customProps: () => ({ service: 'jinbuhuan' }),
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
      // Load balancers poll the health check every few seconds: not worth a log line each.
      autoLogging: { ignore: (req) => ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/api/health') },
    },
  };
}
