import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ABSTINENCE_YEARS, EMPLOYMENT_MONTHS, NO_FACILITY, OUTCOME_FLAGS } from '../outcomes/outcome-measures';
import type { CubeRow, Measure } from './cohort-cube';

/**
 * How the rows of a cohort report are grouped: facility left, station following up, home division, or
 * the quarters of the cohort. Only one dimension at a time (see cohort-cube.ts): a crossing of two
 * makes groups small enough to name people, and a cell of it could be subtracted from another answer.
 */
export const REPORT_GROUPS = ['facility', 'station', 'division', 'cohort_quarter'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

// Defined with the per-person outcome table they are stored in; re-exported for the report's readers.
export { ABSTINENCE_YEARS, EMPLOYMENT_MONTHS };

/** The shares of the motto report, per cell: certificate and diploma over the released, employed at N months over those N months out. */
export const MOTTO_MEASURES: readonly Measure[] = [
  { name: 'certificate', n: 'certified', d: 'released', months: 0 },
  { name: 'diploma', n: 'diploma', d: 'released', months: 0 },
  ...EMPLOYMENT_MONTHS.map((m) => ({ name: `employed_${m}`, n: `employed_${m}`, d: `eligible_${m}`, months: m })),
];

/**
 * Abstinence per year after release: reached over those due; abstinent over the reached; test-verified over
 * the abstinent; and re-admitted over those due (the objective outcome beside the self-reported one).
 */
export const ABSTINENCE_MEASURES: readonly Measure[] = ABSTINENCE_YEARS.flatMap((y) => [
  { name: `reached_${y}`, n: `reached_${y}`, d: `eligible_${y}`, months: 12 * y },
  { name: `abstinent_${y}`, n: `abstinent_${y}`, d: `reached_${y}`, within: `reached_${y}`, months: 12 * y },
  { name: `verified_${y}`, n: `verified_${y}`, d: `abstinent_${y}`, within: `abstinent_${y}`, months: 12 * y },
  // Admitted again within Y years, over everyone Y years out: objective, from the episodes, not from a visit.
  { name: `readmitted_${y}`, n: `readmitted_${y}`, d: `eligible_${y}`, months: 12 * y },
]);

export interface FunnelFilter {
  asOf: string;
  scopeOrganisationId: string | null;
  from: string | null;
  to: string | null;
}

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

/** Every age (months after release) a cohort report measures at. */
const AGES = [...new Set([...EMPLOYMENT_MONTHS, ...ABSTINENCE_YEARS.map((y) => 12 * y)])];

/**
 * The last release day that is `n` months out on the report date ($1): the latest d with
 * d + n months <= $1 as PostgreSQL adds months (Jan 29–31 + 1 month are all 28 February), found among
 * the days around $1 − n months. Once per query, so each row is compared with a date.
 */
const cutoff = (n: number) =>
  `(SELECT max(d)::date FROM generate_series($1::date - interval '${n} months' - interval '4 days', $1::date - interval '${n} months' + interval '4 days', interval '1 day') d
    WHERE (d + interval '${n} months')::date <= $1::date)`;

/** `released_on + n months <= asOf`, as SQL over the cohort alias `r`. */
const reachedMonths = (n: number) => `r.released_on <= r.m${n}`;

/**
 * The people released in one calendar year ($2), on or before the report date ($1), summed per release
 * day, facility left, station following them (from the latest completed handover; a station holds a
 * trainee released without one) and home division, with the quarter of the day: `trainee_outcome_daily`,
 * the sums of the per-person outcome table (see server/src/outcomes/), kept current by the writers of
 * its inputs. A day's sums count in a share N months after release when the day is N months out.
 */
const YEAR_COHORT = `
  r AS (
    SELECT extract(quarter FROM o.released_on)::int AS quarter, o.released_on, NULLIF(o.facility_id, '${NO_FACILITY}'::uuid) AS facility_id,
      o.station_id, o.division_code, o.released, ${OUTCOME_FLAGS.map((f) => `o.${f}`).join(', ')},
      ${AGES.map((n) => `${cutoff(n)} AS m${n}`).join(', ')}
    FROM trainee_outcome_daily o
    WHERE o.released > 0 AND o.released_on <= $1::date AND o.released_on >= make_date($2::int, 1, 1) AND o.released_on < make_date($2::int + 1, 1, 1)
  )`;

/** A count column: the sum over the cohort's days that pass `where` (0 over none). */
const total = (column: string, where?: string) => `COALESCE(sum(r.${column})${where ? ` FILTER (WHERE ${where})` : ''}, 0)::int`;

/**
 * Every cell of the year at once (cohort-cube.ts): the year and each quarter, each as a total and by each
 * of facility, station and division, but never two of those crossed.
 */
function cube(columns: string): string {
  const dims: [string, string][] = [
    ['facility', 'r.facility_id'],
    ['station', 'r.station_id'],
    ['division', 'r.division_code'],
  ];
  return `
    SELECT CASE WHEN GROUPING(r.quarter) = 0 THEN r.quarter END AS quarter,
      CASE ${dims.map(([d, col]) => `WHEN GROUPING(${col}) = 0 THEN '${d}'`).join(' ')} END AS dim,
      CASE ${dims.map(([, col]) => `WHEN GROUPING(${col}) = 0 THEN ${col}::text`).join(' ')} END AS key,
      ${total('released')} AS released, ${columns}
    FROM r
    GROUP BY GROUPING SETS ((r.quarter), (), ${dims.map(([, col]) => `(r.quarter, ${col}), (${col})`).join(', ')})`;
}

/**
 * Every outcome number is computed here, in PostgreSQL: the cohort reports sum the daily outcome sums
 * (one range of a release year), the funnels join their sources.
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

  /**
   * 掌握一项技能、获得一个文凭、谋得一份职业: certificate, diploma, employed at 1/3/6/12 months, for every
   * cell of one release year (see `cube`). Employed at N months: a hire covering release + N months, or
   * the +N visit found them (self-)employed; counted once the person is N months out on the report date.
   */
  motto(year: number, asOf: string): Promise<CubeRow[]> {
    const columns = [
      `${total('certified')} AS certified`,
      `${total('diploma')} AS diploma`,
      ...EMPLOYMENT_MONTHS.flatMap((n) => [
        `${total('released', reachedMonths(n))} AS eligible_${n}`,
        `${total(`employed_${n}`, reachedMonths(n))} AS employed_${n}`,
      ]),
    ].join(', ');
    return this.run(`WITH ${YEAR_COHORT} ${cube(columns)}`, [asOf, year]);
  }

  /**
   * Abstinence at 1, 2, 3 years: only from the +12/+24/+36 visits that were done and found a status
   * (abstinent or relapsed). `reached` is what the rate is over; `eligible` is everyone the year applies to.
   * Counts only: no person's status leaves the database.
   */
  abstinence(year: number, asOf: string): Promise<CubeRow[]> {
    const columns = ABSTINENCE_YEARS.flatMap((y) => [
      `${total('released', reachedMonths(y * 12))} AS eligible_${y}`,
      `${total(`reached_${y}`, reachedMonths(y * 12))} AS reached_${y}`,
      `${total(`abstinent_${y}`, reachedMonths(y * 12))} AS abstinent_${y}`,
      `${total(`verified_${y}`, reachedMonths(y * 12))} AS verified_${y}`,
      `${total(`readmitted_${y}`, reachedMonths(y * 12))} AS readmitted_${y}`,
    ]).join(', ');
    return this.run(`WITH ${YEAR_COHORT} ${cube(columns)}`, [asOf, year]);
  }

  /** Names for the groups of a report: organisations (Chinese only) and divisions (Chinese and English). */
  async labels(organisationIds: readonly string[], divisionCodes: readonly string[]): Promise<Map<string, { zh: string; en: string }>> {
    const [orgs, divisions] = await Promise.all([
      organisationIds.length
        ? this.dataSource.query<{ key: string; name: string }[]>(
            'SELECT id::text AS key, name FROM organisation WHERE id = ANY($1::uuid[])',
            [organisationIds],
          )
        : [],
      divisionCodes.length
        ? this.dataSource.query<{ key: string; name: string; name_en: string | null }[]>(
            'SELECT code AS key, name, name_en FROM division WHERE code = ANY($1::text[])',
            [divisionCodes],
          )
        : [],
    ]);
    return new Map([
      ...orgs.map((o) => [o.key, { zh: o.name, en: o.name }] as const),
      ...divisions.map((d) => [d.key, { zh: d.name, en: d.name_en ?? d.name }] as const),
    ]);
  }

  /**
   * Order → trained for it (its 订单班) → of those, certified in its occupation → recommended → hired →
   * still employed at 3 and 6 months. Orders opened in the window; a counsellor's counts are their own trainees'.
   *
   * Read from `order_outcome` (one row per order and person in its funnel) and, for the whole province,
   * its per-order totals `order_outcome_sums`, both kept by the writers (see OutcomesService), instead of
   * joining sessions, enrolments, certificates and placements per request (issue 17; bench/README.md,
   * "Order funnel"). "Still employed at N months" counts the hires at least N months old on the report
   * date — hired on or before the last day that is N months before it (`cutoff`, once per query) — whose
   * job lasted N months: for the province, the order's totals minus its hires after the cutoff (a few
   * months of hires, by `idx_order_outcome_hired_on`); for a counsellor, their people's rows counted.
   * Same answers as the live SQL it replaced: test/reports/order-funnel-sql.e2e-spec.ts.
   */
  orderFunnel(f: FunnelFilter): Promise<OrderFunnelRow[]> {
    const scoped = f.scopeOrganisationId !== null;
    const stages = scoped
      ? `SELECT x.order_id,
          count(*) FILTER (WHERE x.trained)::int AS trained,
          count(*) FILTER (WHERE x.certified)::int AS certified,
          count(*) FILTER (WHERE x.recommended)::int AS recommended,
          count(x.hired_on)::int AS hired,
          ${[3, 6]
            .map(
              (n) => `count(*) FILTER (WHERE x.hired_on <= ${cutoff(n)})::int AS eligible_${n},
          count(*) FILTER (WHERE x.hired_on <= ${cutoff(n)} AND x.stayed_${n})::int AS still_${n}`,
            )
            .join(',\n          ')}
        FROM order_outcome x WHERE x.trainee_id IN (SELECT id FROM scoped)
        GROUP BY x.order_id`
      : `SELECT s.order_id, s.trained, s.certified, s.recommended, s.hired,
          ${[3, 6]
            .map(
              (n) => `s.hired - COALESCE(r.after_${n}, 0) AS eligible_${n},
          s.stayed_${n} - COALESCE(r.stayed_after_${n}, 0) AS still_${n}`,
            )
            .join(',\n          ')}
        FROM order_outcome_sums s
        LEFT JOIN (
          SELECT x.order_id,
            ${[3, 6]
              .map(
                (n) => `count(*) FILTER (WHERE x.hired_on > ${cutoff(n)})::int AS after_${n},
            count(*) FILTER (WHERE x.hired_on > ${cutoff(n)} AND x.stayed_${n})::int AS stayed_after_${n}`,
              )
              .join(',\n            ')}
          FROM order_outcome x WHERE x.hired_on > ${cutoff(6)} -- the earlier cutoff: every hire either count subtracts
          GROUP BY x.order_id
        ) r ON r.order_id = s.order_id`;
    const sql = `
      WITH ${SCOPED},
      fu AS (${stages})
      SELECT o.id AS order_id, o.title, e.name AS employer_name, o.occupation_code, oc.name AS occupation_name, o.headcount, o.state,
        (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on,
        COALESCE(fu.trained, 0) AS trained, COALESCE(fu.certified, 0) AS certified,
        COALESCE(fu.recommended, 0) AS recommended, COALESCE(fu.hired, 0) AS hired,
        COALESCE(fu.eligible_3, 0) AS eligible_3, COALESCE(fu.still_3, 0) AS still_3,
        COALESCE(fu.eligible_6, 0) AS eligible_6, COALESCE(fu.still_6, 0) AS still_6
      FROM job_order o
      JOIN organisation e ON e.id = o.employer_id
      LEFT JOIN occupation oc ON oc.code = o.occupation_code
      LEFT JOIN fu ON fu.order_id = o.id
      WHERE ${openedInWindow('o')}
        AND ($2::uuid IS NULL OR fu.order_id IS NOT NULL)
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

  /** An organisation's type (`facility`, `station`, …); null when there is none with this id. */
  async organisationType(id: string): Promise<string | null> {
    const [org] = await this.dataSource.query<{ type: string }[]>('SELECT type FROM organisation WHERE id = $1::uuid', [id]);
    return org?.type ?? null;
  }

  /** Whether `id` is an organisation of type `type`. */
  async isOrganisationOfType(id: string, type: string): Promise<boolean> {
    const [found] = await this.dataSource.query<{ ok: number }[]>(
      'SELECT 1 AS ok FROM organisation WHERE id = $1::uuid AND type = $2::text',
      [id, type],
    );
    return !!found;
  }
}

/** A counsellor's trainees: held by their organisation now, or handed over from or to it. */
// Three branches, not `from = $2 OR to = $2`: each is then an index-only scan (OrderOutcome migration).
const SCOPED = `
  scoped AS (
    SELECT t.id FROM trainee t WHERE t.organisation_id = $2::uuid
    UNION
    SELECT h.trainee_id FROM handover h WHERE h.from_organisation_id = $2::uuid
    UNION
    SELECT h.trainee_id FROM handover h WHERE h.to_organisation_id = $2::uuid
  )`;

/** An order (alias `o`) opened, on a China day in the funnel's window ($3 to $4, either open-ended). */
function openedInWindow(o: string): string {
  const day = `(${o}.opened_at AT TIME ZONE 'Asia/Shanghai')::date`;
  return `${o}.opened_at IS NOT NULL AND ($3::date IS NULL OR ${day} >= $3::date) AND ($4::date IS NULL OR ${day} <= $4::date)`;
}

function funnelParams(f: FunnelFilter): unknown[] {
  return [f.asOf, f.scopeOrganisationId, f.from, f.to];
}
