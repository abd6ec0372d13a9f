import type { DemoRepository } from './demo.repository';

/**
 * Last spring's fair: registered, checked in and interviewed people; half of those who came had an
 * interview slot, a third of those signed an intent, which a hire followed where one exists.
 */
async function loadPastFair(repo: DemoRepository, order: string, admin: string, counsellor: string, facility: string): Promise<void> {
  const fair = await repo.insertPastFair(facility, admin);
  const registered = await repo.insertPastRegistrations(fair, counsellor, order);
  const booth = await repo.insertPastBooth(fair, admin);
  if (!booth) return;
  await repo.insertBoothOrder(booth, order);
  for (const [i, r] of registered.entries()) {
    if (i % 4 === 3 || i % 2 === 1) continue;
    await repo.insertPastBookedSlot(booth, i, r.id, r.trainee_id);
    if (i % 3 !== 0) continue;
    await repo.insertConfirmedIntent(fair, r.id, order, counsellor, r.trainee_id);
  }
}

/**
 * What earlier years produced, so the outcome dashboards have a history to show: last year's order
 * (closed) hired a dozen of the people released since, some of whom left after a few months, and last
 * spring's fair registered, checked in and interviewed people who signed intents there.
 */
export async function loadDemoPastOutcomes(repo: DemoRepository): Promise<void> {
  const admin = await repo.userId('admin');
  const counsellor = await repo.userId('counsellor');
  const facility = await repo.organisationOfUser('counsellor');
  const order = await repo.insertLastYearsOrder();
  if (!order) return;
  await repo.insertPastHires(order, counsellor);
  await loadPastFair(repo, order, admin, counsellor, facility);
}
