import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '../common/role';
import { Organisation } from '../organisations/organisation.entity';

/** Permissions beyond a role, granted per account by a security administrator (安全管理员). */
/** `station.head`: receives escalations of overdue follow-up visits at their station. */
export const PERMISSIONS = ['identity.unmask', 'station.head'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** An account. Usernames are stored lower-case so uniqueness is case-insensitive. */
@Entity('app_user')
@Check('chk_app_user_role', `"role" IN ('admin','counsellor','instructor','employer','trainee','security_admin','audit_admin')`)
// Only the known permissions, and only on roles that read trainees' files: no value here can give
// an account the security or audit administrator's powers (those come from the role alone).
@Check(
  'chk_app_user_permissions',
  `"permissions" <@ ARRAY['identity.unmask','station.head']::varchar[] AND ("role" IN ('admin','counsellor') OR cardinality("permissions") = 0)`,
)
@Index('idx_app_user_organisation', ['organisationId'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_app_user_username', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 60 })
  displayName: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_app_user_organisation' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** `identity.unmask`: may reveal a full identity number (every reveal is audited). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  permissions: Permission[];

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
