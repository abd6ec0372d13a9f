import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, catchError, concatMap, from, of, switchMap, throwError } from 'rxjs';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import type { AuthUser } from '../auth-user';
import { FieldCipher } from '../crypto/field-cipher';
import { DomainError } from '../domain-error';
import { safeError } from '../logging';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyHasher,
  type IdempotencyScope,
} from './idempotency-key';
import { IdempotencyRepository } from './idempotency.repository';

/** A key answers repeats of its submit for a day; the housekeeping job deletes it after. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/**
 * A claim still `running` after this long belongs to a run that died (process killed between claim and
 * answer): the next request with the key may take it over. Far above the longest a request can run
 * (DB statement timeout, shutdown grace), so a live run is never taken over.
 */
export const IDEMPOTENCY_LEASE_MS = 2 * 60_000;
/** How long a repeat waits for the first run to finish before answering 409 (a double-click waits, then gets the answer). */
const WAIT_FOR_FIRST_MS = 5_000;

const COVERED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * The session routes stay as they are: a replayed login would hand out a token without its cookie
 * (the cookie is set on the reply, not in the body), and refresh tokens rotate on every use.
 */
// Session routes, and routes whose answer is a secret (a session without its cookie, a TOTP secret,
// recovery codes) that must not be kept 24 hours for a replay.
const EXCLUDED_ROUTES = new Set([
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/auth/mfa',
  '/api/mfa/enrolment',
  '/api/mfa/enrolment/confirm',
]);

type Request = FastifyRequest & { user?: AuthUser };
type Acquired = { kind: 'run'; claimId: string } | { kind: 'replay'; body: unknown };

const invalidKey = () => new DomainError(HttpStatus.BAD_REQUEST, 'IDEMPOTENCY_KEY_INVALID');

const keyReused = () => new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED');

const inProgress = () => new DomainError(HttpStatus.CONFLICT, 'IDEMPOTENCY_IN_PROGRESS');

/**
 * Honours `Idempotency-Key` on every POST/PUT/PATCH/DELETE (except the session routes and multipart
 * uploads): a repeat of the same submit — double-click, automatic retry — gets the first answer
 * (with `Idempotent-Replayed: true`) instead of running the handler again. Runs after the guards, so
 * the caller is known and the authorization rules are untouched; pipes and the handler run inside.
 *
 * Only successful answers are kept. A failed run releases its claim, so the retry runs again: a 4xx
 * often depends on state the person then fixes (an order not yet open, a deadline), and replaying
 * the old refusal would hide the fix; validation 400s are deterministic but cheap and write nothing,
 * so caching them would save nothing either.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly hasher: IdempotencyHasher;

  constructor(
    private readonly records: IdempotencyRepository,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.hasher = new IdempotencyHasher(config.fieldEncryptionKey);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    // Reads (most requests) are never covered: decided before anything else is looked at.
    if (!COVERED_METHODS.has(req.method)) return next.handle();
    const header = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return next.handle();
    const route = req.routeOptions?.url;
    // Multipart (the Excel roster import) is skipped: its file is streamed to the handler, so hashing
    // it would mean buffering up to 10 MB here; the import is all-or-none and refuses known identities.
    if (!route || EXCLUDED_ROUTES.has(route) || req.isMultipart()) return next.handle();
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) return throwError(invalidKey);

    const scope: IdempotencyScope = {
      caller: req.user ? `user:${req.user.id}` : this.hasher.anonymousCaller(req.ip),
      method: req.method,
      route,
      key: header,
    };
    const requestHash = this.hasher.requestHash(req.method, req.url, req.body);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.acquire(scope, requestHash)).pipe(
      switchMap((acquired) => {
        if (acquired.kind === 'replay') {
          void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
          // Nest sets the route's status (the one the first answer had) when it sends this body.
          return of(acquired.body);
        }
        return this.runOnce(scope, acquired.claimId, reply, next);
      }),
    );
  }

  /** Claims the key, or waits for the run holding it and returns its answer. */
  private async acquire(scope: IdempotencyScope, requestHash: string): Promise<Acquired> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    let pause = 50;
    for (;;) {
      const claimId = randomUUID();
      if (await this.records.claim(scope, requestHash, claimId, IDEMPOTENCY_TTL_MS, IDEMPOTENCY_LEASE_MS)) return { kind: 'run', claimId };
      const found = await this.records.find(scope);
      if (found && found.requestHash !== requestHash) throw keyReused();
      if (found?.state === 'done') {
        return { kind: 'replay', body: found.responseBody ? (JSON.parse(this.cipher.decrypt(found.responseBody)) as unknown) : undefined };
      }
      if (!found) {
        // Released by a failed run a moment ago (or expired): the next claim may win.
        if (Date.now() > deadline) throw inProgress();
        continue;
      }
      if (Date.now() + pause > deadline) throw inProgress();
      await sleep(pause);
      pause = Math.min(pause * 2, 400);
    }
  }

  private runOnce(scope: IdempotencyScope, claimId: string, reply: FastifyReply, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await this.store(scope, claimId, reply.statusCode, result, reply.request.id);
        return result;
      }),
      catchError((error: unknown) => from(this.release(scope, claimId, reply.request.id)).pipe(concatMap(() => throwError(() => error)))),
    );
  }

  private async store(scope: IdempotencyScope, claimId: string, status: number, result: unknown, requestId: string): Promise<void> {
    try {
      if (!isJsonAnswer(result)) {
        // A file or stream cannot be replayed: let a repeat run again, as without a key.
        await this.records.release(scope, claimId);
        return;
      }
      const json = result === undefined ? undefined : JSON.stringify(result);
      // The stored answer is what the caller already got, but it may name a person: encrypted at rest, never logged.
      await this.records.complete(scope, claimId, status, json === undefined ? null : this.cipher.encrypt(json));
    } catch (e) {
      // The handler's work is done and answered; a repeat will get 409 until the lease lapses, not a duplicate.
      this.logger.warn({ err: safeError(e), requestId, method: scope.method, route: scope.route }, 'could not store the idempotent answer');
    }
  }

  private async release(scope: IdempotencyScope, claimId: string, requestId: string): Promise<void> {
    try {
      await this.records.release(scope, claimId);
    } catch (e) {
      // The claim lapses after the lease; the handler's own error is what the client must see.
      this.logger.warn({ err: safeError(e), requestId, method: scope.method, route: scope.route }, 'could not release an idempotency key');
    }
  }
}

function isJsonAnswer(result: unknown): boolean {
  if (result === null || typeof result !== 'object') return typeof result !== 'function' && typeof result !== 'symbol';
  if (result instanceof StreamableFile || Buffer.isBuffer(result) || ArrayBuffer.isView(result)) return false;
  return typeof (result as { pipe?: unknown }).pipe !== 'function';
}
