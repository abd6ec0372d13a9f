import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AbstinenceBasis, type AbstinenceStatus, FollowUpAbstinence, FollowUpVisit } from './follow-up.entities';
import { pageRows, pageWithTotalSql, readCursor } from '../common/page-sql';

export interface VisitRow {
  id: string;
  trainee_id: string;
  trainee_name: string;
  trainee_phone: string | null;
  station_id: string;
  station_name: string;
  months_after: number;
  due_on: string;
  days_overdue: number;
  assigned_user_id: string | null;
  assigned_name: string | null;
  state: string;
  visited_on: string | null;
  contact_method: string | null;
  employment_status: string | null;
  employer_name: string | null;
  employment_confirmed: boolean | null;
  income_band: string | null;
  support_needs: string | null;
  next_steps: string | null;
  escalated_at: Date | null;
  client_ref: string | null;
  appointment_at: Date | null;
  /** The person is 失联 (an open lost-contact case, SupervisionModule's table). */
  lost_contact: boolean;
}

/** Never selects from follow_up_abstinence: that table is read only by `abstinence()`. */
const COLUMNS = `v.id, v.trainee_id, t.full_name AS trainee_name, t.phone AS trainee_phone, v.station_id, s.name AS station_name,
    v.months_after, v.due_on::text AS due_on, ($1::date - v.due_on) AS days_overdue, v.assigned_user_id, u.display_name AS assigned_name,
    v.state, v.visited_on::text AS visited_on, v.contact_method, v.employment_status, v.employer_name, v.employment_confirmed,
    v.income_band, v.support_needs, v.next_steps, v.escalated_at, v.client_ref, v.appointment_at,
    EXISTS (SELECT 1 FROM lost_contact lc WHERE lc.trainee_id = v.trainee_id AND lc.found_on IS NULL) AS lost_contact`;
const FROM = `FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id JOIN organisation s ON s.id = v.station_id
  LEFT JOIN app_user u ON u.id = v.assigned_user_id`;
const SELECT = `SELECT ${COLUMNS}
  ${FROM}`;

/** What the field worker records about a visit (the columns set when it stops being planned). */
export type VisitRecord = Pick<
  FollowUpVisit,
  | 'state'
  | 'visitedOn'
  | 'contactMethod'
  | 'employmentStatus'
  | 'employerName'
  | 'employmentConfirmed'
  | 'incomeBand'
  | 'supportNeeds'
  | 'nextSteps'
  | 'recordedBy'
  | 'recordedAt'
  | 'clientRef'
>;

/** The jobs of this module that one process at a time does (a transaction-scoped advisory lock each). */
export type FollowUpJob = 'follow-up-escalation' | 'follow-up-due';

@Injectable()
export class FollowUpsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the visit for recording it; null when there is none. */
  findForUpdate(id: string, m: EntityManager): Promise<FollowUpVisit | null> {
    return m.getRepository(FollowUpVisit).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async recordVisit(id: string, record: VisitRecord, m: EntityManager): Promise<void> {
    await m.getRepository(FollowUpVisit).update({ id }, record);
  }

  async recordAbstinence(visitId: string, a: { status: AbstinenceStatus; basis: AbstinenceBasis }, m: EntityManager): Promise<void> {
    await m.getRepository(FollowUpAbstinence).insert({ visitId, status: a.status, basis: a.basis });
  }

  async assign(id: string, userId: string, m: EntityManager): Promise<void> {
    await m.getRepository(FollowUpVisit).update({ id }, { assignedUserId: userId });
  }

  /** Takes the job's lock for the rest of the transaction; false when another process holds it. */
  async tryJobLock(job: FollowUpJob, m: EntityManager): Promise<boolean> {
    const [{ locked }] = await m.query<[{ locked: boolean }]>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [job]);
    return locked;
  }

  /**
   * One page of visits and a total capped at COUNT_CAP, in one statement (issue 17). `after` (from
   * `cursorOf`) continues by keyset on the view's order — (due_on, id), or for `done` (visited_on DESC
   * NULLS LAST, id DESC) — served by the indexes of migration ListKeysetIndexes; else `page` is an
   * offset. Reads `pageSize + 1` rows: the extra one says whether there is a next page.
   */
  async search(
    today: string,
    stationId: string | null,
    view: string,
    filters: { traineeId?: string; overdue?: 'true' | 'false'; stationId?: string },
    paging: { page: number; pageSize: number; after?: string },
  ): Promise<{ rows: VisitRow[]; matching: number }> {
    const params: unknown[] = [today];
    const where: string[] = [];
    // Planned visits move with the person (a transfer), so `station_id` is the holder for them; recorded
    // ones keep the station that made them, and are read by the station holding the person now.
    if (stationId)
      where.push(
        view === 'due' || view === 'upcoming'
          ? `v.station_id = $${params.push(stationId)}::uuid`
          : `v.trainee_id IN (SELECT t.id FROM trainee t WHERE t.organisation_id = $${params.push(stationId)}::uuid)`,
      );
    if (filters.traineeId) where.push(`v.trainee_id = $${params.push(filters.traineeId)}::uuid`);
    // The holding station for planned visits, as the caller's own scope above reads it.
    if (filters.stationId) where.push(`v.station_id = $${params.push(filters.stationId)}::uuid`);
    if (view === 'due') where.push(`v.state = 'planned' AND v.due_on ${filters.overdue === 'true' ? '<' : '<='} $1::date`);
    if (view === 'upcoming') where.push(`v.state = 'planned' AND v.due_on > $1::date`);
    if (view === 'done') where.push(`v.state <> 'planned'`);
    const done = view === 'done';
    let keyset: string | undefined;
    if (paging.after) {
      const [key, id] = readCursor(paging.after, [done ? 'date?' : 'date', 'uuid']);
      const idParam = `$${params.push(id)}::uuid`;
      if (!done) keyset = `(v.due_on, v.id) > ($${params.push(key)}::date, ${idParam})`;
      else if (key === null) keyset = `(v.visited_on IS NULL AND v.id < ${idParam})`;
      else {
        const at = `$${params.push(key)}::date`;
        keyset = `(v.visited_on < ${at} OR (v.visited_on = ${at} AND v.id < ${idParam}) OR v.visited_on IS NULL)`;
      }
    }
    const rows = await this.dataSource.query<(VisitRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: COLUMNS,
        from: FROM,
        // Through `trainee`: a sealed person's visits are counted no more than they are listed.
        countFrom: 'FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id',
        where,
        keyset,
        order: done ? 'v.visited_on DESC NULLS LAST, v.id DESC' : 'v.due_on, v.id',
        outerOrder: done ? 'page.visited_on DESC NULLS LAST, page.id DESC' : 'page.due_on, page.id',
        limit: paging.pageSize + 1,
        offset: paging.after ? 0 : (paging.page - 1) * paging.pageSize,
        capped: true,
      }),
      params,
    );
    const [items, matching] = pageRows(rows, 'id');
    return { rows: items, matching };
  }

  /** The `after` of the page that follows this row, in the view's order. */
  static cursorOf(view: string): (row: VisitRow) => [string | null, string] {
    return view === 'done' ? (r) => [r.visited_on, r.id] : (r) => [r.due_on, r.id];
  }

  async find(id: string, today: string, m?: EntityManager): Promise<VisitRow | null> {
    const rows = await (m ?? this.dataSource.manager).query<VisitRow[]>(`${SELECT} WHERE v.id = $2::uuid`, [today, id]);
    return rows[0] ?? null;
  }

  async abstinence(visitId: string): Promise<{ status: string; basis: string } | null> {
    const rows = await this.dataSource.query<{ status: string; basis: string }[]>(
      `SELECT status, basis FROM follow_up_abstinence WHERE visit_id = $1`,
      [visitId],
    );
    return rows[0] ?? null;
  }

  /** Creates the schedule for a released trainee; repeated calls change nothing. */
  /** Deletes a person's planned (not yet recorded) visits. */
  async dropPlanned(m: EntityManager, traineeId: string): Promise<void> {
    await m.query(`DELETE FROM follow_up_visit WHERE trainee_id = $1 AND state = 'planned'`, [traineeId]);
  }

  async schedule(
    m: EntityManager,
    v: {
      traineeId: string;
      stationId: string;
      handoverId: string | null;
      releasedOn: string;
      assignedUserId: string | null;
      months: number[];
    },
  ): Promise<void> {
    // The visits belong to the release just made: the database files them under the person's latest
    // episode (trg_follow_up_visit_episode), so a second release gets a schedule of its own.
    await m.query(
      `INSERT INTO follow_up_visit (trainee_id, station_id, handover_id, months_after, due_on, assigned_user_id)
       SELECT $1, $2, $3, mo, ($4::date + make_interval(months => mo))::date, $5 FROM unnest($6::int[]) mo
       ON CONFLICT (episode_id, months_after) DO NOTHING`,
      [v.traineeId, v.stationId, v.handoverId, v.releasedOn, v.assignedUserId, v.months],
    );
  }

  /**
   * Planned visits due on `today`, each with who should hear of it: the assigned counsellor while they
   * are an active counsellor of the station, otherwise every active counsellor of the station.
   */
  dueToday(m: EntityManager, today: string): Promise<{ id: string; user_id: string; trainee_name: string; due_on: string }[]> {
    return m.query<{ id: string; user_id: string; trainee_name: string; due_on: string }[]>(
      `SELECT v.id, u.id AS user_id, t.full_name AS trainee_name, v.due_on::text AS due_on
         FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
         LEFT JOIN app_user a ON a.id = v.assigned_user_id AND a.organisation_id = v.station_id AND a.role = 'counsellor' AND a.disabled_at IS NULL
         JOIN app_user u ON u.organisation_id = v.station_id AND u.role = 'counsellor' AND u.disabled_at IS NULL AND (a.id IS NULL OR u.id = a.id)
        WHERE v.state = 'planned' AND v.due_on = $1::date
        ORDER BY v.id, u.id`,
      [today],
    );
  }

  /** Marks overdue visits escalated, once; returns them (with their station) for the notices. */
  async escalateOverdue(
    m: EntityManager,
    today: string,
    days: number,
  ): Promise<{ id: string; station_id: string; trainee_name: string; due_on: string }[]> {
    const [rows] = await m.query<[{ id: string; station_id: string; trainee_name: string; due_on: string }[], number]>(
      `UPDATE follow_up_visit v SET escalated_at = now() FROM trainee t
        WHERE t.id = v.trainee_id AND v.state = 'planned' AND v.escalated_at IS NULL AND v.due_on + $2::int < $1::date
        RETURNING v.id, v.station_id, t.full_name AS trainee_name, v.due_on::text AS due_on`,
      [today, days],
    );
    return rows;
  }

  // ---- for supervision (appended): see FollowUpsService.moveOpenVisits / consecutiveUnreachable ----

  /** Moves a trainee's planned visits to another station (escalation starts afresh there); returns how many. */
  async moveOpenVisits(m: EntityManager, traineeId: string, toStationId: string, assignedUserId: string | null): Promise<number> {
    const [, moved] = await m.query<[unknown[], number]>(
      `UPDATE follow_up_visit SET station_id = $2, assigned_user_id = $3, escalated_at = NULL
        WHERE trainee_id = $1 AND state = 'planned'`,
      [traineeId, toStationId, assignedUserId],
    );
    return moved;
  }

  /** Unreachable attempts since the latest done visit (missed ones skipped), and the day of the first. */
  async consecutiveUnreachable(m: EntityManager, traineeId: string): Promise<{ attempts: number; since: string | null }> {
    const [row] = await m.query<{ attempts: number; since: string | null }[]>(
      `WITH r AS (
         SELECT state, visited_on, row_number() OVER (ORDER BY visited_on DESC NULLS LAST, recorded_at DESC, id DESC) AS rn
           FROM follow_up_visit WHERE trainee_id = $1 AND state IN ('done', 'unreachable'))
       SELECT count(*)::int AS attempts, min(visited_on)::text AS since FROM r
        WHERE rn < COALESCE((SELECT min(rn) FROM r WHERE state = 'done'), 2147483647)`,
      [traineeId],
    );
    return { attempts: row?.attempts ?? 0, since: row?.since ?? null };
  }

  // ---- visit appointments (appended): see FollowUpsService.setAppointment ----

  async setAppointment(id: string, at: Date | null, m: EntityManager): Promise<void> {
    await m.getRepository(FollowUpVisit).update({ id }, { appointmentAt: at });
  }

  /** The sign-in account of the person a visit is about, if they have one that is not disabled. */
  async traineeAccountOf(visitId: string, m: EntityManager): Promise<string | null> {
    const [row] = await m.query<{ user_id: string }[]>(
      `SELECT u.id AS user_id FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
         JOIN app_user u ON u.id = t.user_id AND u.disabled_at IS NULL
        WHERE v.id = $1`,
      [visitId],
    );
    return row?.user_id ?? null;
  }

  // ---- for the home's "today" counts (appended): see FollowUpsService.dueCounts / overdueByStation ----

  /**
   * The `due` view's rows counted by day: planned visits of the station (`null`: every station) due
   * on `today`, and those due before it. The same conditions and joins as `search(…, 'due')`.
   */
  async dueCounts(today: string, stationId: string | null): Promise<{ dueToday: number; overdue: number }> {
    const [row] = await this.dataSource.query<{ due_today: number; overdue: number }[]>(
      `SELECT count(*) FILTER (WHERE v.due_on = $1::date)::int AS due_today, count(*) FILTER (WHERE v.due_on < $1::date)::int AS overdue
         FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
        WHERE v.state = 'planned' AND v.due_on <= $1::date AND ($2::uuid IS NULL OR v.station_id = $2::uuid)`,
      [today, stationId],
    );
    return { dueToday: row?.due_today ?? 0, overdue: row?.overdue ?? 0 };
  }

  /** Planned visits due before `today`, per station holding them (stations with none left out), most first. */
  overdueByStation(today: string): Promise<{ station_id: string; station_name: string; overdue: number }[]> {
    return this.dataSource.query<{ station_id: string; station_name: string; overdue: number }[]>(
      `SELECT v.station_id, s.name AS station_name, count(*)::int AS overdue
         FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id JOIN organisation s ON s.id = v.station_id
        WHERE v.state = 'planned' AND v.due_on < $1::date
        GROUP BY v.station_id, s.name ORDER BY overdue DESC, s.name, v.station_id`,
      [today],
    );
  }
}
