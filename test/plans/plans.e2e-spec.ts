import { PlansService } from '../../server/src/plans/plans.service';
import { daysFrom, newOrganisation, newTrainee, newUser, organisationOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The needs assessment and the personal plan: who may read and change it, the validation, the
 * versions, the automatic goals and ID-card step, the trainee's own plain-words view (no staff
 * notes, whatever is written in them), ticking only one's own steps, the blockers, the audit.
 */
describe('plans: needs assessment and personal plan', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let facility: string;
  /** A sentence a staff member might write, with rehab words in it: must never reach the trainee. */
  const CANARY = '在戒毒所内帮厨两年 PLAN-CANARY-7731';

  beforeAll(async () => {
    t = await createTestApp();
    tokens = {};
    for (const u of ['counsellor', 'counsellor2', 'admin', 'instructor', 'employer', 'trainee', 'trainee2'])
      tokens[u] = (await t.login(u)).token;
    facility = await organisationOf(t, 'counsellor');
  });
  afterAll(() => t?.close());

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).auth(tokens[who]!, { type: 'bearer' }),
    post: (path: string, body: object = {}) => t.http().post(path).auth(tokens[who]!, { type: 'bearer' }).send(body),
    patch: (path: string, body: object = {}) => t.http().patch(path).auth(tokens[who]!, { type: 'bearer' }).send(body),
  });
  const counsellor = () => as('counsellor');

  /** A trainee of the counsellor's facility with a portal account; returns ids and a token. */
  const traineeWithAccount = async () => {
    const user = await newUser(t, { organisationId: facility, role: 'trainee' });
    const id = await newTrainee(t, { organisationId: facility, userId: user.id });
    const { token } = await t.login(user.username);
    tokens[user.username] = token;
    return { id, username: user.username, userId: user.id };
  };

  const ASSESSMENT = {
    stage: 'admission',
    areas: [
      { area: 'documents', level: 'urgent', items: ['id_card', 'bank_card'], note: CANARY },
      { area: 'housing', level: 'some', items: ['no_fixed_address'], note: CANARY },
      { area: 'family', level: 'none', items: [], note: CANARY },
    ],
  };

  /** Every route with sample ids and bodies for one trainee (and a goal, action and review of theirs). */
  const routes = (id: string, goal: string, action: string, review: string): [string, string, object][] => [
    ['get', `/api/trainees/${id}/plan`, {}],
    ['post', `/api/trainees/${id}/needs-assessments`, ASSESSMENT],
    ['post', `/api/trainees/${id}/plan/goals`, { kind: 'own', title: '学会开车' }],
    ['patch', `/api/trainees/${id}/plan/goals/${goal}`, { status: 'achieved' }],
    ['post', `/api/trainees/${id}/plan/actions`, { area: 'work', needCode: 'skill_certificate', owner: 'trainee' }],
    ['patch', `/api/trainees/${id}/plan/actions/${action}`, { status: 'done' }],
    ['post', `/api/trainees/${id}/plan/reviews`, { dueOn: daysFrom(10) }],
    ['patch', `/api/trainees/${id}/plan/reviews/${review}`, { heldOn: daysFrom(-1) }],
  ];

  /** A trainee with an assessment, a goal, an action of theirs and a review. */
  const withPlan = async () => {
    const me = await traineeWithAccount();
    const plan = (await counsellor().post(`/api/trainees/${me.id}/needs-assessments`, ASSESSMENT).expect(201)).body;
    const goal = plan.goals[0].id as string;
    const action = (
      await counsellor()
        .post(`/api/trainees/${me.id}/plan/actions`, {
          area: 'work',
          title: `准备简历`,
          owner: 'trainee',
          dueOn: daysFrom(7),
          goalId: goal,
        })
        .expect(201)
    ).body.id as string;
    const review = (
      await counsellor()
        .post(`/api/trainees/${me.id}/plan/reviews`, {
          dueOn: daysFrom(-2),
          heldOn: daysFrom(-2),
          summary: CANARY,
          nextReviewOn: daysFrom(20),
        })
        .expect(201)
    ).body.id as string;
    return { ...me, goal, action, review };
  };

  it('answers 401 without a token on every route', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const all: [string, string][] = [
      ...routes(id, id, id, id).map(([m, p]) => [m, p] as [string, string]),
      ['get', '/api/me/plan'],
      ['post', `/api/me/plan/actions/${id}/done`],
      ['post', `/api/me/plan/actions/${id}/undone`],
    ];
    for (const [method, path] of all) {
      const res = await t.http()[method as 'get'](path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  it('refuses employers and instructors (403), admins on changes, trainees on staff routes, staff on the portal', async () => {
    const p = await withPlan();
    for (const who of ['employer', 'instructor', 'trainee']) {
      for (const [method, path, body] of routes(p.id, p.goal, p.action, p.review)) {
        const res = await as(who)[method as 'post'](path, body);
        expect({ who, path, status: res.status }).toEqual({ who, path, status: 403 });
      }
    }
    for (const [method, path, body] of routes(p.id, p.goal, p.action, p.review).slice(1)) {
      const res = await as('admin')[method as 'post'](path, body);
      expect({ who: 'admin', path, status: res.status }).toEqual({ who: 'admin', path, status: 403 });
    }
    for (const who of ['counsellor', 'admin', 'employer', 'instructor']) {
      expect((await as(who).get('/api/me/plan')).status).toBe(403);
      expect((await as(who).post(`/api/me/plan/actions/${p.action}/done`)).status).toBe(403);
    }
  });

  it('answers 404 to another organisation on every staff route, and to admins for an unknown trainee', async () => {
    const p = await withPlan();
    for (const [method, path, body] of routes(p.id, p.goal, p.action, p.review)) {
      const res = await as('counsellor2')[method as 'post'](path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    // A station's counsellor elsewhere, too (the holding organisation keeps the plan).
    const station = await newOrganisation(t, { type: 'community_station' });
    const other = await newUser(t, { organisationId: station });
    const otherToken = (await t.login(other.username)).token;
    await t.http().get(`/api/trainees/${p.id}/plan`).auth(otherToken, { type: 'bearer' }).expect(404);
    await as('admin').get('/api/trainees/00000000-0000-4000-8000-000000000099/plan').expect(404);
    // Ids of another trainee's goal/action/review under this trainee: 404 as well.
    const q = await withPlan();
    await counsellor().patch(`/api/trainees/${p.id}/plan/goals/${q.goal}`, { status: 'dropped' }).expect(404);
    await counsellor().patch(`/api/trainees/${p.id}/plan/actions/${q.action}`, { status: 'done' }).expect(404);
    await counsellor().patch(`/api/trainees/${p.id}/plan/reviews/${q.review}`, { summary: 'x' }).expect(404);
  });

  it('answers 400 with a code on bad input', async () => {
    const p = await withPlan();
    const bad: [string, string, object, string][] = [
      ['post', 'needs-assessments', { stage: 'inside', areas: [] }, 'VALIDATION_FAILED'],
      ['post', 'needs-assessments', { stage: 'admission', areas: [{ area: 'drugs', level: 'some', items: [] }] }, 'VALIDATION_FAILED'],
      ['post', 'needs-assessments', { stage: 'admission', areas: [{ area: 'housing', level: 'high', items: [] }] }, 'VALIDATION_FAILED'],
      [
        'post',
        'needs-assessments',
        { stage: 'admission', areas: [{ area: 'housing', level: 'some', items: ['id_card'] }] },
        'NEED_CODE_UNKNOWN',
      ],
      [
        'post',
        'needs-assessments',
        { stage: 'admission', areas: [{ area: 'housing', level: 'none', items: ['no_fixed_address'] }] },
        'NEED_ITEMS_WITHOUT_NEED',
      ],
      [
        'post',
        'needs-assessments',
        {
          stage: 'admission',
          areas: [
            { area: 'housing', level: 'some', items: [] },
            { area: 'housing', level: 'none', items: [] },
          ],
        },
        'VALIDATION_FAILED',
      ],
      ['post', 'plan/goals', { kind: 'own' }, 'PLAN_GOAL_TITLE'],
      ['post', 'plan/goals', { kind: 'skill', title: '厨师' }, 'PLAN_GOAL_TITLE'],
      ['post', 'plan/goals', { kind: 'house' }, 'VALIDATION_FAILED'],
      ['post', 'plan/goals', { kind: 'own', title: '开店', targetOn: '2026-13-40' }, 'VALIDATION_FAILED'],
      [`patch`, `plan/goals/${p.goal}`, { status: 'finished' }, 'VALIDATION_FAILED'],
      [`patch`, `plan/goals/${p.goal}`, { title: '改名' }, 'PLAN_GOAL_TITLE'],
      ['post', 'plan/actions', { area: 'work', owner: 'trainee' }, 'PLAN_ACTION_TITLE'],
      ['post', 'plan/actions', { area: 'work', needCode: 'skill_certificate', title: '考证', owner: 'trainee' }, 'PLAN_ACTION_TITLE'],
      ['post', 'plan/actions', { area: 'work', needCode: 'id_card', owner: 'trainee' }, 'NEED_CODE_UNKNOWN'],
      ['post', 'plan/actions', { area: 'work', title: '考证', owner: 'employer' }, 'VALIDATION_FAILED'],
      ['post', 'plan/actions', { area: 'work', title: '考证', owner: 'trainee', dueOn: daysFrom(-3) }, 'DUE_DATE_IN_PAST'],
      ['post', 'plan/actions', { area: 'work', title: '考证', owner: 'trainee', dueOn: `${daysFrom(3)}T10:00:00Z` }, 'VALIDATION_FAILED'],
      [
        'post',
        'plan/actions',
        { area: 'work', title: '考证', owner: 'trainee', goalId: '00000000-0000-4000-8000-000000000001' },
        'PLAN_GOAL_UNKNOWN',
      ],
      [`patch`, `plan/actions/${p.action}`, { status: 'finished' }, 'VALIDATION_FAILED'],
      [`patch`, `plan/actions/${p.action}`, { dueOn: daysFrom(-3) }, 'DUE_DATE_IN_PAST'],
      ['post', 'plan/reviews', { dueOn: daysFrom(3), heldOn: daysFrom(3) }, 'REVIEW_DATE_IN_FUTURE'],
      ['post', 'plan/reviews', {}, 'VALIDATION_FAILED'],
      [`patch`, `plan/reviews/${p.review}`, { heldOn: daysFrom(5) }, 'REVIEW_DATE_IN_FUTURE'],
    ];
    for (const [method, path, body, code] of bad) {
      const res = await counsellor()[method as 'post'](`/api/trainees/${p.id}/${path}`, body);
      expect({ path, body, status: res.status, code: res.body.code }).toEqual({ path, body, status: 400, code });
    }
    // A second skill goal: the motto's goals exist once.
    expect((await counsellor().post(`/api/trainees/${p.id}/plan/goals`, { kind: 'skill' })).status).toBe(409);
  });

  it('keeps every assessment version, opens the motto goals and the ID-card step once', async () => {
    const me = await traineeWithAccount();
    const first = (await counsellor().post(`/api/trainees/${me.id}/needs-assessments`, ASSESSMENT).expect(201)).body;
    expect(first.assessment.version).toBe(1);
    expect(first.assessment.stage).toBe('admission');
    expect(first.assessment.urgentAreas).toEqual(['documents']);
    expect(first.goals.map((g: { kind: string }) => g.kind).sort()).toEqual(['diploma', 'job', 'skill']);
    const idCard = first.actions.filter((a: { needCode: string }) => a.needCode === 'id_card');
    expect(idCard).toHaveLength(1);
    expect(idCard[0]).toMatchObject({ title: '办理身份证', status: 'open', area: 'documents' });
    expect(first.blockers).toEqual(['no_id_card', 'no_bank_card']);

    const second = (
      await counsellor()
        .post(`/api/trainees/${me.id}/needs-assessments`, {
          stage: 'pre_release',
          areas: [{ area: 'documents', level: 'urgent', items: ['id_card'], note: '仍未办好' }],
        })
        .expect(201)
    ).body;
    expect(second.assessment.version).toBe(2);
    expect(second.assessment.areas).toEqual([{ area: 'documents', level: 'urgent', items: ['id_card'], note: '仍未办好' }]);
    expect(second.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(second.goals).toHaveLength(3);
    expect(second.actions.filter((a: { needCode: string }) => a.needCode === 'id_card')).toHaveLength(1);
    expect(second.blockers).toEqual(['no_id_card']);
    const rows = await t.sql<{ version: number }>(`SELECT version FROM needs_assessment WHERE trainee_id = $1 ORDER BY version`, [me.id]);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    const firstAreas = await t.sql(
      `SELECT a.area FROM needs_assessment_area a JOIN needs_assessment n ON n.id = a.assessment_id WHERE n.trainee_id = $1 AND n.version = 1`,
      [me.id],
    );
    expect(firstAreas).toHaveLength(3);
  });

  it('numbers concurrent assessments strictly increasing, without gaps or duplicates', async () => {
    const me = await traineeWithAccount();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => counsellor().post(`/api/trainees/${me.id}/needs-assessments`, { stage: 'admission', areas: [] })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const rows = await t.sql<{ version: number }>(`SELECT version FROM needs_assessment WHERE trainee_id = $1 ORDER BY version`, [me.id]);
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const goals = await t.sql(`SELECT kind FROM plan_goal WHERE trainee_id = $1`, [me.id]);
    expect(goals).toHaveLength(3);
  });

  it('lets the counsellor set goals, steps and reviews', async () => {
    const p = await withPlan();
    const own = (
      await counsellor()
        .post(`/api/trainees/${p.id}/plan/goals`, { kind: 'own', title: '攒钱开一家早餐店', targetOn: daysFrom(200) })
        .expect(201)
    ).body;
    expect(own).toMatchObject({ kind: 'own', title: '攒钱开一家早餐店', status: 'open' });
    const goal = (
      await counsellor().patch(`/api/trainees/${p.id}/plan/goals/${own.id}`, { status: 'achieved', targetOn: null }).expect(200)
    ).body;
    expect(goal).toMatchObject({ status: 'achieved', targetOn: null });
    const coded = (
      await counsellor()
        // Tomorrow, not today: daysFrom counts in UTC and the server's today is China's, a day ahead
        // from 16:00 UTC, when "today" here would be yesterday there (DUE_DATE_IN_PAST).
        .post(`/api/trainees/${p.id}/plan/actions`, { area: 'work', needCode: 'skill_certificate', owner: 'station', dueOn: daysFrom(1) })
        .expect(201)
    ).body;
    expect(coded).toMatchObject({
      title: '考技能证书',
      titleEn: 'Take a skill certificate',
      owner: 'station',
      status: 'open',
      markedByTrainee: false,
    });
    const done = (await counsellor().patch(`/api/trainees/${p.id}/plan/actions/${coded.id}`, { status: 'done' }).expect(200)).body;
    expect(done.status).toBe('done');
    expect(done.doneByName).toBeTruthy();
    expect(done.doneAt).toBeTruthy();
    const reopened = (await counsellor().patch(`/api/trainees/${p.id}/plan/actions/${coded.id}`, { status: 'open' }).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'open', doneAt: null, doneByName: null });
    const review = (
      await counsellor()
        .patch(`/api/trainees/${p.id}/plan/reviews/${p.review}`, { summary: '进展顺利', nextReviewOn: daysFrom(30) })
        .expect(200)
    ).body;
    expect(review).toMatchObject({ summary: '进展顺利', nextReviewOn: daysFrom(30) });
    const plan = (await counsellor().get(`/api/trainees/${p.id}/plan`).expect(200)).body;
    expect(plan.goals).toHaveLength(4);
    expect(plan.actions.length).toBeGreaterThanOrEqual(3);
    expect(plan.reviews).toHaveLength(1);
    expect(plan.codes.find((c: { area: string }) => c.area === 'documents').codes).toContain('id_card');
    // An admin reads it (read-only).
    await as('admin').get(`/api/trainees/${p.id}/plan`).expect(200);
  });

  it('shows the trainee their plan in plain words, without any staff note, summary or assessor', async () => {
    const p = await withPlan();
    await counsellor().patch(`/api/trainees/${p.id}/plan/reviews/${p.review}`, { summary: CANARY }).expect(200);
    const [assessor] = await t.sql<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'counsellor'`);
    const res = await as(p.username).get('/api/me/plan').expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('PLAN-CANARY');
    expect(text).not.toContain('戒毒');
    expect(text).not.toContain(assessor!.display_name);
    expect(text).not.toMatch(/"(note|summary|stage|assessedByName|doneByName|organisation\w*)"/);
    expect(res.body.needs.map((n: { area: string }) => n.area)).toEqual(['documents', 'housing']);
    expect(res.body.needs[0]).toMatchObject({ label: '证件', itemLabels: ['身份证', '银行卡'] });
    expect(res.body.goals.map((g: { title: string }) => g.title)).toEqual(
      expect.arrayContaining(['学一门技能', '拿一张文凭', '找一份工作']),
    );
    expect(res.body.steps.find((s: { id: string }) => s.id === p.action)).toMatchObject({ title: '准备简历', mine: true, status: 'open' });
    expect(res.body.steps.find((s: { title: string }) => s.title === '办理身份证')).toMatchObject({ mine: false });
    expect(res.body.nextMeetingOn).toBe(daysFrom(20));
    // The read is audited as the trainee's own.
    const audit = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'plan.read_self' AND subject_id = $1`, [p.id]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('lets the trainee tick and untick only their own steps', async () => {
    const p = await withPlan();
    const me = as(p.username);
    const ticked = (await me.post(`/api/me/plan/actions/${p.action}/done`).expect(200)).body;
    expect(ticked.steps.find((s: { id: string }) => s.id === p.action)).toMatchObject({
      status: 'done',
      markedByMe: true,
      doneOn: expect.any(String),
    });
    await me.post(`/api/me/plan/actions/${p.action}/done`).expect(200); // a retry changes nothing
    const staffView = (await counsellor().get(`/api/trainees/${p.id}/plan`).expect(200)).body;
    expect(staffView.actions.find((a: { id: string }) => a.id === p.action)).toMatchObject({ status: 'done', markedByTrainee: true });
    const unticked = (await me.post(`/api/me/plan/actions/${p.action}/undone`).expect(200)).body;
    expect(unticked.steps.find((s: { id: string }) => s.id === p.action)).toMatchObject({
      status: 'open',
      markedByMe: false,
      doneOn: null,
    });
    // The counsellor's own step (the ID card) is not the trainee's to tick: 404, as if it were not there.
    const [idCard] = await t.sql<{ id: string }>(`SELECT id FROM plan_action WHERE trainee_id = $1 AND need_code = 'id_card'`, [p.id]);
    await me.post(`/api/me/plan/actions/${idCard!.id}/done`).expect(404);
    // A step staff confirmed stays done.
    await counsellor().patch(`/api/trainees/${p.id}/plan/actions/${p.action}`, { status: 'done' }).expect(200);
    expect((await me.post(`/api/me/plan/actions/${p.action}/undone`)).body.code).toBe('PLAN_STEP_CONFIRMED');
    // A cancelled step cannot be ticked.
    await counsellor().patch(`/api/trainees/${p.id}/plan/actions/${p.action}`, { status: 'cancelled' }).expect(200);
    expect((await me.post(`/api/me/plan/actions/${p.action}/done`)).body.code).toBe('PLAN_STEP_NOT_OPEN');
    await me.post('/api/me/plan/actions/not-a-uuid/done').expect(400);
  });

  it('another trainee cannot see or touch the steps (404)', async () => {
    const p = await withPlan();
    const other = await traineeWithAccount();
    await as(other.username).post(`/api/me/plan/actions/${p.action}/done`).expect(404);
    await as(other.username).post(`/api/me/plan/actions/${p.action}/undone`).expect(404);
    await as('trainee2').post(`/api/me/plan/actions/${p.action}/done`).expect(404);
    const theirs = (await as(other.username).get('/api/me/plan').expect(200)).body;
    expect(theirs).toEqual({ needs: [], goals: [], steps: [], nextMeetingOn: null });
    const [row] = await t.sql<{ status: string }>(`SELECT status FROM plan_action WHERE id = $1`, [p.action]);
    expect(row!.status).toBe('open');
  });

  it('blockersFor names a missing ID card until a step for it is done', async () => {
    const me = await traineeWithAccount();
    const none = await traineeWithAccount();
    await counsellor()
      .post(`/api/trainees/${me.id}/needs-assessments`, {
        stage: 'pre_release',
        areas: [{ area: 'documents', level: 'some', items: ['id_card'] }],
      })
      .expect(201);
    const plans = t.app.get(PlansService);
    let blockers = await plans.blockersFor([me.id, none.id]);
    expect(blockers.get(me.id)).toEqual(['no_id_card']);
    expect(blockers.get(none.id)).toEqual([]);
    // 'some' (not urgent) opens no step by itself; the counsellor adds one and marks it done.
    const step = (
      await counsellor()
        .post(`/api/trainees/${me.id}/plan/actions`, { area: 'documents', needCode: 'id_card', owner: 'counsellor' })
        .expect(201)
    ).body;
    await counsellor().patch(`/api/trainees/${me.id}/plan/actions/${step.id}`, { status: 'done' }).expect(200);
    blockers = await plans.blockersFor([me.id]);
    expect(blockers.get(me.id)).toEqual([]);
  });

  it('audits every staff read and change, without the staff’s words', async () => {
    const p = await withPlan();
    await counsellor().get(`/api/trainees/${p.id}/plan`).expect(200);
    await as('admin').get(`/api/trainees/${p.id}/plan`).expect(200);
    const rows = await t.sql<{ action: string; actor_username: string; detail: unknown }>(
      `SELECT action, actor_username, detail FROM audit_log WHERE subject_id = $1 AND action LIKE 'plan.%' ORDER BY chain_seq`,
      [p.id],
    );
    const reads = rows.filter((r) => r.action === 'plan.read').map((r) => r.actor_username);
    expect(reads).toEqual(expect.arrayContaining(['counsellor', 'admin']));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['plan.assess', 'plan.action.create', 'plan.review.create']));
    expect(JSON.stringify(rows)).not.toContain('PLAN-CANARY');
  });

  it('loads a half-done demo plan for the demo trainee with an account', async () => {
    const res = await as('trainee').get('/api/me/plan').expect(200);
    expect(res.body.steps.length).toBeGreaterThan(3);
    expect(res.body.steps.some((s: { status: string }) => s.status === 'done')).toBe(true);
    expect(res.body.steps.some((s: { status: string }) => s.status === 'open')).toBe(true);
    const [demo] = await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    );
    const blockers = await t.app.get(PlansService).blockersFor([demo!.id]);
    expect(blockers.get(demo!.id)).toEqual(['no_id_card']);
  });
});
