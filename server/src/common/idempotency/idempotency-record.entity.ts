import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type IdempotencyState = 'running' | 'done';

/**
 * One `Idempotency-Key` a caller sent to one route: claimed (`running`) before the handler runs, then
 * holding the answer (`done`) so a repeat of the same submit is answered with it instead of running
 * again. Rows are disposable: they expire after 24 h and the housekeeping job deletes them.
 */
@Entity('idempotency_key')
@Check('chk_idempotency_key_state', `"state" IN ('running','done')`)
// The claim: two concurrent requests with one key cannot both insert (INSERT … ON CONFLICT DO NOTHING).
@Index('uq_idempotency_key_scope', ['caller', 'method', 'route', 'key'], { unique: true })
@Index('idx_idempotency_key_expires', ['expiresAt'])
export class IdempotencyRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `user:<id>`, or for anonymous calls `anon:<keyed hash of the client address>` (no address is stored). */
  @Column({ type: 'varchar', length: 80 })
  caller: string;

  @Column({ type: 'varchar', length: 7 })
  method: string;

  /** The route pattern (`/api/trainees/:id/correction-requests`): never the concrete path, which may carry ids. */
  @Column({ type: 'varchar', length: 300 })
  route: string;

  @Column({ type: 'varchar', length: 128 })
  key: string;

  /** Keyed hash (HMAC-SHA256) of method, concrete URL and canonical JSON body: tells "same submit" from "key reused". */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  /** Which run holds the claim, so a run whose claim was taken over (stale) cannot overwrite or release it. */
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ type: 'varchar', length: 10 })
  state: IdempotencyState;

  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus: number | null;

  /** The JSON answer the caller already got, encrypted (AES-256-GCM, FieldCipher): it may name a person. */
  @Column({ name: 'response_body', type: 'bytea', nullable: true })
  responseBody: Buffer | null;

  @CreateDateColumn({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
