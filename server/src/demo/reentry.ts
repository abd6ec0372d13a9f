import type { DemoRepository } from './demo.repository';

/**
 * The road back, in the demo: someone the demo facility released is admitted there again (two
 * episodes on one record). Runs before the outcome table is built, so the release it ended counts as
 * a re-admission within a year.
 */
export async function loadDemoReadmission(repo: DemoRepository, today: Date): Promise<void> {
  const facility = await repo.organisationOfUser('counsellor');
  await repo.readmitOne(facility, today.toISOString().slice(0, 10));
}

/**
 * One closed record sealed (封存), as the nightly job does after SEAL_AFTER_YEARS. Runs after the
 * outcome table is built: the sealed person stays counted in the reports and disappears everywhere else.
 */
export async function loadDemoSealing(repo: DemoRepository): Promise<void> {
  await repo.sealOne();
}
