import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { COUNT_CAP } from '../common/dto/page.dto';
import { SCORE_PARTS, type ScorePart, type Weights } from './matching.entities';

/** The facts one score is made of, for one trainee × one order (all computed in PostgreSQL). */
export interface MatchRow {
  trainee_id: string;
  full_name: string;
  organisation_name: string;
  home_division_name: string;
  state: string;
  expected_release_on: string;
  released_on: string | null;
  order_id: string;
  order_title: string;
  employer_name: string;
  occupation_name: string;
  order_division_name: string;
  required_level: number | null;
  diploma_wanted: boolean;
  board_and_lodging: string;
  wage_min: number | null;
  wage_max: number | null;
  start_date: string;
  cert_level: number | null;
  in_training: boolean;
  order_class: boolean;
  has_diploma: boolean;
  div_rel: 'same' | 'near' | 'move' | 'far';
  willing_to_live_on_site: boolean | null;
  wage_expectation: number | null;
  preferred_industries: string[];
  industry_known: boolean;
  industry_match: boolean;
  ready: boolean | null;
  readiness_note: string | null;
  placement_state: string | null;
  p_certificate: string;
  p_training: string;
  p_diploma: string;
  p_division: string;
  p_lodging: string;
  p_wage: string;
  p_industry: string;
  p_readiness: string;
  score: string;
}

/** What ranking candidates needs of the order: read once, then passed to every tier as parameters. */
export interface OrderFacts {
  id: string;
  title: string;
  employer_name: string;
  state: string;
  occupation_code: string;
  /** The order's occupation's middle category (what a trainee's preferred industries name). */
  middle_code: string;
  division_code: string;
  /** Divisions whose trainees live "near" the order: home codes paired with the order's division. */
  neighbours: string[];
  required_level: number | null;
  diploma_wanted: boolean;
  board_and_lodging: string;
  wage_max: number | null;
  start_date: string;
}

/** What ranking orders needs of the trainee: read once, then passed to every tier as parameters. */
export interface TraineeFacts {
  id: string;
  home_division_code: string;
  preferred_divisions: string[];
  /** Divisions "near" home: neighbour codes paired with the home division. */
  neighbours: string[];
  willing_to_live_on_site: boolean | null;
  wage_expectation: number | null;
  preferred_industries: string[];
  industry_known: boolean;
  has_diploma: boolean;
  ready: boolean | null;
  /** Best (lowest) certificate level per occupation held. */
  cert_occupations: string[];
  cert_levels: number[];
  /** Occupations of the courses the trainee is enrolled in now. */
  training_occupations: string[];
  /** Orders whose 订单班 the trainee is enrolled in or passed. */
  class_orders: string[];
}

/** One ranked page: the rows, the tier that decided it (2: everyone scored), and the capped count. */
export interface Ranking {
  rows: MatchRow[];
  tier: 0 | 1 | 2;
  total: number;
  totalCapped: boolean;
}

/** Middle categories that exist: a preference naming none of them counts as no preference. */
const ALL_MIDDLES = `(SELECT array_agg(DISTINCT middle_code) FROM occupation)`;

/**
 * Each part between 0 and 1; the score is their weighted sum (`score`). The ranking (narrow facts, every
 * candidate of a tier) and the page's details (every fact, a page of rows) both run these same
 * expressions, so a shown score is the ranked score. Each CASE's first constant is a float8 and the rest
 * take that type when the statement is planned: as numerics cast at the end, each of 10,000 open orders
 * paid eight numeric-to-float conversions, a sixth of scoring them all. The wage's `* 1.2` stays numeric,
 * so its boundary is exact.
 */
const PARTS = `SELECT f.*,
    CASE WHEN f.cert_level IS NULL THEN CASE WHEN f.required_level IS NULL THEN 0.3::float8 ELSE 0 END
         WHEN f.required_level IS NULL OR f.cert_level <= f.required_level THEN 1::float8 ELSE 0.5 END AS p_certificate,
    CASE WHEN f.order_class THEN 1::float8 WHEN f.in_training THEN 0.8 ELSE 0 END AS p_training,
    CASE WHEN f.has_diploma THEN 1::float8 WHEN f.diploma_wanted THEN 0 ELSE 0.5 END AS p_diploma,
    CASE f.div_rel WHEN 'same' THEN 1::float8 WHEN 'near' THEN 0.6 WHEN 'move' THEN 0.4 ELSE 0 END AS p_division,
    CASE WHEN f.willing_to_live_on_site IS NULL THEN 0.5::float8
         WHEN f.willing_to_live_on_site THEN CASE WHEN f.board_and_lodging IN ('lodging', 'both') THEN 1::float8 ELSE 0.2 END
         ELSE CASE WHEN f.board_and_lodging IN ('lodging', 'both') THEN 0.8::float8 ELSE 1 END END AS p_lodging,
    CASE WHEN f.wage_expectation IS NULL OR f.wage_max IS NULL THEN 0.5::float8 WHEN f.wage_expectation <= f.wage_max THEN 1
         WHEN f.wage_expectation <= f.wage_max * 1.2 THEN 0.4 ELSE 0 END AS p_wage,
    CASE WHEN NOT f.industry_known THEN 0.5::float8 WHEN f.industry_match THEN 1 ELSE 0 END AS p_industry,
    CASE WHEN f.ready IS NULL THEN 0.5::float8 WHEN f.ready THEN 1 ELSE 0 END AS p_readiness`;

/** The weighted sum, rounded as shown; `w`: each weight as a float8 parameter (cheaper per row than jsonb). */
const score = (w: Record<ScorePart, string>) =>
  `round((p_certificate * ${w.certificate} + p_training * ${w.training} + p_diploma * ${w.diploma} + p_division * ${w.division}
    + p_lodging * ${w.lodging} + p_wage * ${w.wage} + p_industry * ${w.industry} + p_readiness * ${w.readiness})::numeric, 1)`;

/** Parameters numbered as they are added. */
class Params {
  readonly values: unknown[];
  constructor(values: unknown[] = []) {
    this.values = values;
  }
  add(value: unknown, cast: string): string {
    return `$${this.values.push(value)}::${cast}`;
  }
  weights(weights: Weights): Record<ScorePart, string> {
    return Object.fromEntries(SCORE_PARTS.map((k) => [k, this.add(weights[k], 'float8')])) as Record<ScorePart, string>;
  }
}

/**
 * An order this person may not take (`o`: the order): its occupation is covered by one of their legal job
 * limits (the prefix itself or a code under it, as `prefixCovers`; prefixes hold only digits and dashes)
 * and it starts before the limit ends. Written out as plain conditions, those without an end in one
 * `LIKE ANY`: as a subquery over `unnest()` it was evaluated once per open order, a third of scoring them all.
 */
function limitedOrder(p: Params, limits: { prefix: string; until: string | null }[]): string {
  const covers = (prefixes: string[]) =>
    `o.occupation_code LIKE ANY (${p.add(
      prefixes.flatMap((x) => [x, `${x}-%`]),
      'varchar[]',
    )})`;
  const lasting = limits.filter((l) => l.until === null).map((l) => l.prefix);
  const ending = limits.filter((l) => l.until !== null);
  const terms = [
    ...(lasting.length ? [covers(lasting)] : []),
    ...ending.map((l) => `(${covers([l.prefix])} AND o.start_date < ${p.add(l.until, 'date')})`),
  ];
  // coalesce: a comparison with a NULL leaves the order in, as the subquery did.
  return terms.length ? `coalesce(${terms.join(' OR ')}, false)` : 'false';
}

/**
 * Every fact of a page of trainee × order pairs ($1, $2: the pairs' ids, in rank order), with what
 * the explanation shows (names, notes, the placement). Sub-selects per row: for a page of ≤ 100 rows
 * they are cheaper to plan than joins of aggregates, and the plan stays the same at any table size.
 */
const PAGE_FACTS = `SELECT p.n, t.id AS trainee_id, t.full_name,
    (SELECT name FROM organisation WHERE id = t.organisation_id) AS organisation_name,
    (SELECT name FROM division WHERE code = t.home_division_code) AS home_division_name, t.state,
    t.expected_release_on::text AS expected_release_on, t.released_on::text AS released_on,
    o.id AS order_id, o.title AS order_title, (SELECT name FROM organisation WHERE id = o.employer_id) AS employer_name,
    oc.name AS occupation_name, (SELECT name FROM division WHERE code = o.division_code) AS order_division_name,
    o.required_level, o.diploma_wanted, o.board_and_lodging, o.wage_min, o.wage_max, o.start_date::text AS start_date,
    (SELECT min(c.level) FROM certificate c WHERE c.trainee_id = t.id AND c.occupation_code = o.occupation_code) AS cert_level,
    EXISTS (SELECT 1 FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id JOIN course co ON co.id = cs.course_id
             WHERE se.trainee_id = t.id AND se.state = 'enrolled' AND co.occupation_code = o.occupation_code) AS in_training,
    EXISTS (SELECT 1 FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
             WHERE se.trainee_id = t.id AND se.state IN ('enrolled', 'passed') AND cs.order_id = o.id) AS order_class,
    EXISTS (SELECT 1 FROM diploma d WHERE d.trainee_id = t.id) AS has_diploma,
    CASE WHEN t.home_division_code = o.division_code OR o.division_code = ANY (t.preferred_divisions) THEN 'same'
         WHEN EXISTS (SELECT 1 FROM division_neighbour n WHERE n.division_code = t.home_division_code AND n.neighbour_code = o.division_code) THEN 'near'
         WHEN t.willing_to_live_on_site AND o.board_and_lodging IN ('lodging', 'both') THEN 'move'
         ELSE 'far' END AS div_rel,
    t.willing_to_live_on_site, t.wage_expectation,
    -- Industries are middle categories of the classification: a match is the order's occupation in one of them.
    ARRAY(SELECT DISTINCT io.middle_name FROM occupation io WHERE io.middle_code = ANY (t.preferred_industries)) AS preferred_industries,
    t.preferred_industries && ${ALL_MIDDLES} AS industry_known,
    oc.middle_code = ANY (t.preferred_industries) AS industry_match,
    r.ready, r.note AS readiness_note,
    (SELECT pl.state FROM placement pl WHERE pl.order_id = o.id AND pl.trainee_id = t.id) AS placement_state`;
const PAGE_FROM = `FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS p (trainee_id, order_id, n)
  JOIN trainee t ON t.id = p.trainee_id JOIN job_order o ON o.id = p.order_id JOIN occupation oc ON oc.code = o.occupation_code
  LEFT JOIN trainee_readiness r ON r.trainee_id = t.id`;

/**
 * The legal job limits (issue 13) as conditions on the trainee: nobody when the occupation is barred; a
 * waiting period counted from the release (the expected one while still inside) to the order's start
 * date; not while in the facility or under community rehabilitation when a rule says so. A person left
 * out here is simply not a candidate: no answer says why (the counsellor's why-not does).
 * Mirrors `evaluate` in job-limits.rules.ts.
 */
function legallyOpen(t: string, limits: CandidateFilter['limits'], p: Params, startDate: string): string[] {
  const out: string[] = [];
  if (limits.barred) out.push('FALSE');
  if (limits.waitingYears !== null) {
    const freeOn = `CASE WHEN ${t}.state IN ('admitted', 'pre_release') OR ${t}.released_on IS NULL THEN ${t}.expected_release_on ELSE ${t}.released_on END`;
    // Free + N years <= start, written as free <= start - N years: the indexed day against a constant
    // (idx_trainee_matching_free_on), and exactly `addYears`, which takes 29 February to 1 March
    // (free + interval would take it to 28 February: a day short).
    out.push(`${freeOn} <= (${p.add(startDate, 'date')} - make_interval(years => ${p.add(limits.waitingYears, 'int')}))::date`);
  }
  if (limits.duringSupervision) out.push(`${t}.state NOT IN ('admitted', 'pre_release', 'community')`);
  return out;
}

/**
 * The trainee columns a tier's set carries: what `available`, the filters, the job limits and the facts
 * read, and what matching_trainees_in_division returns (MatchingUnderRowSecurity), in its order.
 */
const TIER_COLUMNS = (t: string) =>
  `${t}.id, ${t}.organisation_id, ${t}.state, ${t}.expected_release_on, ${t}.released_on, ${t}.job_matching_consent,
   ${t}.home_division_code, ${t}.preferred_divisions, ${t}.willing_to_live_on_site, ${t}.wage_expectation, ${t}.preferred_industries`;

/** Who may be matched at all: consented, not closed, not working elsewhere, free by the start date. */
export const available = (t: string, orderId: string, startDate: string) => `${t}.job_matching_consent AND ${t}.state <> 'closed'
  AND (${t}.state IN ('released', 'community') OR ${t}.expected_release_on <= ${startDate})
  AND NOT EXISTS (SELECT 1 FROM placement h WHERE h.trainee_id = ${t}.id AND h.state = 'hired' AND h.ended_on IS NULL AND h.order_id <> ${orderId})`;

export interface CandidateFilter {
  organisationId: string | null;
  /** The legal job limits on the order's occupation (JobLimitsService.limitsForOccupation), applied silently. */
  limits: { barred: boolean; waitingYears: number | null; duringSupervision: boolean };
  divisionCode?: string;
  availableBy?: string;
  certificateOccupation?: string;
}

@Injectable()
export class MatchingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A statement prepared once per connection under a name taken from its text, so PostgreSQL can keep
   * its plan (after five custom plans, a generic one when it costs no more: plan_cache_mode = auto).
   * Used where the plan does not depend on the values: a page's rows by key (planning was ~5 ms of its
   * ~9) and the orders' tiers (one small table). Not for the candidates' tiers and count: their generic
   * plans ignored the occupation and division and doubled the median (measured, bench/README.md).
   */
  private async prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    // TypeORM's PostgresDriver keeps its pg Pool as `master` (typeorm does not export the driver's type).
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const name = `matching_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    return (await pool.query({ name, text: sql, values: params })).rows as T[];
  }

  async currentWeights(): Promise<{ version: number; weights: Weights }> {
    const [w] = await this.dataSource.query<{ version: number; weights: Weights }[]>(
      `SELECT version, weights FROM matching_weights ORDER BY version DESC LIMIT 1`,
    );
    return w!;
  }

  /**
   * Top candidates for one order, ranked in PostgreSQL, and how many qualify (counted up to COUNT_CAP).
   * Bounded, in tiers: first only the trainees who hold, train for, or sit in the order class of the
   * order's occupation, or were marked ready, are scored (a few hundred, found through indexes); if the
   * page is not decided, also those who live in or prefer the order's division. A tier decides the page
   * when its last candidate on the page scores above `ceilings[tier]`, the best anyone outside it could
   * score (ceilingOutside); then nobody else is scored. Otherwise every available trainee is.
   * The ranking reads only what the score needs; the page's rows are then read in full (`page`).
   */
  async rankForOrder(
    order: OrderFacts & { ceilings: [number, number] },
    weights: Weights,
    f: CandidateFilter,
    limit: number,
    offset: number,
  ): Promise<Ranking> {
    const p = new Params();
    const id = p.add(order.id, 'uuid');
    const where = [available('t', id, p.add(order.start_date, 'date'))];
    if (f.organisationId) where.push(`t.organisation_id = ${p.add(f.organisationId, 'uuid')}`);
    where.push(...legallyOpen('t', f.limits, p, order.start_date));
    if (f.divisionCode) where.push(`t.home_division_code = ${p.add(f.divisionCode, 'bpchar')}`);
    if (f.availableBy) where.push(`(t.state IN ('released', 'community') OR t.expected_release_on <= ${p.add(f.availableBy, 'date')})`);
    if (f.certificateOccupation)
      where.push(
        `EXISTS (SELECT 1 FROM certificate cf WHERE cf.trainee_id = t.id AND cf.occupation_code = ${p.add(f.certificateOccupation, 'varchar')})`,
      );
    // The count uses exactly these parameters (a statement must use every parameter it is given).
    const countParams = [...p.values];
    const occupation = p.add(order.occupation_code, 'varchar');
    const division = p.add(order.division_code, 'bpchar');
    const w = p.weights(weights);
    const lodging = p.add(order.board_and_lodging, 'varchar');
    const facts = `SELECT t.id AS trainee_id, ${p.add(order.required_level, 'int')} AS required_level,
        ${p.add(order.diploma_wanted, 'boolean')} AS diploma_wanted, ${lodging} AS board_and_lodging, ${p.add(order.wage_max, 'int')} AS wage_max,
        cert.lvl AS cert_level, tr.trainee_id IS NOT NULL AS in_training, ocl.trainee_id IS NOT NULL AS order_class,
        dp.trainee_id IS NOT NULL AS has_diploma,
        CASE WHEN t.home_division_code = ${division} OR ${division} = ANY (t.preferred_divisions) THEN 'same'
             WHEN t.home_division_code = ANY (${p.add(order.neighbours, 'bpchar[]')}) THEN 'near'
             WHEN t.willing_to_live_on_site AND ${lodging} IN ('lodging', 'both') THEN 'move'
             ELSE 'far' END AS div_rel,
        t.willing_to_live_on_site, t.wage_expectation, t.preferred_industries && ${ALL_MIDDLES} AS industry_known,
        ${p.add(order.middle_code, 'varchar')} = ANY (t.preferred_industries) AS industry_match, r.ready`;
    // Certificates, courses, the order class and diplomas as small pre-filtered aggregates (hash joins):
    // correlated sub-selects per trainee were 10× slower when everyone is scored (bench/README.md).
    const joins = `LEFT JOIN trainee_readiness r ON r.trainee_id = t.id
      LEFT JOIN (SELECT trainee_id, min(level) AS lvl FROM certificate WHERE occupation_code = ${occupation} GROUP BY 1) cert ON cert.trainee_id = t.id
      LEFT JOIN (SELECT DISTINCT se.trainee_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
                  JOIN course co ON co.id = cs.course_id WHERE se.state = 'enrolled' AND co.occupation_code = ${occupation}) tr ON tr.trainee_id = t.id
      LEFT JOIN (SELECT DISTINCT se.trainee_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
                  WHERE se.state IN ('enrolled', 'passed') AND cs.order_id = ${id}) ocl ON ocl.trainee_id = t.id
      LEFT JOIN (SELECT DISTINCT trainee_id FROM diploma) dp ON dp.trainee_id = t.id`;
    /** Trainees who can beat the ceiling without the division: certificate, course, order class, or marked ready. */
    const promising = `SELECT c.trainee_id FROM certificate c WHERE c.occupation_code = ${occupation}
      UNION SELECT se.trainee_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id JOIN course co ON co.id = cs.course_id
             WHERE se.state = 'enrolled' AND co.occupation_code = ${occupation}
      UNION SELECT se.trainee_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
             WHERE se.state IN ('enrolled', 'passed') AND cs.order_id = ${id}
      UNION SELECT r.trainee_id FROM trainee_readiness r WHERE r.ready`;
    // The first tier's rows looked up by primary key, so the plan starts from the few, not from every trainee;
    // the second adds the consenting trainees who live in or prefer the division, found through the two
    // partial indexes by matching_trainees_in_division (under row-level security `@>` cannot use its index).
    const sets = [
      `(SELECT ${TIER_COLUMNS('t0')} FROM promising p JOIN trainee t0 ON t0.id = p.trainee_id)`,
      `(SELECT ${TIER_COLUMNS('t0')} FROM promising p JOIN trainee t0 ON t0.id = p.trainee_id
        UNION ALL
        SELECT ${TIER_COLUMNS('t1')} FROM matching_trainees_in_division(${division}) t1 WHERE t1.id NOT IN (SELECT trainee_id FROM promising))`,
    ];
    const ranked = (set: string | null, take: number, skip: number) => `WITH ${set ? `promising AS (${promising}),` : ''}
      facts AS (${facts} FROM ${set ?? 'trainee'} t ${joins} WHERE ${where.join(' AND ')}),
      parts AS (${PARTS} FROM facts f)
      SELECT trainee_id, ${score(w)} AS score FROM parts ORDER BY score DESC, trainee_id LIMIT ${take} OFFSET ${skip}`;
    // Counted apart (a window count would keep every row instead of a top-N heap), in parallel, and only up
    // to COUNT_CAP: past it the count would cost more than the ranking and tell the counsellor nothing.
    const counted = this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM trainee t WHERE ${where.join(' AND ')} LIMIT ${COUNT_CAP + 1}) x`,
      countParams,
    );
    // Awaited below; until then a failure must not count as unhandled (Node would end the process) when a
    // tier fails first and the request errors out on its own.
    counted.catch(() => undefined);
    let top: { trainee_id: string; score: string }[] | null = null;
    let tier: 0 | 1 | 2 = 2;
    for (const [i, set] of sets.entries()) {
      // Fewer candidates than the page needs: no tier can decide it (its last row would be missing), so
      // everyone is scored at once. Asked only once the first tier has failed, by when the count is back.
      if (i > 0 && (await counted)[0]!.n < offset + limit) break;
      const rows = await this.dataSource.query<{ trainee_id: string; score: string }[]>(ranked(set, offset + limit, 0), p.values);
      const last = rows[offset + limit - 1];
      if (last !== undefined && Number(last.score) > order.ceilings[i]!) {
        top = rows.slice(offset);
        tier = i as 0 | 1;
        break;
      }
    }
    top ??= await this.withoutJit((m) => m.query<{ trainee_id: string; score: string }[]>(ranked(null, limit, offset), p.values));
    const [[count], rows] = await Promise.all([
      counted,
      this.page(
        top.map((r) => r.trainee_id),
        top.map(() => order.id),
        weights,
      ),
    ]);
    const n = count!.n;
    return { rows, tier, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
  }

  /** One trainee × one order, eligible or not (for "why not"). */
  async one(orderId: string, traineeId: string, weights: Weights): Promise<(MatchRow & { available: boolean }) | null> {
    const rows = await this.page(
      [traineeId],
      [orderId],
      weights,
      `, (${available('t', 'o.id', 'o.start_date')}) AS available, t.job_matching_consent`,
    );
    return (rows[0] as (MatchRow & { available: boolean }) | undefined) ?? null;
  }

  /** What ranking orders needs of one trainee (null: no such trainee). */
  async traineeFacts(traineeId: string): Promise<TraineeFacts | null> {
    const [row] = await this.dataSource.query<TraineeFacts[]>(
      `SELECT t.id, t.home_division_code, t.preferred_divisions, t.willing_to_live_on_site, t.wage_expectation, t.preferred_industries,
        t.preferred_industries && ${ALL_MIDDLES} AS industry_known,
        EXISTS (SELECT 1 FROM diploma d WHERE d.trainee_id = t.id) AS has_diploma, r.ready,
        ARRAY(SELECT n.neighbour_code FROM division_neighbour n WHERE n.division_code = t.home_division_code) AS neighbours,
        ARRAY(SELECT c.occupation_code FROM certificate c WHERE c.trainee_id = t.id GROUP BY 1 ORDER BY 1) AS cert_occupations,
        ARRAY(SELECT min(c.level) FROM certificate c WHERE c.trainee_id = t.id GROUP BY c.occupation_code ORDER BY c.occupation_code) AS cert_levels,
        ARRAY(SELECT DISTINCT co.occupation_code FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
               JOIN course co ON co.id = cs.course_id WHERE se.trainee_id = t.id AND se.state = 'enrolled') AS training_occupations,
        ARRAY(SELECT DISTINCT cs.order_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
               WHERE se.trainee_id = t.id AND se.state IN ('enrolled', 'passed') AND cs.order_id IS NOT NULL) AS class_orders
       FROM trainee t LEFT JOIN trainee_readiness r ON r.trainee_id = t.id WHERE t.id = $1`,
      [traineeId],
    );
    return row ?? null;
  }

  /**
   * Open orders for one trainee, best first. Bounded in tiers like `rankForOrder`: first only the orders
   * in an occupation the trainee holds a certificate in or trains for, or whose order class they sit in;
   * then also the orders in their home or preferred divisions; then also those in neighbouring ones.
   * A tier decides the page when its last order scores above `ceilings[tier]` (ceilingOutsideOrders);
   * otherwise (tier 3) every open order is scored.
   */
  async ordersForTrainee(
    /** `limits`: the legal job limits on this person (JobLimitsService.personLimits); limited orders are left out. */
    trainee: TraineeFacts & { ceilings: [number, number, number]; limits: { prefix: string; until: string | null }[] },
    weights: Weights,
    today: string,
    limit: number,
  ): Promise<{ rows: MatchRow[]; tier: 0 | 1 | 2 | 3 }> {
    const p = new Params();
    const w = p.weights(weights);
    const willing = p.add(trainee.willing_to_live_on_site, 'boolean');
    const home = p.add(trainee.home_division_code, 'bpchar');
    const preferred = p.add(trainee.preferred_divisions, 'varchar[]');
    const classOrders = p.add(trainee.class_orders, 'uuid[]');
    const neighbours = p.add(trainee.neighbours, 'bpchar[]');
    const occupations = [...new Set([...trainee.cert_occupations, ...trainee.training_occupations])];
    const facts = `SELECT o.id AS order_id, o.required_level, o.diploma_wanted, o.board_and_lodging, o.wage_max,
        (${p.add(trainee.cert_levels, 'int[]')})[array_position(${p.add(trainee.cert_occupations, 'varchar[]')}, o.occupation_code)] AS cert_level,
        o.occupation_code = ANY (${p.add(trainee.training_occupations, 'varchar[]')}) AS in_training,
        o.id = ANY (${classOrders}) AS order_class, ${p.add(trainee.has_diploma, 'boolean')} AS has_diploma,
        CASE WHEN o.division_code = ${home} OR o.division_code = ANY (${preferred}) THEN 'same'
             WHEN o.division_code = ANY (${neighbours}) THEN 'near'
             WHEN ${willing} AND o.board_and_lodging IN ('lodging', 'both') THEN 'move'
             ELSE 'far' END AS div_rel,
        ${willing} AS willing_to_live_on_site, ${p.add(trainee.wage_expectation, 'int')} AS wage_expectation,
        ${p.add(trainee.industry_known, 'boolean')} AS industry_known,
        oc.middle_code = ANY (${p.add(trainee.preferred_industries, 'varchar[]')}) AS industry_match, ${p.add(trainee.ready, 'boolean')} AS ready
      FROM job_order o JOIN occupation oc ON oc.code = o.occupation_code
      WHERE o.state = 'open' AND o.deadline >= ${p.add(today, 'date')}
        AND NOT (${limitedOrder(p, trainee.limits)})`;
    const occupationsParam = p.add(occupations, 'varchar[]');
    const inOccupation = `(o.occupation_code = ANY (${occupationsParam}) OR o.id = ANY (${classOrders}))`;
    const inDivision = `(${inOccupation} OR o.division_code = ${home} OR o.division_code = ANY (${preferred}))`;
    const tiers = [inOccupation, inDivision, `(${inDivision} OR o.division_code = ANY (${neighbours}))`];
    // Every open order; names the tiers' parameter only because a statement must use every parameter it is given.
    const everyOrder = `${occupationsParam} IS NOT NULL`;
    const ranked = (tier: string) => `WITH facts AS (${facts} AND ${tier}), parts AS (${PARTS} FROM facts f)
      SELECT order_id, ${score(w)} AS score FROM parts ORDER BY score DESC, order_id LIMIT ${limit}`;
    let top: { order_id: string; score: string }[] | null = null;
    let tier: 0 | 1 | 2 | 3 = 3;
    for (const [i, cond] of tiers.entries()) {
      // Nothing the trainee holds or learns: the first tier is empty, no need to ask.
      if (i === 0 && occupations.length === 0 && trainee.class_orders.length === 0) continue;
      const rows = await this.prepared<{ order_id: string; score: string }>(ranked(cond), p.values);
      const last = rows[limit - 1];
      if (last !== undefined && Number(last.score) > trainee.ceilings[i]!) {
        top = rows;
        tier = i as 0 | 1 | 2;
        break;
      }
    }
    top ??= await this.withoutJit((m) => m.query<{ order_id: string; score: string }[]>(ranked(everyOrder), p.values));
    const rows = await this.page(
      top.map(() => trainee.id),
      top.map((r) => r.order_id),
      weights,
    );
    return { rows, tier };
  }

  /** The full rows of a ranked page, in the order given. */
  private page(traineeIds: string[], orderIds: string[], weights: Weights, extra = ''): Promise<MatchRow[]> {
    if (traineeIds.length === 0) return Promise.resolve([]);
    const p = new Params([traineeIds, orderIds]);
    return this.prepared<MatchRow>(
      `WITH facts AS (${PAGE_FACTS}${extra} ${PAGE_FROM}), parts AS (${PARTS} FROM facts f)
       SELECT parts.*, ${score(p.weights(weights))} AS score FROM parts ORDER BY n`,
      p.values,
    );
  }

  /**
   * Scoring everyone: the planner's estimate for it crosses `jit_above_cost`, and compiling the
   * expressions cost more (250 ms at 100,000 trainees) than running them.
   */
  private withoutJit<T>(run: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL jit = off`);
      return run(m);
    });
  }

  async logRanking(entry: { orderId: string | null; traineeId: string | null; version: number; by: string; count: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO matching_ranking (order_id, trainee_id, weights_version, requested_by, result_count) VALUES ($1, $2, $3, $4, $5)`,
      [entry.orderId, entry.traineeId, entry.version, entry.by, entry.count],
    );
  }

  /** The latest weights, with their note and when they were set. */
  async latestWeights(): Promise<{ version: number; weights: Weights; note: string | null; created_at: Date }> {
    const [w] = await this.dataSource.query<{ version: number; weights: Weights; note: string | null; created_at: Date }[]>(
      `SELECT version, weights, note, created_at FROM matching_weights ORDER BY version DESC LIMIT 1`,
    );
    return w!;
  }

  /** Stores a new version of the weights; returns its number. */
  async addWeights(weights: Weights, note: string | null, by: string, m: EntityManager): Promise<number> {
    const [row] = await m.query<{ version: number }[]>(
      `INSERT INTO matching_weights (weights, note, created_by) VALUES ($1, $2, $3) RETURNING version`,
      [JSON.stringify(weights), note, by],
    );
    return row!.version;
  }

  /** Sets (or replaces) a trainee's readiness note; returns when it was set. */
  async setReadiness(traineeId: string, ready: boolean, note: string | null, by: string): Promise<Date> {
    const [row] = await this.dataSource.query<{ set_at: Date }[]>(
      `INSERT INTO trainee_readiness (trainee_id, ready, note, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trainee_id) DO UPDATE SET ready = EXCLUDED.ready, note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = now()
       RETURNING set_at`,
      [traineeId, ready, note, by],
    );
    return row!.set_at;
  }

  /** The trainee record of a signed-in trainee account, if any. */
  async traineeIdOfUser(userId: string): Promise<string | null> {
    const [own] = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM trainee WHERE user_id = $1`, [userId]);
    return own?.id ?? null;
  }

  /** What a ranking shows of its order, its state, and what scoring needs of it. */
  async orderFacts(orderId: string): Promise<OrderFacts | null> {
    const [o] = await this.dataSource.query<OrderFacts[]>(
      `SELECT o.id, o.title, e.name AS employer_name, o.state, o.occupation_code, oc.middle_code, o.division_code,
         ARRAY(SELECT n.division_code FROM division_neighbour n WHERE n.neighbour_code = o.division_code) AS neighbours,
         o.required_level, o.diploma_wanted, o.board_and_lodging, o.wage_max, o.start_date::text AS start_date
       FROM job_order o JOIN organisation e ON e.id = o.employer_id JOIN occupation oc ON oc.code = o.occupation_code WHERE o.id = $1`,
      [orderId],
    );
    return o ?? null;
  }
}
