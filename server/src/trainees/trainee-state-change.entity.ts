import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Trainee } from './trainee.entity';
import type { TraineeState } from './trainee.entity';

/** One step of a trainee's lifecycle: who (null = the scheduler), when, why, and whether assisted. */
@Entity('trainee_state_change')
@Index('idx_trainee_state_change_trainee', ['traineeId', 'changedAt'])
export class TraineeStateChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_trainee_state_change_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'from_state', type: 'varchar', length: 12, nullable: true })
  fromState: TraineeState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 12 })
  toState: TraineeState;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;
}
