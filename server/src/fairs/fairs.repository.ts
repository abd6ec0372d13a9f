import { SHORT_LIST_CAP } from '../common/dto/page.dto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RowScope } from '../access/access.service';
import type { BoothState, FairState, IntentState, SlotState } from './fair.entities';

export interface FairRow {
  id: string;
  title: string;
  fair_date: string;
  starts_at: string;
  ends_at: string;
  venue_organisation_id: string;
  venue_name: string;
  city_name: string;
  booth_capacity: number;
  booths_taken: number;
  registration_deadline: string | null;
  description: string | null;
  state: FairState;
  registered: number;
}

export interface BoothRow {
  id: string;
  fair_id: string;
  employer_id: string;
  employer_name: string;
  state: BoothState;
  note: string | null;
  decline_reason: string | null;
  orders: { orderId: string; title: string; occupationName: string; headcount: number }[];
  slots_total: number;
  slots_free: number;
}

export interface SlotRow {
  id: string;
  booth_id: string;
  employer_id: string;
  employer_name: string;
  fair_id: string;
  starts_at: Date;
  ends_at: Date;
  state: SlotState;
  registration_id: string | null;
  trainee_id: string | null;
  candidate_code: string | null;
}

export interface RegistrationRow {
  id: string;
  fair_id: string;
  trainee_id: string;
  trainee_name: string;
  trainee_organisation_id: string;
  trainee_user_id: string | null;
  code: string;
  candidate_code: string;
  self_registered: boolean;
  walk_in: boolean;
  checked_in_at: Date | null;
}

export interface IntentRow {
  id: string;
  fair_id: string;
  order_id: string;
  order_title: string;
  employer_name: string;
  employer_id: string;
  candidate_code: string;
  trainee_name: string;
  trainee_organisation_id: string;
  trainee_user_id: string | null;
  state: IntentState;
  note: string | null;
  placement_id: string | null;
  created_at: Date;
  registration_id: string;
  trainee_id: string;
}

const FAIR_SELECT = `SELECT f.id, f.title, f.fair_date::text AS fair_date, to_char(f.starts_at, 'HH24:MI') AS starts_at,
    to_char(f.ends_at, 'HH24:MI') AS ends_at, f.venue_organisation_id, v.name AS venue_name, d.name AS city_name, f.booth_capacity,
    f.booths_taken, f.registration_deadline::text AS registration_deadline, f.description, f.state,
    (SELECT count(*)::int FROM fair_registration r WHERE r.fair_id = f.id) AS registered
  FROM job_fair f JOIN organisation v ON v.id = f.venue_organisation_id JOIN division d ON d.code = v.division_code`;

const BOOTH_SELECT = `SELECT b.id, b.fair_id, b.employer_id, e.name AS employer_name, b.state, b.note, b.decline_reason,
    COALESCE((SELECT json_agg(json_build_object('orderId', o.id, 'title', o.title, 'occupationName', oc.name, 'headcount', o.headcount) ORDER BY o.title)
      FROM fair_booth_order bo JOIN job_order o ON o.id = bo.order_id JOIN occupation oc ON oc.code = o.occupation_code WHERE bo.booth_id = b.id), '[]') AS orders,
    (SELECT count(*)::int FROM fair_slot s WHERE s.booth_id = b.id AND s.state <> 'cancelled') AS slots_total,
    (SELECT count(*)::int FROM fair_slot s WHERE s.booth_id = b.id AND s.state = 'open') AS slots_free
  FROM fair_booth b JOIN organisation e ON e.id = b.employer_id`;

const SLOT_SELECT = `SELECT s.id, s.booth_id, b.employer_id, e.name AS employer_name, b.fair_id, s.starts_at, s.ends_at, s.state,
    s.registration_id, s.trainee_id, r.candidate_code
  FROM fair_slot s JOIN fair_booth b ON b.id = s.booth_id JOIN organisation e ON e.id = b.employer_id
  LEFT JOIN fair_registration r ON r.id = s.registration_id`;

const INTENT_SELECT = `SELECT i.id, i.fair_id, i.order_id, o.title AS order_title, e.name AS employer_name, o.employer_id, r.candidate_code,
    t.full_name AS trainee_name, t.organisation_id AS trainee_organisation_id, t.user_id AS trainee_user_id, i.state, i.note,
    i.placement_id, i.created_at, i.registration_id, r.trainee_id
  FROM fair_intent i JOIN job_order o ON o.id = i.order_id JOIN organisation e ON e.id = o.employer_id
  JOIN fair_registration r ON r.id = i.registration_id JOIN trainee t ON t.id = r.trainee_id`;

const REGISTRATION_SELECT = `SELECT r.id, r.fair_id, r.trainee_id, t.full_name AS trainee_name, t.organisation_id AS trainee_organisation_id,
    t.user_id AS trainee_user_id, r.code, r.candidate_code, r.self_registered, r.walk_in, r.checked_in_at
  FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id`;

/** Someone to remind of tomorrow's fair. Carries the city only: the venue's name is never selected. */
export interface ReminderRow {
  fair_id: string;
  title: string;
  fair_date: string;
  starts_at: string;
  city_name: string;
  user_id: string;
  audience: 'trainee' | 'employer';
}

@Injectable()
export class FairsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager) {
    return m ?? this.dataSource.manager;
  }

  listFairs(states: FairState[] | null): Promise<FairRow[]> {
    return this.dataSource.query<FairRow[]>(
      `${FAIR_SELECT} WHERE ($1::varchar[] IS NULL OR f.state = ANY ($1)) ORDER BY f.fair_date DESC, f.id LIMIT ${SHORT_LIST_CAP}`,
      [states],
    );
  }

  /**
   * For each published fair held the day after `today`: the accounts of its registered trainees
   * (not closed) and of the employers whose booth is approved.
   */
  reminderRecipients(m: EntityManager, today: string): Promise<ReminderRow[]> {
    return m.query<ReminderRow[]>(
      `WITH f AS (
         SELECT f.id, f.title, f.fair_date::text AS fair_date, to_char(f.starts_at, 'HH24:MI') AS starts_at, d.name AS city_name
           FROM job_fair f JOIN organisation v ON v.id = f.venue_organisation_id JOIN division d ON d.code = v.division_code
          WHERE f.state = 'published' AND f.fair_date = $1::date + 1)
       SELECT f.id AS fair_id, f.title, f.fair_date, f.starts_at, f.city_name, u.id AS user_id, 'trainee' AS audience
         FROM f JOIN fair_registration r ON r.fair_id = f.id JOIN trainee t ON t.id = r.trainee_id AND t.state <> 'closed'
         JOIN app_user u ON u.id = t.user_id AND u.disabled_at IS NULL
       UNION ALL
       SELECT f.id, f.title, f.fair_date, f.starts_at, f.city_name, u.id, 'employer'
         FROM f JOIN fair_booth b ON b.fair_id = f.id AND b.state = 'approved'
         JOIN app_user u ON u.organisation_id = b.employer_id AND u.role = 'employer' AND u.disabled_at IS NULL
       ORDER BY 1, 6`,
      [today],
    );
  }

  async fair(id: string, m?: EntityManager): Promise<FairRow | null> {
    return (await this.q(m).query<FairRow[]>(`${FAIR_SELECT} WHERE f.id = $1`, [id]))[0] ?? null;
  }

  async lockFair(id: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM job_fair WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Every booth of a fair, whatever its state; who sees which is the access policy's to say. */
  booths(fairId: string): Promise<BoothRow[]> {
    return this.dataSource.query<BoothRow[]>(`${BOOTH_SELECT} WHERE b.fair_id = $1 ORDER BY e.name, b.id`, [fairId]);
  }

  /** The fair's programme: its approved booths. */
  programme(fairId: string): Promise<BoothRow[]> {
    return this.dataSource.query<BoothRow[]>(`${BOOTH_SELECT} WHERE b.fair_id = $1 AND b.state = 'approved' ORDER BY e.name, b.id`, [
      fairId,
    ]);
  }

  async booth(id: string, m?: EntityManager): Promise<BoothRow | null> {
    return (await this.q(m).query<BoothRow[]>(`${BOOTH_SELECT} WHERE b.id = $1`, [id]))[0] ?? null;
  }

  /** Takes a booth place: conditional, never past the capacity. */
  async takeBooth(fairId: string, m: EntityManager): Promise<boolean> {
    const [rows] = await m.query<[unknown[], number]>(
      `UPDATE job_fair SET booths_taken = booths_taken + 1 WHERE id = $1 AND booths_taken < booth_capacity RETURNING id`,
      [fairId],
    );
    return rows.length === 1;
  }

  /** A booth's slots, but the cancelled ones. */
  slotsOfBooth(boothId: string): Promise<SlotRow[]> {
    return this.dataSource.query<SlotRow[]>(
      `${SLOT_SELECT} WHERE s.booth_id = $1 AND s.state <> 'cancelled' ORDER BY s.starts_at, e.name, s.id`,
      [boothId],
    );
  }

  /** The slots held under these registrations (invited or booked). */
  slotsOfRegistrations(registrationIds: string[]): Promise<SlotRow[]> {
    return this.dataSource.query<SlotRow[]>(
      `${SLOT_SELECT} WHERE s.registration_id = ANY ($1::uuid[]) ORDER BY s.starts_at, e.name, s.id`,
      [registrationIds],
    );
  }

  async slot(id: string, m?: EntityManager): Promise<SlotRow | null> {
    return (await this.q(m).query<SlotRow[]>(`${SLOT_SELECT} WHERE s.id = $1`, [id]))[0] ?? null;
  }

  /**
   * A fair's registrations within the caller's reach: all of them; those of the trainees an
   * organisation holds; or the caller's own (a trainee's account).
   */
  registrations(fairId: string, scope: RowScope): Promise<RegistrationRow[]> {
    return this.dataSource.query<RegistrationRow[]>(
      `${REGISTRATION_SELECT} WHERE r.fair_id = $1 AND ($2::uuid IS NULL OR t.organisation_id = $2) AND ($3::uuid IS NULL OR t.user_id = $3)
        ORDER BY t.full_name, r.id`,
      [fairId, scope.kind === 'organisation' ? scope.organisationId : null, scope.kind === 'self' ? scope.userId : null],
    );
  }

  registrationsById(ids: string[]): Promise<RegistrationRow[]> {
    return this.dataSource.query<RegistrationRow[]>(`${REGISTRATION_SELECT} WHERE r.id = ANY ($1::uuid[]) ORDER BY t.full_name, r.id`, [
      ids,
    ]);
  }

  async registration(id: string): Promise<RegistrationRow | null> {
    return (await this.registrationsById([id]))[0] ?? null;
  }

  /** The registration a desk code stands for at this fair. */
  async registrationByCode(fairId: string, code: string): Promise<RegistrationRow | null> {
    return (
      (await this.dataSource.query<RegistrationRow[]>(`${REGISTRATION_SELECT} WHERE r.fair_id = $1 AND r.code = $2`, [fairId, code]))[0] ??
      null
    );
  }

  async registrationOfTrainee(fairId: string, traineeId: string): Promise<RegistrationRow | null> {
    return (
      (
        await this.dataSource.query<RegistrationRow[]>(`${REGISTRATION_SELECT} WHERE r.fair_id = $1 AND r.trainee_id = $2`, [
          fairId,
          traineeId,
        ])
      )[0] ?? null
    );
  }

  /** Registered candidates as an employer with a booth may see them: allow-listed columns only. */
  candidates(fairId: string): Promise<
    {
      registration_id: string;
      candidate_code: string;
      skills: string[];
      certificates: string[];
      diplomas: string[];
      division_name: string;
      preferred_industries: string[];
      wage_expectation: number | null;
      checked_in: boolean;
    }[]
  > {
    return this.dataSource.query(
      // Skills and industries as their names in the classification: controlled vocabulary, never staff's words.
      `SELECT r.id AS registration_id, r.candidate_code,
          COALESCE((SELECT array_agg(so.name || COALESCE(' ' || ssl.name, '') ORDER BY so.code)
                      FROM jsonb_array_elements(t.skills) sk JOIN occupation so ON so.code = sk->>'occupationCode'
                      LEFT JOIN skill_level ssl ON ssl.level = (sk->>'level')::int), '{}') AS skills,
          COALESCE((SELECT array_agg(oc.name || ' ' || sl.name ORDER BY c.level) FROM certificate c JOIN occupation oc ON oc.code = c.occupation_code
                      JOIN skill_level sl ON sl.level = c.level WHERE c.trainee_id = t.id), '{}') AS certificates,
          COALESCE((SELECT array_agg(p.name) FROM diploma dp JOIN programme p ON p.id = dp.programme_id WHERE dp.trainee_id = t.id), '{}') AS diplomas,
          d.name AS division_name,
          COALESCE((SELECT array_agg(DISTINCT io.middle_name) FROM occupation io WHERE io.middle_code = ANY (t.preferred_industries)), '{}')
            AS preferred_industries,
          t.wage_expectation, r.checked_in_at IS NOT NULL AS checked_in
        FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id JOIN division d ON d.code = t.home_division_code
        WHERE r.fair_id = $1 AND t.job_matching_consent ORDER BY r.candidate_code`,
      [fairId],
    );
  }

  /** Every intent of a fair; who sees which is the access policy's to say. */
  intentsOfFair(fairId: string): Promise<IntentRow[]> {
    return this.dataSource.query<IntentRow[]>(`${INTENT_SELECT} WHERE i.fair_id = $1 ORDER BY i.created_at, i.id`, [fairId]);
  }

  async intent(id: string): Promise<IntentRow | null> {
    return (await this.dataSource.query<IntentRow[]>(`${INTENT_SELECT} WHERE i.id = $1`, [id]))[0] ?? null;
  }

  /** The fair's outcome by employer and by order: registrations, check-ins, interviews, intents, offers, hires. */
  async report(
    fairId: string,
  ): Promise<{ totals: Record<string, number>; byEmployer: Record<string, unknown>[]; byOrder: Record<string, unknown>[] }> {
    const [totals] = await this.dataSource.query<Record<string, number>[]>(
      `SELECT count(*)::int AS registered, count(r.checked_in_at)::int AS checked_in, count(*) FILTER (WHERE r.walk_in)::int AS walk_ins,
          (SELECT count(DISTINCT s.registration_id)::int FROM fair_slot s JOIN fair_booth b ON b.id = s.booth_id
            JOIN fair_registration r2 ON r2.id = s.registration_id WHERE b.fair_id = $1 AND s.state = 'booked' AND r2.checked_in_at IS NOT NULL) AS interviewed,
          (SELECT count(*)::int FROM fair_intent i WHERE i.fair_id = $1 AND i.state <> 'declined') AS intents,
          (SELECT count(*)::int FROM fair_booth_order bo JOIN fair_booth b ON b.id = bo.booth_id JOIN placement p ON p.order_id = bo.order_id
            JOIN fair_registration r3 ON r3.trainee_id = p.trainee_id AND r3.fair_id = b.fair_id
            WHERE b.fair_id = $1 AND b.state = 'approved' AND p.state IN ('offer', 'hired')) AS offers,
          (SELECT count(*)::int FROM fair_booth_order bo JOIN fair_booth b ON b.id = bo.booth_id JOIN placement p ON p.order_id = bo.order_id
            JOIN fair_registration r3 ON r3.trainee_id = p.trainee_id AND r3.fair_id = b.fair_id
            WHERE b.fair_id = $1 AND b.state = 'approved' AND p.state = 'hired') AS hires
        FROM fair_registration r WHERE r.fair_id = $1`,
      [fairId],
    );
    const perOrder = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT e.name AS employer_name, o.title AS order_title,
          (SELECT count(DISTINCT s.registration_id)::int FROM fair_slot s JOIN fair_registration r ON r.id = s.registration_id
            WHERE s.booth_id = b.id AND s.state = 'booked') AS booked,
          (SELECT count(DISTINCT s.registration_id)::int FROM fair_slot s JOIN fair_registration r ON r.id = s.registration_id
            WHERE s.booth_id = b.id AND s.state = 'booked' AND r.checked_in_at IS NOT NULL) AS interviewed,
          (SELECT count(*)::int FROM fair_intent i WHERE i.fair_id = b.fair_id AND i.order_id = o.id AND i.state <> 'declined') AS intents,
          (SELECT count(*)::int FROM placement p JOIN fair_registration r ON r.trainee_id = p.trainee_id AND r.fair_id = b.fair_id
            WHERE p.order_id = o.id AND p.state IN ('offer', 'hired')) AS offers,
          (SELECT count(*)::int FROM placement p JOIN fair_registration r ON r.trainee_id = p.trainee_id AND r.fair_id = b.fair_id
            WHERE p.order_id = o.id AND p.state = 'hired') AS hires
        FROM fair_booth b JOIN organisation e ON e.id = b.employer_id JOIN fair_booth_order bo ON bo.booth_id = b.id JOIN job_order o ON o.id = bo.order_id
        WHERE b.fair_id = $1 AND b.state = 'approved' ORDER BY e.name, o.title`,
      [fairId],
    );
    const byEmployer = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT e.name AS employer_name,
          (SELECT count(DISTINCT s.registration_id)::int FROM fair_slot s WHERE s.booth_id = b.id AND s.state = 'booked') AS booked,
          (SELECT count(DISTINCT s.registration_id)::int FROM fair_slot s JOIN fair_registration r ON r.id = s.registration_id
            WHERE s.booth_id = b.id AND s.state = 'booked' AND r.checked_in_at IS NOT NULL) AS interviewed,
          (SELECT count(*)::int FROM fair_intent i JOIN fair_booth_order bo ON bo.order_id = i.order_id AND bo.booth_id = b.id
            WHERE i.fair_id = b.fair_id AND i.state <> 'declined') AS intents,
          (SELECT count(*)::int FROM placement p JOIN fair_booth_order bo ON bo.order_id = p.order_id AND bo.booth_id = b.id
            JOIN fair_registration r ON r.trainee_id = p.trainee_id AND r.fair_id = b.fair_id WHERE p.state IN ('offer', 'hired')) AS offers,
          (SELECT count(*)::int FROM placement p JOIN fair_booth_order bo ON bo.order_id = p.order_id AND bo.booth_id = b.id
            JOIN fair_registration r ON r.trainee_id = p.trainee_id AND r.fair_id = b.fair_id WHERE p.state = 'hired') AS hires
        FROM fair_booth b JOIN organisation e ON e.id = b.employer_id WHERE b.fair_id = $1 AND b.state = 'approved' ORDER BY e.name`,
      [fairId],
    );
    return { totals: totals ?? {}, byEmployer, byOrder: perOrder };
  }
}
