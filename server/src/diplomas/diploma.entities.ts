import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Trainee } from '../trainees/trainee.entity';
import { AttendanceColumns, SeatEnrolmentColumns, SeatHolderColumns } from '../seats/seat-columns';
import { User } from '../users/user.entity';

/** 专业: a 中专 programme of the partner school. */
@Entity('programme')
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'fk_programme_school' })
  school?: Relation<Organisation>;

  @Column({ name: 'required_credits', type: 'int' })
  requiredCredits: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A course unit of a programme, with its credits. */
@Entity('programme_unit')
@Check('chk_programme_unit_credits', `"credits" > 0`)
@Index('uq_programme_unit_name', ['programmeId', 'name'], { unique: true })
export class ProgrammeUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_programme_unit_programme' })
  programme?: Relation<Programme>;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'int' })
  credits: number;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;
}

export const CLASS_MODES = ['in_facility', 'community', 'distance'] as const;
export type ClassMode = (typeof CLASS_MODES)[number];

/**
 * 班级: a cohort of a programme taught at a facility or station (or at a distance). `seatsTaken`
 * moves only by conditional update, and the CHECK keeps it within capacity whatever happens.
 */
@Entity('diploma_class')
@Check('chk_diploma_class_seats', `"seats_taken" >= 0 AND "seats_taken" <= "capacity"`)
@Check('chk_diploma_class_mode', `"mode" IN ('in_facility','community','distance')`)
export class DiplomaClass extends SeatHolderColumns {
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_diploma_class_programme' })
  programme?: Relation<Programme>;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ name: 'cohort_year', type: 'int' })
  cohortYear: number;

  /** Where it is taught (`venueOrganisationId`): a facility or a station; null for distance classes. Never shown outside. */
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_organisation_id', foreignKeyConstraintName: 'fk_diploma_class_venue' })
  venue?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 12, default: 'in_facility' })
  mode: ClassMode;

  @Column({ name: 'head_teacher_id', type: 'uuid', nullable: true })
  headTeacherId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'head_teacher_id', foreignKeyConstraintName: 'fk_diploma_class_head_teacher' })
  headTeacher?: Relation<User>;
}

export const CLASS_ENROLMENT_STATES = [
  'applied',
  'approved',
  'waitlisted',
  'rejected',
  'active',
  'graduated',
  'withdrawn',
  'transferred',
] as const;
export type ClassEnrolmentState = (typeof CLASS_ENROLMENT_STATES)[number];

/** States that hold a seat. */
export const SEAT_STATES: readonly ClassEnrolmentState[] = ['approved', 'active'];

@Entity('class_enrolment')
@Check(
  'chk_class_enrolment_state',
  `"state" IN ('applied','approved','waitlisted','rejected','active','graduated','withdrawn','transferred')`,
)
@Index('uq_class_enrolment_live', ['classId', 'traineeId'], {
  unique: true,
  where: `state IN ('applied','approved','waitlisted','active')`,
})
@Index('idx_class_enrolment_class_state', ['classId', 'state', 'appliedAt'])
@Index('idx_class_enrolment_trainee', ['traineeId'])
export class ClassEnrolment extends SeatEnrolmentColumns {
  @Column({ name: 'class_id', type: 'uuid' })
  classId: string;

  @ManyToOne(() => DiplomaClass, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_id', foreignKeyConstraintName: 'fk_class_enrolment_class' })
  diplomaClass?: Relation<DiplomaClass>;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_class_enrolment_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'varchar', length: 12, default: 'applied' })
  state: ClassEnrolmentState;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;

  @Column({ name: 'applied_by', type: 'uuid' })
  appliedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** Set on a `transferred` enrolment: where the study continues. */
  @Column({ name: 'transferred_to_id', type: 'uuid', nullable: true })
  transferredToId: string | null;
}

/** A grade per trainee × unit: it follows the trainee across a transfer. */
@Entity('unit_grade')
@Check('chk_unit_grade_score', `"score" >= 0 AND "score" <= 100`)
@Index('uq_unit_grade', ['traineeId', 'unitId'], { unique: true })
export class UnitGrade {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_unit_grade_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => ProgrammeUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_unit_grade_unit' })
  unit?: Relation<ProgrammeUnit>;

  @Column({ type: 'int' })
  score: number;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}

@Entity('class_attendance')
@Index('uq_class_attendance', ['enrolmentId', 'meetingOn'], { unique: true })
export class ClassAttendance extends AttendanceColumns {
  @ManyToOne(() => ClassEnrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_class_attendance_enrolment' })
  enrolment?: Relation<ClassEnrolment>;
}

/** 毕业证书: names the school, never a facility; publicly verifiable by its code. */
@Entity('diploma')
@Index('uq_diploma_number', ['number'], { unique: true })
@Index('uq_diploma_verification_code', ['verificationCode'], { unique: true })
@Index('uq_diploma_trainee_programme', ['traineeId', 'programmeId'], { unique: true })
export class Diploma {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_diploma_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_diploma_programme' })
  programme?: Relation<Programme>;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @Column({ type: 'varchar', length: 24 })
  number: string;

  /** 12 characters from an unambiguous alphabet; printed on the diploma. */
  @Column({ name: 'verification_code', type: 'varchar', length: 16 })
  verificationCode: string;

  @Column({ name: 'graduated_on', type: 'date' })
  graduatedOn: string;

  @Column({ name: 'credits_earned', type: 'int' })
  creditsEarned: number;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy: string;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;
}
