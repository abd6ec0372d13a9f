import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/** The PostgreSQL channel a session revocation is announced on, to every process of the app. */
export const SESSION_REVOKED_CHANNEL = 'jbh_session_revoked';

/** What was revoked: one session family, or every session of an account. */
export interface SessionRevocation {
  kind: 'family' | 'user';
  id: string;
  /** Unique per announcement: lets the announcing process match the NOTIFY that its own commit sends. */
  nonce: string;
}

/** `family:<id>:<nonce>` / `user:<id>:<nonce>`; ids are UUIDs, so the colon never occurs inside one. */
export function formatRevocation(r: SessionRevocation): string {
  return `${r.kind}:${r.id}:${r.nonce}`;
}

/** The payload of a NOTIFY on the channel, or null for one this code did not write (ignored). */
export function parseRevocation(payload: string | undefined): SessionRevocation | null {
  const [kind, id, nonce = ''] = (payload ?? '').split(':');
  if ((kind !== 'family' && kind !== 'user') || !id) return null;
  return { kind, id, nonce };
}

/** A LISTENing connection: closed on shutdown; `lost` is called once if it breaks. */
export interface RevocationListener {
  /** False once the connection broke (`lost` was called). */
  readonly alive: boolean;
  close(): Promise<void>;
}

/**
 * The SQL of the session cache's invalidation: `pg_notify` inside the revoking transaction (PostgreSQL
 * delivers it on commit, and never for a rollback) and `LISTEN` on a dedicated connection, outside the
 * pool: a pooled connection would be handed to other queries and stop listening.
 */
@Injectable()
export class SessionRevocationsRepository {
  /** In-process subscribers (the cache), told before the NOTIFY is even sent: see SessionCache.revokedHere. */
  private readonly local: ((r: SessionRevocation) => void)[] = [];

  constructor(private readonly dataSource: DataSource) {}

  onAnnounce(subscriber: (r: SessionRevocation) => void): void {
    this.local.push(subscriber);
  }

  /**
   * Announces revocations in `manager`'s transaction (the same one that revokes, so the NOTIFY goes out
   * when — and only if — the revocation commits).
   */
  async announce(revoked: { kind: SessionRevocation['kind']; id: string }[], manager: EntityManager): Promise<void> {
    if (revoked.length === 0) return;
    const announced = revoked.map((r) => ({ ...r, nonce: randomUUID() }));
    for (const r of announced) for (const subscriber of this.local) subscriber(r);
    await manager.query(`SELECT pg_notify('${SESSION_REVOKED_CHANNEL}', p) FROM unnest($1::text[]) AS p`, [
      announced.map(formatRevocation),
    ]);
  }

  /**
   * Opens a connection of its own to the app's database and LISTENs on the channel. Resolves once the
   * LISTEN is in place; `lost` is called (once) when the connection ends or fails afterwards.
   */
  async listen(onRevoked: (r: SessionRevocation) => void, lost: (e: Error) => void, connectTimeoutMs: number): Promise<RevocationListener> {
    const { url } = this.dataSource.options as { url?: string };
    const client = new pg.Client({
      connectionString: url,
      application_name: 'jinbuhuan-session-listener',
      connectionTimeoutMillis: connectTimeoutMs,
      // A connection to a host that vanished is otherwise only noticed when something is written to it.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let closing = false;
    let reported = false;
    const fail = (e: Error) => {
      if (closing || reported) return;
      reported = true;
      void client.end().catch(() => undefined);
      lost(e);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('the session listener connection ended')));
    client.on('notification', (n) => {
      if (n.channel !== SESSION_REVOKED_CHANNEL) return;
      const r = parseRevocation(n.payload);
      if (r) onRevoked(r);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_REVOKED_CHANNEL}`);
    } catch (e) {
      closing = true;
      await client.end().catch(() => undefined);
      throw e;
    }
    return {
      get alive() {
        return !reported;
      },
      close: async () => {
        closing = true;
        await client.end().catch(() => undefined);
      },
    };
  }
}
