import { HttpContextToken, HttpParams, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { isSessionCall } from '../auth/auth-store';

/** How long an identical submit counts as "the same one" (double-click, impatient second click, retry). */
export const SAME_SUBMIT_WINDOW_MS = 10_000;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Set on a request whose repetition is deliberate and must be asked afresh — the fair desk scanning
 * the same code twice should hear "already checked in", not a replay of the first "checked in". It
 * still gets a key of its own, so an automatic retry of that one request stays a single submit.
 */
export const FRESH_SUBMIT = new HttpContextToken<boolean>(() => false);

interface LastSubmit {
  fingerprint: string;
  key: string;
  firstSentAt: number;
}

/**
 * The last write sent, only that one. A repeat counts as the same submit only while nothing else was
 * written in between: tick, untick, tick again (a plan step, a checklist item) within the window is
 * three intentions, and the third must not be answered with the first's replay.
 * Module state: one tab, one memory; nothing is persisted.
 */
let last: LastSubmit | null = null;

/**
 * Adds `Idempotency-Key` to every write to the API (except sign-in, refresh and sign-out), so the
 * server answers a repeated submit with the first answer instead of creating a second order or
 * correction request. An identical method + URL + body sent within SAME_SUBMIT_WINDOW_MS of the first,
 * with no other write in between, carries the same key; anything else gets a new one — so a deliberate
 * second, identical submit after the window is a new request, and editing the form makes a new request at once.
 *
 * Registered outside the auth interceptor: its refresh-and-retry resends the request it was given,
 * header included, so the retry is the same submit to the server.
 */
export const idempotencyInterceptor: HttpInterceptorFn = (req, next) => {
  if (!WRITES.has(req.method) || !req.url.startsWith('/api/') || isSessionCall(req.url) || req.headers.has('Idempotency-Key')) {
    return next(req);
  }
  const body = fingerprintBody(req);
  // Files (the roster import) are not keyed: the server streams them and does not honour the key there.
  if (body === null) return next(req);
  const key = req.context.get(FRESH_SUBMIT) ? newKey() : keyFor(`${req.method} ${req.urlWithParams}\n${body}`, Date.now());
  return next(req.clone({ setHeaders: { 'Idempotency-Key': key } }));
};

function keyFor(fingerprint: string, now: number): string {
  if (last && last.fingerprint === fingerprint && now - last.firstSentAt <= SAME_SUBMIT_WINDOW_MS) return last.key;
  last = { fingerprint, key: newKey(), firstSentAt: now };
  return last.key;
}

/** The body as text, object keys sorted (the same form data built twice may list them differently); null for files. */
function fingerprintBody(req: HttpRequest<unknown>): string | null {
  const body = req.body;
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof HttpParams) return body.toString();
  if (
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  ) {
    return null;
  }
  return JSON.stringify(sortKeys(body)) ?? '';
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * 32 random hex characters. getRandomValues, not randomUUID: the latter exists only in secure
 * contexts, and the platform may be opened over plain http on a facility's intranet.
 */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Tests only: forget every recent submit. */
export function resetRecentSubmits(): void {
  last = null;
}
