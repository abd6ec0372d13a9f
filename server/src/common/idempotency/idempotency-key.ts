import { createHmac, hkdfSync } from 'node:crypto';

/** What a client may send: long enough to be unguessable by accident, short and plain enough to index and log. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** What a key is scoped to: one caller, one method, one route pattern. */
export interface IdempotencyScope {
  caller: string;
  method: string;
  route: string;
  key: string;
}

/**
 * JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are the same submit. Arrays keep
 * their order (it is meaningful); `undefined` members are dropped, as JSON.stringify drops them.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return sortKeys(withJson.toJSON());
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out;
}

/**
 * Keyed hashes (HMAC-SHA256, key derived from the field-encryption master key). Keyed, because a body
 * can hold a password (password change) or an identity number: a plain SHA-256 of a short, guessable
 * body could be reversed by trying candidates; without the server's key it cannot.
 */
export class IdempotencyHasher {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jinbuhuan/idempotency/v1', 32));
  }

  /** Same method, same concrete URL (path ids and query included) and same canonical body → same hash. */
  requestHash(method: string, url: string, body: unknown): string {
    return createHmac('sha256', this.key)
      .update(`${method}\n${url}\n${canonicalJson(body)}`)
      .digest('hex');
  }

  /** An anonymous caller, by client address, without storing the address (it is personal data). */
  anonymousCaller(ip: string | undefined): string {
    return `anon:${createHmac('sha256', this.key)
      .update(`ip:${ip ?? ''}`)
      .digest('hex')
      .slice(0, 40)}`;
  }
}
