import type {
  MyGoalDto,
  MyNeedDto,
  MyStepDto,
  NeedsAreaDto,
  NeedsAssessmentSummaryDto,
  PlanActionDto,
  PlanGoalDto,
  PlanReviewDto,
} from './dto/plan.dto';
import { AREA_LABELS, GOAL_LABELS, NEED_ACTION_TITLES, NEED_LABELS } from './need-codes';
import type { ActionRow, AssessmentRow } from './plans.repository';
import type { NeedsAssessmentArea, PlanGoal, PlanReview } from './plan.entities';

/** A timestamp's China date (UTC+8), as the rest of the platform shows dates. */
export const chinaDate = (at: Date | string | null): string | null =>
  at === null ? null : new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const iso = (at: Date | string): string => new Date(at).toISOString();

export const toAssessmentSummary = (r: AssessmentRow): NeedsAssessmentSummaryDto => ({
  id: r.id,
  version: r.version,
  stage: r.stage,
  assessedAt: iso(r.assessed_at),
  assessedByName: r.assessed_by_name,
  urgentAreas: r.urgent_areas,
});

export const toAreaDto = (a: NeedsAssessmentArea): NeedsAreaDto => ({ area: a.area, level: a.level, items: a.items, note: a.note });

const goalTitle = (g: PlanGoal): [string, string | null] => (g.kind === 'own' ? [g.title ?? '', null] : GOAL_LABELS[g.kind]);

export const toGoalDto = (g: PlanGoal): PlanGoalDto => {
  const [title, titleEn] = goalTitle(g);
  return { id: g.id, kind: g.kind, title, titleEn, targetOn: g.targetOn, status: g.status };
};

export const toActionDto = (a: ActionRow): PlanActionDto => ({
  id: a.id,
  goalId: a.goalId,
  area: a.area,
  needCode: a.needCode,
  title: a.title,
  titleEn: a.needCode ? NEED_ACTION_TITLES[a.needCode][1] : null,
  owner: a.owner,
  dueOn: a.dueOn,
  status: a.status,
  doneAt: a.doneAt ? iso(a.doneAt) : null,
  doneByName: a.doneByName,
  markedByTrainee: a.markedByTrainee,
});

export const toReviewDto = (r: PlanReview): PlanReviewDto => ({
  id: r.id,
  dueOn: r.dueOn,
  heldOn: r.heldOn,
  summary: r.summary,
  nextReviewOn: r.nextReviewOn,
});

// The trainee's own screen: plain words only; no note, no summary, no names, no stage.

export const toMyNeed = (a: NeedsAssessmentArea): MyNeedDto => ({
  area: a.area,
  label: AREA_LABELS[a.area][0],
  labelEn: AREA_LABELS[a.area][1],
  level: a.level,
  items: a.items,
  itemLabels: a.items.map((c) => NEED_LABELS[c][0]),
  itemLabelsEn: a.items.map((c) => NEED_LABELS[c][1]),
});

export const toMyGoal = (g: PlanGoal): MyGoalDto => {
  const [title, titleEn] = goalTitle(g);
  return { id: g.id, kind: g.kind, title, titleEn, targetOn: g.targetOn, status: g.status };
};

export const toMyStep = (a: ActionRow): MyStepDto => ({
  id: a.id,
  goalId: a.goalId,
  area: a.area,
  title: a.title,
  titleEn: a.needCode ? NEED_ACTION_TITLES[a.needCode][1] : null,
  owner: a.owner,
  mine: a.owner === 'trainee',
  dueOn: a.dueOn,
  status: a.status,
  doneOn: chinaDate(a.doneAt),
  markedByMe: a.status === 'done' && a.markedByTrainee,
});
