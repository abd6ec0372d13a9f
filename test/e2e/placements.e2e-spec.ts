import { Clock } from '../../server/src/common/clock';
import { newOrder, newPlacement, newTrainees } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Keys an employer must never receive, at any depth. */
const FORBIDDEN_KEYS =
  /identity|address|facility|organisation|state_change|history|followup|follow_up|abstinence|admitted|release|traineeId|birth/i;

function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysOf(v, out);
    }
  return out;
}

describe('placements: recommendation → acceptance → interview → offer → hire', () => {
  let t: TestApp;
  let employer: string;
  let employer2: string;
  let counsellor: string;
  let trainee: string;
  let admin: string;
  let today: string;
  let order: string;
  let employerA: string;
  let liming: string;
  let facilityA: string;

  const one = async <T = { id: string }>(sql: string, params?: unknown[]) => (await t.sql<T>(sql, params))[0]!;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    employer = (await t.login('employer')).token;
    employer2 = (await t.login('employer2')).token;
    const c = await t.login('counsellor');
    counsellor = c.token;
    facilityA = c.organisationId;
    trainee = (await t.login('trainee')).token;
    admin = (await t.login('admin')).token;
    const e = await t.login('employer');
    employerA = e.organisationId;
    liming = (await one(`SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`)).id;
    // A fresh order of employer A, opened, with no demo placements on it.
    const created = await t
      .http()
      .post('/api/orders')
      .auth(employer, { type: 'bearer' })
      .send({
        title: '中式烹调师（热菜）',
        occupationCode: '4-03-02-01',
        headcount: 2,
        requiredLevel: 5,
        divisionCode: '460100',
        startDate: addDays(today, 60),
        deadline: addDays(today, 30),
      })
      .expect(201);
    order = created.body.id;
    await t.http().post(`/api/orders/${order}/open`).auth(employer, { type: 'bearer' }).expect(200);
  });
  afterAll(() => t.close());

  /** A trainee of facility A with live job-matching consent and no placement on `order`. */
  const consentingTrainee = async (skip: string[] = []) =>
    (
      await one(
        `SELECT t.id FROM trainee t WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.user_id IS NULL
           AND t.state IN ('admitted', 'pre_release') AND NOT (t.id = ANY ($2::uuid[]))
           AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id) ORDER BY t.full_name LIMIT 1`,
        [facilityA, skip],
      )
    ).id;

  it('needs a token, valid input, and consent to job matching', async () => {
    await t.http().get('/api/placements').expect(401);
    await t.http().post('/api/placements').send({ orderId: order, traineeId: liming }).expect(401);
    await t.http().get(`/api/orders/${order}/candidates`).expect(401);
    const bad = await t.http().post('/api/placements').auth(counsellor, { type: 'bearer' }).send({ orderId: 'x' }).expect(400);
    expect(bad.body.message).toBeDefined();
    const noConsent = await one(
      `SELECT id FROM trainee WHERE organisation_id = $1 AND NOT job_matching_consent AND state <> 'closed' LIMIT 1`,
      [facilityA],
    );
    const r = await t
      .http()
      .post('/api/placements')
      .auth(counsellor, { type: 'bearer' })
      .send({ orderId: order, traineeId: noConsent.id })
      .expect(400);
    expect(r.body.code).toBe('NO_MATCHING_CONSENT');
  });

  it('walks the whole way, pseudonymous to the employer until the trainee accepts, named after', async () => {
    const created = await t
      .http()
      .post('/api/placements')
      .auth(counsellor, { type: 'bearer' })
      .send({ orderId: order, traineeId: liming, note: '热菜基础扎实', reasons: ['related_course', 'can_start_on_time'] })
      .expect(201);
    const p = created.body;
    expect(p).toMatchObject({ state: 'recommended', orderId: order, traineeId: liming, contactShared: false });
    expect(p.candidateCode).toMatch(/^C[2-9A-HJ-NP-Z]{7}$/);
    // Reasons outside the fixed list are refused; the note is the counsellor's own (never the employer's to read).
    const freeReason = await t
      .http()
      .post('/api/placements')
      .auth(counsellor, { type: 'bearer' })
      .send({ orderId: order, traineeId: liming, reasons: ['在戒毒所表现很好'] })
      .expect(400);
    expect(JSON.stringify(freeReason.body)).toContain('reasons');
    const dup = await t
      .http()
      .post('/api/placements')
      .auth(counsellor, { type: 'bearer' })
      .send({ orderId: order, traineeId: liming })
      .expect(409);
    expect(dup.body.code).toBe('PLACEMENT_EXISTS');

    // The employer sees a code and skills, never a name, facility or identity number.
    const before = await t.http().get(`/api/orders/${order}/candidates`).auth(employer, { type: 'bearer' }).expect(200);
    expect(before.body).toHaveLength(1);
    expect(before.body[0]).toMatchObject({ candidateCode: p.candidateCode, fullName: null, phone: null, state: 'recommended' });
    expect(keysOf(before.body).filter((k) => FORBIDDEN_KEYS.test(k))).toEqual([]);
    const facilityName = (await one<{ name: string }>(`SELECT name FROM organisation WHERE id = $1`, [facilityA])).name;
    const traineeName = (await one<{ full_name: string }>(`SELECT full_name FROM trainee WHERE id = $1`, [liming])).full_name;
    expect(JSON.stringify(before.body)).not.toContain(facilityName);
    expect(JSON.stringify(before.body)).not.toContain(traineeName);
    expect(JSON.stringify(before.body)).not.toContain('热菜基础扎实');
    expect(before.body[0].reasons).toEqual([
      { code: 'related_course', zh: '正在参加相关技能培训', en: 'In a related skills course' },
      { code: 'can_start_on_time', zh: '可按时到岗', en: 'Can start on the date' },
    ]);
    // The employer cannot step ahead of the trainee.
    const early = await t
      .http()
      .post(`/api/orders/${order}/candidates/${p.id}/offer`)
      .auth(employer, { type: 'bearer' })
      .send({ offeredWage: 5000 })
      .expect(400);
    expect(early.body.code).toBe('PLACEMENT_STATE');

    // The trainee sees it and accepts against the current consent text.
    const mine = await t.http().get('/api/placements').auth(trainee, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const outdated = await t
      .http()
      .post(`/api/placements/${p.id}/accept`)
      .auth(trainee, { type: 'bearer' })
      .send({ textVersion: 99 })
      .expect(400);
    expect(outdated.body.code).toBe('CONSENT_TEXT_OUTDATED');
    const accepted = await t
      .http()
      .post(`/api/placements/${p.id}/accept`)
      .auth(trainee, { type: 'bearer' })
      .send({ textVersion: 1 })
      .expect(200);
    expect(accepted.body).toMatchObject({ state: 'accepted_by_trainee', contactShared: true });
    const [consent] = await t.sql(`SELECT * FROM consent WHERE trainee_id = $1 AND purpose = 'share_with_employer' AND employer_id = $2`, [
      liming,
      employerA,
    ]);
    expect(consent).toMatchObject({ granted_assisted: false, withdrawn_at: null });

    const after = await t.http().get(`/api/orders/${order}/candidates/${p.id}`).auth(employer, { type: 'bearer' }).expect(200);
    expect(after.body.fullName).toBe(traineeName);
    expect(after.body.phone).toMatch(/^1\d{10}$/);
    expect(keysOf(after.body).filter((k) => FORBIDDEN_KEYS.test(k))).toEqual([]);

    const badInterview = await t
      .http()
      .post(`/api/orders/${order}/candidates/${p.id}/interview`)
      .auth(employer, { type: 'bearer' })
      .send({ interviewAt: 'tomorrow' })
      .expect(400);
    expect(badInterview.body.message).toBeDefined();
    await t
      .http()
      .post(`/api/orders/${order}/candidates/${p.id}/interview`)
      .auth(employer, { type: 'bearer' })
      .send({ interviewAt: `${addDays(today, 3)}T10:00:00+08:00`, interviewPlace: '酒店人事部' })
      .expect(200);
    const offered = await t
      .http()
      .post(`/api/orders/${order}/candidates/${p.id}/offer`)
      .auth(employer, { type: 'bearer' })
      .send({ offeredWage: 5200 })
      .expect(200);
    expect(offered.body).toMatchObject({ state: 'offer', offeredWage: 5200 });
    // The trainee takes the offer.
    const hired = await t
      .http()
      .post(`/api/placements/${p.id}/hire`)
      .auth(trainee, { type: 'bearer' })
      .send({ hiredOn: addDays(today, 60) })
      .expect(200);
    expect(hired.body).toMatchObject({ state: 'hired', hiredOn: addDays(today, 60) });
    expect(hired.body.events.map((e: { toState: string }) => e.toState)).toEqual([
      'recommended',
      'accepted_by_trainee',
      'interview',
      'offer',
      'hired',
    ]);

    const f = await t.http().get(`/api/orders/${order}/fulfilment`).auth(employer, { type: 'bearer' }).expect(200);
    expect(f.body).toMatchObject({ headcount: 2, recommended: 1, accepted: 1, hired: 1, stillEmployed: 1, interviewing: 0, offered: 0 });
    await t.http().get(`/api/orders/${order}/fulfilment`).auth(counsellor, { type: 'bearer' }).expect(200);
    await t.http().get(`/api/orders/${order}/fulfilment`).auth(admin, { type: 'bearer' }).expect(200);

    // Notices reached the trainee at each step, once each.
    const notes = await t.sql<{ kind: string }>(
      `SELECT kind FROM notification WHERE user_id = (SELECT user_id FROM trainee WHERE id = $1) AND kind LIKE 'placement.%' ORDER BY created_at`,
      [liming],
    );
    expect(notes.map((n) => n.kind)).toEqual(['placement.recommended', 'placement.interview', 'placement.offer', 'placement.hired']);

    // Hired elsewhere? Not while this job lasts.
    const otherOrder = await one(`SELECT id FROM job_order WHERE state = 'open' AND id <> $1 ORDER BY title LIMIT 1`, [order]);
    const second = await t
      .http()
      .post('/api/placements')
      .auth(counsellor, { type: 'bearer' })
      .send({ orderId: otherOrder.id, traineeId: liming })
      .expect(201);
    await t.sql(`UPDATE placement SET state = 'offer' WHERE id = $1`, [second.body.id]);
    const twice = await t
      .http()
      .post(`/api/placements/${second.body.id}/hire`)
      .auth(trainee, { type: 'bearer' })
      .send({ hiredOn: addDays(today, 60) })
      .expect(409);
    expect(twice.body.code).toBe('ALREADY_HIRED');

    // The job ends (the counsellor heard it at a visit); the hire still counts, and they may be hired again.
    const badEnd = await t
      .http()
      .post(`/api/placements/${p.id}/end`)
      .auth(counsellor, { type: 'bearer' })
      .send({ endedOn: addDays(today, 1), reason: '合同到期' })
      .expect(400);
    expect(badEnd.body.code).toBe('END_DATE');
    await t.sql(`UPDATE placement SET hired_on = $2 WHERE id = $1`, [p.id, addDays(today, -200)]);
    await t
      .http()
      .post(`/api/placements/${p.id}/end`)
      .auth(counsellor, { type: 'bearer' })
      .send({ endedOn: addDays(today, -10), reason: '回老家照顾家人' })
      .expect(200);
    const f2 = await t.http().get(`/api/orders/${order}/fulfilment`).auth(employer, { type: 'bearer' }).expect(200);
    expect(f2.body).toMatchObject({
      hired: 1,
      stillEmployed: 0,
      hiredAtLeast3MonthsAgo: 1,
      stillEmployedAt3Months: 1,
      hiredAtLeast6MonthsAgo: 1,
      stillEmployedAt6Months: 1,
    });
    await t
      .http()
      .post(`/api/placements/${second.body.id}/hire`)
      .auth(counsellor, { type: 'bearer' })
      .send({ hiredOn: addDays(today, 5) })
      .expect(200);
    const [assisted] = await t.sql<{ assisted: boolean }>(
      `SELECT assisted FROM placement_event WHERE placement_id = $1 AND to_state = 'hired'`,
      [second.body.id],
    );
    expect(assisted!.assisted).toBe(true);
  });

  it('withdrawing consent hides the trainee again: to a code, then entirely', async () => {
    // The employer has looked through the order's candidates before (a read on the audit record).
    await t.http().get(`/api/orders/${order}/candidates`).auth(employer, { type: 'bearer' }).expect(200);
    const traineeId = await consentingTrainee();
    const p = (await t.http().post('/api/placements').auth(counsellor, { type: 'bearer' }).send({ orderId: order, traineeId }).expect(201))
      .body;
    const noForm = await t
      .http()
      .post(`/api/placements/${p.id}/accept`)
      .auth(counsellor, { type: 'bearer' })
      .send({ textVersion: 1 })
      .expect(400);
    expect(noForm.body.code).toBe('PAPER_FORM_REQUIRED');
    await t
      .http()
      .post(`/api/placements/${p.id}/accept`)
      .auth(counsellor, { type: 'bearer' })
      .send({ textVersion: 1, paperFormRef: 'PF-2026-88' })
      .expect(200);
    const named = await t.http().get(`/api/orders/${order}/candidates/${p.id}`).auth(employer, { type: 'bearer' }).expect(200);
    expect(named.body.fullName).not.toBeNull();

    const share = await one(`SELECT id FROM consent WHERE trainee_id = $1 AND purpose = 'share_with_employer' AND withdrawn_at IS NULL`, [
      traineeId,
    ]);
    await t
      .http()
      .post(`/api/trainees/${traineeId}/consents/${share.id}/withdrawal`)
      .auth(counsellor, { type: 'bearer' })
      .send({ paperFormRef: 'PF-2026-89' })
      .expect(200);
    const coded = await t.http().get(`/api/orders/${order}/candidates/${p.id}`).auth(employer, { type: 'bearer' }).expect(200);
    expect(coded.body).toMatchObject({ fullName: null, phone: null, candidateCode: p.candidateCode });

    const matching = await one(`SELECT id FROM consent WHERE trainee_id = $1 AND purpose = 'job_matching' AND withdrawn_at IS NULL`, [
      traineeId,
    ]);
    await t
      .http()
      .post(`/api/trainees/${traineeId}/consents/${matching.id}/withdrawal`)
      .auth(counsellor, { type: 'bearer' })
      .send({ paperFormRef: 'PF-2026-90' })
      .expect(200);
    await t.http().get(`/api/orders/${order}/candidates/${p.id}`).auth(employer, { type: 'bearer' }).expect(404);
    const list = await t.http().get(`/api/orders/${order}/candidates`).auth(employer, { type: 'bearer' }).expect(200);
    expect(list.body.map((c: { placementId: string }) => c.placementId)).not.toContain(p.id);
    // Reads of candidates are audited.
    const [{ n }] = (await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('placement.candidates.read', 'placement.candidate.read') AND actor_id = (SELECT id FROM app_user WHERE username = 'employer')`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(3);
  });

  it('steps belong to their side: employers cannot accept, trainees cannot offer, others see 404', async () => {
    const traineeId = await consentingTrainee();
    const p = (await t.http().post('/api/placements').auth(counsellor, { type: 'bearer' }).send({ orderId: order, traineeId }).expect(201))
      .body;
    await t.http().post(`/api/placements/${p.id}/accept`).auth(employer, { type: 'bearer' }).send({ textVersion: 1 }).expect(403);
    await t.http().get(`/api/orders/${order}/candidates`).auth(employer2, { type: 'bearer' }).expect(404);
    await t.http().get(`/api/placements/${p.id}`).auth(trainee, { type: 'bearer' }).expect(404);
    const w = await t
      .http()
      .post(`/api/placements/${p.id}/withdraw`)
      .auth(counsellor, { type: 'bearer' })
      .send({ note: '学员改变主意' })
      .expect(200);
    expect(w.body.state).toBe('withdrawn');
    const again = await t.http().post(`/api/placements/${p.id}/withdraw`).auth(counsellor, { type: 'bearer' }).send({}).expect(400);
    expect(again.body.code).toBe('PLACEMENT_STATE');
  });

  it('a 订单班 session makes its trainees the order’s first candidates, seen only by their counsellor until recommended', async () => {
    const course = await one(`SELECT id FROM course WHERE occupation_code = '4-03-02-01' LIMIT 1`).catch(() => null);
    const courseId =
      course?.id ??
      (
        await t
          .http()
          .post('/api/courses')
          .auth(admin, { type: 'bearer' })
          .send({ title: '中式烹调师（五级）', occupationCode: '4-03-02-01', level: 5, hours: 120 })
          .expect(201)
      ).body.id;
    const s = await t
      .http()
      .post(`/api/courses/${courseId}/sessions`)
      .auth(admin, { type: 'bearer' })
      .send({ startsOn: addDays(today, 2), endsOn: addDays(today, 40), capacity: 10, orderId: order })
      .expect(201);
    expect(s.body).toMatchObject({ orderId: order, orderTitle: '中式烹调师（热菜）' });
    const traineeId = await consentingTrainee();
    await t
      .http()
      .post(`/api/course-sessions/${s.body.id}/enrolments`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId })
      .expect(201);
    const [sug] = await t.sql<{ id: string; state: string; source: string }>(
      `SELECT id, state, source FROM placement WHERE order_id = $1 AND trainee_id = $2`,
      [order, traineeId],
    );
    expect(sug).toMatchObject({ state: 'suggested', source: 'order_class' });
    const hidden = await t.http().get(`/api/orders/${order}/candidates`).auth(employer, { type: 'bearer' }).expect(200);
    expect(hidden.body.map((c: { placementId: string }) => c.placementId)).not.toContain(sug!.id);
    const mine = await t.http().get(`/api/placements?orderId=${order}&state=suggested`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(sug!.id);
    await t
      .http()
      .post(`/api/placements/${sug!.id}/recommend`)
      .auth(counsellor, { type: 'bearer' })
      .send({ note: '订单班学员' })
      .expect(200);
    const shown = await t.http().get(`/api/orders/${order}/candidates`).auth(employer, { type: 'bearer' }).expect(200);
    expect(shown.body.map((c: { placementId: string }) => c.placementId)).toContain(sug!.id);
  });

  it('100 simultaneous hires into an order of headcount 5 → exactly 5, and the order is filled', async () => {
    const o = {
      id: await newOrder(t, { employerId: employerA, title: '并发测试订单', startDate: addDays(today, 60), deadline: addDays(today, 30) }),
    };
    const trainees = await newTrainees(t, 100, (g) => ({
      fullName: `并发${g}`,
      organisationId: facilityA,
      state: 'pre_release',
      admittedOn: addDays(today, -300),
      expectedReleaseOn: addDays(today, 20),
      jobMatchingConsent: true,
    }));
    const placements: { id: string }[] = [];
    for (const traineeId of trainees) placements.push({ id: await newPlacement(t, { orderId: o.id, traineeId, state: 'offer' }) });
    const results = await Promise.all(
      placements.map((p) =>
        t
          .http()
          .post(`/api/orders/${o.id}/candidates/${p.id}/hire`)
          .auth(employer, { type: 'bearer' })
          .send({ hiredOn: addDays(today, 60) }),
      ),
    );
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: 5, 409: 95 });
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['ORDER_FULL']));
    const [row] = await t.sql(
      `SELECT o.hired_count, o.state, (SELECT count(*)::int FROM placement p WHERE p.order_id = o.id AND p.state = 'hired') AS hired
         FROM job_order o WHERE o.id = $1`,
      [o.id],
    );
    expect(row).toEqual({ hired_count: 5, state: 'filled', hired: 5 });
    // Filled: no more recommendations.
    const late = await t
      .http()
      .post('/api/placements')
      .auth(counsellor, { type: 'bearer' })
      .send({ orderId: o.id, traineeId: await consentingTrainee() })
      .expect(400);
    expect(late.body.code).toBe('ORDER_NOT_OPEN');
  });

  it('one trainee offered two jobs and hired into both at the same moment → one hire', async () => {
    const orders: { id: string }[] = [];
    for (const g of [1, 2])
      orders.push({
        id: await newOrder(t, {
          employerId: employerA,
          title: `同时录用 ${g}`,
          headcount: 3,
          startDate: addDays(today, 60),
          deadline: addDays(today, 30),
        }),
      });
    const traineeId = await consentingTrainee();
    const ps: { id: string; order_id: string }[] = [];
    for (const { id: orderId } of orders) ps.push({ id: await newPlacement(t, { orderId, traineeId, state: 'offer' }), order_id: orderId });
    const results = await Promise.all(
      ps.map((p) =>
        t
          .http()
          .post(`/api/orders/${p.order_id}/candidates/${p.id}/hire`)
          .auth(employer, { type: 'bearer' })
          .send({ hiredOn: addDays(today, 60) }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ALREADY_HIRED');
    // The employer is not told where else the person works.
    expect(results.find((r) => r.status === 409)!.body.message).not.toContain('同时录用');
    const [{ n }] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM placement WHERE trainee_id = $1 AND state = 'hired'`, [
      traineeId,
    ])) as [{ n: number }];
    expect(n).toBe(1);
    const counts = await t.sql<{ hired_count: number }>(`SELECT hired_count FROM job_order WHERE id = ANY ($1::uuid[])`, [
      orders.map((o) => o.id),
    ]);
    expect(counts.map((c) => c.hired_count).sort()).toEqual([0, 1]);
  });
});
