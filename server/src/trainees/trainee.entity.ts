import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Division } from '../reference/division.entity';
import { User } from '../users/user.entity';

export const TRAINEE_STATES = ['admitted', 'pre_release', 'released', 'community', 'closed'] as const;
export type TraineeState = (typeof TRAINEE_STATES)[number];

export const EDUCATION_LEVELS = ['none', 'primary', 'junior_high', 'senior_high', 'vocational', 'college'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/**
 * A person in, or released from, a facility: the spine of the platform. Everything here is
 * sensitive (its mere existence reveals rehab history): it never reaches an employer.
 */
/** One skill: an occupation of the 2022 classification and, where it has one, a level (5 = 五级 … 1 = 一级). */
export interface TraineeSkill {
  occupationCode: string;
  level: number | null;
}

@Entity('trainee')
@Check('chk_trainee_state', `"state" IN ('admitted','pre_release','released','community','closed')`)
@Check('chk_trainee_sex', `"sex" IN ('M','F')`)
// INCLUDE (id, sealed_at), made by hand in OrderOutcome: a station's people (the funnels' scope) from the index alone.
@Index('idx_trainee_organisation_state', { synchronize: false })
@Index('idx_trainee_expected_release', ['expectedReleaseOn'])
@Index('idx_trainee_full_name', ['fullName'])
@Index('idx_trainee_matching', ['state', 'expectedReleaseOn'], { where: 'job_matching_consent' })
// Matching counts a caseload's candidates from the index alone (index-only scan: every column it reads is here,
// with INCLUDE (sealed_at) for the row-level security policy: made by hand in MatchingCountFromIndex).
@Index('idx_trainee_matching_caseload', { synchronize: false })
// Bounded ranking's second tier: who lives in, or prefers, the order's division.
@Index('idx_trainee_matching_division', ['homeDivisionCode'], { where: 'job_matching_consent' })
// GIN over the preferred divisions (`@>`); made by hand in the migration, TypeORM cannot declare GIN. Read by
// matching_trainees_in_division as the owner: under row-level security `@>` (not leakproof) cannot use it.
@Index('idx_trainee_preferred_divisions', { synchronize: false })
// The caseload's keyset indexes (INCLUDE columns, varchar_pattern_ops): made by hand in CaseloadKeyset.
@Index('idx_trainee_caseload_release', { synchronize: false })
@Index('idx_trainee_caseload_state', { synchronize: false })
@Index('idx_trainee_caseload_name', { synchronize: false })
@Index('idx_trainee_caseload_name_prefix', { synchronize: false })
@Index('idx_trainee_caseload_admitted', { synchronize: false })
// The day a person is free for work, for the legal waiting period in matching: an expression index, by hand
// in MatchingUnderRowSecurity.
@Index('idx_trainee_matching_free_on', { synchronize: false })
// The sealing job's candidates (closed, not sealed): made by hand in RecordSealing.
@Index('idx_trainee_sealable', { synchronize: false })
export class Trainee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'full_name', type: 'varchar', length: 40 })
  fullName: string;

  @Column({ type: 'char', length: 1 })
  sex: 'M' | 'F';

  /**
   * Year of birth only, for ages in lists, reports and matching. The day of birth is kept nowhere in
   * clear: with the home division and the last four characters of the identity number it would let
   * the number be rebuilt (it is inside the encrypted number, shown only through the audited reveal).
   */
  @Column({ name: 'birth_year', type: 'smallint' })
  birthYear: number;

  /** AES-256-GCM ciphertext of the 身份证号; see FieldCipher. */
  @Column({ name: 'identity_number_cipher', type: 'bytea' })
  identityNumberCipher: Buffer;

  /** Keyed hash of the 身份证号, for duplicate detection and exact look-up. */
  @Index('uq_trainee_identity_number_hash', { unique: true })
  @Column({ name: 'identity_number_hash', type: 'char', length: 64 })
  identityNumberHash: string;

  /**
   * Last four characters (sequence and check character), the only part of the number ever shown
   * masked (`**************123X`), without decrypting. Nothing else of the number is stored in clear.
   */
  @Column({ name: 'identity_number_tail', type: 'char', length: 4 })
  identityNumberTail: string;

  @Column({ name: 'home_division_code', type: 'char', length: 6 })
  homeDivisionCode: string;

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_division_code', foreignKeyConstraintName: 'fk_trainee_home_division' })
  homeDivision?: Relation<Division>;

  /** The facility holding the trainee, or after handover the community station. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_trainee_organisation' })
  organisation?: Relation<Organisation>;

  /** The trainee's own sign-in, when they have one (many start without a device). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true, unique: true })
  userId: string | null;

  @OneToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_trainee_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 12, default: 'admitted' })
  state: TraineeState;

  @Column({ name: 'admitted_on', type: 'date' })
  admittedOn: string;

  @Column({ name: 'expected_release_on', type: 'date' })
  expectedReleaseOn: string;

  @Column({ name: 'released_on', type: 'date', nullable: true })
  releasedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'education_level', type: 'varchar', length: 12, nullable: true })
  educationLevel: EducationLevel | null;

  @Column({ name: 'work_history', type: 'varchar', length: 1000, nullable: true })
  workHistory: string | null;

  /**
   * Skills as controlled vocabulary: occupation codes of the 2022 classification with a level (5 =
   * 五级 … 1 = 一级; null when no level applies). Employers may read these; certificates the platform
   * issued come from the learning module.
   */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  skills: TraineeSkill[];

  /** What staff noted about skills that matches no occupation. Internal: never reaches an employer. */
  @Column({ name: 'skills_note', type: 'varchar', length: 1000, nullable: true })
  skillsNote: string | null;

  /** Industries as middle categories of the 2022 classification (e.g. `4-03`). */
  @Column({ name: 'preferred_industries', type: 'varchar', length: 5, array: true, default: () => "'{}'" })
  preferredIndustries: string[];

  /** Division codes where the trainee would work. */
  @Column({ name: 'preferred_divisions', type: 'varchar', array: true, default: () => "'{}'" })
  preferredDivisions: string[];

  /** Monthly wage expectation in yuan. */
  @Column({ name: 'wage_expectation', type: 'int', nullable: true })
  wageExpectation: number | null;

  @Column({ name: 'willing_to_live_on_site', type: 'boolean', nullable: true })
  willingToLiveOnSite: boolean | null;

  /**
   * Whether a live `job_matching` consent exists. Kept by a trigger on `consent` (see the
   * CaseloadIndexes migration), so filters and the matching engine read one column instead of
   * joining consents on every query; it changes in the same transaction as the consent.
   */
  @Column({ name: 'job_matching_consent', type: 'boolean', default: false })
  jobMatchingConsent: boolean;

  /**
   * 封存: when the record was sealed (null: not sealed). A sealed row is invisible to the app's database
   * role (row-level security, the RecordSealing migration): out of every list, search, export and view.
   */
  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true })
  sealedAt: Date | null;

  /** An approved unsealing lasts until this day; the sealing job seals the record again after it. */
  @Column({ name: 'seal_exempt_until', type: 'date', nullable: true })
  sealExemptUntil: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
