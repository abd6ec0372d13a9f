import type { DataSource } from 'typeorm';
import { hashPassword } from '../users/password';
import { standaloneOutcomesService } from '../outcomes/outcomes.service';
import type { FieldCipher } from '../common/crypto/field-cipher';
import { loadDemoActivation } from './activation';
import { loadDemoAccounts } from './accounts';
import { DemoRepository } from './demo.repository';
import { loadDemoFair } from './fairs';
import { loadDemoFollowUps } from './follow-ups';
import { loadDemoLearning } from './learning';
import { loadDemoLifecycle } from './lifecycle';
import { loadDemoOrders, loadDemoPlacements } from './orders';
import { loadDemoOrganisations } from './organisations';
import { loadDemoPastOutcomes } from './past-outcomes';
import { seededRandom } from './synthetic';
import { loadDemoTrainees } from './trainees';
import { loadDemoReadmission, loadDemoSealing } from './reentry';
import { loadDemoSupervision } from './supervision';
import { loadDemoPlans } from './plans';

export { seededRandom, syntheticCreditCode, syntheticIdentityNumber, syntheticName } from './synthetic';

/** Every demo account's password (README lists the accounts). Never loaded in production. */
export const DEMO_PASSWORD = 'Demo#2026';

/**
 * Loads the demo world: the bureau, two facilities, a community station in each of the 18
 * divisions with people, the partner school, a training provider, ten employers and ~200
 * trainees spread over facilities and lifecycle states. All names and numbers are synthetic.
 * The steps run in this order, on one seeded PRNG: reordering them changes the demo.
 */
export async function loadDemoData(ds: DataSource, cipher: FieldCipher, today: Date = new Date()): Promise<void> {
  const rand = seededRandom(20_260_000);
  // One hash for every demo account: they share one published password anyway.
  const hash = await hashPassword(DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    const repo = new DemoRepository(m);
    const organisations = await loadDemoOrganisations(repo, rand);
    const accounts = await loadDemoAccounts(repo, hash, organisations, rand);
    const trainees = await loadDemoTrainees(repo, cipher, rand, today, organisations, accounts);
    await loadDemoLifecycle(repo, rand, trainees);
    await loadDemoLearning(repo, trainees);
    await loadDemoOrders(repo);
    await loadDemoPlacements(repo);
    await loadDemoFair(repo);
    await loadDemoFollowUps(repo);
    await loadDemoPastOutcomes(repo);
    await loadDemoSupervision(m, today);
    await loadDemoPlans(m, trainees, today);
    await loadDemoActivation(m, cipher, today);
    await loadDemoReadmission(repo, today);
    // The loaders write the tables directly: the outcome reports' table is computed from them once, at the end.
    await standaloneOutcomesService().rebuildWithin(m);
    await loadDemoSealing(repo);
    await repo.recordLoad({ organisations: organisations.count, trainees: trainees.length });
  });
}
