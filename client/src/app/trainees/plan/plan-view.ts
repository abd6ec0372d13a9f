import type { PlanActionDto, PlanDto, PlanGoalDto, PlanReviewDto } from './plans-api';
import { NEED_AREAS, type NeedArea } from './plan-i18n';

/** Steps done and steps that count (cancelled ones do not). */
export function planProgress(actions: readonly PlanActionDto[]): { done: number; total: number; percent: number } {
  const counted = actions.filter((a) => a.status !== 'cancelled');
  const done = counted.filter((a) => a.status === 'done').length;
  return { done, total: counted.length, percent: counted.length ? Math.round((done / counted.length) * 100) : 0 };
}

export interface ActionGroup {
  /** `goal:<id>` or `area:<area>`. */
  readonly key: string;
  readonly goal: PlanGoalDto | null;
  readonly area: NeedArea | null;
  readonly actions: readonly PlanActionDto[];
}

/**
 * Steps under their goal (in the goals' order), then the steps of no goal by area. Open steps first
 * within a group (the server's order), groups without steps left out.
 */
export function groupActions(plan: Pick<PlanDto, 'goals' | 'actions'>): ActionGroup[] {
  const goalIds = new Set(plan.goals.map((g) => g.id));
  const byGoal: ActionGroup[] = plan.goals
    .map((goal) => ({ key: `goal:${goal.id}`, goal, area: null, actions: plan.actions.filter((a) => a.goalId === goal.id) }))
    .filter((g) => g.actions.length > 0);
  const loose = plan.actions.filter((a) => a.goalId === null || !goalIds.has(a.goalId));
  const byArea: ActionGroup[] = NEED_AREAS.map((area) => ({
    key: `area:${area}`,
    goal: null,
    area,
    actions: loose.filter((a) => a.area === area),
  })).filter((g) => g.actions.length > 0);
  return [...byGoal, ...byArea];
}

/** The next review date from today on: a pending review's due date or a held one's next date. */
export function nextReview(reviews: readonly PlanReviewDto[], today: string): string | null {
  const dates = reviews
    .flatMap((r) => [r.heldOn === null ? r.dueOn : null, r.nextReviewOn])
    .filter((d): d is string => d !== null && d >= today)
    .sort();
  return dates[0] ?? null;
}

/** The earliest review not yet held (recording a review fills it in). */
export function pendingReview(reviews: readonly PlanReviewDto[]): PlanReviewDto | null {
  return [...reviews].filter((r) => r.heldOn === null).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0] ?? null;
}

/** The assessment stage that fits the trainee's state. */
export function stageFor(state: string | undefined): 'admission' | 'pre_release' | 'community' {
  if (state === 'pre_release') return 'pre_release';
  if (state === 'released' || state === 'community' || state === 'closed') return 'community';
  return 'admission';
}
