import type { DemoOrder, DemoRepository } from './demo.repository';

const ORDERS: DemoOrder[] = (
  [
    // employer, title, occupation, headcount, level, division, wage min, max, board, state
    ['海口椰风酒店管理有限公司', '中餐厨师（凉菜/热菜）', '4-03-02-01', 5, 5, '460100', 4000, 6000, 'both', 'open'],
    ['海口椰风酒店管理有限公司', '客房服务员', '4-03-01-01', 6, null, '460100', 3200, 4200, 'both', 'open'],
    ['三亚湾畔餐饮有限公司', '中式烹调师', '4-03-02-01', 3, 5, '460200', 4500, 6500, 'board', 'open'],
    ['儋州汇通物流有限公司', '仓库电工', '6-31-01-03', 2, 4, '460400', 5000, 7000, 'lodging', 'open'],
    ['澄迈福山物业服务有限公司', '物业维修电工', '6-31-01-03', 4, 5, '469023', 4000, 5500, 'none', 'open'],
    ['文昌星港汽车维修有限公司', '汽车维修学徒', '4-12-01-01', 3, null, '469005', 3500, 5000, 'lodging', 'draft'],
  ] as const
).map(([employer, title, occupationCode, headcount, requiredLevel, division, wageMin, wageMax, boardAndLodging, state]) => ({
  employer,
  title,
  occupationCode,
  headcount,
  requiredLevel,
  division,
  wageMin,
  wageMax,
  boardAndLodging,
  state,
}));

/** Open orders from the verified employers (and one draft), so demand meets supply on every page. */
export async function loadDemoOrders(repo: DemoRepository): Promise<void> {
  for (const order of ORDERS) await repo.insertOrder(order);
}

const STEPS: ('recommended' | 'accepted_by_trainee' | 'interview')[] = ['recommended', 'accepted_by_trainee', 'interview', 'recommended'];

/**
 * Employer A's cook order has candidates at every step, so each side has something to act on: the
 * demo `trainee` is recommended and has to decide; others have accepted (named to the employer),
 * are interviewing, or are only recommended (pseudonymous).
 */
export async function loadDemoPlacements(repo: DemoRepository): Promise<void> {
  const order = await repo.firstOpenOrderOf('海口椰风酒店管理有限公司');
  if (!order) return;
  const counsellor = await repo.userId('counsellor');
  const facility = await repo.organisationOfUser('counsellor');
  const trainees = await repo.matchableTraineesOf(facility, 4);
  for (const [i, t] of trainees.entries()) {
    const state = STEPS[i]!;
    const candidateCode = `CDEMQ${'ABCD'[i]}${i + 2}`;
    const id = await repo.insertRecommendation({ orderId: order.id, traineeId: t.id, state, candidateCode, recommendedBy: counsellor });
    if (state === 'recommended') continue;
    const assisted = t.user_id === null;
    await repo.insertShareWithEmployerConsent(
      t.id,
      order.employer_id,
      t.user_id ?? counsellor,
      assisted,
      assisted ? `纸质同意书-P${i}` : null,
    );
    await repo.insertAcceptedEvent(id, t.user_id ?? counsellor, t.user_id ? 'trainee' : 'counsellor', assisted);
  }
}
