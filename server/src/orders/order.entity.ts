import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Division } from '../reference/division.entity';
import { Occupation } from '../reference/occupation.entity';

export const ORDER_STATES = ['draft', 'open', 'filled', 'closed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const BOARD_AND_LODGING = ['none', 'board', 'lodging', 'both'] as const;
export type BoardAndLodging = (typeof BOARD_AND_LODGING)[number];

/** 订单: an employer's order for trained people — the demand that makes training "精准". */
@Entity('job_order')
@Check('chk_job_order_state', `"state" IN ('draft','open','filled','closed')`)
@Check('chk_job_order_headcount', `"headcount" > 0`)
@Check('chk_job_order_hired', `"hired_count" >= 0 AND "hired_count" <= "headcount"`)
@Check('chk_job_order_level', `"required_level" IS NULL OR "required_level" BETWEEN 1 AND 5`)
@Check('chk_job_order_wage', `"wage_min" IS NULL OR "wage_max" IS NULL OR "wage_min" <= "wage_max"`)
@Check('chk_job_order_board', `"board_and_lodging" IN ('none','board','lodging','both')`)
@Index('idx_job_order_employer', ['employerId', 'state'])
@Index('idx_job_order_open', ['state', 'occupationCode', 'divisionCode'])
export class JobOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'employer_id', type: 'uuid' })
  employerId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_id', foreignKeyConstraintName: 'fk_job_order_employer' })
  employer?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ name: 'occupation_code', type: 'varchar', length: 12 })
  occupationCode: string;

  @ManyToOne(() => Occupation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'occupation_code', foreignKeyConstraintName: 'fk_job_order_occupation' })
  occupation?: Relation<Occupation>;

  @Column({ type: 'int' })
  headcount: number;

  /** Hires so far: raised by a conditional update, never past the headcount (CHECK as the last guard). */
  @Column({ name: 'hired_count', type: 'int', default: 0 })
  hiredCount: number;

  /** A certificate of this occupation at this level or higher (5 = 五级 … 1 = 一级); null: none needed. */
  @Column({ name: 'required_level', type: 'smallint', nullable: true })
  requiredLevel: number | null;

  @Column({ name: 'diploma_wanted', type: 'boolean', default: false })
  diplomaWanted: boolean;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code', foreignKeyConstraintName: 'fk_job_order_division' })
  division?: Relation<Division>;

  /** The workplace (the employer's address, not anyone else's). */
  @Column({ name: 'workplace_address', type: 'varchar', length: 200, nullable: true })
  workplaceAddress: string | null;

  /** Monthly, yuan. */
  @Column({ name: 'wage_min', type: 'int', nullable: true })
  wageMin: number | null;

  @Column({ name: 'wage_max', type: 'int', nullable: true })
  wageMax: number | null;

  @Column({ name: 'board_and_lodging', type: 'varchar', length: 8, default: 'none' })
  boardAndLodging: BoardAndLodging;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 8, default: 'draft' })
  state: OrderState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
