import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Division } from '../reference/division.entity';
import { Trainee } from '../trainees/trainee.entity';

/** The parts of a match score, in the order they are shown. */
export const SCORE_PARTS = ['certificate', 'training', 'diploma', 'division', 'lodging', 'wage', 'industry', 'readiness'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];
export type Weights = Record<ScorePart, number>;

/**
 * Admin-set weights, never edited in place: each change is a new version, and every ranking records
 * the version it used, so "why was she first on 3 May" can always be answered.
 */
@Entity('matching_weights')
export class MatchingWeights {
  @PrimaryGeneratedColumn()
  version: number;

  @Column({ type: 'jsonb' })
  weights: Weights;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One ranking asked for: which order, by whom, with which weights. */
@Entity('matching_ranking')
@Index('idx_matching_ranking_order', ['orderId', 'at'])
export class MatchingRanking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ name: 'trainee_id', type: 'uuid', nullable: true })
  traineeId: string | null;

  @Column({ name: 'weights_version', type: 'int' })
  weightsVersion: number;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ name: 'result_count', type: 'int' })
  resultCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/** The counsellor's judgement of whether a trainee is ready to start work (a part of the score). */
@Entity('trainee_readiness')
export class TraineeReadiness {
  @PrimaryColumn({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_trainee_readiness_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'boolean' })
  ready: boolean;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ name: 'set_by', type: 'uuid' })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' })
  setAt: Date;
}

/** Divisions that share a border: "neighbouring" in the division part of the score. Symmetric rows. */
@Entity('division_neighbour')
@Check('chk_division_neighbour_distinct', `"division_code" <> "neighbour_code"`)
export class DivisionNeighbour {
  @PrimaryColumn({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @ManyToOne(() => Division, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'division_code', foreignKeyConstraintName: 'fk_division_neighbour_division' })
  division?: Relation<Division>;

  @PrimaryColumn({ name: 'neighbour_code', type: 'char', length: 6 })
  neighbourCode: string;

  @ManyToOne(() => Division, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'neighbour_code', foreignKeyConstraintName: 'fk_division_neighbour_neighbour' })
  neighbour?: Relation<Division>;
}
