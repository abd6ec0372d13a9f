import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { JobOrder } from '../orders/order.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Trainee } from '../trainees/trainee.entity';

export const FAIR_STATES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type FairState = (typeof FAIR_STATES)[number];
export const BOOTH_STATES = ['applied', 'approved', 'declined', 'withdrawn'] as const;
export type BoothState = (typeof BOOTH_STATES)[number];
export const SLOT_STATES = ['open', 'invited', 'booked', 'cancelled'] as const;
export type SlotState = (typeof SLOT_STATES)[number];
export const INTENT_STATES = ['proposed', 'confirmed', 'declined'] as const;
export type IntentState = (typeof INTENT_STATES)[number];

/**
 * 订单式就业推介会: a fair held inside a facility or at a station. Employers and trainees are told the
 * city only (the venue's division); the venue's name stays with staff.
 */
@Entity('job_fair')
@Check('chk_job_fair_state', `"state" IN ('draft','published','closed','cancelled')`)
@Check('chk_job_fair_booths', `"booths_taken" >= 0 AND "booths_taken" <= "booth_capacity"`)
@Check('chk_job_fair_times', `"ends_at" > "starts_at"`)
@Index('idx_job_fair_date', ['fairDate'])
export class JobFair {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ name: 'fair_date', type: 'date' })
  fairDate: string;

  @Column({ name: 'starts_at', type: 'time' })
  startsAt: string;

  @Column({ name: 'ends_at', type: 'time' })
  endsAt: string;

  @Column({ name: 'venue_organisation_id', type: 'uuid' })
  venueOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_organisation_id', foreignKeyConstraintName: 'fk_job_fair_venue' })
  venue?: Relation<Organisation>;

  @Column({ name: 'booth_capacity', type: 'int' })
  boothCapacity: number;

  /** Approved booths: raised by a conditional update, never past the capacity. */
  @Column({ name: 'booths_taken', type: 'int', default: 0 })
  boothsTaken: number;

  @Column({ name: 'registration_deadline', type: 'date', nullable: true })
  registrationDeadline: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  state: FairState;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An employer's booth, with the orders it brings. */
@Entity('fair_booth')
@Check('chk_fair_booth_state', `"state" IN ('applied','approved','declined','withdrawn')`)
@Index('uq_fair_booth_live', ['fairId', 'employerId'], { unique: true, where: `state IN ('applied', 'approved')` })
export class FairBooth {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fair_id', type: 'uuid' })
  fairId: string;

  @ManyToOne(() => JobFair, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fair_id', foreignKeyConstraintName: 'fk_fair_booth_fair' })
  fair?: Relation<JobFair>;

  @Column({ name: 'employer_id', type: 'uuid' })
  employerId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_id', foreignKeyConstraintName: 'fk_fair_booth_employer' })
  employer?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 10, default: 'applied' })
  state: BoothState;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 200, nullable: true })
  declineReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('fair_booth_order')
export class FairBoothOrder {
  @PrimaryColumn({ name: 'booth_id', type: 'uuid' })
  boothId: string;

  @ManyToOne(() => FairBooth, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booth_id', foreignKeyConstraintName: 'fk_fair_booth_order_booth' })
  booth?: Relation<FairBooth>;

  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => JobOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_fair_booth_order_order' })
  order?: Relation<JobOrder>;
}

/** A trainee registered for a fair, with the code they show at the desk (QR or printed). */
@Entity('fair_registration')
@Index('uq_fair_registration', ['fairId', 'traineeId'], { unique: true })
@Index('uq_fair_registration_code', ['code'], { unique: true })
@Index('uq_fair_registration_candidate', ['candidateCode'], { unique: true })
export class FairRegistration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fair_id', type: 'uuid' })
  fairId: string;

  @ManyToOne(() => JobFair, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fair_id', foreignKeyConstraintName: 'fk_fair_registration_fair' })
  fair?: Relation<JobFair>;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_fair_registration_trainee' })
  trainee?: Relation<Trainee>;

  /** Check-in code (8 characters of an unambiguous alphabet). */
  @Column({ type: 'varchar', length: 8 })
  code: string;

  /** What employers call this person at the fair (never their name). */
  @Column({ name: 'candidate_code', type: 'varchar', length: 10 })
  candidateCode: string;

  @Column({ name: 'registered_by', type: 'uuid' })
  registeredBy: string;

  @Column({ name: 'self_registered', type: 'boolean', default: false })
  selfRegistered: boolean;

  @Column({ name: 'walk_in', type: 'boolean', default: false })
  walkIn: boolean;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true })
  checkedInBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * An interview slot at a booth. It holds at most one trainee (one column), and a trainee is never in
 * two overlapping slots (the exclusion constraint, with btree_gist) — both hold under concurrency.
 */
@Entity('fair_slot')
@Check('chk_fair_slot_state', `"state" IN ('open','invited','booked','cancelled')`)
@Check('chk_fair_slot_times', `"ends_at" > "starts_at"`)
@Check('chk_fair_slot_holder', `("state" IN ('invited','booked')) = ("registration_id" IS NOT NULL)`)
@Exclusion('ex_fair_slot_trainee_overlap', `USING gist ("trainee_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)`)
@Index('idx_fair_slot_booth', ['boothId', 'startsAt'])
export class FairSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'booth_id', type: 'uuid' })
  boothId: string;

  @ManyToOne(() => FairBooth, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booth_id', foreignKeyConstraintName: 'fk_fair_slot_booth' })
  booth?: Relation<FairBooth>;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  state: SlotState;

  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId: string | null;

  @ManyToOne(() => FairRegistration, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'registration_id', foreignKeyConstraintName: 'fk_fair_slot_registration' })
  registration?: Relation<FairRegistration>;

  /** Copied from the registration so the exclusion constraint can see it. */
  @Column({ name: 'trainee_id', type: 'uuid', nullable: true })
  traineeId: string | null;

  @Column({ name: 'booked_assisted', type: 'boolean', default: false })
  bookedAssisted: boolean;
}

/** 意向书: at the fair, an employer and a trainee agree in principle on one of the booth's orders. */
@Entity('fair_intent')
@Check('chk_fair_intent_state', `"state" IN ('proposed','confirmed','declined')`)
@Index('uq_fair_intent', ['registrationId', 'orderId'], { unique: true })
export class FairIntent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fair_id', type: 'uuid' })
  fairId: string;

  @ManyToOne(() => JobFair, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fair_id', foreignKeyConstraintName: 'fk_fair_intent_fair' })
  fair?: Relation<JobFair>;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @ManyToOne(() => FairRegistration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id', foreignKeyConstraintName: 'fk_fair_intent_registration' })
  registration?: Relation<FairRegistration>;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => JobOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_fair_intent_order' })
  order?: Relation<JobOrder>;

  @Column({ type: 'varchar', length: 10, default: 'proposed' })
  state: IntentState;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_assisted', type: 'boolean', default: false })
  answeredAssisted: boolean;

  /** The placement the confirmed intent became (offer and hire continue there). */
  @Column({ name: 'placement_id', type: 'uuid', nullable: true })
  placementId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
