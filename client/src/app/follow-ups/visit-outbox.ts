import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { type Observable, Subject, firstValueFrom } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { FollowUpsApi, type RecordVisitDto } from './follow-ups-api';
import { OUTBOX_VAULT, type SealedBox } from './outbox-vault';

/** A visit typed without a connection: only what the server needs to record it — no name. */
export interface PendingVisit {
  /** The account it was typed under. It is only ever sent while that account is signed in. */
  readonly owner: string;
  readonly visitId: string;
  /** What is recorded, with the clientRef made when it was typed. */
  readonly dto: RecordVisitDto;
}

export interface FlushResult {
  /** Recorded by the server. */
  readonly sent: number;
  /** Refused for good (e.g. recorded meanwhile from another phone): dropped, retrying would not help. */
  readonly refused: number;
  /** Still waiting (no connection, or no session). */
  readonly left: number;
}

/**
 * Another user's waiting visits are kept, sealed, for their owner — they are sent when that user
 * signs in on this phone again, never under anyone else — and deleted (box and key) once untouched
 * for this long, so a phone that changes hands does not carry them for ever.
 */
export const KEEP_OTHERS_FOR_DAYS = 14;

/**
 * A send that failed for want of a connection although the phone says it is online (the `online`
 * event comes before the network really carries traffic) is tried again after these waits.
 */
export const RETRY_AFTER_MS = [5_000, 15_000, 60_000] as const;

/** The first version's outbox: plaintext, with names, and no owner. */
const LEGACY_KEY = 'jbh.followUps.outbox';

const ALGORITHM = 'AES-GCM';
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Binds a box to its owner: a box copied under another user's id does not decrypt. */
const boundTo = (owner: string) => utf8(`jbh.outbox:${owner}`);

/** Worth trying again later: no connection, no session (signed out meanwhile), or the server struggling. */
function keepForLater(e: unknown): boolean {
  return e instanceof HttpErrorResponse && (e.status === 0 || e.status === 401 || e.status === 408 || e.status === 429 || e.status >= 500);
}

/**
 * Visits typed without a connection are kept on the phone and sent when it returns. Phones are
 * shared, and the one thing this must never do is tell the next person who uses the phone about
 * someone's rehabilitation, so the outbox is:
 *
 * - per user: each item carries the id of the account it was typed under, each user's items are
 *   sealed in a box of their own, and only the signed-in user's are loaded, shown or sent;
 * - sealed at rest: AES-GCM (256-bit) with a key made `extractable: false` and kept in IndexedDB
 *   (one per user, deleted with the last waiting item); the box (ciphertext + IV) is in IndexedDB
 *   too. Nothing in localStorage or IndexedDB is readable — no name, no abstinence;
 * - minimal: the visit id and the recorded fields with their clientRef (so a send that reached
 *   the server but whose answer was lost is recognised there, never recorded twice). The page
 *   shows "1 条回访待发送" and takes names from the visit list, never from here.
 *
 * The key cannot be read out, but script running in this origin can still use it: this keeps
 * the outbox from storage dumps and from the next user of the app, not from a compromised page.
 */
@Injectable({ providedIn: 'root' })
export class VisitOutbox {
  private readonly api = inject(FollowUpsApi);
  private readonly auth = inject(AuthStore);
  private readonly vault = inject(OUTBOX_VAULT);
  private readonly crypto = globalThis.crypto;

  /** The loaded user's items, decrypted, in memory only. */
  private readonly items = signal<readonly PendingVisit[]>([]);
  private loadedFor: string | null = null;
  /** Vault reads and writes, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private flushing: Promise<FlushResult> | null = null;
  private readonly flushed = new Subject<FlushResult>();
  private readonly lastSentState = signal<FlushResult | null>(null);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;

  /** The signed-in user's waiting visits; never anyone else's. */
  readonly pending = computed<readonly PendingVisit[]>(() => {
    const me = this.auth.user()?.id;
    return me ? this.items().filter((p) => p.owner === me) : [];
  });
  /** What each flush that sent or dropped something did (so a page can say 已发送). */
  readonly results: Observable<FlushResult> = this.flushed.asObservable();
  /**
   * The signed-in user's last flush that sent or dropped something, until the next visit is kept on
   * the phone: a page opened after the send (or that missed the event) still says 已发送 ✓ instead of
   * leaving the offline warning up. Counts only — never what was sent.
   */
  readonly lastSent = this.lastSentState.asReadonly();

  constructor() {
    // The old outbox names trainees in plaintext and says nothing of whose it is: it cannot be sent
    // safely under anyone, so it is deleted.
    try {
      globalThis.localStorage?.removeItem(LEGACY_KEY);
    } catch {
      // Storage unavailable: nothing to delete.
    }
    const online = () => {
      this.retries = 0;
      void this.flush();
    };
    globalThis.addEventListener?.('online', online);
    inject(DestroyRef).onDestroy(() => {
      globalThis.removeEventListener?.('online', online);
      this.stopRetry();
    });
    effect(() => {
      const user = this.auth.user();
      untracked(() => this.userChanged(user?.id ?? null, user?.role === 'counsellor'));
    });
  }

  /** Sends now if possible; seals it on the phone for later when the network is down. */
  async submit(visitId: string, dto: RecordVisitDto): Promise<'sent' | 'queued'> {
    const owner = this.counsellor();
    if (!owner) throw new Error('Not signed in');
    try {
      await firstValueFrom(this.api.record(visitId, dto));
      return 'sent';
    } catch (e) {
      if (!(e instanceof HttpErrorResponse && e.status === 0)) throw e;
      try {
        await this.mutate(owner, (list) => [...list.filter((p) => p.visitId !== visitId), { owner, visitId, dto }]);
      } catch {
        throw e; // could not keep it either: report the network error
      }
      this.lastSentState.set(null);
      return 'queued';
    }
  }

  /**
   * Sends the signed-in user's waiting visits, oldest first, under their own session; stops at the
   * first failure worth retrying. Concurrent calls share one run.
   */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.send().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** How many of the signed-in user's visits are waiting (reads the vault if not done yet). */
  async unsentCount(): Promise<number> {
    const owner = this.counsellor();
    if (!owner) return 0;
    await this.load(owner);
    return this.pending().length;
  }

  /** Deletes the signed-in user's waiting visits and their key. */
  async discard(): Promise<void> {
    const owner = this.counsellor();
    if (!owner) return;
    await this.serial(async () => {
      await this.vault.forget(owner);
      if (this.loadedFor === owner) this.items.set([]);
    });
  }

  /** The signed-in counsellor's id. Only counsellors record visits: for anyone else the outbox neither reads nor creates storage. */
  private counsellor(): string | null {
    const u = this.auth.user();
    return u?.role === 'counsellor' ? u.id : null;
  }

  private async send(): Promise<FlushResult> {
    const owner = this.counsellor();
    if (!owner) return { sent: 0, refused: 0, left: 0 };
    await this.load(owner);
    let sent = 0;
    let refused = 0;
    for (const p of this.pending()) {
      // Signed out, or someone else signed in, meanwhile: what is left waits for its owner.
      if (this.auth.user()?.id !== owner || p.owner !== owner) break;
      try {
        await firstValueFrom(this.api.record(p.visitId, p.dto));
        sent++;
      } catch (e) {
        if (keepForLater(e)) break;
        refused++;
      }
      await this.mutate(owner, (list) => list.filter((x) => x.visitId !== p.visitId));
    }
    const result = { sent, refused, left: this.auth.user()?.id === owner ? this.pending().length : 0 };
    if (sent || refused) {
      this.lastSentState.set(result);
      this.flushed.next(result);
    }
    this.scheduleRetry(result.left > 0);
    return result;
  }

  /** Still waiting although the phone says it is online: try again a little later (a few times, then wait for the next `online`). */
  private scheduleRetry(waiting: boolean): void {
    this.stopRetry();
    if (!waiting || globalThis.navigator?.onLine === false) {
      if (!waiting) this.retries = 0;
      return;
    }
    const wait = RETRY_AFTER_MS[this.retries];
    if (wait === undefined) return;
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, wait);
  }

  private stopRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** A new user (or none): the last one's items leave memory at once; a counsellor's are loaded and sent. */
  private userChanged(id: string | null, counsellor: boolean): void {
    if (id === this.loadedFor) return;
    this.loadedFor = null;
    this.items.set([]);
    this.lastSentState.set(null);
    this.stopRetry();
    this.retries = 0;
    if (!id || !counsellor) return;
    void this.load(id)
      .then(() => (globalThis.navigator?.onLine === false || !this.pending().length ? undefined : this.flush()))
      .catch(() => undefined);
  }

  /** Reads the user's box into memory; on the way, deletes other users' boxes left untouched too long. */
  private load(owner: string): Promise<void> {
    return this.serial(async () => {
      if (this.loadedFor === owner) return;
      const cutoff = Date.now() - KEEP_OTHERS_FOR_DAYS * 86_400_000;
      for (const o of await this.vault.owners()) if (o.owner !== owner && o.savedAt < cutoff) await this.vault.forget(o.owner);
      const list = await this.unseal(owner);
      if (this.auth.user()?.id !== owner) return;
      this.items.set(list);
      this.loadedFor = owner;
    });
  }

  /** Changes one user's list and seals it again (an empty list leaves neither box nor key). */
  private mutate(owner: string, change: (list: readonly PendingVisit[]) => readonly PendingVisit[]): Promise<void> {
    return this.serial(async () => {
      const next = change(this.loadedFor === owner ? this.items() : await this.unseal(owner));
      await this.seal(owner, next);
      // What was just sealed is the whole list: it is the signed-in user's list in memory too.
      if (this.loadedFor === owner || this.auth.user()?.id === owner) {
        this.items.set(next);
        this.loadedFor = owner;
      }
    });
  }

  private async seal(owner: string, list: readonly PendingVisit[]): Promise<void> {
    if (!list.length) {
      await this.vault.forget(owner);
      return;
    }
    let key = await this.vault.key(owner);
    if (!key) {
      key = await this.crypto.subtle.generateKey({ name: ALGORITHM, length: 256 }, false, ['encrypt', 'decrypt']);
      await this.vault.putKey(owner, key);
    }
    const iv = this.crypto.getRandomValues(new Uint8Array(12));
    const data = await this.crypto.subtle.encrypt({ name: ALGORITHM, iv, additionalData: boundTo(owner) }, key, utf8(JSON.stringify(list)));
    await this.vault.putBox({ owner, iv, data, savedAt: Date.now() } satisfies SealedBox);
  }

  private async unseal(owner: string): Promise<PendingVisit[]> {
    const box = await this.vault.box(owner);
    if (!box) return [];
    const key = await this.vault.key(owner);
    try {
      if (!key) throw new Error('no key');
      const plain = await this.crypto.subtle.decrypt({ name: ALGORITHM, iv: box.iv, additionalData: boundTo(owner) }, key, box.data);
      const list = JSON.parse(new TextDecoder().decode(plain)) as PendingVisit[];
      return Array.isArray(list) ? list.filter((p) => p?.owner === owner && typeof p.visitId === 'string' && !!p.dto) : [];
    } catch {
      // Without its key (or tampered with) the box can never be read: delete it.
      await this.vault.forget(owner);
      return [];
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
