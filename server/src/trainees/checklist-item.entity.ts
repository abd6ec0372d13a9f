import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Trainee } from './trainee.entity';

/** The pre-release education (形势政策、拒毒、心理健康、就业指导) and the handover documents. */
export const CHECKLIST_ITEMS = ['situation_policy', 'anti_drug', 'mental_health', 'employment_guidance', 'handover_documents'] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number];

@Entity('checklist_item')
@Check(
  'chk_checklist_item_key',
  `"item_key" IN ('situation_policy','anti_drug','mental_health','employment_guidance','handover_documents')`,
)
@Index('uq_checklist_item', ['traineeId', 'itemKey'], { unique: true })
export class ChecklistItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_checklist_item_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'item_key', type: 'varchar', length: 24 })
  itemKey: ChecklistItemKey;

  @Column({ name: 'done_on', type: 'date', nullable: true })
  doneOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
