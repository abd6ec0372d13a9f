import { DomainError } from './domain-error';

/**
 * PostgreSQL error classes and socket errors that mean "the database is not answering right now",
 * as opposed to "this request is wrong": connection exceptions (08…), shutdown and start-up (57P01–03),
 * too many connections (53300), a statement cancelled by `statement_timeout` (57014).
 */
const UNAVAILABLE_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/** node-postgres reports these without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|Client has encountered a connection error|Connection is closed|Cannot use a pool after calling end/i;

/** Whether an error (or what it wraps: TypeORM's `driverError`, `cause`) is the database being away. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if (error instanceof DomainError) return error.getStatus() === 503;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** Seconds a client should wait before trying again after a 503 (short: blips usually are). */
export const RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () => new DomainError(503, 'SERVICE_UNAVAILABLE');
