import { JobOrder } from '../orders/order.entity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Occupation } from '../reference/occupation.entity';
import { Trainee } from '../trainees/trainee.entity';
import { AttendanceColumns, SeatEnrolmentColumns, SeatHolderColumns } from '../seats/seat-columns';
import { User } from '../users/user.entity';

/** A skills course ("精准式") leading to a 职业技能等级 for one occupation of the 2022 classification. */
@Entity('course')
@Check('chk_course_level', `"level" BETWEEN 1 AND 5`)
@Check('chk_course_hours', `"hours" > 0`)
@Index('idx_course_occupation', ['occupationCode', 'level'])
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ name: 'occupation_code', type: 'varchar', length: 12 })
  occupationCode: string;

  @ManyToOne(() => Occupation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'occupation_code', foreignKeyConstraintName: 'fk_course_occupation' })
  occupation?: Relation<Occupation>;

  /** Target level: 5 = 五级/初级工 … 1 = 一级/高级技师. */
  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'int' })
  hours: number;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_course_provider' })
  provider?: Relation<Organisation>;

  @Column({ type: 'text', nullable: true })
  syllabus: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A run of a course: dates, place, capacity, instructor. Seats move only by conditional update. */
@Entity('course_session')
@Check('chk_course_session_seats', `"seats_taken" >= 0 AND "seats_taken" <= "capacity"`)
@Check('chk_course_session_pass_mark', `"pass_mark" BETWEEN 0 AND 100`)
@Index('idx_course_session_course', ['courseId', 'startsOn'])
export class CourseSession extends SeatHolderColumns {
  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_session_course' })
  course?: Relation<Course>;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_organisation_id', foreignKeyConstraintName: 'fk_course_session_venue' })
  venue?: Relation<Organisation>;

  @Column({ name: 'instructor_id', type: 'uuid', nullable: true })
  instructorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'instructor_id', foreignKeyConstraintName: 'fk_course_session_instructor' })
  instructor?: Relation<User>;

  /** Theory and practical must each reach this score. */
  @Column({ name: 'pass_mark', type: 'int', default: 60 })
  passMark: number;

  /** A 订单班: the employer order this session trains for; its trainees become the order's first candidates. */
  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @ManyToOne(() => JobOrder, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_course_session_order' })
  order?: Relation<JobOrder>;
}

export const SESSION_ENROLMENT_STATES = ['enrolled', 'waitlisted', 'withdrawn', 'passed', 'failed'] as const;
export type SessionEnrolmentState = (typeof SESSION_ENROLMENT_STATES)[number];

@Entity('session_enrolment')
@Check('chk_session_enrolment_state', `"state" IN ('enrolled','waitlisted','withdrawn','passed','failed')`)
@Index('uq_session_enrolment_live', ['sessionId', 'traineeId'], { unique: true, where: `state IN ('enrolled','waitlisted')` })
@Index('idx_session_enrolment_session', ['sessionId', 'state', 'createdAt'])
@Index('idx_session_enrolment_trainee', ['traineeId'])
export class SessionEnrolment extends SeatEnrolmentColumns {
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => CourseSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_session_enrolment_session' })
  session?: Relation<CourseSession>;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_session_enrolment_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ type: 'varchar', length: 12 })
  state: SessionEnrolmentState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'theory_score', type: 'int', nullable: true })
  theoryScore: number | null;

  @Column({ name: 'practical_score', type: 'int', nullable: true })
  practicalScore: number | null;

  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true })
  assessedAt: Date | null;

  @Column({ name: 'assessed_by', type: 'uuid', nullable: true })
  assessedBy: string | null;
}

@Entity('session_attendance')
@Index('uq_session_attendance', ['enrolmentId', 'meetingOn'], { unique: true })
export class SessionAttendance extends AttendanceColumns {
  @ManyToOne(() => SessionEnrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_session_attendance_enrolment' })
  enrolment?: Relation<SessionEnrolment>;
}

/** 职业技能等级证书: counts for matching. From a passed session, or recorded from an earlier one. */
@Entity('certificate')
@Check('chk_certificate_level', `"level" BETWEEN 1 AND 5`)
@Index('uq_certificate_number', ['number'], { unique: true })
@Index('idx_certificate_trainee', ['traineeId'])
// With the trainee: matching finds an occupation's holders from the index alone (index-only scan).
@Index('idx_certificate_occupation_level', ['occupationCode', 'level', 'traineeId'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'fk_certificate_trainee' })
  trainee?: Relation<Trainee>;

  @Column({ name: 'occupation_code', type: 'varchar', length: 12 })
  occupationCode: string;

  @ManyToOne(() => Occupation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'occupation_code', foreignKeyConstraintName: 'fk_certificate_occupation' })
  occupation?: Relation<Occupation>;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 30 })
  number: string;

  /** The issuing body as printed (a provider or school name — never a facility). */
  @Column({ type: 'varchar', length: 120 })
  issuer: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'session_enrolment_id', type: 'uuid', nullable: true })
  sessionEnrolmentId: string | null;
}
