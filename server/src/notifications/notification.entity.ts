import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * An in-app message to one user (waitlist promotion, enrolment decisions, …). `dedupeKey` makes
 * the same event notify once however often it is processed.
 */
@Entity('notification')
@Index('idx_notification_user', ['userId', 'createdAt'])
@Index('uq_notification_dedupe', ['userId', 'dedupeKey'], { unique: true })
// Keyset paging and the unread count: made by hand in ListKeysetIndexes.
@Index('idx_notification_user_created_id', { synchronize: false })
@Index('idx_notification_unread', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user' })
  user?: Relation<User>;

  /** e.g. `enrolment.promoted`, `enrolment.decided`. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'title_zh', type: 'varchar', length: 120 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 160 })
  titleEn: string;

  /** In-app route to open, e.g. `/learning`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 120 })
  dedupeKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
