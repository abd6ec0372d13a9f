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
import { Division } from '../reference/division.entity';

export const ORGANISATION_TYPES = ['bureau', 'facility', 'community_station', 'school', 'training_provider', 'employer'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** `active | inactive` for the bureau's own network; employers go `pending → verified | rejected`. */
export const ORGANISATION_STATUSES = ['active', 'inactive', 'pending', 'verified', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

@Entity('organisation')
@Check('chk_organisation_type', `"type" IN ('bureau','facility','community_station','school','training_provider','employer')`)
@Check('chk_organisation_status', `"status" IN ('active','inactive','pending','verified','rejected')`)
@Index('idx_organisation_type_status', ['type', 'status'])
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: OrganisationType;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code', foreignKeyConstraintName: 'fk_organisation_division' })
  division?: Relation<Division>;

  /** 统一社会信用代码; required for employers, unique when present. */
  @Index('uq_organisation_credit_code', { unique: true, where: 'credit_code IS NOT NULL' })
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  /** Set when an admin verified an employer whose code fails the GB 32100 check (audited). */
  @Column({ name: 'credit_code_override', type: 'boolean', default: false })
  creditCodeOverride: boolean;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: OrganisationStatus;

  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 60, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'verified_by', type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
