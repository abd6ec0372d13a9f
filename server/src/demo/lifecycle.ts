import type { DemoRepository } from './demo.repository';
import type { DemoTrainee } from './trainees';
import { addDays, isoDate } from './synthetic';

const CHECKLIST = ['situation_policy', 'anti_drug', 'mental_health', 'employment_guidance', 'handover_documents'];

/** The state history of a trainee: [from, to, at, reason]. */
function stateHistory(t: DemoTrainee): [string | null, string, string, string][] {
  const steps: [string | null, string, string, string][] = [[null, 'admitted', `${t.admittedOn}T09:00:00+08:00`, '入所建档 · admitted']];
  if (t.state !== 'admitted') {
    steps.push([
      'admitted',
      'pre_release',
      `${isoDate(addDays(new Date(t.expectedReleaseOn), -30))}T02:00:00+08:00`,
      '预计出所前30天自动进入出所前准备 · opened automatically',
    ]);
  }
  const released = t.releasedOn;
  if (released) steps.push(['pre_release', 'released', `${released}T10:00:00+08:00`, '出所衔接完成 · handover completed']);
  if (t.state === 'community' || t.state === 'closed')
    steps.push([
      'released',
      'community',
      `${isoDate(addDays(new Date(released!), 3))}T10:00:00+08:00`,
      '社区康复 · community rehabilitation',
    ]);
  if (t.state === 'closed')
    steps.push(['community', 'closed', `${isoDate(addDays(new Date(released!), 1095))}T10:00:00+08:00`, '社区康复期满 · period completed']);
  return steps;
}

/** The demo trainee accounts start with job matching granted (trainee) or nothing (trainee2); others by chance. */
async function loadConsents(repo: DemoRepository, rand: () => number, t: DemoTrainee, i: number, counsellorA: string): Promise<void> {
  const granted = i === 0 || (i > 1 && rand() < 0.6);
  if (granted && t.state !== 'closed') {
    await repo.insertJobMatchingConsent({
      traineeId: t.id,
      grantedBy: t.userId ?? counsellorA,
      assisted: t.userId === null,
      paperFormRef: t.userId === null ? `纸质同意书-${1000 + i}` : null,
      grantedAt: `${t.admittedOn}T15:00:00+08:00`,
    });
  }
  if (t.releasedOn && t.state !== 'closed' && rand() < 0.8) {
    await repo.insertFollowUpContactConsent(t.id, counsellorA, `纸质同意书-F${1000 + i}`, `${t.releasedOn}T09:00:00+08:00`);
  }
}

/** The pre-release checklist: the demo trainee has done two items, the others some, in order. */
async function loadChecklist(repo: DemoRepository, rand: () => number, t: DemoTrainee, i: number, counsellorA: string): Promise<void> {
  const done = i === 0 ? 2 : Math.floor(rand() * 6);
  for (const [k, key] of CHECKLIST.entries()) {
    const isDone = k < done;
    await repo.insertChecklistItem(
      t.id,
      key,
      isDone ? isoDate(addDays(new Date(), -(k + 1) * 3)) : null,
      isDone ? counsellorA : null,
      isDone ? '已完成集中授课' : null,
    );
  }
}

async function loadOneLife(repo: DemoRepository, rand: () => number, t: DemoTrainee, i: number, counsellorA: string): Promise<void> {
  for (const [from, to, at, reason] of stateHistory(t)) await repo.insertStateChange(t.id, from, to, at, reason);
  await loadConsents(repo, rand, t, i, counsellorA);
  if (t.state === 'pre_release') await loadChecklist(repo, rand, t, i, counsellorA);
  const released = t.releasedOn;
  if (released) {
    await repo.insertCompletedHandover({
      traineeId: t.id,
      fromOrganisationId: t.facility,
      toOrganisationId: t.organisationId,
      releaseDate: released,
      createdBy: counsellorA,
      createdAt: `${isoDate(addDays(new Date(released), -7))}T10:00:00+08:00`,
      completedAt: `${released}T11:00:00+08:00`,
      documents: ['解除强制隔离戒毒证明书', '诊断评估结果', '出所前教育记录'],
    });
  }
}

/** Open handovers for a few trainees about to leave, and one overdue (release passed, not accepted). */
async function loadOpenHandovers(repo: DemoRepository, counsellorA: string): Promise<void> {
  const soon = await repo.traineesAboutToLeave(6);
  for (const [k, t] of soon.entries()) {
    const station = await repo.stationIn(t.home_division_code);
    if (!station) continue;
    const state = ['sent', 'accepted', 'prepared', 'sent', 'accepted', 'sent'][k]!;
    const overdue = k === 0;
    const releaseDate = overdue ? isoDate(addDays(new Date(), -3)) : t.expected_release_on;
    if (overdue) await repo.moveExpectedRelease(t.id, releaseDate);
    await repo.insertOpenHandover({
      traineeId: t.id,
      fromOrganisationId: t.organisation_id,
      toOrganisationId: station,
      state,
      releaseDate,
      createdBy: counsellorA,
    });
  }
}

/**
 * The life around the records: history, consents, pre-release checklists (some behind) and
 * handovers — completed for everyone already released, open for some about to be, one overdue.
 */
export async function loadDemoLifecycle(repo: DemoRepository, rand: () => number, trainees: DemoTrainee[]): Promise<void> {
  const counsellorA = await repo.userId('counsellor');
  for (const [i, t] of trainees.entries()) await loadOneLife(repo, rand, t, i, counsellorA);
  await loadOpenHandovers(repo, counsellorA);
}
