import type { EntityManager } from 'typeorm';
import type { TraineeState } from '../trainees/trainee.entity';

/** An organisation as the demo creates it; `status` is `active` unless given. */
export interface DemoOrganisation {
  name: string;
  type: string;
  division: string;
  status?: string;
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  organisationId: string;
  phone?: string;
}

/** A trainee's file as the demo inserts it (the identity number already encrypted and hashed). */
export interface DemoTraineeRow {
  fullName: string;
  sex: 'M' | 'F';
  birthYear: number;
  identityNumberCipher: Buffer;
  identityNumberHash: string;
  identityNumberTail: string;
  homeDivisionCode: string;
  organisationId: string;
  userId: string | null;
  state: TraineeState;
  admittedOn: string;
  expectedReleaseOn: string;
  releasedOn: string | null;
  phone: string;
  educationLevel: string;
  /** JSON of `{ occupationCode, level }[]`. */
  skills: string;
  preferredDivisions: string[];
  wageExpectation: number;
  willingToLiveOnSite: boolean;
}

export interface DemoOrder {
  employer: string;
  title: string;
  occupationCode: string;
  headcount: number;
  requiredLevel: number | null;
  division: string;
  wageMin: number;
  wageMax: number;
  boardAndLodging: string;
  state: string;
}

export interface DemoCompletedHandover {
  traineeId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  releaseDate: string;
  createdBy: string;
  createdAt: string;
  completedAt: string;
  documents: string[];
}

export interface DemoOpenHandover {
  traineeId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  state: string;
  releaseDate: string;
  createdBy: string;
}

export interface DemoConsent {
  traineeId: string;
  grantedBy: string;
  assisted: boolean;
  paperFormRef: string | null;
  grantedAt: string;
}

export interface DemoDiplomaClass {
  programmeId: string;
  name: string;
  cohortYear: number;
  venueOrganisationId: string;
  headTeacherId: string;
  startsOn: string;
  endsOn: string;
}

export interface DemoPlacement {
  orderId: string;
  traineeId: string;
  state: 'recommended' | 'accepted_by_trainee' | 'interview';
  candidateCode: string;
  recommendedBy: string;
}

/** A trainee about to leave, for whom the demo opens a handover. */
export interface DemoLeavingTrainee {
  id: string;
  organisation_id: string;
  home_division_code: string;
  expected_release_on: string;
}

interface Id {
  id: string;
}

/**
 * Every statement of the demo data loader, inside its one transaction. Demo data only: it writes rows
 * as they would be after years of use, which no module's own repository offers to do.
 */
export class DemoRepository {
  constructor(private readonly m: EntityManager) {}

  private async id(sql: string, params: unknown[] = []): Promise<string> {
    const [row] = await this.m.query<Id[]>(sql, params);
    return row!.id;
  }

  // Organisations and accounts

  insertOrganisation(o: DemoOrganisation): Promise<string> {
    return this.id(
      `INSERT INTO organisation (name, type, division_code, status, credit_code, contact_name, contact_phone, verified_at)
     VALUES ($1, $2, $3, $4::varchar, $5, $6, $7, CASE WHEN $4::varchar = 'verified' THEN now() ELSE NULL END) RETURNING id`,
      [o.name, o.type, o.division, o.status ?? 'active', o.creditCode ?? null, o.contactName ?? null, o.contactPhone ?? null],
    );
  }

  insertUser(passwordHash: string, u: DemoAccount): Promise<string> {
    return this.id(
      `INSERT INTO app_user (username, display_name, role, organisation_id, password_hash, phone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [u.username, u.displayName, u.role, u.organisationId, passwordHash, u.phone ?? null],
    );
  }

  async grantUnmask(username: string): Promise<void> {
    await this.m.query(`UPDATE app_user SET permissions = '{identity.unmask}' WHERE username = $1`, [username]);
  }

  userId(username: string): Promise<string> {
    return this.id(`SELECT id FROM app_user WHERE username = $1`, [username]);
  }

  async organisationOfUser(username: string): Promise<string> {
    const [row] = await this.m.query<{ organisation_id: string }[]>(`SELECT organisation_id FROM app_user WHERE username = $1`, [username]);
    return row!.organisation_id;
  }

  /** The first organisation of a type (the demo has one school and one training provider). */
  organisationOfType(type: string): Promise<string> {
    return this.id(`SELECT id FROM organisation WHERE type = $1 LIMIT 1`, [type]);
  }

  async stationIn(divisionCode: string): Promise<string | undefined> {
    const [row] = await this.m.query<Id[]>(`SELECT id FROM organisation WHERE type = 'community_station' AND division_code = $1`, [
      divisionCode,
    ]);
    return row?.id;
  }

  async recordLoad(detail: { organisations: number; trainees: number }): Promise<void> {
    await this.m.query(`INSERT INTO audit_log (action, result, detail) VALUES ('demo.load', 'success', $1)`, [JSON.stringify(detail)]);
  }

  // Trainees and their lifecycle

  insertTrainee(t: DemoTraineeRow): Promise<string> {
    return this.id(
      `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail,
           home_division_code, organisation_id, user_id, state, admitted_on, expected_release_on, released_on,
           phone, education_level, skills, preferred_divisions, wage_expectation, willing_to_live_on_site)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) RETURNING id`,
      [
        t.fullName,
        t.sex,
        t.birthYear,
        t.identityNumberCipher,
        t.identityNumberHash,
        t.identityNumberTail,
        t.homeDivisionCode,
        t.organisationId,
        t.userId,
        t.state,
        t.admittedOn,
        t.expectedReleaseOn,
        t.releasedOn,
        t.phone,
        t.educationLevel,
        t.skills,
        t.preferredDivisions,
        t.wageExpectation,
        t.willingToLiveOnSite,
      ],
    );
  }

  async insertStateChange(traineeId: string, from: string | null, to: string, at: string, reason: string): Promise<void> {
    await this.m.query(
      `INSERT INTO trainee_state_change (trainee_id, from_state, to_state, changed_at, reason) VALUES ($1, $2, $3, $4, $5)`,
      [traineeId, from, to, at, reason],
    );
  }

  async insertJobMatchingConsent(c: DemoConsent): Promise<void> {
    await this.m.query(
      `INSERT INTO consent (trainee_id, purpose, text_version, granted_by, granted_assisted, paper_form_ref, granted_at)
         VALUES ($1, 'job_matching', 1, $2, $3, $4, $5)`,
      [c.traineeId, c.grantedBy, c.assisted, c.paperFormRef, c.grantedAt],
    );
  }

  /** Always assisted, on paper. */
  async insertFollowUpContactConsent(traineeId: string, grantedBy: string, paperFormRef: string, grantedAt: string): Promise<void> {
    await this.m.query(
      `INSERT INTO consent (trainee_id, purpose, text_version, granted_by, granted_assisted, paper_form_ref, granted_at)
         VALUES ($1, 'follow_up_contact', 1, $2, true, $3, $4)`,
      [traineeId, grantedBy, paperFormRef, grantedAt],
    );
  }

  async insertChecklistItem(
    traineeId: string,
    itemKey: string,
    doneOn: string | null,
    doneBy: string | null,
    note: string | null,
  ): Promise<void> {
    await this.m.query(`INSERT INTO checklist_item (trainee_id, item_key, done_on, done_by, note) VALUES ($1, $2, $3, $4, $5)`, [
      traineeId,
      itemKey,
      doneOn,
      doneBy,
      note,
    ]);
  }

  async insertCompletedHandover(h: DemoCompletedHandover): Promise<void> {
    await this.m.query(
      `INSERT INTO handover (trainee_id, from_organisation_id, to_organisation_id, state, release_date, created_by, created_at, sent_at,
           accepted_at, completed_at, escort_name, receiving_officer, documents, handover_place, handed_over_on)
         VALUES ($1, $2, $3, 'completed', $4, $5, $6, $6, $6, $7, '陈指导员', '社区民警', $8, '社区康复指导站', $4)`,
      [h.traineeId, h.fromOrganisationId, h.toOrganisationId, h.releaseDate, h.createdBy, h.createdAt, h.completedAt, h.documents],
    );
  }

  /** Trainees in pre-release without an account, soonest release first. */
  traineesAboutToLeave(limit: number): Promise<DemoLeavingTrainee[]> {
    return this.m.query<DemoLeavingTrainee[]>(
      `SELECT id, organisation_id, home_division_code, expected_release_on::text FROM trainee
      WHERE state = 'pre_release' AND user_id IS NULL ORDER BY expected_release_on, id LIMIT $1`,
      [limit],
    );
  }

  async moveExpectedRelease(traineeId: string, date: string): Promise<void> {
    await this.m.query(`UPDATE trainee SET expected_release_on = $2 WHERE id = $1`, [traineeId, date]);
  }

  async insertOpenHandover(h: DemoOpenHandover): Promise<void> {
    await this.m.query(
      `INSERT INTO handover (trainee_id, from_organisation_id, to_organisation_id, state, release_date, created_by, sent_at, accepted_at)
       VALUES ($1, $2, $3, $4::varchar, $5, $6, CASE WHEN $4::varchar <> 'prepared' THEN now() END, CASE WHEN $4::varchar = 'accepted' THEN now() END)`,
      [h.traineeId, h.fromOrganisationId, h.toOrganisationId, h.state, h.releaseDate, h.createdBy],
    );
  }

  /** Trainees of a facility who agreed to job matching and are still inside, the demo `trainee` first. */
  matchableTraineesOf(facilityId: string, limit: number): Promise<{ id: string; user_id: string | null }[]> {
    return this.m.query<{ id: string; user_id: string | null }[]>(
      `SELECT t.id, t.user_id FROM trainee t LEFT JOIN app_user u ON u.id = t.user_id
      WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.state IN ('pre_release', 'admitted')
      ORDER BY (u.username = 'trainee') IS NOT TRUE, t.full_name LIMIT $2`,
      [facilityId, limit],
    );
  }

  // Learning

  insertProgramme(schoolId: string): Promise<string> {
    return this.id(
      `INSERT INTO programme (name, school_id, required_credits, description) VALUES ('中餐烹饪', $1, 40, '中等职业教育中餐烹饪专业（金不换班）') RETURNING id`,
      [schoolId],
    );
  }

  insertProgrammeUnit(programmeId: string, name: string, credits: number, sortOrder: number): Promise<string> {
    return this.id(`INSERT INTO programme_unit (programme_id, name, credits, sort_order) VALUES ($1, $2, $3, $4) RETURNING id`, [
      programmeId,
      name,
      credits,
      sortOrder,
    ]);
  }

  /** This year's class inside a facility, with no seat taken yet. */
  insertFacilityClass(c: DemoDiplomaClass): Promise<string> {
    return this.id(
      `INSERT INTO diploma_class (programme_id, name, cohort_year, venue_organisation_id, mode, capacity, seats_taken, head_teacher_id, starts_on, ends_on)
     VALUES ($1, $2, $3, $4, 'in_facility', 30, 0, $5, $6, $7) RETURNING id`,
      [c.programmeId, c.name, c.cohortYear, c.venueOrganisationId, c.headTeacherId, c.startsOn, c.endsOn],
    );
  }

  insertDistanceClass(c: Omit<DemoDiplomaClass, 'venueOrganisationId'>): Promise<string> {
    return this.id(
      `INSERT INTO diploma_class (programme_id, name, cohort_year, mode, capacity, head_teacher_id, starts_on, ends_on)
     VALUES ($1, $2, $3, 'distance', 100, $4, $5, $6) RETURNING id`,
      [c.programmeId, c.name, c.cohortYear, c.headTeacherId, c.startsOn, c.endsOn],
    );
  }

  /** An earlier cohort's class inside a facility. */
  insertPastClass(c: DemoDiplomaClass): Promise<string> {
    return this.id(
      `INSERT INTO diploma_class (programme_id, name, cohort_year, venue_organisation_id, mode, capacity, head_teacher_id, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, 'in_facility', 30, $5, $6, $7) RETURNING id`,
      [c.programmeId, c.name, c.cohortYear, c.venueOrganisationId, c.headTeacherId, c.startsOn, c.endsOn],
    );
  }

  async insertActiveEnrolment(classId: string, traineeId: string, decidedBy: string): Promise<void> {
    await this.m.query(
      `INSERT INTO class_enrolment (class_id, trainee_id, state, applied_by, decided_by, decided_at) VALUES ($1, $2, 'active', $3, $3, now())`,
      [classId, traineeId, decidedBy],
    );
  }

  insertGraduatedEnrolment(classId: string, traineeId: string, appliedBy: string): Promise<string> {
    return this.id(`INSERT INTO class_enrolment (class_id, trainee_id, state, applied_by) VALUES ($1, $2, 'graduated', $3) RETURNING id`, [
      classId,
      traineeId,
      appliedBy,
    ]);
  }

  async setClassSeatsTaken(classId: string, seats: number): Promise<void> {
    await this.m.query(`UPDATE diploma_class SET seats_taken = $2 WHERE id = $1`, [classId, seats]);
  }

  async insertUnitGrade(traineeId: string, unitId: string, score: number, recordedBy: string): Promise<void> {
    await this.m.query(`INSERT INTO unit_grade (trainee_id, unit_id, score, recorded_by) VALUES ($1, $2, $3, $4)`, [
      traineeId,
      unitId,
      score,
      recordedBy,
    ]);
  }

  async insertDiploma(d: {
    traineeId: string;
    programmeId: string;
    enrolmentId: string;
    number: string;
    graduatedOn: string;
    issuedBy: string;
  }): Promise<void> {
    await this.m.query(
      `INSERT INTO diploma (trainee_id, programme_id, enrolment_id, number, verification_code, graduated_on, credits_earned, issued_by)
       VALUES ($1, $2, $3, $4, 'DEMO7K2M9PQX', $5, 44, $6)`,
      [d.traineeId, d.programmeId, d.enrolmentId, d.number, d.graduatedOn, d.issuedBy],
    );
  }

  async occupationExists(code: string): Promise<boolean> {
    const rows = await this.m.query<{ code: string }[]>(`SELECT code FROM occupation WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  insertCourse(title: string, occupationCode: string, level: number, providerId: string): Promise<string> {
    return this.id(
      `INSERT INTO course (title, occupation_code, level, hours, provider_id, syllabus) VALUES ($1, $2, $3, 120, $4, '理论60学时，实操60学时。') RETURNING id`,
      [title, occupationCode, level, providerId],
    );
  }

  /** A session that started ten days ago and runs for two months. */
  insertCourseSession(courseId: string, venueOrganisationId: string, instructorId: string): Promise<string> {
    return this.id(
      `INSERT INTO course_session (course_id, starts_on, ends_on, venue_organisation_id, capacity, instructor_id)
       VALUES ($1, current_date - 10, current_date + 50, $2, 25, $3) RETURNING id`,
      [courseId, venueOrganisationId, instructorId],
    );
  }

  /** Enrols one trainee in a session that had no one, and counts the seat. */
  async enrolFirstInSession(sessionId: string, traineeId: string, createdBy: string): Promise<void> {
    await this.m.query(`INSERT INTO session_enrolment (session_id, trainee_id, state, created_by) VALUES ($1, $2, 'enrolled', $3)`, [
      sessionId,
      traineeId,
      createdBy,
    ]);
    await this.m.query(`UPDATE course_session SET seats_taken = 1 WHERE id = $1`, [sessionId]);
  }

  /** A certificate issued 400 days ago, when the occupation is in the classification. */
  async insertCertificate(traineeId: string, occupationCode: string, level: number, number: string): Promise<void> {
    await this.m.query(
      `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on)
         SELECT $1, $2::varchar, $3, $4, '海南匠心职业技能培训学校', current_date - 400 WHERE EXISTS (SELECT 1 FROM occupation WHERE code = $2::varchar)`,
      [traineeId, occupationCode, level, number],
    );
  }

  // Orders and placements

  /** Starts in 75 days, closes in 45; skipped when the employer or occupation is unknown. */
  async insertOrder(o: DemoOrder): Promise<void> {
    await this.m.query(
      `INSERT INTO job_order (employer_id, title, occupation_code, headcount, required_level, division_code, wage_min, wage_max, board_and_lodging,
         start_date, deadline, state, opened_at, description)
       SELECT o.id, $2, $3::varchar, $4, $5, $6, $7, $8, $9, current_date + 75, current_date + 45, $10::varchar,
              CASE WHEN $10::varchar = 'open' THEN now() END, '包吃住情况以合同为准。'
         FROM organisation o WHERE o.name = $1 AND EXISTS (SELECT 1 FROM occupation WHERE code = $3::varchar)`,
      [o.employer, o.title, o.occupationCode, o.headcount, o.requiredLevel, o.division, o.wageMin, o.wageMax, o.boardAndLodging, o.state],
    );
  }

  /** The employer's first open order by title. */
  async firstOpenOrderOf(employerName: string): Promise<{ id: string; employer_id: string } | undefined> {
    const [order] = await this.m.query<{ id: string; employer_id: string }[]>(
      `SELECT o.id, o.employer_id FROM job_order o JOIN organisation e ON e.id = o.employer_id
      WHERE e.name = $1 AND o.state = 'open' ORDER BY o.title LIMIT 1`,
      [employerName],
    );
    return order;
  }

  /** A counsellor's recommendation (an interview in three days for `interview`), with its first event. */
  async insertRecommendation(p: DemoPlacement): Promise<string> {
    const id = await this.id(
      `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source, recommended_by, note, reasons, interview_at, interview_place)
       VALUES ($1, $2, $3, $4, 'counsellor', $5, '学习认真，已完成中式烹调师培训的理论部分。', '{related_course,good_attendance,can_start_on_time}',
               CASE WHEN $3::varchar = 'interview' THEN now() + interval '3 days' END,
               CASE WHEN $3::varchar = 'interview' THEN '酒店人力资源部（海口市龙华区）' END) RETURNING id`,
      [p.orderId, p.traineeId, p.state, p.candidateCode, p.recommendedBy],
    );
    await this.m.query(
      `INSERT INTO placement_event (placement_id, from_state, to_state, actor_id, actor_role) VALUES ($1, NULL, 'recommended', $2, 'counsellor')`,
      [id, p.recommendedBy],
    );
    return id;
  }

  async insertShareWithEmployerConsent(
    traineeId: string,
    employerId: string,
    grantedBy: string,
    assisted: boolean,
    paperFormRef: string | null,
  ): Promise<void> {
    await this.m.query(
      `INSERT INTO consent (trainee_id, purpose, employer_id, text_version, granted_by, granted_assisted, paper_form_ref)
         VALUES ($1, 'share_with_employer', $2, 1, $3, $4, $5)`,
      [traineeId, employerId, grantedBy, assisted, paperFormRef],
    );
  }

  async insertAcceptedEvent(placementId: string, actorId: string, actorRole: 'trainee' | 'counsellor', assisted: boolean): Promise<void> {
    await this.m.query(
      `INSERT INTO placement_event (placement_id, from_state, to_state, actor_id, actor_role, assisted)
         VALUES ($1, 'recommended', 'accepted_by_trainee', $2, $3, $4)`,
      [placementId, actorId, actorRole, assisted],
    );
  }

  // Fairs

  /** The winter fair in two weeks at the venue, published, with one booth taken. */
  insertUpcomingFair(venueOrganisationId: string, createdBy: string): Promise<string> {
    return this.id(
      `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, booths_taken, registration_deadline,
        description, state, created_by)
     VALUES ('冬季订单式就业推介会', current_date + 14, '09:00', '16:00', $1, 12, 1, current_date + 10,
        '餐饮、酒店、物业、物流企业带订单进场，现场面试、签订意向书。', 'published', $2) RETURNING id`,
      [venueOrganisationId, createdBy],
    );
  }

  /** The employer's booth (decided by `admin` when approved); undefined when the employer is unknown. */
  async insertBooth(fairId: string, employerName: string, state: 'approved' | 'applied', adminId: string): Promise<string | undefined> {
    const [row] = await this.m.query<Id[]>(
      `INSERT INTO fair_booth (fair_id, employer_id, state, note, decided_by, decided_at)
         SELECT $1, o.id, $3::varchar, '需要一张桌子、两把椅子', CASE WHEN $3::varchar = 'approved' THEN $4::uuid END,
                CASE WHEN $3::varchar = 'approved' THEN now() END
           FROM organisation o WHERE o.name = $2 RETURNING id`,
      [fairId, employerName, state, adminId],
    );
    return row?.id;
  }

  async attachOpenOrdersToBooth(boothId: string, employerName: string): Promise<void> {
    await this.m.query(
      `INSERT INTO fair_booth_order (booth_id, order_id)
       SELECT $1, o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = $2 AND o.state = 'open'`,
      [boothId, employerName],
    );
  }

  /** Nine open 20-minute slots from 10:00 on the day of the upcoming fair. */
  async insertUpcomingFairSlots(boothId: string): Promise<void> {
    await this.m.query(
      `INSERT INTO fair_slot (booth_id, starts_at, ends_at, state)
         SELECT $1, ((current_date + 14) + time '10:00' + (g * interval '20 minutes')) AT TIME ZONE 'Asia/Shanghai',
                ((current_date + 14) + time '10:20' + (g * interval '20 minutes')) AT TIME ZONE 'Asia/Shanghai', 'open'
           FROM generate_series(0, 8) g`,
      [boothId],
    );
  }

  async insertFairRegistration(
    fairId: string,
    traineeId: string,
    code: string,
    candidateCode: string,
    registeredBy: string,
  ): Promise<void> {
    await this.m.query(
      `INSERT INTO fair_registration (fair_id, trainee_id, code, candidate_code, registered_by) VALUES ($1, $2, $3, $4, $5)`,
      [fairId, traineeId, code, candidateCode, registeredBy],
    );
  }

  // Follow-ups

  /** The 1, 3, 6, 12, 24 and 36-month visits of every completed handover, for the station's first counsellor. */
  async scheduleFollowUps(): Promise<void> {
    await this.m.query(
      `INSERT INTO follow_up_visit (trainee_id, station_id, handover_id, months_after, due_on, assigned_user_id)
     SELECT h.trainee_id, h.to_organisation_id, h.id, mo, (h.handed_over_on + make_interval(months => mo))::date,
            (SELECT u.id FROM app_user u WHERE u.organisation_id = h.to_organisation_id AND u.role = 'counsellor' ORDER BY u.username LIMIT 1)
       FROM handover h CROSS JOIN unnest(ARRAY[1, 3, 6, 12, 24, 36]) mo
      WHERE h.state = 'completed' AND h.handed_over_on IS NOT NULL
     ON CONFLICT DO NOTHING`,
    );
  }

  /**
   * Visits due more than 40 days ago have been made (hash of the id decides the outcome, so the demo is
   * the same on every machine); the recent ones, and each station's three latest, are the field
   * workers' list, some of them overdue.
   */
  async recordPastVisits(): Promise<void> {
    await this.m.query(
      `UPDATE follow_up_visit v SET
        state = CASE WHEN abs(hashtext(v.id::text)) % 20 < 16 THEN 'done' WHEN abs(hashtext(v.id::text)) % 20 < 18 THEN 'unreachable' ELSE 'missed' END,
        visited_on = v.due_on + (abs(hashtext(v.id::text)) % 10),
        contact_method = (ARRAY['home_visit', 'phone', 'at_station', 'workplace'])[1 + abs(hashtext(v.id::text || 'c')) % 4],
        recorded_by = v.assigned_user_id, recorded_at = (v.due_on + 12)::timestamptz
      WHERE v.due_on < current_date - 40 AND v.id NOT IN (
        SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY station_id ORDER BY due_on DESC) AS rn
                          FROM follow_up_visit WHERE due_on <= current_date) x WHERE rn <= 3)`,
    );
  }

  /** Employment, income and needs of the visits made; no contact method where no one was reached. */
  async recordVisitOutcomes(): Promise<void> {
    await this.m.query(
      `UPDATE follow_up_visit v SET
        employment_status = (ARRAY['employed', 'employed', 'employed', 'self_employed', 'studying', 'unemployed'])[1 + abs(hashtext(v.id::text || 'e')) % 6],
        income_band = (ARRAY['2000_3999', '4000_5999', '4000_5999', '6000_plus', 'below_2000'])[1 + abs(hashtext(v.id::text || 'i')) % 5],
        employment_confirmed = abs(hashtext(v.id::text || 'k')) % 3 = 0,
        support_needs = CASE WHEN abs(hashtext(v.id::text || 's')) % 4 = 0 THEN '希望帮助办理社保' END
      WHERE v.state = 'done'`,
    );
    await this.m.query(`UPDATE follow_up_visit SET contact_method = NULL WHERE state IN ('missed', 'unreachable')`);
  }

  /** Abstinence (kept apart) of the visits made a year or more after release. */
  async recordAbstinence(): Promise<void> {
    await this.m.query(
      `INSERT INTO follow_up_abstinence (visit_id, status, basis)
     SELECT v.id, CASE WHEN abs(hashtext(v.id::text || 'a')) % 100 < 91 THEN 'abstinent' ELSE 'relapsed' END,
            CASE WHEN abs(hashtext(v.id::text || 'b')) % 3 = 0 THEN 'test_verified' ELSE 'self_reported' END
       FROM follow_up_visit v WHERE v.state = 'done' AND v.months_after >= 12`,
    );
  }

  // Past outcomes

  /** Employer A's closed cook order of last year; undefined when the employer or occupation is unknown. */
  async insertLastYearsOrder(): Promise<string | undefined> {
    const [order] = await this.m.query<Id[]>(
      `INSERT INTO job_order (employer_id, title, occupation_code, headcount, required_level, division_code, wage_min, wage_max, board_and_lodging,
       start_date, deadline, state, opened_at, closed_at, description)
     SELECT o.id, '中餐厨师（去年订单）', '4-03-02-01', 20, 5, '460100', 3800, 5500, 'both', current_date - 330, current_date - 360, 'closed',
            now() - interval '400 days', now() - interval '300 days', '去年的订单，已结束。'
       FROM organisation o WHERE o.name = '海口椰风酒店管理有限公司' AND EXISTS (SELECT 1 FROM occupation WHERE code = '4-03-02-01')
     RETURNING id`,
    );
    return order?.id;
  }

  /**
   * Released at least two months ago: hired 3–8 weeks after release; one in four left after four
   * months. Counts the hires on the order and records each hire's event.
   */
  async insertPastHires(orderId: string, counsellorId: string): Promise<void> {
    const hires = await this.m.query<{ id: string; trainee_id: string }[]>(
      `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source, recommended_by, hired_on, ended_on, end_reason)
     SELECT $1, t.id, 'hired', 'CPAST' || lpad(row_number() OVER (ORDER BY t.full_name)::text, 3, '0'), 'counsellor', $2,
            t.released_on + 20 + abs(hashtext(t.id::text)) % 40,
            CASE WHEN abs(hashtext(t.id::text || 'e')) % 4 = 0 AND t.released_on + 180 < current_date THEN t.released_on + 140 END,
            CASE WHEN abs(hashtext(t.id::text || 'e')) % 4 = 0 AND t.released_on + 180 < current_date THEN '家庭原因离职' END
       FROM trainee t
      WHERE t.state = 'community' AND t.released_on < current_date - 60 AND abs(hashtext(t.id::text || 'h')) % 20 < 7
      ORDER BY t.full_name LIMIT 16
     RETURNING id, trainee_id`,
      [orderId, counsellorId],
    );
    await this.m.query(`UPDATE job_order SET hired_count = $2 WHERE id = $1`, [orderId, hires.length]);
    for (const h of hires) {
      await this.m.query(
        `INSERT INTO placement_event (placement_id, from_state, to_state, actor_id, actor_role, at)
       SELECT $1, 'offer', 'hired', $2, 'counsellor', p.hired_on::timestamptz FROM placement p WHERE p.id = $1`,
        [h.id, counsellorId],
      );
    }
  }

  /** Last spring's fair, 240 days ago, closed. */
  insertPastFair(venueOrganisationId: string, createdBy: string): Promise<string> {
    return this.id(
      `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, booths_taken, description, state, created_by)
     VALUES ('春季订单式就业推介会', current_date - 240, '09:00', '16:00', $1, 12, 1, '餐饮、酒店企业带订单进场。', 'closed', $2) RETURNING id`,
      [venueOrganisationId, createdBy],
    );
  }

  /** Twelve people released before the past fair (those hired on the order first); three in four checked in. */
  insertPastRegistrations(fairId: string, registeredBy: string, orderId: string): Promise<{ id: string; trainee_id: string }[]> {
    return this.m.query<{ id: string; trainee_id: string }[]>(
      `INSERT INTO fair_registration (fair_id, trainee_id, code, candidate_code, registered_by, checked_in_at, checked_in_by)
     SELECT $1, x.id, 'PAST' || lpad(x.n::text, 4, '0'), 'FPAST' || lpad(x.n::text, 3, '0'), $2,
            CASE WHEN x.n % 4 <> 0 THEN (current_date - 240) + time '09:30' END, CASE WHEN x.n % 4 <> 0 THEN $2::uuid END
       FROM (SELECT t.id, row_number() OVER (ORDER BY t.full_name)::int AS n FROM trainee t
              WHERE t.state = 'community' AND t.released_on < current_date - 240
              ORDER BY EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id AND p.order_id = $3) DESC, t.full_name LIMIT 12) x
     RETURNING id, trainee_id`,
      [fairId, registeredBy, orderId],
    );
  }

  /** Employer A's approved booth at the past fair; undefined when the employer is unknown. */
  async insertPastBooth(fairId: string, decidedBy: string): Promise<string | undefined> {
    const [booth] = await this.m.query<Id[]>(
      `INSERT INTO fair_booth (fair_id, employer_id, state, decided_by, decided_at)
     SELECT $1, o.id, 'approved', $2, now() - interval '260 days' FROM organisation o WHERE o.name = '海口椰风酒店管理有限公司' RETURNING id`,
      [fairId, decidedBy],
    );
    return booth?.id;
  }

  async insertBoothOrder(boothId: string, orderId: string): Promise<void> {
    await this.m.query(`INSERT INTO fair_booth_order (booth_id, order_id) VALUES ($1, $2)`, [boothId, orderId]);
  }

  /** The `index`-th 20-minute slot from 10:00 on the past fair's day, booked by the registration. */
  async insertPastBookedSlot(boothId: string, index: number, registrationId: string, traineeId: string): Promise<void> {
    await this.m.query(
      `INSERT INTO fair_slot (booth_id, starts_at, ends_at, state, registration_id, trainee_id)
       VALUES ($1, ((current_date - 240) + time '10:00' + $2 * interval '20 minutes') AT TIME ZONE 'Asia/Shanghai',
               ((current_date - 240) + time '10:20' + $2 * interval '20 minutes') AT TIME ZONE 'Asia/Shanghai', 'booked', $3, $4)`,
      [boothId, index, registrationId, traineeId],
    );
  }

  /** A confirmed intent, linked to the trainee's placement on the order where there is one. */
  async insertConfirmedIntent(
    fairId: string,
    registrationId: string,
    orderId: string,
    createdBy: string,
    traineeId: string,
  ): Promise<void> {
    await this.m.query(
      `INSERT INTO fair_intent (fair_id, registration_id, order_id, state, created_by, placement_id)
       VALUES ($1, $2, $3, 'confirmed', $4, (SELECT p.id FROM placement p WHERE p.order_id = $3 AND p.trainee_id = $5))`,
      [fairId, registrationId, orderId, createdBy, traineeId],
    );
  }

  /**
   * 再次入所 for the demo: the first person (by name) released from `facilityId` and now in the community
   * is admitted there again, 20 days before `today` — a second episode on the same record, the
   * planned visits dropped, as TraineesService.readmit does. Returns their id.
   */
  async readmitOne(facilityId: string, today: string): Promise<string | undefined> {
    const [p] = await this.m.query<{ id: string; released_on: string }[]>(
      `SELECT t.id, t.released_on::text FROM trainee t
        WHERE t.state = 'community' AND t.user_id IS NULL
          AND EXISTS (SELECT 1 FROM handover h WHERE h.trainee_id = t.id AND h.state = 'completed' AND h.from_organisation_id = $1)
        ORDER BY t.full_name, t.id LIMIT 1`,
      [facilityId],
    );
    if (!p) return undefined;
    const admitted = new Date(Date.parse(`${today}T00:00:00Z`) - 20 * 86_400_000).toISOString().slice(0, 10);
    const expected = new Date(Date.parse(`${today}T00:00:00Z`) + 340 * 86_400_000).toISOString().slice(0, 10);
    await this.m.query(
      `INSERT INTO trainee_episode (trainee_id, number, facility_id, admitted_on, expected_release_on, reason)
       SELECT $1, max(number) + 1, $2, $3, $4, 'relapse' FROM trainee_episode WHERE trainee_id = $1`,
      [p.id, facilityId, admitted, expected],
    );
    await this.m.query(
      `UPDATE trainee SET state = 'admitted', organisation_id = $2, admitted_on = $3, expected_release_on = $4, released_on = NULL WHERE id = $1`,
      [p.id, facilityId, admitted, expected],
    );
    await this.m.query(`DELETE FROM follow_up_visit WHERE trainee_id = $1 AND state = 'planned'`, [p.id]);
    await this.insertStateChange(p.id, 'community', 'admitted', `${admitted}T09:00:00+08:00`, '再次入所 · admitted again');
    return p.id;
  }

  /** 封存 for the demo: the first closed record (by id) with no account is sealed, as the nightly job would. */
  async sealOne(): Promise<string | undefined> {
    const [p] = await this.m.query<{ id: string }[]>(
      `SELECT id FROM trainee WHERE state = 'closed' AND user_id IS NULL AND sealed_at IS NULL ORDER BY id LIMIT 1`,
    );
    if (!p) return undefined;
    await this.m.query(`UPDATE trainee SET sealed_at = now() WHERE id = $1`, [p.id]);
    await this.m.query(`INSERT INTO record_seal (trainee_id, kind, basis, state) VALUES ($1, 'seal', 'closed_years', 'done')`, [p.id]);
    return p.id;
  }
}
