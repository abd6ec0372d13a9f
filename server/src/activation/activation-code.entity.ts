import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

/**
 * A one-time code, printed on the handover sheet, with which a trainee who has no account activates
 * the trainee portal on their own phone. Only a keyed hash of the code is kept: the plain code is
 * shown once, to the counsellor who issued it. At most one live (unused, unrevoked) code per trainee.
 */
@Entity('activation_code')
@Check('chk_activation_code_expiry', `"expires_at" > "issued_at"`)
@Index('uq_activation_code_live', ['traineeId'], { unique: true, where: 'used_at IS NULL AND revoked_at IS NULL' })
@Index('idx_activation_code_trainee', ['traineeId', 'issuedAt'])
export class ActivationCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_activation_code_trainee' })
  trainee?: Relation<Trainee>;

  /** HMAC-SHA256 of the normalised code (field key), hex; never the code itself. */
  @Index('uq_activation_code_hash', { unique: true })
  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by', foreignKeyConstraintName: 'fk_activation_code_issued_by' })
  issuer?: Relation<User>;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Replaced by a newer code, or too many wrong birth years were given with it. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Wrong birth years given with this code; at ACTIVATION_MAX_FAILURES it is revoked. */
  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;
}
