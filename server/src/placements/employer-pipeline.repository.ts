import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Live states in which a candidate the employer has not opened yet counts as new. */
const LIVE = `('recommended', 'accepted_by_trainee', 'interview', 'offer')`;

export interface PipelineRow {
  order_id: string;
  new_candidates: number;
  interviews_today: number;
  offers_waiting: number;
}

/**
 * The employer's pipeline: counts only, over the candidates the employer may see (never a suggestion,
 * never someone who withdrew matching consent; a sealed record is hidden by the database itself).
 */
@Injectable()
export class EmployerPipelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Per order of this employer that has any candidate to count: new, interviews on `today` (China date), offers awaiting an answer. */
  pipeline(employerId: string, today: string): Promise<PipelineRow[]> {
    return this.dataSource.query<PipelineRow[]>(
      `SELECT p.order_id,
          count(*) FILTER (WHERE p.employer_seen_at IS NULL AND p.state IN ${LIVE})::int AS new_candidates,
          count(*) FILTER (WHERE p.state = 'interview' AND (p.interview_at AT TIME ZONE 'Asia/Shanghai')::date = $2::date)::int AS interviews_today,
          count(*) FILTER (WHERE p.state = 'offer')::int AS offers_waiting
        FROM placement p JOIN job_order o ON o.id = p.order_id JOIN trainee t ON t.id = p.trainee_id
        WHERE o.employer_id = $1::uuid AND p.state IN ${LIVE} AND t.job_matching_consent
        GROUP BY p.order_id ORDER BY p.order_id`,
      [employerId, today],
    );
  }

  /** The employer opened (or acted on) the candidate: it is no longer new. False when it is not theirs to see. */
  async markSeen(orderId: string, employerId: string, placementId: string, at: Date): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT p.id FROM placement p JOIN job_order o ON o.id = p.order_id JOIN trainee t ON t.id = p.trainee_id
        WHERE p.id = $1::uuid AND p.order_id = $2::uuid AND o.employer_id = $3::uuid AND p.state <> 'suggested' AND t.job_matching_consent`,
      [placementId, orderId, employerId],
    );
    if (!rows.length) return false;
    await this.dataSource.query(`UPDATE placement SET employer_seen_at = $2 WHERE id = $1::uuid AND employer_seen_at IS NULL`, [
      placementId,
      at,
    ]);
    return true;
  }

  /** The order's title and employer, for a notice to the employer's accounts. */
  async orderOf(orderId: string, m: EntityManager): Promise<{ title: string; employer_id: string } | null> {
    const rows = await m.query<{ title: string; employer_id: string }[]>(`SELECT title, employer_id FROM job_order WHERE id = $1::uuid`, [
      orderId,
    ]);
    return rows[0] ?? null;
  }
}
