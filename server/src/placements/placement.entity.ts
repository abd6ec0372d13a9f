import type { RecommendationReason } from '../reference/data/recommendation-reasons';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { JobOrder } from '../orders/order.entity';
import { Trainee } from '../trainees/trainee.entity';

export const PLACEMENT_STATES = [
  'suggested',
  'recommended',
  'accepted_by_trainee',
  'interview',
  'offer',
  'hired',
  'declined',
  'rejected',
  'withdrawn',
] as const;
export type PlacementState = (typeof PLACEMENT_STATES)[number];
export const PLACEMENT_SOURCES = ['counsellor', 'order_class', 'fair'] as const;
export type PlacementSource = (typeof PLACEMENT_SOURCES)[number];

/**
 * One trainee × one order, from a counsellor's recommendation to the hire. Two guards hold in the
 * database as well as in the service: an order's `hired_count` never passes its headcount (CHECK on
 * job_order), and a trainee is hired into one order at a time (`uq_placement_one_job`).
 */
@Entity('placement')
@Check(
  'chk_placement_state',
  `"state" IN ('suggested','recommended','accepted_by_trainee','interview','offer','hired','declined','rejected','withdrawn')`,
)
@Check('chk_placement_source', `"source" IN ('counsellor','order_class','fair')`)
@Check('chk_placement_hired', `("state" = 'hired') = ("hired_on" IS NOT NULL)`)
@Index('uq_placement_pair', ['orderId', 'traineeId'], { unique: true })
@Index('uq_placement_one_job', ['traineeId'], { unique: true, where: `state = 'hired' AND ended_on IS NULL` })
@Index('uq_placement_candidate_code', ['candidateCode'], { unique: true })
@Index('idx_placement_trainee', ['traineeId', 'state'])
export class Placement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => JobOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_placement_order' })
  order?: Relation<JobOrder>;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_placement_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'varchar', length: 20 })
  state: PlacementState;

  /** What the employer calls the candidate until the trainee accepts (and again if consent is withdrawn). */
  @Column({ name: 'candidate_code', type: 'varchar', length: 10 })
  candidateCode: string;

  @Column({ type: 'varchar', length: 12, default: 'counsellor' })
  source: PlacementSource;

  @Column({ name: 'recommended_by', type: 'uuid', nullable: true })
  recommendedBy: string | null;

  /** The counsellor's own note on the recommendation. Internal: an employer never reads it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** Why the counsellor recommends this person, as codes from the fixed list employers may read. */
  @Column({ type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  reasons: RecommendationReason[];

  @Column({ name: 'interview_at', type: 'timestamptz', nullable: true })
  interviewAt: Date | null;

  @Column({ name: 'interview_place', type: 'varchar', length: 120, nullable: true })
  interviewPlace: string | null;

  @Column({ name: 'offered_wage', type: 'int', nullable: true })
  offeredWage: number | null;

  @Column({ name: 'hired_on', type: 'date', nullable: true })
  hiredOn: string | null;

  /** Employment ended (left, dismissed, contract over): the hire still counts for the order. */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 200, nullable: true })
  endReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** When the employer first opened this candidate: until then it counts as new on their orders and home. */
  @Column({ name: 'employer_seen_at', type: 'timestamptz', nullable: true })
  employerSeenAt: Date | null;
}

/** Each step of a placement: who moved it, when, and whether a counsellor acted for the trainee. */
@Entity('placement_event')
@Index('idx_placement_event_placement', ['placementId', 'at'])
export class PlacementEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'placement_id', type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'fk_placement_event_placement' })
  placement?: Relation<Placement>;

  @Column({ name: 'from_state', type: 'varchar', length: 20, nullable: true })
  fromState: PlacementState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 20 })
  toState: PlacementState | 'ended';

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 12 })
  actorRole: string;

  @Column({ type: 'boolean', default: false })
  assisted: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
