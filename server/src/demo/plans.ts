import type { EntityManager } from 'typeorm';
import { NEED_ACTION_TITLES } from '../plans/need-codes';
import { NeedsAssessment, NeedsAssessmentArea, PlanAction, PlanGoal, PlanReview } from '../plans/plan.entities';
import { User } from '../users/user.entity';
import type { DemoTrainee } from './trainees';

const day = (today: Date, n: number): string => new Date(today.getTime() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
const at = (today: Date, n: number): Date => new Date(today.getTime() + n * 86_400_000);

/**
 * A personal plan half done for the demo trainee who has a portal account (`trainee`): two
 * assessment versions (admission, pre-release), the motto's three goals and one of their own,
 * steps of every owner (some ticked by the trainee, some confirmed by staff), one review held and
 * the next one due. The ID card is still missing, so the plan shows the `no_id_card` blocker.
 */
export async function loadDemoPlans(m: EntityManager, trainees: DemoTrainee[], today: Date): Promise<void> {
  const t = trainees.find((x) => x.userId !== null);
  if (!t) return;
  const counsellor = await m
    .getRepository(User)
    .findOne({ where: { organisationId: t.organisationId, role: 'counsellor' }, order: { username: 'ASC' } });
  const by = counsellor?.id ?? null;
  const assessments = m.getRepository(NeedsAssessment);
  const first = (await assessments.insert({ traineeId: t.id, version: 1, stage: 'admission', assessedBy: by, assessedAt: at(today, -200) }))
    .identifiers[0] as { id: string };
  const second = (
    await assessments.insert({ traineeId: t.id, version: 2, stage: 'pre_release', assessedBy: by, assessedAt: at(today, -20) })
  ).identifiers[0] as { id: string };
  const area = (assessmentId: string, a: Omit<NeedsAssessmentArea, 'assessmentId'>): NeedsAssessmentArea => ({ assessmentId, ...a });
  await m
    .getRepository(NeedsAssessmentArea)
    .insert([
      area(first.id, { area: 'documents', level: 'urgent', items: ['id_card', 'bank_card'], note: '身份证遗失，户籍地需本人申请。' }),
      area(first.id, { area: 'family', level: 'urgent', items: ['family_contact'], note: '两年未与家人联系。' }),
      area(first.id, { area: 'work', level: 'some', items: ['no_work_history', 'job_search_support'], note: null }),
      area(second.id, { area: 'documents', level: 'urgent', items: ['id_card'], note: '银行卡已办好；身份证待户籍地受理。' }),
      area(second.id, { area: 'housing', level: 'some', items: ['temporary_housing'], note: '出所后先住姐姐家两周。' }),
      area(second.id, { area: 'family', level: 'none', items: [], note: '已恢复联系，姐姐愿意接。' }),
      area(second.id, { area: 'work', level: 'some', items: ['job_search_support'], note: null }),
      area(second.id, { area: 'finance', level: 'some', items: ['travel_money'], note: null }),
    ]);
  const goals = m.getRepository(PlanGoal);
  const goal = async (g: Pick<PlanGoal, 'kind' | 'title' | 'status' | 'targetOn'>): Promise<string> =>
    ((await goals.insert({ traineeId: t.id, ...g })).identifiers[0] as { id: string }).id;
  const skill = await goal({ kind: 'skill', title: null, status: 'achieved', targetOn: day(today, -30) });
  await goal({ kind: 'diploma', title: null, status: 'open', targetOn: day(today, 300) });
  const job = await goal({ kind: 'job', title: null, status: 'open', targetOn: day(today, 60) });
  await goal({ kind: 'own', title: '攒钱给女儿买一辆自行车', status: 'open', targetOn: day(today, 180) });
  const action = (
    a: Pick<PlanAction, 'area' | 'needCode' | 'owner' | 'status' | 'dueOn' | 'markedByTrainee'> & {
      goalId?: string;
      title?: string;
      doneDaysAgo?: number;
    },
  ): Partial<PlanAction> => ({
    traineeId: t.id,
    goalId: a.goalId ?? null,
    area: a.area,
    needCode: a.needCode,
    title: a.title ?? NEED_ACTION_TITLES[a.needCode!][0],
    owner: a.owner,
    status: a.status,
    dueOn: a.dueOn,
    markedByTrainee: a.markedByTrainee,
    doneBy: a.status === 'done' ? (a.markedByTrainee ? t.userId : by) : null,
    doneAt: a.status === 'done' ? at(today, -(a.doneDaysAgo ?? 5)) : null,
  });
  await m.getRepository(PlanAction).insert([
    action({
      area: 'documents',
      needCode: 'id_card',
      owner: 'counsellor',
      status: 'open',
      dueOn: day(today, 10),
      markedByTrainee: false,
    }),
    action({
      area: 'documents',
      needCode: 'bank_card',
      owner: 'trainee',
      status: 'done',
      dueOn: null,
      markedByTrainee: false,
      doneDaysAgo: 40,
    }),
    action({
      area: 'family',
      needCode: 'family_contact',
      owner: 'counsellor',
      status: 'done',
      dueOn: null,
      markedByTrainee: false,
      doneDaysAgo: 120,
    }),
    action({
      area: 'education',
      needCode: null,
      title: '完成中式烹调师五级考试',
      owner: 'trainee',
      status: 'done',
      dueOn: null,
      markedByTrainee: false,
      goalId: skill,
      doneDaysAgo: 30,
    }),
    action({
      area: 'work',
      needCode: 'no_work_history',
      owner: 'trainee',
      status: 'done',
      dueOn: null,
      markedByTrainee: true,
      goalId: job,
      doneDaysAgo: 3,
    }),
    action({
      area: 'work',
      needCode: 'job_search_support',
      owner: 'trainee',
      status: 'open',
      dueOn: day(today, 20),
      markedByTrainee: false,
      goalId: job,
    }),
    action({
      area: 'housing',
      needCode: 'temporary_housing',
      owner: 'station',
      status: 'open',
      dueOn: day(today, 14),
      markedByTrainee: false,
    }),
    action({
      area: 'finance',
      needCode: 'travel_money',
      owner: 'trainee',
      status: 'open',
      dueOn: day(today, 12),
      markedByTrainee: false,
    }),
  ]);
  await m.getRepository(PlanReview).insert([
    {
      traineeId: t.id,
      dueOn: day(today, -60),
      heldOn: day(today, -58),
      summary: '家庭联系已恢复，技能证书已取得；下一步找工作和住处。',
      nextReviewOn: day(today, 14),
    },
    { traineeId: t.id, dueOn: day(today, 14), heldOn: null, summary: null, nextReviewOn: null },
  ]);
}
