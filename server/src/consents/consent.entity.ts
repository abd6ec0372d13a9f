import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Trainee } from '../trainees/trainee.entity';

export const CONSENT_PURPOSES = ['job_matching', 'share_with_employer', 'follow_up_contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The versioned text a trainee agrees to: what is shared, with whom, and why (PIPL Arts. 14–16, 29–30). */
@Entity('consent_text')
export class ConsentText {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  purpose: ConsentPurpose;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ name: 'text_zh', type: 'text' })
  textZh: string;

  @Column({ name: 'text_en', type: 'text' })
  textEn: string;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;
}

/**
 * One grant of consent, and its withdrawal. Rows are never deleted: the history is the record.
 * At most one live (not withdrawn) grant per trainee × purpose (× employer).
 */
@Entity('consent')
@Check('chk_consent_purpose', `"purpose" IN ('job_matching','share_with_employer','follow_up_contact')`)
@Check('chk_consent_employer', `("purpose" = 'share_with_employer') = ("employer_id" IS NOT NULL)`)
@Index('uq_consent_live', ['traineeId', 'purpose'], { unique: true, where: 'withdrawn_at IS NULL AND employer_id IS NULL' })
@Index('uq_consent_live_employer', ['traineeId', 'purpose', 'employerId'], {
  unique: true,
  where: 'withdrawn_at IS NULL AND employer_id IS NOT NULL',
})
@Index('idx_consent_trainee', ['traineeId', 'grantedAt'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_consent_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'varchar', length: 24 })
  purpose: ConsentPurpose;

  /** For `share_with_employer`: the one employer that may see name and phone. */
  @Column({ name: 'employer_id', type: 'uuid', nullable: true })
  employerId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_id', foreignKeyConstraintName: 'fk_consent_employer' })
  employer?: Relation<Organisation>;

  @Column({ name: 'text_version', type: 'int' })
  textVersion: number;

  @Column({ name: 'granted_at', type: 'timestamptz', default: () => 'now()' })
  grantedAt: Date;

  @Column({ name: 'granted_by', type: 'uuid' })
  grantedBy: string;

  /** A counsellor recorded it for the trainee, from a signed paper form. */
  @Column({ name: 'granted_assisted', type: 'boolean', default: false })
  grantedAssisted: boolean;

  @Column({ name: 'paper_form_ref', type: 'varchar', length: 60, nullable: true })
  paperFormRef: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ name: 'withdrawn_assisted', type: 'boolean', nullable: true })
  withdrawnAssisted: boolean | null;
}
