import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { PageQueryDto } from '../common/dto/page.dto';
import { pageRows, pageWithTotalSql } from '../common/page-sql';
import { type SeatPlaceRow, seatTable } from '../seats/seat-table';
import {
  ClassEnrolment,
  type ClassEnrolmentState,
  type ClassMode,
  Diploma,
  DiplomaClass,
  Programme,
  ProgrammeUnit,
} from './diploma.entities';

/** A class's seats for the `SeatEngine`: `approved` and `active` enrolments hold one; the waitlist goes by application time. */
export const CLASS_SEATS = seatTable({
  holder: 'diploma_class',
  enrolment: 'class_enrolment',
  holderColumn: 'class_id',
  queuedAtColumn: 'applied_at',
  attendance: 'class_attendance',
  seated: ['approved', 'active'],
});

/** Filters of the class list. */
export interface ClassFilter {
  programmeId?: string;
  /** Only classes ending on or after this date (China time). */
  endsFrom?: string;
  /** Part of the class's name or its programme's. */
  text?: string;
}

const CLASS_COLUMNS = `c.*, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, p.name AS programme_name, v.name AS venue_name,
       u.display_name AS head_teacher_name,
       (SELECT count(*)::int FROM class_enrolment e WHERE e.class_id = c.id AND e.state = 'waitlisted') AS waitlisted,
       (SELECT count(*)::int FROM class_enrolment e WHERE e.class_id = c.id AND e.state = 'applied') AS applied`;
const CLASS_FROM = `FROM diploma_class c JOIN programme p ON p.id = c.programme_id LEFT JOIN organisation v ON v.id = c.venue_organisation_id
  LEFT JOIN app_user u ON u.id = c.head_teacher_id`;
/** The class list: latest start first, then name; the id keeps equal rows in a stable order. */
const CLASS_ORDER = 'c.starts_on DESC, c.name, c.id';

function classWhere(filter: ClassFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.programmeId) where.push(`c.programme_id = $${params.push(filter.programmeId)}::uuid`);
  if (filter.endsFrom) where.push(`c.ends_on >= $${params.push(filter.endsFrom)}::date`);
  if (filter.text) {
    const term = `$${params.push(`%${filter.text.replace(/[%_\\]/g, '\\$&')}%`)}`;
    where.push(`(c.name ILIKE ${term} OR p.name ILIKE ${term})`);
  }
  return { where, params };
}

/** An enrolment's columns as `ClassEnrolmentRow` names them (class, programme, trainee, waitlist position). */
const ENROLMENT_COLUMNS = `e.*, c.name AS class_name, p.name AS programme_name, t.full_name,
       CASE WHEN e.state = 'waitlisted' THEN (SELECT count(*)::int FROM class_enrolment w
         WHERE w.class_id = e.class_id AND w.state = 'waitlisted' AND (w.applied_at, w.id) <= (e.applied_at, e.id)) END AS position`;
const ENROLMENT_FROM = `FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id JOIN programme p ON p.id = c.programme_id
  JOIN trainee t ON t.id = e.trainee_id`;

/** A class's roster: studying, approved, applied, waitlisted (in its order), then the rest; the id breaks ties. */
const ROSTER_RANK = `CASE e.state WHEN 'active' THEN 0 WHEN 'approved' THEN 1 WHEN 'applied' THEN 2 WHEN 'waitlisted' THEN 3 ELSE 4 END`;
const ROSTER_ORDER = `${ROSTER_RANK}, e.applied_at, e.id`;

export interface ProgrammeRow {
  id: string;
  name: string;
  school_id: string;
  school_name: string;
  required_credits: number;
  description: string | null;
  units: { id: string; name: string; credits: number }[];
}

export interface ClassRow {
  id: string;
  programme_id: string;
  programme_name: string;
  name: string;
  cohort_year: number;
  mode: ClassMode;
  venue_name: string | null;
  capacity: number;
  seats_taken: number;
  waitlisted: number;
  applied: number;
  head_teacher_id: string | null;
  head_teacher_name: string | null;
  starts_on: string;
  ends_on: string;
}

export interface ClassEnrolmentRow extends SeatPlaceRow<ClassEnrolmentState> {
  id: string;
  class_id: string;
  class_name: string;
  programme_name: string;
  applied_at: Date;
  decided_at: Date | null;
  reason: string | null;
  transferred_to_id: string | null;
}

/** What a graduation audit is measured against: the enrolment's programme and trainee. */
export interface GraduationBasis {
  programme_id: string;
  programme_name: string;
  required: number;
  full_name: string;
}

export interface TranscriptRow {
  id: string;
  name: string;
  credits: number;
  score: number | null;
}

export interface DiplomaRow {
  id: string;
  number: string;
  verification_code: string;
  full_name: string;
  programme_name: string;
  school_name: string;
  programme_id: string;
  trainee_id: string;
  graduated_on: string;
  credits_earned: number;
}

/** What the public sees when verifying a diploma: nothing that tells where the holder studied. */
export interface VerificationRow {
  number: string;
  graduated_on: string;
  full_name: string;
  programme_name: string;
  school_name: string;
}

/** Programmes, classes, enrolments, grades, diplomas: the SQL of the diplomas module (seats: `SeatEngine`). */
@Injectable()
export class DiplomasRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- programmes ----

  /** A page of the programmes by name (`text`: part of the name or the school's), and their total, in one statement. */
  async programmes(filter: { id?: string; text?: string }, page: PageQueryDto): Promise<[ProgrammeRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.id) where.push(`p.id = $${params.push(filter.id)}::uuid`);
    if (filter.text) {
      const term = `$${params.push(`%${filter.text.replace(/[%_\\]/g, '\\$&')}%`)}`;
      where.push(`(p.name ILIKE ${term} OR o.name ILIKE ${term})`);
    }
    const rows = await this.dataSource.query<(ProgrammeRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `p.*, o.name AS school_name,
              (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'name', u.name, 'credits', u.credits) ORDER BY u.sort_order, u.name), '[]')
                 FROM programme_unit u WHERE u.programme_id = p.id) AS units`,
        from: 'FROM programme p JOIN organisation o ON o.id = p.school_id',
        where,
        order: 'p.name, p.id',
        outerOrder: 'page.name, page.id',
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
  }

  /** A programme and its units, in the order given. */
  async insertProgramme(data: Partial<Programme>, units: { name: string; credits: number }[], m: EntityManager): Promise<Programme> {
    const p = await m.getRepository(Programme).save(m.getRepository(Programme).create(data));
    await m
      .getRepository(ProgrammeUnit)
      .insert(units.map((u, i) => ({ programmeId: p.id, name: u.name, credits: u.credits, sortOrder: i })));
    return p;
  }

  findUnit(unitId: string, programmeId: string): Promise<ProgrammeUnit | null> {
    return this.dataSource.getRepository(ProgrammeUnit).findOneBy({ id: unitId, programmeId });
  }

  async transcript(traineeId: string, programmeId: string): Promise<TranscriptRow[]> {
    return this.dataSource.query<TranscriptRow[]>(
      `SELECT u.id, u.name, u.credits, g.score FROM programme_unit u LEFT JOIN unit_grade g ON g.unit_id = u.id AND g.trainee_id = $1
        WHERE u.programme_id = $2 ORDER BY u.sort_order, u.name`,
      [traineeId, programmeId],
    );
  }

  /** A grade per trainee × unit: recording it again replaces it. */
  async upsertGrade(traineeId: string, unitId: string, score: number, recordedBy: string, m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO unit_grade (trainee_id, unit_id, score, recorded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trainee_id, unit_id) DO UPDATE SET score = EXCLUDED.score, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [traineeId, unitId, score, recordedBy],
    );
  }

  // ---- classes ----

  /** One class (an array of none or one). */
  classRows(id: string): Promise<ClassRow[]> {
    return this.dataSource.query<ClassRow[]>(`SELECT ${CLASS_COLUMNS} ${CLASS_FROM} WHERE c.id = $1`, [id]);
  }

  /**
   * The ids of the classes matching the filters (every class without any), newest first (the list's
   * order); the service keeps those the caller may open (the access policy).
   */
  async classIds(filter: ClassFilter = {}): Promise<string[]> {
    const { where, params } = classWhere(filter);
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM diploma_class c JOIN programme p ON p.id = c.programme_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${CLASS_ORDER}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** A page of the classes among `visibleIds` and their total, in one statement: latest start first, then name, then id. */
  async classPage(visibleIds: string[], page: PageQueryDto): Promise<[ClassRow[], number]> {
    const rows = await this.dataSource.query<(ClassRow & { page_total: number })[]>(
      pageWithTotalSql({
        // c.* and the text date both answer to `starts_on`: the outer order reads the date under a name of its own.
        select: `${CLASS_COLUMNS}, c.starts_on AS page_starts_on`,
        from: CLASS_FROM,
        countFrom: 'FROM diploma_class c',
        where: ['c.id = ANY($1::uuid[])'],
        order: CLASS_ORDER,
        outerOrder: 'page.page_starts_on DESC, page.name, page.id',
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      [visibleIds],
    );
    return pageRows(rows, 'id');
  }

  async insertClass(data: Partial<DiplomaClass>, m: EntityManager): Promise<DiplomaClass> {
    const repo = m.getRepository(DiplomaClass);
    return repo.save(repo.create(data));
  }

  findClass(id: string, m?: EntityManager): Promise<DiplomaClass | null> {
    return (m ?? this.dataSource.manager).getRepository(DiplomaClass).findOneBy({ id });
  }

  // ---- enrolments ----

  /** A live enrolment of the trainee in another class of the programme (one place per programme). */
  async otherLivePlace(
    traineeId: string,
    programmeId: string,
    exceptClassId: string,
    m: EntityManager,
  ): Promise<{ name: string; state: ClassEnrolmentState } | null> {
    const [row] = await m.query<{ name: string; state: ClassEnrolmentState }[]>(
      `SELECT dc.name, e.state FROM class_enrolment e JOIN diploma_class dc ON dc.id = e.class_id
        WHERE e.trainee_id = $1 AND dc.programme_id = $2 AND dc.id <> $3
          AND e.state IN ('applied', 'approved', 'waitlisted', 'active') LIMIT 1`,
      [traineeId, programmeId, exceptClassId],
    );
    return row ?? null;
  }

  async insertEnrolment(data: Partial<ClassEnrolment>, m: EntityManager): Promise<ClassEnrolment> {
    const repo = m.getRepository(ClassEnrolment);
    return repo.save(repo.create(data));
  }

  /** An application, or null when the trainee already has a live place in the class (`uq_class_enrolment_live`). */
  async insertApplicationIfAbsent(classId: string, traineeId: string, appliedBy: string, m: EntityManager): Promise<string | null> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO class_enrolment (class_id, trainee_id, applied_by, state) VALUES ($1, $2, $3, 'applied')
       ON CONFLICT DO NOTHING RETURNING id`,
      [classId, traineeId, appliedBy],
    );
    return row?.id ?? null;
  }

  /** Meetings recorded and attended, per enrolment of the trainee. */
  attendanceOfTrainee(traineeId: string): Promise<{ enrolment_id: string; attended: number; meetings: number }[]> {
    return this.dataSource.query<{ enrolment_id: string; attended: number; meetings: number }[]>(
      `SELECT a.enrolment_id, count(*) FILTER (WHERE a.present)::int AS attended, count(*)::int AS meetings
         FROM class_attendance a JOIN class_enrolment e ON e.id = a.enrolment_id WHERE e.trainee_id = $1 GROUP BY a.enrolment_id`,
      [traineeId],
    );
  }

  /** The names of trainees, for a bulk application's result list. */
  async namesOf(traineeIds: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; full_name: string }[]>(
      `SELECT id, full_name FROM trainee WHERE id = ANY($1::uuid[])`,
      [traineeIds],
    );
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }

  /** The live place of each of `traineeIds` in the class. */
  liveEnrolmentIds(classId: string, traineeIds: string[]): Promise<{ id: string; trainee_id: string }[]> {
    return this.dataSource.query<{ id: string; trainee_id: string }[]>(
      `SELECT id, trainee_id FROM class_enrolment WHERE class_id = $1 AND trainee_id = ANY($2::uuid[])
          AND state IN ('applied', 'approved', 'waitlisted', 'active')`,
      [classId, traineeIds],
    );
  }

  async updateEnrolment(id: string, patch: Partial<ClassEnrolment>, m: EntityManager): Promise<void> {
    await m.getRepository(ClassEnrolment).update({ id }, patch);
  }

  /** Teaching has begun: these `approved` places become `active`. */
  async activate(enrolmentIds: string[], m: EntityManager): Promise<void> {
    if (enrolmentIds.length) await m.getRepository(ClassEnrolment).update({ id: In(enrolmentIds), state: 'approved' }, { state: 'active' });
  }

  findEnrolment(id: string): Promise<ClassEnrolment | null> {
    return this.dataSource.getRepository(ClassEnrolment).findOneBy({ id });
  }

  enrolmentExists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(ClassEnrolment).existsBy({ id });
  }

  findEnrolmentForUpdate(id: string, m: EntityManager): Promise<ClassEnrolment | null> {
    return m.getRepository(ClassEnrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The trainee's current (approved or active) place in the class. */
  async currentPlace(classId: string, traineeId: string): Promise<{ id: string; state: ClassEnrolmentState } | null> {
    const [row] = await this.dataSource.query<{ id: string; state: ClassEnrolmentState }[]>(
      `SELECT id, state FROM class_enrolment WHERE class_id = $1 AND trainee_id = $2 AND state IN ('approved','active')`,
      [classId, traineeId],
    );
    return row ?? null;
  }

  /** A class's roster: seated first, then applications, then the waitlist in its order, then the rest. */
  async rosterIds(classId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT e.id FROM class_enrolment e WHERE e.class_id = $1 ORDER BY ${ROSTER_ORDER}`,
      [classId],
    );
    return rows.map((r) => r.id);
  }

  /** A page of a class's roster among `visibleIds` (what the access policy lets the caller see) and its total, in one statement. */
  async rosterPage(classId: string, visibleIds: string[], page: PageQueryDto): Promise<[ClassEnrolmentRow[], number]> {
    const rows = await this.dataSource.query<(ClassEnrolmentRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${ENROLMENT_COLUMNS}, ${ROSTER_RANK} AS page_rank`,
        from: ENROLMENT_FROM,
        countFrom: 'FROM class_enrolment e',
        where: ['e.class_id = $1', 'e.id = ANY($2::uuid[])'],
        order: ROSTER_ORDER,
        outerOrder: 'page.page_rank, page.applied_at, page.id',
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      [classId, visibleIds],
    );
    return pageRows(rows, 'id');
  }

  async enrolmentIdsOfTrainee(traineeId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM class_enrolment WHERE trainee_id = $1 ORDER BY applied_at DESC`,
      [traineeId],
    );
    return rows.map((r) => r.id);
  }

  async enrolmentRow(id: string): Promise<ClassEnrolmentRow | null> {
    const [row] = await this.dataSource.query<ClassEnrolmentRow[]>(`SELECT ${ENROLMENT_COLUMNS} ${ENROLMENT_FROM} WHERE e.id = $1`, [id]);
    return row ?? null;
  }

  // ---- graduation ----

  async graduationBasis(enrolmentId: string): Promise<GraduationBasis> {
    const [row] = await this.dataSource.query<GraduationBasis[]>(
      `SELECT p.id AS programme_id, p.name AS programme_name, p.required_credits AS required, t.full_name
         FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id JOIN programme p ON p.id = c.programme_id JOIN trainee t ON t.id = e.trainee_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
    return row!;
  }

  /** Meetings present and recorded for the trainee across every class of the programme. */
  async attendanceInProgramme(traineeId: string, programmeId: string): Promise<{ present: number; total: number }> {
    const [row] = await this.dataSource.query<{ present: number; total: number }[]>(
      `SELECT count(*) FILTER (WHERE a.present)::int AS present, count(*)::int AS total
         FROM class_attendance a JOIN class_enrolment e ON e.id = a.enrolment_id WHERE e.trainee_id = $1
          AND e.class_id IN (SELECT id FROM diploma_class WHERE programme_id = $2)`,
      [traineeId, programmeId],
    );
    return row!;
  }

  async nextDiplomaSerial(m: EntityManager): Promise<string> {
    const [{ seq }] = await m.query<[{ seq: string }]>(`SELECT nextval('diploma_number_seq')::text AS seq`);
    return seq;
  }

  async insertDiploma(data: Partial<Diploma>, m: EntityManager): Promise<Diploma> {
    const repo = m.getRepository(Diploma);
    return repo.save(repo.create(data));
  }

  async diplomaRow(id: string): Promise<DiplomaRow | null> {
    const [row] = await this.dataSource.query<DiplomaRow[]>(
      `SELECT d.*, d.graduated_on::text AS graduated_on, t.full_name, p.name AS programme_name, s.name AS school_name
         FROM diploma d JOIN trainee t ON t.id = d.trainee_id JOIN programme p ON p.id = d.programme_id JOIN organisation s ON s.id = p.school_id WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async diplomaIdsOfTrainee(traineeId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM diploma WHERE trainee_id = $1 ORDER BY graduated_on DESC`, [
      traineeId,
    ]);
    return rows.map((r) => r.id);
  }

  async verification(code: string): Promise<VerificationRow | null> {
    const [row] = await this.dataSource.query<VerificationRow[]>(
      // Through a function that sees sealed records too (the RecordSealing migration): a diploma stays verifiable.
      `SELECT number, graduated_on, full_name, programme_name, school_name FROM diploma_verification($1)`,
      [code],
    );
    return row ?? null;
  }

  // ---- for the instructor's home (GET /api/me/today) ----

  /** Applications (`applied`) in these classes. */
  async applicationsIn(classIds: string[]): Promise<string[]> {
    if (classIds.length === 0) return [];
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM class_enrolment WHERE class_id = ANY($1::uuid[]) AND state = 'applied'`,
      [classIds],
    );
    return rows.map((r) => r.id);
  }
}
