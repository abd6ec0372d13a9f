import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const JOB_LIMIT_KINDS = ['waiting_period', 'barred'] as const;
export type JobLimitKind = (typeof JOB_LIMIT_KINDS)[number];

/**
 * A legal limit on an occupation for people after compulsory isolated drug rehabilitation
 * (migration 1796500400000-JobLimitRules). `occupationPrefix` is a code of the 2022 classification or
 * a prefix of one (`4-02-02` covers every road transport occupation under it).
 */
@Entity('job_limit_rule')
@Check('chk_job_limit_rule_kind', `"kind" IN ('waiting_period','barred')`)
@Check(
  'chk_job_limit_rule_years',
  `("kind" = 'barred' AND "waiting_years" IS NULL AND NOT "during_supervision") OR ("kind" = 'waiting_period' AND "waiting_years" BETWEEN 1 AND 10)`,
)
@Check('chk_job_limit_rule_prefix', `"occupation_prefix" ~ '^[1-8](-[0-9]{2}){0,3}$'`)
export class JobLimitRule {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_job_limit_rule' })
  id: string;

  @Column({ name: 'occupation_prefix', type: 'varchar', length: 12 })
  occupationPrefix: string;

  @Column({ type: 'varchar', length: 16 })
  kind: JobLimitKind;

  /** Years after release (1..10) for `waiting_period`; null for `barred`. */
  @Column({ name: 'waiting_years', type: 'smallint', nullable: true })
  waitingYears: number | null;

  /** Also limited while the person is in the facility or under community rehabilitation. */
  @Column({ name: 'during_supervision', type: 'boolean', default: false })
  duringSupervision: boolean;

  @Column({ name: 'legal_reference', type: 'varchar', length: 200 })
  legalReference: string;

  /** Staff-facing fixed text about the rule (never about a person). */
  @Column({ name: 'summary_zh', type: 'varchar', length: 500 })
  summaryZh: string;

  @Column({ name: 'summary_en', type: 'varchar', length: 500 })
  summaryEn: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Null for the rules seeded by the migration. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
