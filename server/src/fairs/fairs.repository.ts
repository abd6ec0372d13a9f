import { SHORT_LIST_CAP } from '../common/dto/page.dto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type FairState, JobFair } from './fair.entities';

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

/** What a new fair is made of (the state starts as a draft). */
export interface NewFair {
  title: string;
  fairDate: string;
  startsAt: string;
  endsAt: string;
  venueOrganisationId: string;
  boothCapacity: number;
  registrationDeadline: string | null;
  description: string | null;
  createdBy: string;
}

/** The fields an admin may change on a fair. */
export type FairChanges = Partial<
  Pick<JobFair, 'title' | 'fairDate' | 'startsAt' | 'endsAt' | 'boothCapacity' | 'registrationDeadline' | 'description'>
>;

/** One line of the fair's report (by employer, or by employer and order). */
export interface FairReportLine {
  employer_name: string;
  order_title?: string;
  booked: number;
  interviewed: number;
  intents: number;
  offers: number;
  hires: number;
}

export interface FairReportTotals {
  registered?: number;
  checked_in?: number;
  walk_ins?: number;
  interviewed?: number;
  intents?: number;
  offers?: number;
  hires?: number;
}

const FAIR_SELECT = `SELECT f.id, f.title, f.fair_date::text AS fair_date, to_char(f.starts_at, 'HH24:MI') AS starts_at,
    to_char(f.ends_at, 'HH24:MI') AS ends_at, f.venue_organisation_id, v.name AS venue_name, d.name AS city_name, f.booth_capacity,
    f.booths_taken, f.registration_deadline::text AS registration_deadline, f.description, f.state,
    (SELECT count(*)::int FROM fair_registration r WHERE r.fair_id = f.id) AS registered
  FROM job_fair f JOIN organisation v ON v.id = f.venue_organisation_id JOIN division d ON d.code = v.division_code`;

/** Someone to remind of tomorrow's fair. Carries the city only: the venue's name is never selected. */
export interface ReminderRow {
  fair_id: string;
  title: string;
  fair_date: string;
  starts_at: string;
  city_name: string;
  division_code: string;
  user_id: string;
  audience: 'trainee' | 'employer';
}

/** The fairs themselves: their rows, their state, their booth places, their report and reminders. */
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
         SELECT f.id, f.title, f.fair_date::text AS fair_date, to_char(f.starts_at, 'HH24:MI') AS starts_at, d.name AS city_name,
                d.code AS division_code
           FROM job_fair f JOIN organisation v ON v.id = f.venue_organisation_id JOIN division d ON d.code = v.division_code
          WHERE f.state = 'published' AND f.fair_date = $1::date + 1)
       SELECT f.id AS fair_id, f.title, f.fair_date, f.starts_at, f.city_name, f.division_code, u.id AS user_id, 'trainee' AS audience
         FROM f JOIN fair_registration r ON r.fair_id = f.id JOIN trainee t ON t.id = r.trainee_id AND t.state <> 'closed'
         JOIN app_user u ON u.id = t.user_id AND u.disabled_at IS NULL
       UNION ALL
       SELECT f.id, f.title, f.fair_date, f.starts_at, f.city_name, f.division_code, u.id, 'employer'
         FROM f JOIN fair_booth b ON b.fair_id = f.id AND b.state = 'approved'
         JOIN app_user u ON u.organisation_id = b.employer_id AND u.role = 'employer' AND u.disabled_at IS NULL
       ORDER BY 1, 7`,
      [today],
    );
  }

  async fair(id: string, m?: EntityManager): Promise<FairRow | null> {
    return (await this.q(m).query<FairRow[]>(`${FAIR_SELECT} WHERE f.id = $1`, [id]))[0] ?? null;
  }

  async lockFair(id: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM job_fair WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** A new fair, as a draft; returns its id. */
  async insertFair(data: NewFair, m: EntityManager): Promise<string> {
    const repo = m.getRepository(JobFair);
    return (await repo.save(repo.create({ ...data, state: 'draft' }))).id;
  }

  async updateFair(id: string, changes: FairChanges, m: EntityManager): Promise<void> {
    await m.getRepository(JobFair).update({ id }, changes);
  }

  /** Moves the fair from one state to the next, only if it is in `from`; false when it is not (or is not there). */
  async moveFairState(id: string, from: FairState, to: FairState, m: EntityManager): Promise<boolean> {
    const res = await m.getRepository(JobFair).update({ id, state: from }, { state: to });
    return !!res.affected;
  }

  fairExists(id: string, m: EntityManager): Promise<boolean> {
    return m.getRepository(JobFair).existsBy({ id });
  }

  /** Takes a booth place: conditional, never past the capacity. */
  async takeBooth(fairId: string, m: EntityManager): Promise<boolean> {
    const [rows] = await m.query<[unknown[], number]>(
      `UPDATE job_fair SET booths_taken = booths_taken + 1 WHERE id = $1 AND booths_taken < booth_capacity RETURNING id`,
      [fairId],
    );
    return rows.length === 1;
  }

  /** The fair's outcome by employer and by order: registrations, check-ins, interviews, intents, offers, hires. */
  async report(fairId: string): Promise<{ totals: FairReportTotals; byEmployer: FairReportLine[]; byOrder: FairReportLine[] }> {
    const [totals] = await this.dataSource.query<FairReportTotals[]>(
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
    const perOrder = await this.dataSource.query<FairReportLine[]>(
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
    const byEmployer = await this.dataSource.query<FairReportLine[]>(
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
