import type { RecommendationReason } from '../reference/data/recommendation-reasons';
import type { PlacementScope } from '../access/policies/placements.policy';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PlacementQueryDto } from './dto/placement.dto';
import { Placement, PlacementEvent, type PlacementState } from './placement.entity';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

/** Who may list which placements: everything, one organisation's trainees, or one trainee's own. */
export type { PlacementScope };

export interface PlacementRow {
  id: string;
  order_id: string;
  order_title: string;
  employer_id: string;
  employer_name: string;
  occupation_name: string;
  order_division_name: string;
  trainee_id: string;
  trainee_name: string;
  trainee_organisation_id: string;
  trainee_user_id: string | null;
  candidate_code: string;
  state: PlacementState;
  source: Placement['source'];
  note: string | null;
  reasons: RecommendationReason[];
  interview_at: Date | null;
  interview_place: string | null;
  offered_wage: number | null;
  hired_on: string | null;
  ended_on: string | null;
  contact_shared: boolean;
  created_at: Date;
}

/** An employer's view of a candidate: only allow-listed columns are ever selected. */
export interface CandidateRow {
  placement_id: string;
  candidate_code: string;
  state: PlacementState;
  skills: { occupationCode: string; occupationName: string; level: number | null; levelName: string | null }[];
  certificates: { occupationName: string; levelName: string; issuedYear: number }[];
  diplomas: { programmeName: string; schoolName: string; graduatedYear: number }[];
  division_name: string;
  preferred_division_names: string[];
  preferred_industries: { code: string; name: string }[];
  wage_expectation: number | null;
  willing_to_live_on_site: boolean | null;
  reasons: RecommendationReason[];
  interview_at: Date | null;
  interview_place: string | null;
  offered_wage: number | null;
  hired_on: string | null;
  ended_on: string | null;
  contact_shared: boolean;
  full_name: string | null;
  phone: string | null;
  /** Not yet opened by the employer, and still in play. */
  is_new: boolean;
}

/** Accepted or later, and a live consent to share with this order's employer. */
const CONTACT_SHARED = `(p.state IN ('accepted_by_trainee', 'interview', 'offer', 'hired') AND t.job_matching_consent AND EXISTS (
  SELECT 1 FROM consent c WHERE c.trainee_id = p.trainee_id AND c.purpose = 'share_with_employer'
    AND c.employer_id = o.employer_id AND c.withdrawn_at IS NULL))`;

const COLUMNS = `p.id, p.order_id, o.title AS order_title, o.employer_id, e.name AS employer_name, oc.name AS occupation_name,
    od.name AS order_division_name, p.trainee_id, t.full_name AS trainee_name, t.organisation_id AS trainee_organisation_id,
    t.user_id AS trainee_user_id, p.candidate_code, p.state, p.source, p.note, p.reasons, p.interview_at, p.interview_place, p.offered_wage,
    p.hired_on::text AS hired_on, p.ended_on::text AS ended_on, ${CONTACT_SHARED} AS contact_shared, p.created_at`;
const FROM = `FROM placement p JOIN job_order o ON o.id = p.order_id JOIN organisation e ON e.id = o.employer_id
  JOIN occupation oc ON oc.code = o.occupation_code JOIN division od ON od.code = o.division_code
  JOIN trainee t ON t.id = p.trainee_id`;
const SELECT = `SELECT ${COLUMNS}
  ${FROM}`;

/** A placement's events as the entity names them, oldest first (the list reads them with the page). */
const EVENTS = `(SELECT coalesce(json_agg(json_build_object('id', ev.id, 'placementId', ev.placement_id, 'fromState', ev.from_state,
    'toState', ev.to_state, 'actorId', ev.actor_id, 'actorRole', ev.actor_role, 'assisted', ev.assisted, 'note', ev.note, 'at', ev.at)
    ORDER BY ev.at, ev.id), '[]'::json) FROM placement_event ev WHERE ev.placement_id = p.id)`;
type PlacementEventJson = Omit<PlacementEvent, 'at'> & { at: string };

function scopeSql(scope: PlacementScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'holder':
      return `t.organisation_id = $${params.push(scope.organisationId)}::uuid`;
    case 'trainee':
      return `t.user_id = $${params.push(scope.userId)}::uuid AND p.state <> 'suggested'`;
    case 'employer':
      // Suggestions never reach employers, and a trainee who withdrew matching consent disappears.
      return `o.employer_id = $${params.push(scope.organisationId)}::uuid AND p.state <> 'suggested' AND t.job_matching_consent`;
  }
}

@Injectable()
export class PlacementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(q: PlacementQueryDto, scope: PlacementScope): Promise<[(PlacementRow & { events: PlacementEvent[] })[], number]> {
    const params: unknown[] = [];
    const where = [scopeSql(scope, params)];
    if (q.orderId) where.push(`p.order_id = $${params.push(q.orderId)}::uuid`);
    if (q.traineeId) where.push(`p.trainee_id = $${params.push(q.traineeId)}::uuid`);
    if (q.state) where.push(`p.state = $${params.push(q.state)}`);
    // One statement (issue 17): the page, each row's events (read only for the page's rows) and the
    // exact total, which needs only the joins the scope filters on.
    const rows = await this.dataSource.query<(PlacementRow & { events: PlacementEventJson[]; page_total: number })[]>(
      pageWithTotalSql({
        select: `${COLUMNS}, ${EVENTS} AS events`,
        from: FROM,
        countFrom: 'FROM placement p JOIN job_order o ON o.id = p.order_id JOIN trainee t ON t.id = p.trainee_id',
        where,
        order: 'p.created_at DESC, p.id',
        outerOrder: 'page.created_at DESC, page.id',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    const [items, total] = pageRows(rows, 'id');
    return [items.map((r) => ({ ...r, events: r.events.map((e) => ({ ...e, at: new Date(e.at) })) })), total];
  }

  async findRow(id: string, scope: PlacementScope, m?: EntityManager): Promise<PlacementRow | null> {
    const params: unknown[] = [id];
    const rows = await (m ?? this.dataSource.manager).query<PlacementRow[]>(
      `${SELECT} WHERE p.id = $1::uuid AND ${scopeSql(scope, params)}`,
      params,
    );
    return rows[0] ?? null;
  }

  findForUpdate(id: string, m: EntityManager): Promise<Placement | null> {
    return m.getRepository(Placement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  events(placementIds: string[]): Promise<PlacementEvent[]> {
    if (!placementIds.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(PlacementEvent)
      .createQueryBuilder('ev')
      .where('ev.placement_id IN (:...ids)', { ids: placementIds })
      .orderBy('ev.at')
      .addOrderBy('ev.id')
      .getMany();
  }

  async insert(data: Partial<Placement>, m: EntityManager): Promise<Placement> {
    const repo = m.getRepository(Placement);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<Placement>, m: EntityManager): Promise<void> {
    await m.getRepository(Placement).update({ id }, { ...patch, updatedAt: () => 'now()' });
  }

  /** Withdraws a person's placements still in progress (not hired, not ended); returns them with their former state. */
  async withdrawOpen(m: EntityManager, traineeId: string): Promise<{ id: string; from_state: string }[]> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [rows] = await m.query<[{ id: string; from_state: string }[], number]>(
      `UPDATE placement p SET state = 'withdrawn' FROM placement old
        WHERE old.id = p.id AND p.trainee_id = $1 AND p.state IN ('suggested', 'recommended', 'accepted_by_trainee', 'interview', 'offer')
        RETURNING p.id, old.state AS from_state`,
      [traineeId],
    );
    return rows;
  }

  async recordEvent(e: Partial<PlacementEvent>, m: EntityManager): Promise<void> {
    await m.getRepository(PlacementEvent).insert(e);
  }

  codeTaken(code: string, m: EntityManager): Promise<boolean> {
    return m.getRepository(Placement).existsBy({ candidateCode: code });
  }

  /**
   * Takes one of the order's places: a conditional update, so a hundred simultaneous hires into a
   * headcount of five raise the count five times; the order becomes `filled` with the last place.
   */
  async takePlace(orderId: string, m: EntityManager): Promise<boolean> {
    const [rows] = await m.query<[{ id: string }[], number]>(
      `UPDATE job_order SET hired_count = hired_count + 1,
         state = CASE WHEN hired_count + 1 = headcount THEN 'filled' ELSE state END,
         closed_at = CASE WHEN hired_count + 1 = headcount THEN now() ELSE closed_at END
       WHERE id = $1 AND state = 'open' AND hired_count < headcount RETURNING id`,
      [orderId],
    );
    return rows.length === 1;
  }

  /** Locks the trainee so two hires of one person are decided one after the other. */
  async lockTrainee(traineeId: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM trainee WHERE id = $1 FOR UPDATE`, [traineeId]);
  }

  async liveHire(traineeId: string, m: EntityManager): Promise<{ order_title: string; employer_name: string } | null> {
    const rows = await m.query<{ order_title: string; employer_name: string }[]>(
      `SELECT o.title AS order_title, e.name AS employer_name FROM placement p JOIN job_order o ON o.id = p.order_id
         JOIN organisation e ON e.id = o.employer_id WHERE p.trainee_id = $1 AND p.state = 'hired' AND p.ended_on IS NULL`,
      [traineeId],
    );
    return rows[0] ?? null;
  }

  /** The employer's candidates for one order, allow-listed column by column. */
  async candidates(orderId: string, employerId: string, placementId?: string): Promise<CandidateRow[]> {
    const params: unknown[] = [orderId, employerId];
    const one = placementId ? `AND p.id = $${params.push(placementId)}::uuid` : '';
    return this.dataSource.query<CandidateRow[]>(
      `SELECT p.id AS placement_id, p.candidate_code, p.state,
          COALESCE((SELECT json_agg(json_build_object('occupationCode', so.code, 'occupationName', so.name,
                       'level', (sk->>'level')::int, 'levelName', ssl.name || '/' || ssl.title) ORDER BY so.code)
                    FROM jsonb_array_elements(t.skills) sk JOIN occupation so ON so.code = sk->>'occupationCode'
                    LEFT JOIN skill_level ssl ON ssl.level = (sk->>'level')::int), '[]') AS skills,
          COALESCE((SELECT json_agg(json_build_object('occupationName', coc.name, 'levelName', sl.name || '/' || sl.title,
                       'issuedYear', extract(year FROM c.issued_on)::int) ORDER BY c.level, coc.name)
                    FROM certificate c JOIN occupation coc ON coc.code = c.occupation_code JOIN skill_level sl ON sl.level = c.level
                    WHERE c.trainee_id = t.id), '[]') AS certificates,
          COALESCE((SELECT json_agg(json_build_object('programmeName', pr.name, 'schoolName', sch.name,
                       'graduatedYear', extract(year FROM dp.graduated_on)::int))
                    FROM diploma dp JOIN programme pr ON pr.id = dp.programme_id JOIN organisation sch ON sch.id = pr.school_id
                    WHERE dp.trainee_id = t.id), '[]') AS diplomas,
          hd.name AS division_name,
          COALESCE((SELECT array_agg(pd.name ORDER BY pd.code) FROM division pd WHERE pd.code = ANY (t.preferred_divisions)), '{}') AS preferred_division_names,
          COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('code', io.middle_code, 'name', io.middle_name))
                    FROM occupation io WHERE io.middle_code = ANY (t.preferred_industries)), '[]') AS preferred_industries,
          t.wage_expectation, t.willing_to_live_on_site, p.reasons, p.interview_at, p.interview_place,
          p.offered_wage, p.hired_on::text AS hired_on, p.ended_on::text AS ended_on, ${CONTACT_SHARED} AS contact_shared,
          CASE WHEN ${CONTACT_SHARED} THEN t.full_name END AS full_name,
          CASE WHEN ${CONTACT_SHARED} THEN t.phone END AS phone,
          (p.employer_seen_at IS NULL AND p.state IN ('recommended', 'accepted_by_trainee', 'interview', 'offer')) AS is_new
        FROM placement p JOIN job_order o ON o.id = p.order_id JOIN trainee t ON t.id = p.trainee_id
        JOIN division hd ON hd.code = t.home_division_code
        WHERE p.order_id = $1::uuid AND o.employer_id = $2::uuid AND p.state <> 'suggested' AND t.job_matching_consent ${one}
        ORDER BY CASE p.state WHEN 'hired' THEN 0 WHEN 'offer' THEN 1 WHEN 'interview' THEN 2 WHEN 'accepted_by_trainee' THEN 3
          WHEN 'recommended' THEN 4 ELSE 5 END, p.created_at, p.id`,
      params,
    );
  }

  async fulfilment(orderId: string, today: string): Promise<Record<string, number>> {
    const [r] = await this.dataSource.query<Record<string, number>[]>(
      `SELECT o.headcount, o.hired_count AS hired,
          count(*) FILTER (WHERE p.state IN ('recommended', 'accepted_by_trainee', 'interview', 'offer', 'hired'))::int AS recommended,
          count(*) FILTER (WHERE p.state IN ('accepted_by_trainee', 'interview', 'offer', 'hired'))::int AS accepted,
          count(*) FILTER (WHERE p.state = 'interview')::int AS interviewing,
          count(*) FILTER (WHERE p.state = 'offer')::int AS offered,
          count(*) FILTER (WHERE p.state = 'hired' AND p.ended_on IS NULL)::int AS still_employed,
          count(*) FILTER (WHERE p.state = 'hired' AND p.hired_on + 90 <= $2::date)::int AS hired_3,
          count(*) FILTER (WHERE p.state = 'hired' AND p.hired_on + 90 <= $2::date AND (p.ended_on IS NULL OR p.ended_on >= p.hired_on + 90))::int AS still_3,
          count(*) FILTER (WHERE p.state = 'hired' AND p.hired_on + 180 <= $2::date)::int AS hired_6,
          count(*) FILTER (WHERE p.state = 'hired' AND p.hired_on + 180 <= $2::date AND (p.ended_on IS NULL OR p.ended_on >= p.hired_on + 180))::int AS still_6
        FROM job_order o LEFT JOIN placement p ON p.order_id = o.id WHERE o.id = $1::uuid GROUP BY o.id`,
      [orderId, today],
    );
    return r ?? {};
  }

  /** A 订单班 trainee becomes one of the order's first candidates (a suggestion only counsellors see). */
  async suggest(orderId: string, traineeId: string, code: string, m: EntityManager): Promise<string | null> {
    const [rows] = await m.query<[{ id: string }[], number]>(
      `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source)
       SELECT $1, $2, 'suggested', $3, 'order_class' FROM job_order o WHERE o.id = $1 AND o.state = 'open'
       ON CONFLICT (order_id, trainee_id) DO NOTHING RETURNING id`,
      [orderId, traineeId, code],
    );
    return rows[0]?.id ?? null;
  }

  /** The placement of this trainee on this order, if any, locked for the change. */
  async lockOnOrder(orderId: string, traineeId: string, m: EntityManager): Promise<{ id: string; state: PlacementState } | null> {
    const rows = await m.query<{ id: string; state: PlacementState }[]>(
      `SELECT id, state FROM placement WHERE order_id = $1 AND trainee_id = $2 FOR UPDATE`,
      [orderId, traineeId],
    );
    return rows[0] ?? null;
  }
}
