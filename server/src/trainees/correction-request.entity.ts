import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Trainee } from './trainee.entity';

/** A trainee's request to correct their data (PIPL Art. 46), answered by their counsellor. */
@Entity('correction_request')
@Check('chk_correction_request_status', `"status" IN ('open','resolved','declined')`)
@Index('idx_correction_request_trainee', ['traineeId', 'status'])
export class CorrectionRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_correction_request_trainee' })
  trainee?: Relation<Trainee>;

  /** Which part is wrong, e.g. `phone`, `fullName`, `other`. */
  @Column({ type: 'varchar', length: 40 })
  field: string;

  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: 'open' | 'resolved' | 'declined';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'boolean', default: false })
  assisted: boolean;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolution_note', type: 'varchar', length: 500, nullable: true })
  resolutionNote: string | null;
}
