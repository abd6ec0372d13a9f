import { Clock } from '../../server/src/common/clock';
import { newCertificate } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

describe('orders (订单) and "精准" course recommendations', () => {
  let t: TestApp;
  let employer: string;
  let counsellor: string;
  let admin: string;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    employer = (await t.login('employer')).token;
    counsellor = (await t.login('counsellor')).token;
    admin = (await t.login('admin')).token;
  });
  afterAll(() => t.close());

  const order = (over: Record<string, unknown> = {}) => ({
    title: '面点师',
    occupationCode: '4-03-02-02',
    headcount: 4,
    requiredLevel: 5,
    divisionCode: '460100',
    wageMin: 4000,
    wageMax: 5500,
    boardAndLodging: 'both',
    startDate: addDays(today, 60),
    deadline: addDays(today, 30),
    ...over,
  });

  it('an employer drafts, edits, opens and closes an order; bad input is a clear 400', async () => {
    const d = await t.http().post('/api/orders').auth(employer, { type: 'bearer' }).send(order()).expect(201);
    expect(d.body).toMatchObject({
      state: 'draft',
      occupationName: '中式面点师',
      requiredLevelName: '五级/初级工',
      divisionName: '海口市',
    });
    const e1 = await t
      .http()
      .post('/api/orders')
      .auth(employer, { type: 'bearer' })
      .send(order({ deadline: addDays(today, 90) }))
      .expect(400);
    expect(e1.body.code).toBe('DEADLINE_AFTER_START');
    const e2 = await t
      .http()
      .post('/api/orders')
      .auth(employer, { type: 'bearer' })
      .send(order({ wageMin: 6000, wageMax: 5000 }))
      .expect(400);
    expect(e2.body.code).toBe('WAGE_RANGE');
    await t
      .http()
      .post('/api/orders')
      .auth(employer, { type: 'bearer' })
      .send(order({ occupationCode: '9-99-99-99' }))
      .expect(400);
    await t
      .http()
      .post('/api/orders')
      .auth(employer, { type: 'bearer' })
      .send(order({ headcount: 0 }))
      .expect(400);
    const edited = await t.http().patch(`/api/orders/${d.body.id}`).auth(employer, { type: 'bearer' }).send({ headcount: 6 }).expect(200);
    expect(edited.body.headcount).toBe(6);
    // Counsellors do not see drafts.
    await t.http().get(`/api/orders/${d.body.id}`).auth(counsellor, { type: 'bearer' }).expect(404);
    const opened = await t.http().post(`/api/orders/${d.body.id}/open`).auth(employer, { type: 'bearer' }).expect(200);
    expect(opened.body.state).toBe('open');
    await t.http().get(`/api/orders/${d.body.id}`).auth(counsellor, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/orders/${d.body.id}/open`).auth(employer, { type: 'bearer' }).expect(400);
    const closed = await t.http().post(`/api/orders/${d.body.id}/close`).auth(employer, { type: 'bearer' }).expect(200);
    expect(closed.body.state).toBe('closed');
    await t.http().patch(`/api/orders/${d.body.id}`).auth(employer, { type: 'bearer' }).send({ headcount: 2 }).expect(400);
  });

  it('an employer awaiting verification may neither draft nor publish', async () => {
    const pending = (await t.login('pending-employer')).token;
    const res = await t
      .http()
      .post('/api/orders')
      .auth(pending, { type: 'bearer' })
      .send(order({ divisionCode: '469028' }))
      .expect(403);
    expect(res.body.code).toBe('EMPLOYER_NOT_VERIFIED');
  });

  it('lists by role: employers their own, counsellors open ones, admins all', async () => {
    const mine = await t.http().get('/api/orders?pageSize=100').auth(employer, { type: 'bearer' }).expect(200);
    expect(mine.body.items.every((o: { employerName: string }) => o.employerName === '海口椰风酒店管理有限公司')).toBe(true);
    const open = await t.http().get('/api/orders?pageSize=100').auth(counsellor, { type: 'bearer' }).expect(200);
    expect(open.body.items.every((o: { state: string }) => o.state === 'open')).toBe(true);
    const all = await t.http().get('/api/orders?pageSize=100').auth(admin, { type: 'bearer' }).expect(200);
    expect(all.body.total).toBeGreaterThan(open.body.total);
    const cooks = await t.http().get('/api/orders?occupationCode=4-03-02-01').auth(counsellor, { type: 'bearer' }).expect(200);
    expect(cooks.body.items.length).toBeGreaterThan(0);
  });

  it('recommends the course that closes the gap, with the reason; a certificate closes it', async () => {
    const trainee = await t.login('trainee');
    // 李明 is already in the 中式烹调师 session: that course is not recommended to him again.
    const mine = await t.http().get('/api/trainees/me/course-recommendations').auth(trainee.token, { type: 'bearer' }).expect(200);
    expect(mine.body.map((r: { occupationCode: string }) => r.occupationCode)).not.toContain('4-03-02-01');
    const electric = mine.body.find((r: { occupationCode: string }) => r.occupationCode === '6-31-01-03');
    expect(electric).toBeDefined();
    expect(electric.reason).toMatch(/订单，共招\d+人；还没有这个证书/);
    expect(electric.nextSessionId).toBeTruthy();

    // A counsellor sees the same for a trainee of theirs; once certified, the gap is gone.
    const [{ id }] = (await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t WHERE t.organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')
          AND t.user_id IS NULL AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.trainee_id = t.id) LIMIT 1`,
    )) as [{ id: string }];
    const before = await t.http().get(`/api/trainees/${id}/course-recommendations`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(before.body.map((r: { occupationCode: string }) => r.occupationCode)).toContain('4-03-02-01');
    await newCertificate(t, { traineeId: id, occupationCode: '4-03-02-01', level: 4, number: 'TEST-1', issuer: '测试' });
    const after = await t.http().get(`/api/trainees/${id}/course-recommendations`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(after.body.map((r: { occupationCode: string }) => r.occupationCode)).not.toContain('4-03-02-01');
  });

  it('shows admins where demand outruns supply, per occupation and division', async () => {
    const res = await t.http().get('/api/courses/demand-supply').auth(admin, { type: 'bearer' }).expect(200);
    const sanya = res.body.find(
      (r: { occupationCode: string; divisionCode: string }) => r.occupationCode === '4-03-02-01' && r.divisionCode === '460200',
    );
    expect(sanya).toMatchObject({ openOrders: 1, demand: 3 });
    expect(sanya.gap).toBe(sanya.demand - sanya.certified - sanya.inTraining);
    const gaps = res.body.map((r: { gap: number }) => r.gap);
    expect(gaps).toEqual([...gaps].sort((a: number, b: number) => b - a));
  });
});
