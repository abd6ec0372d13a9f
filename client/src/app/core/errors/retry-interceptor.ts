import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { retry, timer } from 'rxjs';
import { authControllerRefresh } from '../api/generated/fn/auth/auth-controller-refresh';

/** Statuses that mean "the server or its database is away for a moment", not "this request is wrong". */
const TRANSIENT = new Set([0, 502, 503, 504]);
const MAX_RETRIES = 3;
const MAX_WAIT_MS = 10_000;

/**
 * Only requests that are safe to send twice are retried: reads; the session refresh (a refused
 * refresh rotates nothing, the server's transaction rolled back); and writes that carry an
 * Idempotency-Key (the server answers a repeat with the first answer instead of acting twice).
 */
function retriable(req: HttpRequest<unknown>): boolean {
  if (!req.url.startsWith('/api/')) return false;
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  return (req.method === 'POST' && req.url === authControllerRefresh.PATH) || req.headers.has('Idempotency-Key');
}

/** Waits as long as the server's Retry-After asks (capped), else 1 s, 2 s, 4 s. */
export function retryDelayMs(error: HttpErrorResponse, attempt: number): number {
  const header = Number(error.headers?.get('retry-after'));
  const asked = Number.isFinite(header) && header > 0 ? header * 1000 : 1000 * 2 ** (attempt - 1);
  return Math.min(asked, MAX_WAIT_MS);
}

/**
 * A database blip answers 503 with Retry-After: reads wait and try again (three times) instead of
 * showing an error or, worse, signing the person out.
 */
export const retryInterceptor: HttpInterceptorFn = (req, next) => {
  if (!retriable(req)) return next(req);
  return next(req).pipe(
    retry({
      count: MAX_RETRIES,
      delay: (error: unknown, attempt: number) => {
        if (!(error instanceof HttpErrorResponse) || !TRANSIENT.has(error.status)) throw error;
        return timer(retryDelayMs(error, attempt));
      },
    }),
  );
};
