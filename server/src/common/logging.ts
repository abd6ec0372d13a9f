import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/env';

/** 身份证号-shaped sequences anywhere in a log line are masked, whatever field they hide in. */
const IDENTITY_PATTERN = /(?<![0-9])\d{14}(\d{3}[\dXx])(?![0-9])/g;
/** Keeps the last 4 characters only, like every masked display (region and birth date would help rebuild the number). */
export const scrubIdentityNumbers = (s: string): string => s.replace(IDENTITY_PATTERN, '**************$1');

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
          url: scrubIdentityNumbers(req.url),
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
