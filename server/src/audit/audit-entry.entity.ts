import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_RESULTS = ['success', 'denied', 'failure'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/**
 * Append-only: a trigger (see the migration) refuses UPDATE, DELETE and TRUNCATE, so not even
 * the application's own database user can rewrite history.
 */
@Entity('audit_log')
@Check('chk_audit_log_result', `"result" IN ('success','denied','failure')`)
@Index('idx_audit_log_occurred_at', ['occurredAt'])
@Index('idx_audit_log_actor', ['actorId', 'occurredAt'])
@Index('idx_audit_log_subject', ['subjectType', 'subjectId'])
// Keyset paging of the audit log (newest first): made by hand in ListKeysetIndexes.
@Index('idx_audit_log_occurred_at_id', { synchronize: false })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 40, nullable: true })
  actorUsername: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  /** Dotted verb, e.g. `auth.login`, `organisation.verify`, `trainee.read_sensitive`. */
  @Index('idx_audit_log_action')
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40, nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 10 })
  result: AuditResult;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** Never identity numbers, tokens or passwords: only what explains the event. */
  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;

  /**
   * The hash chain, filled by the database's insert trigger (never by the app): position, the hash
   * of the entry before, and this entry's own hash. See migrations/…-AuditChain.ts and audit:verify.
   */
  @Index('uq_audit_log_chain_seq', { unique: true })
  @Column({ name: 'chain_seq', type: 'bigint', select: false, insert: false, update: false })
  chainSeq: string;

  @Column({ name: 'prev_hash', type: 'bytea', select: false, insert: false, update: false })
  prevHash: Buffer;

  @Column({ type: 'bytea', select: false, insert: false, update: false })
  hash: Buffer;
}
