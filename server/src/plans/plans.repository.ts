import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { NeedArea, NeedCode } from './need-codes';
import { NeedsAssessment, NeedsAssessmentArea, PlanAction, PlanGoal, PlanReview } from './plan.entities';

/** One assessment version with who made it (a name for staff only) and its urgent areas. */
export interface AssessmentRow {
  id: string;
  version: number;
  stage: NeedsAssessment['stage'];
  assessed_at: Date;
  assessed_by_name: string | null;
  urgent_areas: NeedArea[];
}

/** An action with the name of who did it (staff only). */
export type ActionRow = PlanAction & { doneByName: string | null };

/** A trainee's own open step due on a day, and the account to remind (see PlanRemindersScheduler). */
export interface StepDueRow {
  action_id: string;
  user_id: string;
  due_on: string;
}

/** A missing item of a trainee's latest assessment that no done action has dealt with. */
export interface OpenNeedRow {
  trainee_id: string;
  code: NeedCode;
}

type Patch<T> = Partial<Omit<T, 'id' | 'traineeId'>>;

@Injectable()
export class PlansRepository {
  constructor(
    @InjectRepository(NeedsAssessment) private readonly assessments: Repository<NeedsAssessment>,
    @InjectRepository(NeedsAssessmentArea) private readonly areas: Repository<NeedsAssessmentArea>,
    @InjectRepository(PlanGoal) private readonly goals: Repository<PlanGoal>,
    @InjectRepository(PlanAction) private readonly actions: Repository<PlanAction>,
    @InjectRepository(PlanReview) private readonly reviews: Repository<PlanReview>,
  ) {}

  // ------------------------------------------------------------ assessments

  /** Every version of a trainee's assessment, newest first. */
  versionsOf(traineeId: string, m?: EntityManager): Promise<AssessmentRow[]> {
    return (m ?? this.assessments.manager).query(
      `SELECT na.id, na.version, na.stage, na.assessed_at, u.display_name AS assessed_by_name,
              coalesce(array_agg(a.area ORDER BY a.area) FILTER (WHERE a.level = 'urgent'), '{}') AS urgent_areas
         FROM needs_assessment na
         LEFT JOIN app_user u ON u.id = na.assessed_by
         LEFT JOIN needs_assessment_area a ON a.assessment_id = na.id
        WHERE na.trainee_id = $1
        GROUP BY na.id, u.display_name
        ORDER BY na.version DESC`,
      [traineeId],
    );
  }

  areasOf(assessmentId: string, m?: EntityManager): Promise<NeedsAssessmentArea[]> {
    return (m?.getRepository(NeedsAssessmentArea) ?? this.areas).find({ where: { assessmentId }, order: { area: 'ASC' } });
  }

  /**
   * Serialises new versions of one trainee's assessment for the rest of the transaction (the unique
   * (trainee_id, version) index is the backstop), then answers the next version number.
   */
  async nextVersion(traineeId: string, m: EntityManager): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('needs_assessment'), hashtext($1))`, [traineeId]);
    const [row] = await m.query<{ next: number }[]>(
      `SELECT coalesce(max(version), 0)::int + 1 AS next FROM needs_assessment WHERE trainee_id = $1`,
      [traineeId],
    );
    return row!.next;
  }

  async insertAssessment(row: Pick<NeedsAssessment, 'traineeId' | 'version' | 'stage' | 'assessedBy'>, m: EntityManager): Promise<string> {
    const res = await m.getRepository(NeedsAssessment).insert(row);
    return (res.identifiers[0] as { id: string }).id;
  }

  async insertAreas(rows: NeedsAssessmentArea[], m: EntityManager): Promise<void> {
    if (rows.length) await m.getRepository(NeedsAssessmentArea).insert(rows);
  }

  // ------------------------------------------------------------ goals

  goalsOf(traineeId: string, m?: EntityManager): Promise<PlanGoal[]> {
    return (m?.getRepository(PlanGoal) ?? this.goals).find({ where: { traineeId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findGoal(traineeId: string, id: string, m?: EntityManager): Promise<PlanGoal | null> {
    return (m?.getRepository(PlanGoal) ?? this.goals).findOneBy({ traineeId, id });
  }

  /** Inserts one goal; null when it is a motto goal the trainee already has. */
  async insertGoal(row: Pick<PlanGoal, 'traineeId' | 'kind' | 'title' | 'targetOn'>, m: EntityManager): Promise<string | null> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO plan_goal (trainee_id, kind, title, target_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trainee_id, kind) WHERE kind <> 'own' DO NOTHING RETURNING id`,
      [row.traineeId, row.kind, row.title, row.targetOn],
    );
    return rows[0]?.id ?? null;
  }

  async updateGoal(id: string, patch: Patch<PlanGoal>, m: EntityManager): Promise<void> {
    await m.getRepository(PlanGoal).update({ id }, patch);
  }

  // ------------------------------------------------------------ actions

  actionsOf(traineeId: string, m?: EntityManager): Promise<ActionRow[]> {
    return this.actionsWhere('pa.trainee_id = $1', [traineeId], m);
  }

  async actionOf(traineeId: string, id: string, m?: EntityManager): Promise<ActionRow | null> {
    const [row] = await this.actionsWhere('pa.trainee_id = $1 AND pa.id = $2', [traineeId, id], m);
    return row ?? null;
  }

  /** One of the trainee's own steps (owner 'trainee'), locked for the caller's transaction; null otherwise. */
  findOwnStepForUpdate(traineeId: string, id: string, m: EntityManager): Promise<PlanAction | null> {
    return m.getRepository(PlanAction).findOne({ where: { traineeId, id, owner: 'trainee' }, lock: { mode: 'pessimistic_write' } });
  }

  findActionForUpdate(traineeId: string, id: string, m: EntityManager): Promise<PlanAction | null> {
    return m.getRepository(PlanAction).findOne({ where: { traineeId, id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether an open or done action already deals with this need. */
  async hasLiveActionFor(traineeId: string, code: NeedCode, m: EntityManager): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `SELECT 1 FROM plan_action WHERE trainee_id = $1 AND need_code = $2 AND status <> 'cancelled' LIMIT 1`,
      [traineeId, code],
    );
    return rows.length > 0;
  }

  async insertAction(
    row: Pick<PlanAction, 'traineeId' | 'goalId' | 'area' | 'needCode' | 'title' | 'owner' | 'dueOn'>,
    m: EntityManager,
  ): Promise<string> {
    const res = await m.getRepository(PlanAction).insert(row);
    return (res.identifiers[0] as { id: string }).id;
  }

  async updateAction(id: string, patch: Patch<PlanAction>, m: EntityManager): Promise<void> {
    await m.getRepository(PlanAction).update({ id }, patch);
  }

  private actionsWhere(where: string, params: unknown[], m?: EntityManager): Promise<ActionRow[]> {
    return (m ?? this.actions.manager).query(
      `SELECT pa.id, pa.trainee_id AS "traineeId", pa.goal_id AS "goalId", pa.area, pa.need_code AS "needCode", pa.title,
              pa.owner, pa.due_on::text AS "dueOn", pa.status, pa.done_by AS "doneBy", pa.done_at AS "doneAt",
              pa.marked_by_trainee AS "markedByTrainee", pa.created_at AS "createdAt", u.display_name AS "doneByName"
         FROM plan_action pa LEFT JOIN app_user u ON u.id = pa.done_by
        WHERE ${where}
        ORDER BY pa.status = 'open' DESC, pa.due_on NULLS LAST, pa.created_at, pa.id`,
      params,
    );
  }

  // ------------------------------------------------------------ reviews

  reviewsOf(traineeId: string, m?: EntityManager): Promise<PlanReview[]> {
    return (m?.getRepository(PlanReview) ?? this.reviews).find({ where: { traineeId }, order: { dueOn: 'ASC', createdAt: 'ASC' } });
  }

  findReview(traineeId: string, id: string, m?: EntityManager): Promise<PlanReview | null> {
    return (m?.getRepository(PlanReview) ?? this.reviews).findOneBy({ traineeId, id });
  }

  async insertReview(
    row: Pick<PlanReview, 'traineeId' | 'dueOn' | 'heldOn' | 'summary' | 'nextReviewOn'>,
    m: EntityManager,
  ): Promise<string> {
    const res = await m.getRepository(PlanReview).insert(row);
    return (res.identifiers[0] as { id: string }).id;
  }

  async updateReview(id: string, patch: Patch<PlanReview>, m: EntityManager): Promise<void> {
    await m.getRepository(PlanReview).update({ id }, patch);
  }

  // ------------------------------------------------------------ blockers

  /**
   * For each trainee, the `codes` their latest assessment lists as missing (in an area assessed as
   * some or urgent) for which no action is done yet. One query for any number of trainees.
   */
  openNeeds(traineeIds: string[], codes: readonly NeedCode[], m?: EntityManager): Promise<OpenNeedRow[]> {
    return (m ?? this.assessments.manager).query(
      `WITH latest AS (
         SELECT DISTINCT ON (trainee_id) id, trainee_id FROM needs_assessment
          WHERE trainee_id = ANY($1::uuid[]) ORDER BY trainee_id, version DESC
       )
       SELECT l.trainee_id, c.code
         FROM latest l
         JOIN needs_assessment_area a ON a.assessment_id = l.id AND a.level <> 'none'
         CROSS JOIN LATERAL unnest(a.items) AS c(code)
        WHERE c.code = ANY($2::varchar[])
          AND NOT EXISTS (SELECT 1 FROM plan_action pa
                           WHERE pa.trainee_id = l.trainee_id AND pa.need_code = c.code AND pa.status = 'done')
        ORDER BY l.trainee_id, c.code`,
      [traineeIds, codes],
    );
  }

  // ------------------------------------------------------------ reminders

  /**
   * The trainee's own open steps (`owner = 'trainee'`) due on `day`, with the person's account when
   * they have one that is not disabled (a closed file reminds no one).
   */
  stepsDueOn(day: string, m: EntityManager): Promise<StepDueRow[]> {
    return m.query<StepDueRow[]>(
      `SELECT pa.id AS action_id, u.id AS user_id, pa.due_on::text AS due_on
         FROM plan_action pa
         JOIN trainee t ON t.id = pa.trainee_id AND t.state <> 'closed'
         JOIN app_user u ON u.id = t.user_id AND u.disabled_at IS NULL
        WHERE pa.status = 'open' AND pa.owner = 'trainee' AND pa.due_on = $1::date
        ORDER BY u.id, pa.id`,
      [day],
    );
  }
}
