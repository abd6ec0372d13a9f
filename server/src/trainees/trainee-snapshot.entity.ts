import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TraineeDto } from './dto/trainee.dto';

/**
 * What a releasing facility recorded, frozen when its handover completes. From then on the facility
 * reads this copy, not the live record: where the person lives, works or is now is the station's
 * business (and a later re-admission elsewhere is nobody's at the first facility).
 */
@Entity('trainee_snapshot')
@Index('uq_trainee_snapshot_handover', ['handoverId'], { unique: true })
@Index('idx_trainee_snapshot_trainee_org', ['traineeId', 'organisationId'])
export class TraineeSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  /** The organisation that handed the person over and now reads this copy. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'handover_id', type: 'uuid' })
  handoverId: string;

  /** The file as the facility saw it at handover (identity masked: no copy ever holds more). */
  @Column({ type: 'jsonb' })
  record: TraineeDto;

  @CreateDateColumn({ name: 'taken_at', type: 'timestamptz' })
  takenAt: Date;
}
