import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { safeError } from '../common/logging';
import { type RevocationListener, type SessionRevocation, SessionRevocationsRepository } from './session-cache.repository';

/** The claims of an access token the live-session question is about. */
export interface SessionKey {
  userId: string;
  role: string;
  organisationId: string;
  familyId: string;
}

interface Entry extends SessionKey {
  /** Epoch ms after which the answer must be asked again. */
  until: number;
  /** The token's claims the answer was given for (claimsOf): a token with other claims asks again. */
  claims: string;
}

/** A cached yes holds only for the same account, role and organisation as the token that earned it. */
const claimsOf = (key: SessionKey): string => `${key.userId}|${key.role}|${key.organisationId}`;

/** More live sessions than this at once are not expected; past it the oldest entries go first. */
const MAX_ENTRIES = 50_000;
/**
 * A revocation announced here blocks caching for its account or family until its own NOTIFY comes
 * back (its transaction committed). Should it never come (rolled back), caching resumes after this.
 */
const PENDING_MAX_MS = 30_000;
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * "Is this session still live?" — asked on every authenticated request — answered from memory for
 * SESSION_CACHE_MS (default 5 s) after PostgreSQL said yes. Only yes is kept: a no is always asked
 * again. A revocation (logout, refresh-token reuse, sessions ended by their owner, password change or
 * reset, account disabled, second factor reset — every one goes through SessionsRepository, which
 * announces it) evicts the entry at once:
 *
 * - in every process, by a NOTIFY sent in the revoking transaction and so delivered on its commit;
 *   each process LISTENs on a dedicated connection;
 * - in the revoking process even before its commit (`revokedHere`), and nothing is cached for that
 *   account or family until its NOTIFY has come back, so the very next request is asked of PostgreSQL.
 *
 * Fail safe: while the LISTEN connection is down nothing is cached (every request asks PostgreSQL) and
 * the whole cache is dropped when it breaks, since a NOTIFY may have been missed; it reconnects with a
 * backoff. An answer read while a revocation arrived is not kept (the `epoch` check).
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionCache');
  private readonly ttlMs: number;
  private readonly connectTimeoutMs: number;
  /** By session family. */
  private readonly entries = new Map<string, Entry>();
  /** Revocations announced here and not yet seen committed, by nonce. */
  private readonly pending = new Map<string, SessionRevocation & { until: number }>();
  /** Bumped by every eviction: an answer whose look-up began before it is not cached. */
  private epoch = 0;
  private listener: RevocationListener | undefined;
  private reconnectMs = RECONNECT_FIRST_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly revocations: SessionRevocationsRepository,
  ) {
    this.ttlMs = config.sessionCacheMs;
    this.connectTimeoutMs = config.dbConnectTimeoutMs;
    revocations.onAnnounce((r) => this.revokedHere(r));
  }

  /** Whether answers are being cached now (the LISTEN connection is up and SESSION_CACHE_MS > 0). */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  /** Whether a yes for this session family is held (for tests and diagnostics). */
  holds(familyId: string): boolean {
    const e = this.entries.get(familyId);
    return e !== undefined && e.until > Date.now();
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs > 0) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    this.entries.clear();
    await listener?.close();
  }

  /**
   * The cached yes, or `load()`'s answer, kept when it is a yes and nothing was revoked meanwhile.
   * (A refresh session that simply reaches its expiry — days after sign-in — is not announced: a yes
   * read just before may outlive it by SESSION_CACHE_MS at most.)
   */
  async isLive(key: SessionKey, load: () => Promise<boolean>): Promise<boolean> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key.familyId);
    if (hit && hit.until > now && hit.claims === claimsOf(key)) return true;
    const epoch = this.epoch;
    if (!(await load())) {
      this.entries.delete(key.familyId);
      return false;
    }
    if (this.listener && epoch === this.epoch && !this.blocked(key, now)) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key.familyId, { ...key, claims: claimsOf(key), until: Date.now() + this.ttlMs });
    }
    return true;
  }

  /** Announced by this process, before its transaction commits. */
  private revokedHere(r: SessionRevocation): void {
    this.pending.set(r.nonce, { ...r, until: Date.now() + PENDING_MAX_MS });
    this.evict(r);
  }

  /** A NOTIFY: from any process, this one included, once the revocation committed. */
  private revokedAnywhere(r: SessionRevocation): void {
    this.pending.delete(r.nonce);
    this.evict(r);
  }

  private evict(r: Pick<SessionRevocation, 'kind' | 'id'>): void {
    this.epoch++;
    if (r.kind === 'family') {
      this.entries.delete(r.id);
      return;
    }
    for (const [familyId, e] of this.entries) if (e.userId === r.id) this.entries.delete(familyId);
  }

  private blocked(key: SessionKey, now: number): boolean {
    for (const [nonce, p] of this.pending) {
      if (p.until <= now) this.pending.delete(nonce);
      else if (p.kind === 'family' ? p.id === key.familyId : p.id === key.userId) return true;
    }
    return false;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const listener = await this.revocations.listen(
        (r) => this.revokedAnywhere(r),
        (e) => this.lost(e),
        this.connectTimeoutMs,
      );
      if (this.stopped || !listener.alive) {
        await listener.close();
        return;
      }
      // Whatever was read before the LISTEN was in place may predate a revocation it missed.
      this.epoch++;
      this.listener = listener;
      this.reconnectMs = RECONNECT_FIRST_MS;
    } catch (e) {
      this.logger.warn(
        { err: safeError(e) },
        'session cache: cannot LISTEN for revocations; sessions are checked on every request meanwhile',
      );
      this.scheduleReconnect();
    }
  }

  private lost(e: Error): void {
    this.listener = undefined;
    // A NOTIFY may have been missed: nothing cached can be trusted.
    this.entries.clear();
    this.epoch++;
    if (this.stopped) return;
    this.logger.warn(
      { err: safeError(e) },
      'session cache: revocation listener lost; reconnecting, sessions are checked on every request meanwhile',
    );
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.reconnectMs);
    this.reconnectTimer.unref();
    this.reconnectMs = Math.min(this.reconnectMs * 2, RECONNECT_MAX_MS);
  }
}
