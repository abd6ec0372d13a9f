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
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';
import type { ActionOwner, ActionStatus, AssessmentStage, GoalKind, GoalStatus, NeedArea, NeedCode, NeedLevel } from './need-codes';

/**
 * One needs assessment of a trainee. A new assessment is a new version; the old ones stay, so the
 * plan shows how needs changed from admission to the community.
 */
@Entity('needs_assessment')
@Check('chk_needs_assessment_stage', `"stage" IN ('admission','pre_release','community')`)
@Check('chk_needs_assessment_version', `"version" > 0`)
@Index('uq_needs_assessment_version', ['traineeId', 'version'], { unique: true })
export class NeedsAssessment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_needs_assessment' })
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_needs_assessment_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 12 })
  stage: AssessmentStage;

  @Column({ name: 'assessed_by', type: 'uuid', nullable: true })
  assessedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assessed_by', foreignKeyConstraintName: 'fk_needs_assessment_assessor' })
  assessor?: Relation<User>;

  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' })
  assessedAt: Date;
}

/** One area of an assessment: how pressing, which fixed items, and the staff's internal note. */
@Entity('needs_assessment_area')
@Check('chk_needs_assessment_area', `"area" IN ('documents','housing','health','family','finance','education','work')`)
@Check('chk_needs_assessment_level', `"level" IN ('none','some','urgent')`)
export class NeedsAssessmentArea {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid', primaryKeyConstraintName: 'pk_needs_assessment_area' })
  assessmentId: string;

  @ManyToOne(() => NeedsAssessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'fk_needs_assessment_area_assessment' })
  assessment?: Relation<NeedsAssessment>;

  @PrimaryColumn({ type: 'varchar', length: 12, primaryKeyConstraintName: 'pk_needs_assessment_area' })
  area: NeedArea;

  @Column({ type: 'varchar', length: 8 })
  level: NeedLevel;

  /** Codes from `need-codes.ts` for this area (checked by the service). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  items: NeedCode[];

  /** Staff only: never on the trainee's screen. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;
}

/** A goal of the plan: the motto's three (skill, diploma, job) or the person's own, in their words. */
@Entity('plan_goal')
@Check('chk_plan_goal_kind', `"kind" IN ('skill','diploma','job','own')`)
@Check('chk_plan_goal_status', `"status" IN ('open','achieved','dropped')`)
// One of each motto goal per trainee: a partial unique index made by hand in ReentryPlan.
@Index('uq_plan_goal_motto', { synchronize: false })
@Index('idx_plan_goal_trainee', ['traineeId'])
export class PlanGoal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_plan_goal' })
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_plan_goal_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'varchar', length: 8 })
  kind: GoalKind;

  /** For 'own' only: the person's words. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ name: 'target_on', type: 'date', nullable: true })
  targetOn: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: GoalStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A step of the plan: whose it is, when it is due, and whether it is done (and by whom). */
@Entity('plan_action')
@Check('chk_plan_action_area', `"area" IN ('documents','housing','health','family','finance','education','work')`)
@Check('chk_plan_action_owner', `"owner" IN ('trainee','counsellor','station')`)
@Check('chk_plan_action_status', `"status" IN ('open','done','cancelled')`)
@Check('chk_plan_action_done', `("status" = 'done') = ("done_at" IS NOT NULL)`)
@Index('idx_plan_action_trainee', ['traineeId', 'status'])
export class PlanAction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_plan_action' })
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_plan_action_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId: string | null;

  @ManyToOne(() => PlanGoal, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_plan_action_goal' })
  goal?: Relation<PlanGoal>;

  @Column({ type: 'varchar', length: 12 })
  area: NeedArea;

  @Column({ name: 'need_code', type: 'varchar', length: 32, nullable: true })
  needCode: NeedCode | null;

  /** The fixed text of the need code, or the staff's words; the trainee sees it. */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  owner: ActionOwner;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: ActionStatus;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'done_by', foreignKeyConstraintName: 'fk_plan_action_done_by' })
  doneByUser?: Relation<User>;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** The trainee ticked it on their own phone (not yet confirmed by staff). */
  @Column({ name: 'marked_by_trainee', type: 'boolean', default: false })
  markedByTrainee: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A review meeting of the plan: when due, when held, the staff's internal summary, the next one. */
@Entity('plan_review')
@Index('idx_plan_review_trainee', ['traineeId', 'dueOn'])
export class PlanReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_plan_review' })
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_plan_review_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'held_on', type: 'date', nullable: true })
  heldOn: string | null;

  /** Staff only: never on the trainee's screen. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  summary: string | null;

  @Column({ name: 'next_review_on', type: 'date', nullable: true })
  nextReviewOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
