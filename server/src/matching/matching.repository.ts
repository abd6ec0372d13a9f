import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
 * Facts per trainee × order. Every sub-select is an index lookup (certificate by trainee, enrolment
 * by trainee, diploma by trainee, neighbour by primary key), so the cost grows with the trainees
 * considered, never with the whole history.
 */
const FACTS = `SELECT t.id AS trainee_id, t.full_name, org.name AS organisation_name, hd.name AS home_division_name, t.state,
    t.expected_release_on::text AS expected_release_on, t.released_on::text AS released_on,
    o.id AS order_id, o.title AS order_title, e.name AS employer_name, oc.name AS occupation_name, od.name AS order_division_name,
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
    t.willing_to_live_on_site, t.wage_expectation, t.preferred_industries,
    EXISTS (SELECT 1 FROM unnest(t.preferred_industries) pi
             WHERE length(pi) > 1 AND (oc.middle_name LIKE '%' || pi || '%' OR oc.minor_name LIKE '%' || pi || '%' OR oc.name LIKE '%' || pi || '%')) AS industry_match,
    r.ready, r.note AS readiness_note,
    (SELECT p.state FROM placement p WHERE p.trainee_id = t.id AND p.order_id = o.id) AS placement_state`;

const JOINS = `JOIN organisation org ON org.id = t.organisation_id JOIN division hd ON hd.code = t.home_division_code
  JOIN organisation e ON e.id = o.employer_id JOIN occupation oc ON oc.code = o.occupation_code JOIN division od ON od.code = o.division_code
  LEFT JOIN trainee_readiness r ON r.trainee_id = t.id`;

/** Each part between 0 and 1; the score is their weighted sum ($W: the weights as jsonb). */
const PARTS = `SELECT f.*,
    CASE WHEN f.cert_level IS NULL THEN CASE WHEN f.required_level IS NULL THEN 0.3 ELSE 0 END
         WHEN f.required_level IS NULL OR f.cert_level <= f.required_level THEN 1 ELSE 0.5 END AS p_certificate,
    CASE WHEN f.order_class THEN 1 WHEN f.in_training THEN 0.8 ELSE 0 END AS p_training,
    CASE WHEN f.has_diploma THEN 1 WHEN f.diploma_wanted THEN 0 ELSE 0.5 END AS p_diploma,
    CASE f.div_rel WHEN 'same' THEN 1 WHEN 'near' THEN 0.6 WHEN 'move' THEN 0.4 ELSE 0 END AS p_division,
    CASE WHEN f.willing_to_live_on_site IS NULL THEN 0.5
         WHEN f.willing_to_live_on_site THEN CASE WHEN f.board_and_lodging IN ('lodging', 'both') THEN 1 ELSE 0.2 END
         ELSE CASE WHEN f.board_and_lodging IN ('lodging', 'both') THEN 0.8 ELSE 1 END END AS p_lodging,
    CASE WHEN f.wage_expectation IS NULL OR f.wage_max IS NULL THEN 0.5 WHEN f.wage_expectation <= f.wage_max THEN 1
         WHEN f.wage_expectation <= f.wage_max * 1.2 THEN 0.4 ELSE 0 END AS p_wage,
    CASE WHEN cardinality(f.preferred_industries) = 0 THEN 0.5 WHEN f.industry_match THEN 1 ELSE 0 END AS p_industry,
    CASE WHEN f.ready IS NULL THEN 0.5 WHEN f.ready THEN 1 ELSE 0 END AS p_readiness`;

const SCORE = `round((p_certificate * ($W->>'certificate')::numeric + p_training * ($W->>'training')::numeric
    + p_diploma * ($W->>'diploma')::numeric + p_division * ($W->>'division')::numeric + p_lodging * ($W->>'lodging')::numeric
    + p_wage * ($W->>'wage')::numeric + p_industry * ($W->>'industry')::numeric + p_readiness * ($W->>'readiness')::numeric), 1)`;

/** Who may be matched at all: consented, not closed, not working elsewhere, free by the start date. */
export const AVAILABLE = `t.job_matching_consent AND t.state <> 'closed'
  AND (t.state IN ('released', 'community') OR t.expected_release_on <= o.start_date)
  AND NOT EXISTS (SELECT 1 FROM placement h WHERE h.trainee_id = t.id AND h.state = 'hired' AND h.ended_on IS NULL AND h.order_id <> o.id)`;

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

  /** Top candidates for one order, ranked in PostgreSQL; `total` counts every candidate that qualifies. */
  async rankForOrder(orderId: string, weights: Weights, f: CandidateFilter, limit: number, offset: number): Promise<MatchRow[]> {
    const params: unknown[] = [orderId, JSON.stringify(weights)];
    const where = [AVAILABLE];
    if (f.organisationId) where.push(`t.organisation_id = $${params.push(f.organisationId)}::uuid`);
    if (f.divisionCode) where.push(`t.home_division_code = $${params.push(f.divisionCode)}`);
    if (f.availableBy)
      where.push(`(t.state IN ('released', 'community') OR t.expected_release_on <= $${params.push(f.availableBy)}::date)`);
    if (f.certificateOccupation)
      where.push(
        `EXISTS (SELECT 1 FROM certificate cf WHERE cf.trainee_id = t.id AND cf.occupation_code = $${params.push(f.certificateOccupation)})`,
      );
    const sql = `WITH facts AS (${FACTS} FROM job_order o CROSS JOIN trainee t ${JOINS} WHERE o.id = $1::uuid AND ${where.join(' AND ')}),
      parts AS (${PARTS} FROM facts f)
      SELECT parts.*, ${SCORE.replaceAll('$W', '$2::jsonb')} AS score, count(*) OVER ()::int AS total
      FROM parts ORDER BY score DESC, trainee_id LIMIT ${limit} OFFSET ${offset}`;
    return this.dataSource.query<MatchRow[]>(sql, params);
  }

  /** One trainee × one order, eligible or not (for "why not"), with the rank they would have. */
  async one(orderId: string, traineeId: string, weights: Weights): Promise<(MatchRow & { available: boolean }) | null> {
    const sql = `WITH facts AS (${FACTS}, (${AVAILABLE}) AS available, t.job_matching_consent
        FROM job_order o CROSS JOIN trainee t ${JOINS} WHERE o.id = $1::uuid AND t.id = $3::uuid),
      parts AS (${PARTS} FROM facts f)
      SELECT parts.*, ${SCORE.replaceAll('$W', '$2::jsonb')} AS score FROM parts`;
    const rows = await this.dataSource.query<(MatchRow & { available: boolean })[]>(sql, [orderId, JSON.stringify(weights), traineeId]);
    return rows[0] ?? null;
  }

  /** Open orders for one trainee, best first. */
  async ordersForTrainee(traineeId: string, weights: Weights, today: string, limit: number): Promise<MatchRow[]> {
    const sql = `WITH facts AS (${FACTS} FROM trainee t CROSS JOIN job_order o ${JOINS}
        WHERE t.id = $1::uuid AND o.state = 'open' AND o.deadline >= $3::date),
      parts AS (${PARTS} FROM facts f)
      SELECT parts.*, ${SCORE.replaceAll('$W', '$2::jsonb')} AS score, count(*) OVER ()::int AS total
      FROM parts ORDER BY score DESC, order_id LIMIT ${limit}`;
    return this.dataSource.query<MatchRow[]>(sql, [traineeId, JSON.stringify(weights), today]);
  }

  async logRanking(entry: { orderId: string | null; traineeId: string | null; version: number; by: string; count: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO matching_ranking (order_id, trainee_id, weights_version, requested_by, result_count) VALUES ($1, $2, $3, $4, $5)`,
      [entry.orderId, entry.traineeId, entry.version, entry.by, entry.count],
    );
  }
}
