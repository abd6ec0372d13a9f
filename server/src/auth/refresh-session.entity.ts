import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One refresh token. Tokens rotate on every use; all tokens descended from one login share a
 * `familyId`, so presenting an already-rotated token (a stolen copy) revokes the whole family.
 * The family's live (latest) row was created at its last refresh: its `createdAt` is "last used".
 */
@Entity('refresh_session')
@Index('idx_refresh_session_user', ['userId'])
@Index('idx_refresh_session_family', ['familyId'])
export class RefreshSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_session_user' })
  user?: Relation<User>;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  /** SHA-256 of the token's secret part; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoke_reason', type: 'varchar', length: 40, nullable: true })
  revokeReason: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  /**
   * When the family signed in, copied onto every rotated token: the absolute cap on a staff session
   * and the "signed in at" of the my-sessions page count from it (the first row may be long deleted).
   */
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  /**
   * The client's address, already coarsened (`10.2.*.*`): enough for a person to recognise "that was
   * not me", too little to locate anyone. The full address is only in the audit log's sign-in entry.
   */
  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
