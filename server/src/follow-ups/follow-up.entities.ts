import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

export const VISIT_STATES = ['planned', 'done', 'missed', 'unreachable'] as const;
export type VisitState = (typeof VISIT_STATES)[number];
export const CONTACT_METHODS = ['home_visit', 'phone', 'video', 'at_station', 'workplace'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const EMPLOYMENT_STATUSES = ['employed', 'self_employed', 'studying', 'unemployed'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export const INCOME_BANDS = ['none', 'below_2000', '2000_3999', '4000_5999', '6000_plus'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];
export const ABSTINENCE_STATUSES = ['abstinent', 'relapsed', 'unknown'] as const;
export type AbstinenceStatus = (typeof ABSTINENCE_STATUSES)[number];
export const ABSTINENCE_BASES = ['test_verified', 'self_reported'] as const;
export type AbstinenceBasis = (typeof ABSTINENCE_BASES)[number];

/** 回访: one scheduled visit of a released trainee by their community station (+1, +3 … +36 months). */
@Entity('follow_up_visit')
@Check('chk_follow_up_state', `"state" IN ('planned','done','missed','unreachable')`)
@Check('chk_follow_up_recorded', `("state" = 'planned') = ("recorded_at" IS NULL)`)
// One schedule per release: a person released twice has two (see the TraineeEpisodes migration).
@Index('uq_follow_up_episode_month', ['episodeId', 'monthsAfter'], { unique: true })
@Index('idx_follow_up_trainee', ['traineeId'])
@Index('uq_follow_up_client_ref', ['clientRef'], { unique: true })
@Index('idx_follow_up_station_due', ['stationId', 'state', 'dueOn'])
// Keyset paging of the visit lists: made by hand in ListKeysetIndexes.
@Index('idx_follow_up_station_due_id', { synchronize: false })
@Index('idx_follow_up_due_id', { synchronize: false })
@Index('idx_follow_up_station_done', { synchronize: false })
export class FollowUpVisit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_follow_up_trainee' })
  trainee?: Relation<Trainee>;

  /**
   * The release this visit follows (an episode of the trainee). Filled by the database with the
   * person's latest episode when a writer leaves it out. The foreign key only, named by table.
   */
  @Column({ name: 'episode_id', type: 'uuid' })
  episodeId: string;

  @ManyToOne('trainee_episode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'fk_follow_up_episode' })
  episode?: never;

  @Column({ name: 'station_id', type: 'uuid' })
  stationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'station_id', foreignKeyConstraintName: 'fk_follow_up_station' })
  station?: Relation<Organisation>;

  @Column({ name: 'handover_id', type: 'uuid', nullable: true })
  handoverId: string | null;

  /**
   * The foreign key only (the schema keeps `fk_follow_up_handover`): named by table so that this
   * module does not import the handovers module's entity. Never loaded; use `handoverId`.
   */
  @ManyToOne('handover', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handover_id', foreignKeyConstraintName: 'fk_follow_up_handover' })
  handover?: never;

  @Column({ name: 'months_after', type: 'smallint' })
  monthsAfter: number;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'assigned_user_id', type: 'uuid', nullable: true })
  assignedUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_user_id', foreignKeyConstraintName: 'fk_follow_up_assigned' })
  assignedUser?: Relation<User>;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  state: VisitState;

  @Column({ name: 'visited_on', type: 'date', nullable: true })
  visitedOn: string | null;

  @Column({ name: 'contact_method', type: 'varchar', length: 12, nullable: true })
  contactMethod: ContactMethod | null;

  @Column({ name: 'employment_status', type: 'varchar', length: 14, nullable: true })
  employmentStatus: EmploymentStatus | null;

  @Column({ name: 'employer_name', type: 'varchar', length: 80, nullable: true })
  employerName: string | null;

  @Column({ name: 'employer_organisation_id', type: 'uuid', nullable: true })
  employerOrganisationId: string | null;

  /** The employer confirmed the employment (not only the trainee's word). */
  @Column({ name: 'employment_confirmed', type: 'boolean', nullable: true })
  employmentConfirmed: boolean | null;

  @Column({ name: 'income_band', type: 'varchar', length: 12, nullable: true })
  incomeBand: IncomeBand | null;

  @Column({ name: 'support_needs', type: 'varchar', length: 500, nullable: true })
  supportNeeds: string | null;

  @Column({ name: 'next_steps', type: 'varchar', length: 500, nullable: true })
  nextSteps: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  /** The id the field worker's phone gave the record: a replay after a dropped connection is recognised. */
  @Column({ name: 'client_ref', type: 'uuid', nullable: true })
  clientRef: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  /** A time the counsellor booked with the person for this (planned) visit; the person is reminded of it. */
  @Column({ name: 'appointment_at', type: 'timestamptz', nullable: true })
  appointmentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Abstinence, the most restricted data of all, kept in its own table so no ordinary query can
 * join it by accident: only the station's counsellors read it (audited), reports only aggregate it.
 */
@Entity('follow_up_abstinence')
@Check('chk_follow_up_abstinence_status', `"status" IN ('abstinent','relapsed','unknown')`)
@Check('chk_follow_up_abstinence_basis', `"basis" IN ('test_verified','self_reported')`)
export class FollowUpAbstinence {
  @PrimaryColumn({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @OneToOne(() => FollowUpVisit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_follow_up_abstinence_visit' })
  visit?: Relation<FollowUpVisit>;

  @Column({ type: 'varchar', length: 10 })
  status: AbstinenceStatus;

  @Column({ type: 'varchar', length: 14 })
  basis: AbstinenceBasis;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
