import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

export const TRANSFER_STATES = ['requested', 'accepted', 'rejected', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
/** Why a person moves to another station: codes only (the staff note says the rest, internally). */
export const TRANSFER_REASONS = ['moved_home', 'work', 'family', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];
/** Why the receiving station declines: codes only, so the answer carries no free text about the person. */
export const TRANSFER_REJECT_REASONS = ['not_in_area', 'address_unverified', 'duplicate', 'other'] as const;
export type TransferRejectReason = (typeof TRANSFER_REJECT_REASONS)[number];

/**
 * 转移监管: a released person moves to another community station. The sending station asks, the
 * receiving one accepts (the person, their planned visits and open lost-contact case move to it) or
 * rejects; the sender may cancel while it is open. At most one open request per person.
 */
@Entity('station_transfer')
@Check('chk_station_transfer_state', `"state" IN ('requested','accepted','rejected','cancelled')`)
@Check('chk_station_transfer_reason', `"reason" IN ('moved_home','work','family','other')`)
@Check('chk_station_transfer_not_self', `"from_station_id" <> "to_station_id"`)
@Index('uq_station_transfer_open', ['traineeId'], { unique: true, where: `state = 'requested'` })
@Index('idx_station_transfer_to', ['toStationId', 'state'])
@Index('idx_station_transfer_from', ['fromStationId', 'state'])
export class StationTransfer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_station_transfer_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'from_station_id', type: 'uuid' })
  fromStationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_station_id', foreignKeyConstraintName: 'fk_station_transfer_from' })
  fromStation?: Relation<Organisation>;

  @Column({ name: 'to_station_id', type: 'uuid' })
  toStationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_station_id', foreignKeyConstraintName: 'fk_station_transfer_to' })
  toStation?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 12 })
  reason: TransferReason;

  /** Staff free text, internal to the two stations (never an employer's or the trainee's screen). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 10, default: 'requested' })
  state: TransferState;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'fk_station_transfer_requested_by' })
  requester?: Relation<User>;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_station_transfer_decided_by' })
  decider?: Relation<User>;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 20, nullable: true })
  rejectReason: TransferRejectReason | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * 失联: a released person the station could not reach on LOST_CONTACT_ATTEMPTS recorded attempts in a
 * row. Open while `found_on` is null (at most one open case per person); closed when someone finds
 * them (`POST /lost-contacts/{id}/found`) or a visit is recorded done.
 */
@Entity('lost_contact')
@Check('chk_lost_contact_attempts', `"attempts" > 0`)
@Check('chk_lost_contact_found', `("found_on" IS NULL) = ("found_at" IS NULL)`)
@Index('uq_lost_contact_open', ['traineeId'], { unique: true, where: `found_on IS NULL` })
@Index('idx_lost_contact_station', ['stationId', 'foundOn'])
export class LostContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_lost_contact_trainee' })
  trainee?: Relation<Trainee>;

  /** The station holding the person (follows them when a transfer is accepted). */
  @Column({ name: 'station_id', type: 'uuid' })
  stationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'station_id', foreignKeyConstraintName: 'fk_lost_contact_station' })
  station?: Relation<Organisation>;

  /** The day of the first unreachable attempt of the run. */
  @Column({ type: 'date' })
  since: string;

  /** Unreachable attempts in a row (kept up to date while the case is open). */
  @Column({ type: 'int' })
  attempts: number;

  /** When the station heads (and the bureau's admins) were told. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'found_on', type: 'date', nullable: true })
  foundOn: string | null;

  @Column({ name: 'found_at', type: 'timestamptz', nullable: true })
  foundAt: Date | null;

  @Column({ name: 'found_by', type: 'uuid', nullable: true })
  foundBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'found_by', foreignKeyConstraintName: 'fk_lost_contact_found_by' })
  finder?: Relation<User>;

  /** How the person was found again (a follow-up contact method). */
  @Column({ name: 'found_method', type: 'varchar', length: 12, nullable: true })
  foundMethod: string | null;

  /** Staff free text (how they were found), internal to the station. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
