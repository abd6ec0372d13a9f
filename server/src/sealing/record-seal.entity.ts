import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

/** A sealing, a request to unseal, or an erasure under the retention schedule. */
export const SEAL_KINDS = ['seal', 'unseal', 'erase'] as const;
export type SealKind = (typeof SEAL_KINDS)[number];

/**
 * The legal bases, as codes. Sealing: the case closed the configured years ago (治安管理处罚法 第一百三十六条:
 * records are sealed and given to no one, save where a state organ needs them to handle a case or a unit
 * queries them under state rules). Unsealing: one of those two exceptions, the person's own request, or
 * a new admission. Erasure: the retention schedule.
 */
export const SEAL_BASES = ['closed_years', 'retention', 'case_investigation', 'statutory_query', 'person_request', 'readmission'] as const;
export type SealBasis = (typeof SEAL_BASES)[number];
/** What an administrator may give as the reason to unseal. */
export const UNSEAL_BASES = ['case_investigation', 'statutory_query', 'person_request', 'readmission'] as const;
export type UnsealBasis = (typeof UNSEAL_BASES)[number];

export const SEAL_STATES = ['done', 'requested', 'approved', 'rejected'] as const;
export type SealState = (typeof SEAL_STATES)[number];

@Entity('record_seal')
@Check('chk_record_seal_kind', `"kind" IN ('seal','unseal','erase')`)
@Check('chk_record_seal_state', `"state" IN ('done','requested','approved','rejected')`)
@Check(
  'chk_record_seal_basis',
  `"basis" IN ('closed_years','retention','case_investigation','statutory_query','person_request','readmission')`,
)
@Check('chk_record_seal_second_approver', `"decided_by" IS NULL OR "requested_by" IS NULL OR "decided_by" <> "requested_by"`)
@Index('idx_record_seal_trainee', ['traineeId', 'createdAt'])
@Index('uq_record_seal_open_request', ['traineeId'], { unique: true, where: `"state" = 'requested'` })
export class RecordSeal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_record_seal_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'varchar', length: 8 })
  kind: SealKind;

  @Column({ type: 'varchar', length: 24 })
  basis: SealBasis;

  /** The requester's reference (a case number, the querying unit's letter): bureau administrators only. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 10 })
  state: SealState;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'fk_record_seal_requested_by' })
  requester?: Relation<User>;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_record_seal_decided_by' })
  decider?: Relation<User>;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** An unsealing's last day (the job seals again after it). */
  @Column({ name: 'exempt_until', type: 'date', nullable: true })
  exemptUntil: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
