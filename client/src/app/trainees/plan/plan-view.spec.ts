import { MY_PLAN_EN, MY_PLAN_ZH } from '../../portal/plan/my-plan-i18n';
import { planEn } from './plan-en';
import { NEED_AREAS, areaKey, blockerKey, needKey, ownerKey } from './plan-i18n';
import { planZh } from './plan-zh';
import { groupActions, nextReview, pendingReview, planProgress, stageFor } from './plan-view';
import type { PlanActionDto, PlanGoalDto, PlanReviewDto } from './plans-api';

const action = (id: string, patch: Partial<PlanActionDto>): PlanActionDto => ({
  id,
  goalId: null,
  area: 'documents',
  needCode: null,
  title: id,
  titleEn: null,
  owner: 'trainee',
  dueOn: null,
  status: 'open',
  doneAt: null,
  doneByName: null,
  markedByTrainee: false,
  ...patch,
});
const goal = (id: string, kind: PlanGoalDto['kind']): PlanGoalDto => ({
  id,
  kind,
  title: id,
  titleEn: null,
  targetOn: null,
  status: 'open',
});
const review = (id: string, patch: Partial<PlanReviewDto>): PlanReviewDto => ({
  id,
  dueOn: '2026-01-01',
  heldOn: null,
  summary: null,
  nextReviewOn: null,
  ...patch,
});

describe('plan words', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    expect(Object.keys(planEn).sort()).toEqual(Object.keys(planZh).sort());
    for (const dict of [planZh, planEn, MY_PLAN_ZH, MY_PLAN_EN]) for (const v of Object.values(dict)) expect(v.trim()).not.toBe('');
    expect(Object.keys(MY_PLAN_EN).sort()).toEqual(Object.keys(MY_PLAN_ZH).sort());
  });

  it('maps every code to a word (no raw code shown)', () => {
    for (const a of NEED_AREAS) expect(planZh[areaKey(a)]).toBeTruthy();
    for (const c of ['id_card', 'bank_card', 'travel_money', 'work_clothes_tools'] as const) expect(planEn[needKey(c)]).toBeTruthy();
    expect(planZh[blockerKey('no_id_card')]).toBe('没有身份证：不能签劳动合同，先办证');
    expect([ownerKey('trainee'), ownerKey('counsellor'), ownerKey('station')].map((k) => planZh[k])).toEqual([
      '学员本人',
      '辅导员',
      '社区',
    ]);
  });

  it('the trainee’s words name no facility, programme or community', () => {
    for (const v of Object.values(MY_PLAN_ZH)) expect(v).not.toMatch(/所|戒毒|康复|社区/);
    for (const v of Object.values(MY_PLAN_EN)) expect(v).not.toMatch(/facility|rehab|drug|community/i);
  });
});

describe('plan view', () => {
  it('counts done steps, cancelled ones left out', () => {
    const p = planProgress([action('a', { status: 'done' }), action('b', {}), action('c', { status: 'cancelled' })]);
    expect(p).toEqual({ done: 1, total: 2, percent: 50 });
    expect(planProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
  });

  it('groups steps by goal first, then by area', () => {
    const goals = [goal('g1', 'skill'), goal('g2', 'job')];
    const actions = [action('x', { goalId: 'g2' }), action('y', { area: 'work' }), action('z', {}), action('w', { goalId: 'gone' })];
    const groups = groupActions({ goals, actions });
    expect(groups.map((g) => g.key)).toEqual(['goal:g2', 'area:documents', 'area:work']);
    expect(groups[1]!.actions.map((a) => a.id)).toEqual(['z', 'w']);
  });

  it('finds the next review from today on, and the one still to hold', () => {
    const reviews = [
      review('held', { dueOn: '2026-01-01', heldOn: '2026-01-02', nextReviewOn: '2026-03-01' }),
      review('due', { dueOn: '2026-02-15' }),
    ];
    expect(nextReview(reviews, '2026-02-01')).toBe('2026-02-15');
    expect(nextReview(reviews, '2026-02-20')).toBe('2026-03-01');
    expect(nextReview(reviews, '2026-04-01')).toBeNull();
    expect(pendingReview(reviews)?.id).toBe('due');
  });

  it('suggests the stage from the trainee’s state', () => {
    expect(stageFor('admitted')).toBe('admission');
    expect(stageFor('pre_release')).toBe('pre_release');
    expect(stageFor('community')).toBe('community');
    expect(stageFor(undefined)).toBe('admission');
  });
});
