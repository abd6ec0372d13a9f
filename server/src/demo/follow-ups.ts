import type { DemoRepository } from './demo.repository';

/**
 * The follow-up schedule of every completed handover, with the visits already due mostly done:
 * employment, income, needs and (apart) abstinence, as a station would have recorded them; a few
 * unreachable, a few still waiting (overdue), so the field worker's list and the dashboards show
 * something real.
 */
export async function loadDemoFollowUps(repo: DemoRepository): Promise<void> {
  await repo.scheduleFollowUps();
  await repo.recordPastVisits();
  await repo.recordVisitOutcomes();
  await repo.recordAbstinence();
}
