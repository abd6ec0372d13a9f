import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import { Trainee } from './trainee.entity';

/** Why a person was admitted this time: fixed codes (staff words stay in the state history). */
export const ADMISSION_REASONS = ['first', 'relapse', 'violation', 'other'] as const;
export type AdmissionReason = (typeof ADMISSION_REASONS)[number];

/**
 * One admission of a person (入所经历). The person has one identity record and as many episodes as
 * admissions; the trainee row's dates are the current episode's. Kept in step with `trainee` by the
 * triggers of the TraineeEpisodes migration (episode 1 on insert, date changes onto the current
 * episode); a re-admission inserts the next episode itself (TraineesService.readmit).
 */
@Entity('trainee_episode')
@Check('chk_trainee_episode_number', `"number" >= 1`)
@Check('chk_trainee_episode_reason', `"reason" IN ('first','relapse','violation','other')`)
@Check('chk_trainee_episode_dates', `"released_on" IS NULL OR "released_on" >= "admitted_on"`)
@Index('uq_trainee_episode_number', ['traineeId', 'number'], { unique: true })
@Index('uq_trainee_episode_open', ['traineeId'], { unique: true, where: '"released_on" IS NULL' })
export class TraineeEpisode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_trainee_episode_trainee' })
  trainee?: Relation<Trainee>;

  /** 1 for the first admission, then 2, 3 … */
  @Column({ type: 'smallint' })
  number: number;

  /** The facility that admitted the person (null when an old record did not say). */
  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'fk_trainee_episode_facility' })
  facility?: Relation<Organisation>;

  @Column({ name: 'admitted_on', type: 'date' })
  admittedOn: string;

  @Column({ name: 'expected_release_on', type: 'date' })
  expectedReleaseOn: string;

  @Column({ name: 'released_on', type: 'date', nullable: true })
  releasedOn: string | null;

  @Column({ type: 'varchar', length: 12, default: 'first' })
  reason: AdmissionReason;

  @Column({ name: 'opened_by', type: 'uuid', nullable: true })
  openedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opened_by', foreignKeyConstraintName: 'fk_trainee_episode_opened_by' })
  opener?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
