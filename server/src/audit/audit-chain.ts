import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain, checked from outside the database. The insert trigger (migration
 * AuditChain) computes `hash = sha256(prev_hash || canonical text)`; this file rebuilds the canonical
 * text from the columns on its own — if someone altered the database's function to hide a column, the
 * hashes here would stop matching.
 */

/** One entry as `AUDIT_CHAIN_COLUMNS` selects it: every value already text, hashes as hex. */
export interface AuditChainRow {
  chain_seq: string;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  result: string;
  request_id: string | null;
  ip: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** The SELECT list that yields AuditChainRow (timestamps in UTC to the microsecond, JSON as jsonb prints it). */
export const AUDIT_CHAIN_COLUMNS = `chain_seq::text AS chain_seq, id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor_id::text AS actor_id, actor_username, actor_role, actor_organisation_id::text AS actor_organisation_id,
  action, subject_type, subject_id, result, request_id, ip, detail::text AS detail,
  encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash`;

export const GENESIS_HASH = '0'.repeat(64);

const FIELDS = [
  'chain_seq',
  'id',
  'occurred_at',
  'actor_id',
  'actor_username',
  'actor_role',
  'actor_organisation_id',
  'action',
  'subject_type',
  'subject_id',
  'result',
  'request_id',
  'ip',
  'detail',
] as const;

export function entryHash(row: AuditChainRow, prevHashHex: string): string {
  const text = FIELDS.map((f) => row[f] ?? '').join(String.fromCharCode(31));
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(Buffer.from(text, 'utf8')).digest('hex');
}

export interface ChainBreak {
  /** chain_seq of the first entry whose link does not hold. */
  seq: string;
  why: 'altered' | 'missing-or-reordered' | 'not-linked-to-anchor';
}

/**
 * Walks entries in chain order and reports the first broken link, or none. `anchor` is the hash the
 * first entry must point to: all zeros for a chain that starts at 1, else the hash of the last entry
 * pruned (kept in audit_chain_head).
 */
export class ChainVerifier {
  private expectedPrev: string;
  private expectedSeq: bigint | undefined;
  checked = 0;
  lastHash: string;
  broken: ChainBreak | undefined;

  constructor(anchorHashHex: string, anchorSeq: bigint) {
    this.expectedPrev = anchorHashHex;
    this.lastHash = anchorHashHex;
    this.expectedSeq = anchorSeq + 1n;
  }

  /** Returns false once a break is found (and keeps the first one). */
  add(row: AuditChainRow): boolean {
    if (this.broken) return false;
    const seq = BigInt(row.chain_seq);
    if (this.expectedSeq !== undefined && seq !== this.expectedSeq) {
      this.broken = { seq: row.chain_seq, why: this.checked === 0 ? 'not-linked-to-anchor' : 'missing-or-reordered' };
      return false;
    }
    if (row.prev_hash !== this.expectedPrev) {
      this.broken = { seq: row.chain_seq, why: this.checked === 0 ? 'not-linked-to-anchor' : 'missing-or-reordered' };
      return false;
    }
    if (entryHash(row, row.prev_hash) !== row.hash) {
      this.broken = { seq: row.chain_seq, why: 'altered' };
      return false;
    }
    this.checked++;
    this.expectedPrev = row.hash;
    this.lastHash = row.hash;
    this.expectedSeq = seq + 1n;
    return true;
  }
}
