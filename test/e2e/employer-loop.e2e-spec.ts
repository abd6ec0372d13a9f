import { Clock } from '../../server/src/common/clock';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The employer's loop (issue 12): a notice when a candidate arrives on one of the employer's orders
 * (to that employer's accounts only, in fixed words), what is new per order until the employer opens
 * it, today's interviews and offers awaiting the trainee's answer.
 */
describe('employer loop: candidate notices, new candidates, the pipeline', () => {
  let t: TestApp;
  let employer: string;
  let employer2: string;
  let counsellor: string;
  let trainee: string;
  let today: string;
  let order: string;
  let employerA: string;
  let employerB: string;
  let facilityA: string;
  let liming: string;
  const title = '面点师（早班）';

  const one = async <T = { id: string }>(sql: string, params?: unknown[]) => (await t.sql<T>(sql, params))[0]!;
  const auth = (r: import('supertest').Test, tk: string) => r.auth(tk, { type: 'bearer' });
  const pipeline = async (tk: string) => (await auth(t.http().get('/api/employer-pipeline'), tk).expect(200)).body;
  const candidateNotices = (placementId: string) =>
    t.sql<{ user_id: string; title_zh: string; title_en: string; link: string; organisation_id: string }>(
      `SELECT n.user_id, n.title_zh, n.title_en, n.link, u.organisation_id FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.kind = 'placement.candidate' AND n.dedupe_key = $1 ORDER BY n.user_id`,
      [`placement.candidate:${placementId}`],
    );
  const consentingTrainee = async (skip: string[] = []) =>
    (
      await one(
        `SELECT t.id FROM trainee t WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.user_id IS NULL
           AND t.state IN ('admitted', 'pre_release') AND NOT (t.id = ANY ($2::uuid[]))
           AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id) ORDER BY t.full_name LIMIT 1`,
        [facilityA, skip],
      )
    ).id;
  const recommend = async (traineeId: string) =>
    (
      await auth(t.http().post('/api/placements'), counsellor)
        .send({ orderId: order, traineeId, note: '在所内帮厨两年，表现稳定', reasons: ['related_course'] })
        .expect(201)
    ).body as { id: string; candidateCode: string };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    const e = await t.login('employer');
    employer = e.token;
    employerA = e.organisationId;
    const e2 = await t.login('employer2');
    employer2 = e2.token;
    employerB = e2.organisationId;
    const c = await t.login('counsellor');
    counsellor = c.token;
    facilityA = c.organisationId;
    trainee = (await t.login('trainee')).token;
    liming = (await one(`SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`)).id;
    const created = await auth(t.http().post('/api/orders'), employer)
      .send({
        title,
        occupationCode: '4-03-02-01',
        headcount: 3,
        divisionCode: '460100',
        startDate: addDays(today, 60),
        deadline: addDays(today, 30),
      })
      .expect(201);
    order = created.body.id;
    await auth(t.http().post(`/api/orders/${order}/open`), employer).expect(200);
  });
  afterAll(() => t.close());

  it('needs a token; only employers read the pipeline', async () => {
    await t.http().get('/api/employer-pipeline').expect(401);
    await auth(t.http().get('/api/employer-pipeline'), counsellor).expect(403);
    await auth(t.http().get('/api/employer-pipeline'), trainee).expect(403);
  });

  it('tells each account of the order’s employer once when a candidate arrives, in fixed words, and no other employer', async () => {
    const accountsA = (
      await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'employer'`, [employerA])
    ).map((r) => r.id);
    const p = await recommend(liming);
    const notices = await candidateNotices(p.id);
    expect(notices.map((n) => n.user_id).sort()).toEqual([...accountsA].sort());
    expect(notices.every((n) => n.organisation_id === employerA)).toBe(true);
    expect(notices.some((n) => n.organisation_id === employerB)).toBe(false);
    const traineeName = (await one<{ full_name: string }>(`SELECT full_name FROM trainee WHERE id = $1`, [liming])).full_name;
    for (const n of notices) {
      expect(n.title_zh).toBe(`「${title}」有新候选人，请查看`);
      expect(n.title_en).toBe(`New candidate for “${title}”`);
      expect(n.link).toBe(`/orders/${order}`);
      for (const text of [n.title_zh, n.title_en]) {
        expect(text).not.toContain(traineeName);
        expect(text).not.toContain('帮厨');
        expect(text).not.toContain(p.candidateCode);
      }
    }
    // The employer reads it in their inbox.
    const inbox = (await auth(t.http().get('/api/notifications'), employer).expect(200)).body;
    expect(
      inbox.items.filter((i: { kind: string; link: string }) => i.kind === 'placement.candidate' && i.link === `/orders/${order}`),
    ).toHaveLength(1);
    // Employer B has none about this order.
    const inboxB = (await auth(t.http().get('/api/notifications'), employer2).expect(200)).body;
    expect(inboxB.items.filter((i: { link: string }) => i.link === `/orders/${order}`)).toEqual([]);

    // The trainee accepting is another event (placement.accepted), never a second arrival notice.
    await auth(t.http().post(`/api/placements/${p.id}/accept`), trainee)
      .send({ textVersion: 1 })
      .expect(200);
    expect(await candidateNotices(p.id)).toHaveLength(notices.length);
  });

  it('counts a candidate as new until the employer opens it; another organisation gets 404', async () => {
    const p = await recommend(await consentingTrainee());
    const before = await pipeline(employer);
    const row = before.orders.find((o: { orderId: string }) => o.orderId === order);
    expect(row).toMatchObject({ orderId: order, newCandidates: 2, interviewsToday: 0, offersWaiting: 0 });
    expect(before.newCandidates).toBeGreaterThanOrEqual(2);
    expect(Object.keys(before).sort()).toEqual(['interviewsToday', 'newCandidates', 'offersWaiting', 'orders']);
    const list = (await auth(t.http().get(`/api/orders/${order}/candidates`), employer).expect(200)).body;
    expect(list.every((c: { isNew: boolean }) => c.isNew)).toBe(true);
    // Reading the list is not opening a candidate.
    expect((await pipeline(employer)).orders.find((o: { orderId: string }) => o.orderId === order).newCandidates).toBe(2);

    // Employer B: not theirs, 404 (never 403), and nothing changes; B's pipeline does not count it.
    const cross = await auth(t.http().post(`/api/orders/${order}/candidates/${p.id}/seen`), employer2).expect(404);
    expect(cross.body.code).toBeDefined();
    expect((await pipeline(employer2)).orders.some((o: { orderId: string }) => o.orderId === order)).toBe(false);
    // A placement of another order under this order's URL: 404.
    const demoOrder = (
      await one(`SELECT id FROM job_order WHERE employer_id = $1 AND id <> $2 AND state = 'open' LIMIT 1`, [employerA, order])
    ).id;
    await auth(t.http().post(`/api/orders/${demoOrder}/candidates/${p.id}/seen`), employer).expect(404);
    await auth(t.http().post(`/api/orders/${order}/candidates/${p.id}/seen`), counsellor).expect(403);

    const seen = await auth(t.http().post(`/api/orders/${order}/candidates/${p.id}/seen`), employer).expect(200);
    expect(seen.body).toMatchObject({ placementId: p.id, isNew: false, fullName: null, phone: null });
    const at = (await one<{ employer_seen_at: Date }>(`SELECT employer_seen_at FROM placement WHERE id = $1`, [p.id])).employer_seen_at;
    expect(at).not.toBeNull();
    // Opening it again keeps the first time.
    await auth(t.http().post(`/api/orders/${order}/candidates/${p.id}/seen`), employer).expect(200);
    expect(
      (await one<{ employer_seen_at: Date }>(`SELECT employer_seen_at FROM placement WHERE id = $1`, [p.id])).employer_seen_at,
    ).toEqual(at);
    expect((await pipeline(employer)).orders.find((o: { orderId: string }) => o.orderId === order).newCandidates).toBe(1);
  });

  it('acting on a candidate opens it; counts today’s interviews and offers awaiting the trainee', async () => {
    const accepted = await one(`SELECT id FROM placement WHERE order_id = $1 AND trainee_id = $2`, [order, liming]);
    const at = new Date(Date.now() + 60 * 60_000);
    // An interview later today (China date), unless that is already tomorrow there: then at noon today.
    const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const when = chinaDate(at) === today ? at : new Date(`${today}T12:00:00+08:00`);
    const r = await auth(t.http().post(`/api/orders/${order}/candidates/${accepted.id}/interview`), employer)
      .send({ interviewAt: when.toISOString(), interviewPlace: '龙华区滨海大道 1 号' })
      .expect(200);
    expect(r.body.isNew).toBe(false);
    let row = (await pipeline(employer)).orders.find((o: { orderId: string }) => o.orderId === order);
    // Liming was the last new one: booking the interview opened it.
    expect(row).toMatchObject({ newCandidates: 0, interviewsToday: 1, offersWaiting: 0 });

    await auth(t.http().post(`/api/orders/${order}/candidates/${accepted.id}/offer`), employer)
      .send({ offeredWage: 4800 })
      .expect(200);
    row = (await pipeline(employer)).orders.find((o: { orderId: string }) => o.orderId === order);
    expect(row).toMatchObject({ newCandidates: 0, interviewsToday: 0, offersWaiting: 1 });
    const totals = await pipeline(employer);
    expect(totals.offersWaiting).toBe(totals.orders.reduce((n: number, o: { offersWaiting: number }) => n + o.offersWaiting, 0));
    expect(totals.newCandidates).toBe(totals.orders.reduce((n: number, o: { newCandidates: number }) => n + o.newCandidates, 0));
  });

  it('a suggestion (订单班) is no arrival; its recommendation is, once', async () => {
    const traineeId = await consentingTrainee();
    await t.sql(
      `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source) VALUES ($1, $2, 'suggested', 'CSUGG001', 'order_class')`,
      [order, traineeId],
    );
    const s = await one(`SELECT id FROM placement WHERE order_id = $1 AND trainee_id = $2`, [order, traineeId]);
    expect(await candidateNotices(s.id)).toEqual([]);
    expect((await pipeline(employer)).orders.find((o: { orderId: string }) => o.orderId === order).newCandidates).toBe(0);
    await auth(t.http().post(`/api/placements/${s.id}/recommend`), counsellor)
      .send({ reasons: ['related_course'] })
      .expect(200);
    const n = (await candidateNotices(s.id)).length;
    expect(n).toBeGreaterThan(0);
    expect((await pipeline(employer)).orders.find((o: { orderId: string }) => o.orderId === order).newCandidates).toBe(1);
  });
});
