import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How released trainees are grouped: where they were trained, who follows them, when, and where they live. */
export const REPORT_GROUPS = ['facility', 'station', 'cohort_year', 'cohort_quarter', 'division'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Months after release at which employment is measured (the motto's third rate). */
export const EMPLOYMENT_MONTHS = [1, 3, 6, 12] as const;
/** Years after release at which abstinence is reported (the +12/+24/+36 month visits). */
export const ABSTINENCE_YEARS = [1, 2, 3] as const;

export interface CohortFilter {
  /** The report's "today": a cohort counts at N months only once N months have passed. */
  asOf: string;
  /** Null for admins; otherwise the counsellor's organisation (facility it left, station that holds it). */
  scopeOrganisationId: string | null;
  releasedFrom: string | null;
  releasedTo: string | null;
  facilityId: string | null;
  stationId: string | null;
  divisionCode: string | null;
}

export interface FunnelFilter {
  asOf: string;
  scopeOrganisationId: string | null;
  from: string | null;
  to: string | null;
}

interface GroupedRow {
  key: string | null;
  label: string | null;
  label_en: string | null;
  is_total: boolean;
  released: number;
}
export interface MottoRow extends GroupedRow {
  certified: number;
  diploma: number;
  // and eligible_N, employed_N for each of EMPLOYMENT_MONTHS
}
/** eligible_Y, reached_Y, abstinent_Y, verified_Y for each of ABSTINENCE_YEARS. */
export type AbstinenceRow = GroupedRow;
export interface OrderFunnelRow {
  order_id: string;
  title: string;
  employer_name: string;
  occupation_code: string;
  occupation_name: string | null;
  headcount: number;
  state: string;
  opened_on: string | null;
  trained: number;
  certified: number;
  recommended: number;
  hired: number;
  eligible_3: number;
  still_3: number;
  eligible_6: number;
  still_6: number;
}
export interface FairFunnelRow {
  fair_id: string;
  title: string;
  fair_date: string;
  city: string | null;
  state: string;
  /** Not held yet on the report date: its later stages are still to come. */
  upcoming: boolean;
  registered: number;
  checked_in: number;
  interviewed: number;
  intents: number;
  hires: number;
}

const GROUP_KEY: Record<ReportGroup, string> = {
  facility: 'r.facility_id::text',
  station: 'r.station_id::text',
  cohort_year: `to_char(r.released_on, 'YYYY')`,
  cohort_quarter: `to_char(r.released_on, 'YYYY"Q"Q')`,
  division: 'r.division_code::text',
};

/** `released_on + n months <= asOf`, as SQL over the cohort alias `r`. */
const reachedMonths = (n: number) => `(r.released_on + interval '${n} months')::date <= $1::date`;

/**
 * The released cohort every outcome rate is over: trainees released on or before the report date,
 * with the facility they left and the station that took them (from the completed handover; a station
 * holds a trainee released without one). $1 as-of, $2 scope, $3–$7 filters.
 */
const COHORT = `
  last_handover AS (
    SELECT DISTINCT ON (trainee_id) trainee_id, from_organisation_id, to_organisation_id
    FROM handover WHERE state = 'completed' ORDER BY trainee_id, completed_at DESC
  ),
  r AS (
    SELECT t.id, t.released_on, t.home_division_code AS division_code,
           h.from_organisation_id AS facility_id, COALESCE(h.to_organisation_id, t.organisation_id) AS station_id
    FROM trainee t LEFT JOIN last_handover h ON h.trainee_id = t.id
    WHERE t.released_on IS NOT NULL AND t.released_on <= $1::date
      AND ($2::uuid IS NULL OR t.organisation_id = $2::uuid OR h.from_organisation_id = $2::uuid OR h.to_organisation_id = $2::uuid)
      AND ($3::date IS NULL OR t.released_on >= $3::date)
      AND ($4::date IS NULL OR t.released_on <= $4::date)
      AND ($5::uuid IS NULL OR h.from_organisation_id = $5::uuid)
      AND ($6::uuid IS NULL OR COALESCE(h.to_organisation_id, t.organisation_id) = $6::uuid)
      AND ($7::text IS NULL OR t.home_division_code = $7::text)
  )`;

/** Wraps a grouped aggregate: one row per group plus the total (GROUPING SETS), labelled in Chinese and English. */
function grouped(groupBy: ReportGroup, columns: string, joins: string): string {
  const key = GROUP_KEY[groupBy];
  return `
    SELECT g.*, COALESCE(o.name, d.name) AS label, COALESCE(o.name, d.name_en) AS label_en
    FROM (
      SELECT ${key} AS key, GROUPING(${key}) = 1 AS is_total, count(*)::int AS released, ${columns}
      FROM r ${joins}
      GROUP BY GROUPING SETS ((${key}), ())
    ) g
    LEFT JOIN organisation o ON o.id::text = g.key
    LEFT JOIN division d ON d.code = g.key
    ORDER BY g.is_total, g.key NULLS LAST`;
}

/**
 * Every outcome number is computed here, in PostgreSQL, by set operations over the cohort (one hash join
 * per source table, no per-trainee subqueries), so the dashboards stay fast at 100,000 trainees.
 * Nothing here returns a person: only counts.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each report runs read-only, without JIT and with room to hash in memory: the planner's row estimates
   * for these grouped joins are high enough to trigger JIT compilation, which alone cost ~600 ms per query
   * at 100,000 trainees (bench/reports.mjs), and 4 MB of work_mem sent the visit aggregate to disk.
   */
  private run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SET TRANSACTION READ ONLY`);
      await m.query(`SET LOCAL jit = off`);
      await m.query(`SET LOCAL work_mem = '32MB'`);
      return m.query(sql, params);
    });
  }

  /** 掌握一项技能、获得一个文凭、谋得一份职业: certificate, diploma, employed at 1/3/6/12 months. */
  motto(groupBy: ReportGroup, f: CohortFilter): Promise<MottoRow[]> {
    // Employed at N months: a hire covering release + N months, or the +N visit found them (self-)employed.
    const hiredAt = (n: number) =>
      `bool_or(p.hired_on <= (r.released_on + interval '${n} months')::date AND (p.ended_on IS NULL OR p.ended_on > (r.released_on + interval '${n} months')::date)) AS h${n}`;
    const columns = [
      'count(*) FILTER (WHERE cert.trainee_id IS NOT NULL)::int AS certified',
      'count(*) FILTER (WHERE dip.trainee_id IS NOT NULL)::int AS diploma',
      ...EMPLOYMENT_MONTHS.flatMap((n) => [
        `count(*) FILTER (WHERE ${reachedMonths(n)})::int AS eligible_${n}`,
        `count(*) FILTER (WHERE ${reachedMonths(n)} AND (hp.h${n} OR ev.e${n}))::int AS employed_${n}`,
      ]),
    ].join(', ');
    const sql = `
      WITH ${COHORT},
      cert AS (SELECT DISTINCT trainee_id FROM certificate),
      dip AS (SELECT DISTINCT trainee_id FROM diploma),
      hp AS (
        SELECT r.id AS trainee_id, ${EMPLOYMENT_MONTHS.map(hiredAt).join(', ')}
        FROM r JOIN placement p ON p.trainee_id = r.id AND p.hired_on IS NOT NULL
        GROUP BY r.id
      ),
      ev AS (
        SELECT trainee_id, ${EMPLOYMENT_MONTHS.map((n) => `bool_or(months_after = ${n}) AS e${n}`).join(', ')}
        FROM follow_up_visit
        WHERE state = 'done' AND employment_status IN ('employed', 'self_employed') AND months_after IN (${EMPLOYMENT_MONTHS.join(',')})
        GROUP BY trainee_id
      )
      ${grouped(
        groupBy,
        columns,
        `LEFT JOIN cert ON cert.trainee_id = r.id LEFT JOIN dip ON dip.trainee_id = r.id
         LEFT JOIN hp ON hp.trainee_id = r.id LEFT JOIN ev ON ev.trainee_id = r.id`,
      )}`;
    return this.run(sql, cohortParams(f));
  }

  /**
   * Abstinence at 1, 2, 3 years: only from the +12/+24/+36 visits that were done and found a status
   * (abstinent or relapsed). `reached` is what the rate is over; `eligible` is everyone the year applies to.
   * The only query that reads follow_up_abstinence in bulk, and it returns counts only.
   */
  abstinence(groupBy: ReportGroup, f: CohortFilter): Promise<AbstinenceRow[]> {
    const months = ABSTINENCE_YEARS.map((y) => y * 12);
    const columns = ABSTINENCE_YEARS.flatMap((y) => [
      `count(*) FILTER (WHERE ${reachedMonths(y * 12)})::int AS eligible_${y}`,
      `count(*) FILTER (WHERE ${reachedMonths(y * 12)} AND ab.r${y})::int AS reached_${y}`,
      `count(*) FILTER (WHERE ${reachedMonths(y * 12)} AND ab.a${y})::int AS abstinent_${y}`,
      `count(*) FILTER (WHERE ${reachedMonths(y * 12)} AND ab.v${y})::int AS verified_${y}`,
    ]).join(', ');
    const flags = ABSTINENCE_YEARS.flatMap((y) => [
      `bool_or(v.months_after = ${y * 12}) AS r${y}`,
      `bool_or(v.months_after = ${y * 12} AND a.status = 'abstinent') AS a${y}`,
      `bool_or(v.months_after = ${y * 12} AND a.status = 'abstinent' AND a.basis = 'test_verified') AS v${y}`,
    ]).join(', ');
    const sql = `
      WITH ${COHORT},
      ab AS (
        SELECT v.trainee_id, ${flags}
        FROM follow_up_visit v JOIN follow_up_abstinence a ON a.visit_id = v.id
        WHERE v.state = 'done' AND v.months_after IN (${months.join(',')}) AND a.status IN ('abstinent', 'relapsed')
        GROUP BY v.trainee_id
      )
      ${grouped(groupBy, columns, 'LEFT JOIN ab ON ab.trainee_id = r.id')}`;
    return this.run(sql, cohortParams(f));
  }

  /**
   * Order → trained for it (its 订单班) → of those, certified in its occupation → recommended → hired →
   * still employed at 3 and 6 months. Orders opened in the window; a counsellor's counts are their own trainees'.
   */
  orderFunnel(f: FunnelFilter): Promise<OrderFunnelRow[]> {
    const scoped = f.scopeOrganisationId !== null;
    const inScope = (col: string) => (scoped ? `${col} IN (SELECT id FROM scoped)` : 'true');
    const still = (n: number) => `(p.hired_on + interval '${n} months')::date`;
    const sql = `
      WITH ${SCOPED},
      trained AS (
        SELECT DISTINCT s.order_id, se.trainee_id
        FROM course_session s JOIN session_enrolment se ON se.session_id = s.id
        WHERE s.order_id IS NOT NULL AND se.state IN ('enrolled', 'passed', 'failed') AND ${inScope('se.trainee_id')}
      ),
      tr AS (
        SELECT tr.order_id, count(*)::int AS trained, count(c.trainee_id)::int AS certified
        FROM trained tr JOIN job_order o ON o.id = tr.order_id
        LEFT JOIN (SELECT DISTINCT trainee_id, occupation_code FROM certificate) c
          ON c.trainee_id = tr.trainee_id AND c.occupation_code = o.occupation_code
        GROUP BY tr.order_id
      ),
      pl AS (
        SELECT p.order_id,
          count(*) FILTER (WHERE p.recommended_by IS NOT NULL OR p.source = 'fair')::int AS recommended,
          count(*) FILTER (WHERE p.hired_on IS NOT NULL)::int AS hired,
          ${[3, 6]
            .map(
              (n) => `count(*) FILTER (WHERE ${still(n)} <= $1::date)::int AS eligible_${n},
          count(*) FILTER (WHERE ${still(n)} <= $1::date AND (p.ended_on IS NULL OR p.ended_on > ${still(n)}))::int AS still_${n}`,
            )
            .join(',\n')}
        FROM placement p WHERE ${inScope('p.trainee_id')}
        GROUP BY p.order_id
      )
      SELECT o.id AS order_id, o.title, e.name AS employer_name, o.occupation_code, oc.name AS occupation_name, o.headcount, o.state,
        (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on,
        COALESCE(tr.trained, 0) AS trained, COALESCE(tr.certified, 0) AS certified,
        COALESCE(pl.recommended, 0) AS recommended, COALESCE(pl.hired, 0) AS hired,
        COALESCE(pl.eligible_3, 0) AS eligible_3, COALESCE(pl.still_3, 0) AS still_3,
        COALESCE(pl.eligible_6, 0) AS eligible_6, COALESCE(pl.still_6, 0) AS still_6
      FROM job_order o
      JOIN organisation e ON e.id = o.employer_id
      LEFT JOIN occupation oc ON oc.code = o.occupation_code
      LEFT JOIN tr ON tr.order_id = o.id
      LEFT JOIN pl ON pl.order_id = o.id
      WHERE o.opened_at IS NOT NULL
        AND ($3::date IS NULL OR (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date >= $3::date)
        AND ($4::date IS NULL OR (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date <= $4::date)
        AND ($2::uuid IS NULL OR tr.order_id IS NOT NULL OR pl.order_id IS NOT NULL)
      ORDER BY o.opened_at DESC, o.id`;
    return this.run(sql, funnelParams(f));
  }

  /** Fair → registered → checked in → interviewed (a booked slot, and came) → intents → hires. */
  fairFunnel(f: FunnelFilter): Promise<FairFunnelRow[]> {
    const scoped = f.scopeOrganisationId !== null;
    const sql = `
      WITH ${SCOPED},
      reg AS (
        SELECT r.fair_id,
          count(*)::int AS registered,
          count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS checked_in,
          count(*) FILTER (WHERE r.checked_in_at IS NOT NULL AND bs.registration_id IS NOT NULL)::int AS interviewed,
          count(*) FILTER (WHERE fi.registration_id IS NOT NULL)::int AS intents,
          count(*) FILTER (WHERE fi.hired)::int AS hires
        FROM fair_registration r
        LEFT JOIN (SELECT DISTINCT registration_id FROM fair_slot WHERE state = 'booked') bs ON bs.registration_id = r.id
        LEFT JOIN (
          SELECT i.registration_id, bool_or(p.hired_on IS NOT NULL) AS hired
          FROM fair_intent i LEFT JOIN placement p ON p.id = i.placement_id
          GROUP BY i.registration_id
        ) fi ON fi.registration_id = r.id
        WHERE ${scoped ? 'r.trainee_id IN (SELECT id FROM scoped)' : 'true'}
        GROUP BY r.fair_id
      )
      SELECT f.id AS fair_id, f.title, f.fair_date::text AS fair_date, d.name AS city, f.state, f.fair_date > $1::date AS upcoming,
        COALESCE(reg.registered, 0) AS registered, COALESCE(reg.checked_in, 0) AS checked_in,
        COALESCE(reg.interviewed, 0) AS interviewed, COALESCE(reg.intents, 0) AS intents, COALESCE(reg.hires, 0) AS hires
      FROM job_fair f
      JOIN organisation v ON v.id = f.venue_organisation_id
      LEFT JOIN division d ON d.code = v.division_code
      LEFT JOIN reg ON reg.fair_id = f.id
      WHERE f.state IN ('published', 'closed')
        AND ($3::date IS NULL OR f.fair_date >= $3::date)
        AND ($4::date IS NULL OR f.fair_date <= $4::date)
        AND ($2::uuid IS NULL OR reg.fair_id IS NOT NULL OR f.venue_organisation_id = $2::uuid)
      ORDER BY f.fair_date DESC, f.id`;
    return this.run(sql, funnelParams(f));
  }
}

/** A counsellor's trainees: held by their organisation now, or handed over from or to it. */
const SCOPED = `
  scoped AS (
    SELECT t.id FROM trainee t WHERE t.organisation_id = $2::uuid
    UNION
    SELECT h.trainee_id FROM handover h WHERE h.from_organisation_id = $2::uuid OR h.to_organisation_id = $2::uuid
  )`;

function cohortParams(f: CohortFilter): unknown[] {
  return [f.asOf, f.scopeOrganisationId, f.releasedFrom, f.releasedTo, f.facilityId, f.stationId, f.divisionCode];
}

function funnelParams(f: FunnelFilter): unknown[] {
  return [f.asOf, f.scopeOrganisationId, f.from, f.to];
}
