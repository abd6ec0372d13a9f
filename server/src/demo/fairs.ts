import type { DemoRepository } from './demo.repository';

const BOOTHS = [
  ['海口椰风酒店管理有限公司', 'approved'],
  ['三亚湾畔餐饮有限公司', 'applied'],
] as const;

/**
 * An order-style fair in two weeks inside facility A (employers are told the city only): employer A's
 * booth is approved with its two orders and a morning of interview slots, employer B has applied, and
 * a few of facility A's trainees (the demo `trainee` among them) are registered.
 */
export async function loadDemoFair(repo: DemoRepository): Promise<void> {
  const admin = await repo.userId('admin');
  const facility = await repo.organisationOfUser('counsellor');
  const counsellor = await repo.userId('counsellor');
  const fair = await repo.insertUpcomingFair(facility, admin);
  for (const [employer, state] of BOOTHS) {
    const booth = await repo.insertBooth(fair, employer, state, admin);
    if (!booth) continue;
    await repo.attachOpenOrdersToBooth(booth, employer);
    if (state === 'approved') await repo.insertUpcomingFairSlots(booth);
  }
  const trainees = await repo.matchableTraineesOf(facility, 5);
  for (const [i, t] of trainees.entries()) {
    await repo.insertFairRegistration(fair, t.id, `DEMQ${'ABCDE'[i]}${i + 2}K7`, `FDEMQ${'ABCDE'[i]}${i + 2}`, counsellor);
  }
}
