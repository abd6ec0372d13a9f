import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Weights } from './matching.entities';

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
  total: number;
}

/**
 * Facts per trainee × order. Certificates, courses, diplomas and placements are joined as small
 * pre-filtered aggregates (hash joins), narrowed by the side that is fixed: `$1` is the order when
 * ranking trainees, the trainee when ranking orders. Correlated sub-selects per row were 10× slower
 * at 100,000 trainees (see bench/README.md).
 */
function facts(fixed: 'order' | 'trainee', trainees = 'trainee'): string {
  const byOrder = fixed === 'order';
  const occ = `(SELECT occupation_code FROM job_order WHERE id = $1::uuid)`;
  return `SELECT t.id AS trainee_id, t.full_name, org.name AS organisation_name, hd.name AS home_division_name, t.state,
    t.expected_release_on::text AS expected_release_on, t.released_on::text AS released_on,
    o.id AS order_id, o.title AS order_title, e.name AS employer_name, oc.name AS occupation_name, od.name AS order_division_name,
    o.required_level, o.diploma_wanted, o.board_and_lodging, o.wage_min, o.wage_max, o.start_date::text AS start_date,
    cert.lvl AS cert_level, tr.trainee_id IS NOT NULL AS in_training, ocl.trainee_id IS NOT NULL AS order_class,
    dp.trainee_id IS NOT NULL AS has_diploma,
    CASE WHEN t.home_division_code = o.division_code OR o.division_code = ANY (t.preferred_divisions) THEN 'same'
         WHEN n.neighbour_code IS NOT NULL THEN 'near'
         WHEN t.willing_to_live_on_site AND o.board_and_lodging IN ('lodging', 'both') THEN 'move'
         ELSE 'far' END AS div_rel,
    t.willing_to_live_on_site, t.wage_expectation,
    -- Industries are middle categories of the classification: a match is the order's occupation in one of them.
    CASE WHEN cardinality(t.preferred_industries) = 0 THEN '{}'::varchar[]
         ELSE ARRAY(SELECT DISTINCT io.middle_name FROM occupation io WHERE io.middle_code = ANY (t.preferred_industries)) END AS preferred_industries,
    oc.middle_code = ANY (t.preferred_industries) AS industry_match,
    r.ready, r.note AS readiness_note, pl.state AS placement_state
  FROM ${byOrder ? `job_order o CROSS JOIN ${trainees} t` : 'trainee t CROSS JOIN job_order o'}
  JOIN organisation org ON org.id = t.organisation_id JOIN division hd ON hd.code = t.home_division_code
  JOIN organisation e ON e.id = o.employer_id JOIN occupation oc ON oc.code = o.occupation_code JOIN division od ON od.code = o.division_code
  LEFT JOIN trainee_readiness r ON r.trainee_id = t.id
  LEFT JOIN (SELECT trainee_id, occupation_code, min(level) AS lvl FROM certificate
              WHERE ${byOrder ? `occupation_code = ${occ}` : 'trainee_id = $1::uuid'} GROUP BY 1, 2) cert
    ON cert.trainee_id = t.id AND cert.occupation_code = o.occupation_code
  LEFT JOIN (SELECT DISTINCT se.trainee_id, co.occupation_code FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
              JOIN course co ON co.id = cs.course_id
              WHERE se.state = 'enrolled' AND ${byOrder ? `co.occupation_code = ${occ}` : 'se.trainee_id = $1::uuid'}) tr
    ON tr.trainee_id = t.id AND tr.occupation_code = o.occupation_code
  LEFT JOIN (SELECT DISTINCT se.trainee_id, cs.order_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
              WHERE se.state IN ('enrolled', 'passed') AND ${byOrder ? 'cs.order_id = $1::uuid' : 'se.trainee_id = $1::uuid AND cs.order_id IS NOT NULL'}) ocl
    ON ocl.trainee_id = t.id AND ocl.order_id = o.id
  LEFT JOIN (SELECT DISTINCT trainee_id FROM diploma ${byOrder ? '' : 'WHERE trainee_id = $1::uuid'}) dp ON dp.trainee_id = t.id
  LEFT JOIN division_neighbour n ON n.division_code = t.home_division_code AND n.neighbour_code = o.division_code
  LEFT JOIN placement pl ON pl.order_id = o.id AND pl.trainee_id = t.id`;
}

/** Each part between 0 and 1; the score is their weighted sum ($W: the weights as jsonb). */
const PARTS = `SELECT f.*,
    CASE WHEN f.cert_level IS NULL THEN CASE WHEN f.required_level IS NULL THEN 0.3 ELSE 0 END
         WHEN f.required_level IS NULL OR f.cert_level <= f.required_level THEN 1 ELSE 0.5 END::float8 AS p_certificate,
    CASE WHEN f.order_class THEN 1 WHEN f.in_training THEN 0.8 ELSE 0 END::float8 AS p_training,
    CASE WHEN f.has_diploma THEN 1 WHEN f.diploma_wanted THEN 0 ELSE 0.5 END::float8 AS p_diploma,
    CASE f.div_rel WHEN 'same' THEN 1 WHEN 'near' THEN 0.6 WHEN 'move' THEN 0.4 ELSE 0 END::float8 AS p_division,
    CASE WHEN f.willing_to_live_on_site IS NULL THEN 0.5
         WHEN f.willing_to_live_on_site THEN CASE WHEN f.board_and_lodging IN ('lodging', 'both') THEN 1 ELSE 0.2 END
         ELSE CASE WHEN f.board_and_lodging IN ('lodging', 'both') THEN 0.8 ELSE 1 END END::float8 AS p_lodging,
    CASE WHEN f.wage_expectation IS NULL OR f.wage_max IS NULL THEN 0.5 WHEN f.wage_expectation <= f.wage_max THEN 1
         WHEN f.wage_expectation <= f.wage_max * 1.2 THEN 0.4 ELSE 0 END::float8 AS p_wage,
    CASE WHEN cardinality(f.preferred_industries) = 0 THEN 0.5 WHEN f.industry_match THEN 1 ELSE 0 END::float8 AS p_industry,
    CASE WHEN f.ready IS NULL THEN 0.5 WHEN f.ready THEN 1 ELSE 0 END::float8 AS p_readiness`;

const SCORE = `round((p_certificate * ($W->>'certificate')::float8 + p_training * ($W->>'training')::float8
    + p_diploma * ($W->>'diploma')::float8 + p_division * ($W->>'division')::float8 + p_lodging * ($W->>'lodging')::float8
    + p_wage * ($W->>'wage')::float8 + p_industry * ($W->>'industry')::float8 + p_readiness * ($W->>'readiness')::float8)::numeric, 1)`;

/**
 * Trainees who hold a certificate in the order's occupation, are in a course toward it, sit in its order
 * class ($1: the order), or whom a counsellor marked ready — everyone whose score can beat the ceiling
 * without the division.
 */
const PROMISING_OCCUPATION = `SELECT c.trainee_id FROM certificate c WHERE c.occupation_code = (SELECT occupation_code FROM job_order WHERE id = $1::uuid)
  UNION
  SELECT se.trainee_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id JOIN course co ON co.id = cs.course_id
   WHERE se.state = 'enrolled' AND co.occupation_code = (SELECT occupation_code FROM job_order WHERE id = $1::uuid)
  UNION
  SELECT se.trainee_id FROM session_enrolment se JOIN course_session cs ON cs.id = se.session_id
   WHERE se.state IN ('enrolled', 'passed') AND cs.order_id = $1::uuid
  UNION
  SELECT r.trainee_id FROM trainee_readiness r WHERE r.ready`;

/** The first tier's trainee rows, looked up by primary key (so the plan starts from the few, not from every trainee). */
const OCCUPATION_TRAINEES = `(SELECT t0.* FROM (SELECT DISTINCT trainee_id FROM promising) p JOIN trainee t0 ON t0.id = p.trainee_id)`;

/**
 * The second tier's: the first tier's, and the consenting trainees who live in or prefer the order's
 * division ($1: the order), read once through the two partial indexes (a BitmapOr).
 */
const OCCUPATION_OR_DIVISION_TRAINEES = `(${OCCUPATION_TRAINEES.slice(1, -1)}
  UNION ALL
  SELECT t1.* FROM trainee t1 WHERE t1.job_matching_consent
    AND (t1.home_division_code = (SELECT division_code FROM job_order WHERE id = $1::uuid)
         OR t1.preferred_divisions @> ARRAY[(SELECT division_code::varchar FROM job_order WHERE id = $1::uuid)])
    AND t1.id NOT IN (SELECT trainee_id FROM promising))`;

/** Who may be matched at all: consented, not closed, not working elsewhere, free by the start date. */
export const available = (t = 't', o = 'o') => `${t}.job_matching_consent AND ${t}.state <> 'closed'
  AND (${t}.state IN ('released', 'community') OR ${t}.expected_release_on <= ${o}.start_date)
  AND NOT EXISTS (SELECT 1 FROM placement h WHERE h.trainee_id = ${t}.id AND h.state = 'hired' AND h.ended_on IS NULL AND h.order_id <> ${o}.id)`;

export interface CandidateFilter {
  organisationId: string | null;
  divisionCode?: string;
  availableBy?: string;
  certificateOccupation?: string;
}

@Injectable()
export class MatchingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async currentWeights(): Promise<{ version: number; weights: Weights }> {
    const [w] = await this.dataSource.query<{ version: number; weights: Weights }[]>(
      `SELECT version, weights FROM matching_weights ORDER BY version DESC LIMIT 1`,
    );
    return w!;
  }

  /**
   * Top candidates for one order, ranked in PostgreSQL; `total` counts every candidate that qualifies.
   * Bounded, in tiers: first only the trainees who hold, train for, or sit in the order class of the
   * order's occupation are scored (a few hundred, found through indexes); if the page is not decided,
   * also those who live in or prefer the order's division. A tier decides the page when its last
   * candidate on the page scores above `ceilings[tier]`, the best anyone outside it could score
   * (ceilingOutside); then nobody else is scored. Otherwise every available trainee is.
   */
  async rankForOrder(
    order: { id: string; ceilings: [number, number] },
    weights: Weights,
    f: CandidateFilter,
    limit: number,
    offset: number,
  ): Promise<MatchRow[] & { tier?: 0 | 1 | 2 }> {
    const params: unknown[] = [order.id, JSON.stringify(weights)];
    const where = [available()];
    if (f.organisationId) where.push(`t.organisation_id = $${params.push(f.organisationId)}::uuid`);
    if (f.divisionCode) where.push(`t.home_division_code = $${params.push(f.divisionCode)}`);
    if (f.availableBy)
      where.push(`(t.state IN ('released', 'community') OR t.expected_release_on <= $${params.push(f.availableBy)}::date)`);
    if (f.certificateOccupation)
      where.push(
        `EXISTS (SELECT 1 FROM certificate cf WHERE cf.trainee_id = t.id AND cf.occupation_code = $${params.push(f.certificateOccupation)})`,
      );
    const ranked = (
      trainees: string | null,
      take: number,
      skip: number,
    ) => `WITH ${trainees ? `promising AS (${PROMISING_OCCUPATION}),` : ''}
      facts AS (${facts('order', trainees ?? 'trainee')} WHERE o.id = $1::uuid AND ${where.join(' AND ')}),
      parts AS (${PARTS} FROM facts f)
      SELECT parts.*, ${SCORE.replaceAll('$W', '$2::jsonb')} AS score
      FROM parts ORDER BY score DESC, trainee_id LIMIT ${take} OFFSET ${skip}`;
    // Counted apart: a window count would make PostgreSQL keep every wide row instead of a top-N heap.
    const countSql = `SELECT count(*)::int AS total FROM job_order o CROSS JOIN trainee t WHERE o.id = $1::uuid AND $2::jsonb IS NOT NULL AND ${where.join(' AND ')}`;
    const counted = this.dataSource.query<[{ total: number }]>(countSql, params);
    const tiers = [OCCUPATION_TRAINEES, OCCUPATION_OR_DIVISION_TRAINEES];
    let rows: MatchRow[] | null = null;
    let tier: 0 | 1 | 2 = 2;
    for (const [i, trainees] of tiers.entries()) {
      const top = await this.dataSource.query<MatchRow[]>(ranked(trainees, offset + limit, 0), params);
      const last = top[offset + limit - 1];
      if (last !== undefined && Number(last.score) > order.ceilings[i]!) {
        rows = top.slice(offset);
        tier = i as 0 | 1;
        break;
      }
    }
    rows ??= await this.dataSource.query<MatchRow[]>(ranked(null, limit, offset), params);
    const [{ total }] = await counted;
    return Object.assign(
      rows.map((r) => ({ ...r, total })),
      { tier },
    );
  }

  /** One trainee × one order, eligible or not (for "why not"), with the rank they would have. */
  async one(orderId: string, traineeId: string, weights: Weights): Promise<(MatchRow & { available: boolean }) | null> {
    const sql = `WITH facts AS (SELECT x.*, (${available('tt', 'oo')}) AS available, tt.job_matching_consent
        FROM (${facts('order')} WHERE o.id = $1::uuid AND t.id = $3::uuid) x JOIN trainee tt ON tt.id = x.trainee_id JOIN job_order oo ON oo.id = x.order_id),
      parts AS (${PARTS} FROM facts f)
      SELECT parts.*, ${SCORE.replaceAll('$W', '$2::jsonb')} AS score FROM parts`;
    const rows = await this.dataSource.query<(MatchRow & { available: boolean })[]>(sql, [orderId, JSON.stringify(weights), traineeId]);
    return rows[0] ?? null;
  }

  /** Open orders for one trainee, best first. */
  async ordersForTrainee(traineeId: string, weights: Weights, today: string, limit: number): Promise<MatchRow[]> {
    const sql = `WITH facts AS (${facts('trainee')} WHERE t.id = $1::uuid AND o.state = 'open' AND o.deadline >= $3::date),
      parts AS (${PARTS} FROM facts f)
      SELECT parts.*, ${SCORE.replaceAll('$W', '$2::jsonb')} AS score, 0 AS total
      FROM parts ORDER BY score DESC, order_id LIMIT ${limit}`;
    return this.dataSource.query<MatchRow[]>(sql, [traineeId, JSON.stringify(weights), today]);
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

  /** What a ranking shows of its order, and its state. */
  async orderHeader(
    orderId: string,
  ): Promise<{ title: string; employer_name: string; state: string; required_level: number | null } | null> {
    const [o] = await this.dataSource.query<{ title: string; employer_name: string; state: string; required_level: number | null }[]>(
      `SELECT o.title, e.name AS employer_name, o.state, o.required_level FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE o.id = $1`,
      [orderId],
    );
    return o ?? null;
  }
}
