import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Trainee } from '../trainees/trainee.entity';

export const HANDOVER_STATES = ['prepared', 'sent', 'accepted', 'completed', 'rejected'] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

/**
 * 出所衔接, 必接必送: the releasing facility hands a trainee to a community station. Only the
 * receiving side's confirmation completes it; at most one open handover per trainee.
 */
@Entity('handover')
@Check('chk_handover_state', `"state" IN ('prepared','sent','accepted','completed','rejected')`)
@Index('uq_handover_open', ['traineeId'], { unique: true, where: `state IN ('prepared','sent','accepted')` })
// INCLUDE (trainee_id), made by hand in OrderOutcome: the people handed over from or to an organisation, from the index alone.
@Index('idx_handover_to', { synchronize: false })
@Index('idx_handover_from', { synchronize: false })
@Index('idx_handover_trainee', ['traineeId'])
export class Handover {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_handover_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'from_organisation_id', type: 'uuid' })
  fromOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_organisation_id', foreignKeyConstraintName: 'fk_handover_from' })
  fromOrganisation?: Relation<Organisation>;

  @Column({ name: 'to_organisation_id', type: 'uuid' })
  toOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_organisation_id', foreignKeyConstraintName: 'fk_handover_to' })
  toOrganisation?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 10, default: 'prepared' })
  state: HandoverState;

  @Column({ name: 'release_date', type: 'date' })
  releaseDate: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ name: 'rejected_by', type: 'uuid', nullable: true })
  rejectedBy: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  /** Who delivered the person (送). */
  @Column({ name: 'escort_name', type: 'varchar', length: 60, nullable: true })
  escortName: string | null;

  /** Who received them at the station (接). */
  @Column({ name: 'receiving_officer', type: 'varchar', length: 60, nullable: true })
  receivingOfficer: string | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  documents: string[];

  @Column({ name: 'handover_place', type: 'varchar', length: 120, nullable: true })
  handoverPlace: string | null;

  @Column({ name: 'handed_over_on', type: 'date', nullable: true })
  handedOverOn: string | null;
}
