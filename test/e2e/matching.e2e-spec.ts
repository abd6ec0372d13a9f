import { NO_LIMITS } from '../../server/src/job-limits/job-limits.rules';
import { Clock } from '../../server/src/common/clock';
import { ceilingOutside, ceilingOutsideOrders } from '../../server/src/matching/match-explain';
import type { Weights } from '../../server/src/matching/matching.entities';
import { type MatchRow, MatchingRepository, type OrderFacts, type TraineeFacts } from '../../server/src/matching/matching.repository';
import { EXPECTED_ORDER, LABELLED_ORDER, LABELLED_TRAINEES, NEVER_LISTED } from '../matching/labelled-candidates';
import {
  newCertificate,
  newConsent,
  newCourse,
  newCourseSession,
  newOrder,
  newPlacement,
  newReadiness,
  newSessionEnrolment,
  newTrainee,
  organisationOf,
  userIdOf,
} from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

interface Item {
  traineeId: string;
  fullName: string;
  score: number;
  parts: { key: string; weight: number; value: number; points: number; reason: string }[];
  missing: string[];
}

/** Infinite ceilings never trust a bound: everyone is scored. */
const EVERYONE: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
/** What a page shows, as one comparable string per row: who, for which order, the score and its parts. */
const keys = (rows: MatchRow[]) =>
  rows.map((r) =>
    [
      r.trainee_id,
      r.order_id,
      r.score,
      r.p_certificate,
      r.p_training,
      r.p_diploma,
      r.p_division,
      r.p_lodging,
      r.p_wage,
      r.p_industry,
      r.p_readiness,
    ].join(' '),
  );
const orderCeilings = (w: Weights, tf: TraineeFacts): [number, number, number] => [
  ceilingOutsideOrders(w, tf),
  ceilingOutsideOrders(w, tf, 'not-same'),
  ceilingOutsideOrders(w, tf, 'far'),
];
/** A small seeded random number generator: the same "random" data on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('matching: explainable ranking in PostgreSQL', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  let counsellor2: string;
  let trainee: string;
  let employer: string;
  let today: string;
  let facilityA: string;
  let order: string;
  const ids: Record<string, string> = {};

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    put: (url: string, body: object = {}) => t.http().put(url).auth(token, { type: 'bearer' }).send(body),
  });

  /** Every page of the ranking, as the counsellor sees it. */
  async function ranking(token: string, query = ''): Promise<Item[]> {
    const all: Item[] = [];
    for (let page = 1; ; page++) {
      const res = await as(token).get(`/api/matching/orders/${order}/candidates?page=${page}&pageSize=100${query}`).expect(200);
      all.push(...(res.body.items as Item[]));
      if (all.length >= res.body.total || !res.body.items.length) return all;
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    const c = await t.login('counsellor');
    counsellor = c.token;
    facilityA = c.organisationId;
    counsellor2 = (await t.login('counsellor2')).token;
    trainee = (await t.login('trainee')).token;
    employer = (await t.login('employer')).token;
    const created = await as(employer)
      .post('/api/orders', {
        title: '标注测试：中式烹调师',
        occupationCode: LABELLED_ORDER.occupationCode,
        headcount: 3,
        requiredLevel: LABELLED_ORDER.requiredLevel,
        divisionCode: LABELLED_ORDER.divisionCode,
        boardAndLodging: LABELLED_ORDER.boardAndLodging,
        wageMin: LABELLED_ORDER.wageMin,
        wageMax: LABELLED_ORDER.wageMax,
        startDate: addDays(today, LABELLED_ORDER.startInDays),
        deadline: addDays(today, 30),
      })
      .expect(201);
    order = created.body.id;
    await as(employer).post(`/api/orders/${order}/open`).expect(200);

    const counsellorId = await userIdOf(t, 'counsellor');
    const [provider] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`);
    const course = await newCourse(t, { providerId: provider!.id, title: '标注课程', occupationCode: '4-03-02-01', level: 5, hours: 80 });
    const session = await newCourseSession(t, { courseId: course, startsOn: addDays(today, -10), endsOn: addDays(today, 30) });
    const other = await newOrder(t, {
      employerId: await organisationOf(t, 'employer'),
      title: '别处的工作',
      occupationCode: LABELLED_ORDER.occupationCode,
      divisionCode: LABELLED_ORDER.divisionCode,
      startDate: addDays(today, LABELLED_ORDER.startInDays),
      deadline: addDays(today, 30),
      openedAt: null,
      hiredCount: 1,
    });
    for (const p of LABELLED_TRAINEES) {
      const released = p.releaseInDays === null;
      const id = await newTrainee(t, {
        fullName: `标注${p.key}`,
        homeDivisionCode: p.homeDivision,
        organisationId: facilityA,
        state: released ? 'released' : 'pre_release',
        admittedOn: addDays(today, -400),
        expectedReleaseOn: released ? addDays(today, -30) : addDays(today, p.releaseInDays!),
        releasedOn: released ? addDays(today, -30) : null,
        jobMatchingConsent: p.consent,
        willingToLiveOnSite: p.willingToLiveOnSite,
        wageExpectation: p.wageExpectation,
      });
      ids[p.key] = id;
      if (p.certLevel !== null)
        await newCertificate(t, {
          traineeId: id,
          occupationCode: '4-03-02-01',
          level: p.certLevel,
          number: `BZ-${p.key}`,
          issuer: '琼州职业技术学校',
          issuedOn: addDays(today, -60),
        });
      if (p.inTraining) await newSessionEnrolment(t, { sessionId: session, traineeId: id, createdBy: counsellorId });
      if (p.ready !== null) await newReadiness(t, { traineeId: id, ready: p.ready, setBy: counsellorId });
      if (p.hiredElsewhere) await newPlacement(t, { orderId: other, traineeId: id, state: 'hired', hiredOn: addDays(today, -20) });
    }
  });
  afterAll(() => t.close());

  it('401, 400, 404 and 403 where they belong', async () => {
    await t.http().get(`/api/matching/orders/${order}/candidates`).expect(401);
    await as(counsellor).get(`/api/matching/orders/${order}/candidates?pageSize=1000`).expect(400);
    await as(counsellor).get(`/api/matching/orders/${order}/candidates?certificateOccupation=cook`).expect(400);
    await as(employer).get(`/api/matching/orders/${order}/candidates`).expect(403);
    const [draft] = await t.sql<{ id: string }>(`SELECT id FROM job_order WHERE state = 'draft' LIMIT 1`);
    await as(counsellor).get(`/api/matching/orders/${draft!.id}/candidates`).expect(404);
    await as(counsellor2).get(`/api/matching/orders/${order}/why-not/${ids.A}`).expect(404);
    await as(counsellor2).get(`/api/matching/trainees/${ids.A}/orders`).expect(404);
    await as(counsellor2).put(`/api/matching/readiness/${ids.A}`, { ready: true }).expect(404);
    await as(counsellor).put(`/api/matching/readiness/${ids.A}`, { ready: 'yes' }).expect(400);
  });

  it('agrees with the careful counsellor on the labelled set, and explains every part', async () => {
    const items = await ranking(counsellor);
    const labelled = items.filter((i) => i.fullName.startsWith('标注')).map((i) => i.fullName.slice(2));
    expect(labelled).toEqual(EXPECTED_ORDER);
    expect(items[0]!.fullName).toBe('标注A');
    const a = items[0]!;
    expect(a.parts.map((p) => p.key)).toEqual([
      'certificate',
      'training',
      'diploma',
      'division',
      'lodging',
      'wage',
      'industry',
      'readiness',
    ]);
    expect(a.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(a.score, 0);
    expect(a.parts.find((p) => p.key === 'certificate')!.reason).toContain('中式烹调师');
    const c = items.find((i) => i.fullName === '标注C')!;
    expect(c.missing.join()).toContain('中式烹调师五级或以上证书');
    expect(c.parts.find((p) => p.key === 'training')!.reason).toContain('正在学');
    const b = items.find((i) => i.fullName === '标注B')!;
    expect(b.parts.find((p) => p.key === 'division')!.reason).toContain('相邻');
    // The ranking is logged with its weights version and audited.
    const [log] = await t.sql(`SELECT weights_version FROM matching_ranking WHERE order_id = $1 LIMIT 1`, [order]);
    expect(log).toEqual({ weights_version: 1 });
    const [audit] = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'matching.rank' AND subject_id = $1`, [order]);
    expect((audit as { n: number }).n).toBeGreaterThan(0);
  });

  it('bounded scoring gives the same pages as scoring everyone, and is used when the page is decided', async () => {
    const repo = t.app.get(MatchingRepository);
    const { weights } = await repo.currentWeights();
    const o = (await repo.orderFacts(order))!;
    const ceilings: [number, number] = [ceilingOutside(weights, o.required_level), ceilingOutside(weights, o.required_level, false)];
    const filter = { organisationId: facilityA, limits: NO_LIMITS };
    let usedBound = false;
    let scoredAll = false;
    for (const [limit, offset] of [
      [1, 0],
      [2, 0],
      [3, 1],
      [20, 0],
      [100, 0],
    ] as const) {
      const bounded = await repo.rankForOrder({ ...o, ceilings }, weights, filter, limit, offset);
      const full = await repo.rankForOrder({ ...o, ceilings: EVERYONE }, weights, filter, limit, offset);
      expect(full.tier).toBe(2);
      expect(keys(bounded.rows)).toEqual(keys(full.rows));
      expect(bounded.total).toBe(full.total);
      if (bounded.tier < 2) usedBound = true;
      else scoredAll = true;
    }
    // The labelled holders of the certificate fill a short page above the ceiling; a page of 100 does not.
    expect(usedBound).toBe(true);
    expect(scoredAll).toBe(true);
  });

  it('on random data, bounded rankings equal scoring everything both ways, and each pair scored alone', async () => {
    const repo = t.app.get(MatchingRepository);
    const random = mulberry32(17);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const counsellorId = await userIdOf(t, 'counsellor');
    const employerId = await organisationOf(t, 'employer');
    const divisions = (await t.sql<{ code: string }>(`SELECT code FROM division WHERE code <> '460300' ORDER BY code`)).map((d) => d.code);
    const occupations = ['4-03-02-01', '6-01-01-01', '4-01-02-01'];
    const known = await t.sql<{ code: string; middle_code: string }>(`SELECT code, middle_code FROM occupation WHERE code = ANY ($1)`, [
      occupations,
    ]);
    expect(known).toHaveLength(3);
    const middles = [...new Set(known.map((k) => k.middle_code)), '餐饮'];
    const [provider] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`);
    const course = await newCourse(t, { providerId: provider!.id, title: '随机课程', occupationCode: occupations[1], level: 4, hours: 60 });
    const session = await newCourseSession(t, { courseId: course, startsOn: addDays(today, -5), endsOn: addDays(today, 40) });

    const orders: string[] = [];
    for (let i = 0; i < 24; i++) {
      const id = await newOrder(t, {
        employerId,
        title: `随机订单${i}`,
        occupationCode: pick(occupations),
        divisionCode: pick(divisions),
        startDate: addDays(today, 10 + Math.floor(random() * 120)),
        deadline: addDays(today, 5 + Math.floor(random() * 30)),
      });
      await t.sql(`UPDATE job_order SET required_level = $2, diploma_wanted = $3, board_and_lodging = $4, wage_max = $5 WHERE id = $1`, [
        id,
        pick([null, null, 3, 4, 5]),
        random() < 0.2,
        pick(['none', 'board', 'lodging', 'both']),
        pick([null, 4000, 5000, 6000, 8000]),
      ]);
      orders.push(id);
    }
    const classSession = await newCourseSession(t, {
      courseId: course,
      startsOn: addDays(today, -5),
      endsOn: addDays(today, 40),
      orderId: orders[0],
    });
    const trainees: string[] = [];
    for (let i = 0; i < 120; i++) {
      const released = random() < 0.6;
      const id = await newTrainee(t, {
        fullName: `随机${i}`,
        organisationId: i % 6 === 0 ? await organisationOf(t, 'counsellor2') : facilityA,
        homeDivisionCode: pick(divisions),
        state: released ? 'released' : 'pre_release',
        expectedReleaseOn: released ? addDays(today, -40) : addDays(today, Math.floor(random() * 200)),
        releasedOn: released ? addDays(today, -40) : null,
        jobMatchingConsent: random() < 0.85,
        willingToLiveOnSite: pick([null, true, false]),
        wageExpectation: pick([null, 3500, 4500, 5500, 7000, 9000]),
      });
      await t.sql(`UPDATE trainee SET preferred_divisions = $2, preferred_industries = $3 WHERE id = $1`, [
        id,
        random() < 0.5 ? [pick(divisions)] : [],
        random() < 0.5 ? [pick(middles)] : [],
      ]);
      for (const occupationCode of occupations)
        if (random() < 0.3)
          await newCertificate(t, { traineeId: id, occupationCode, level: 1 + Math.floor(random() * 5), issuedOn: addDays(today, -9) });
      if (random() < 0.15) await newSessionEnrolment(t, { sessionId: session, traineeId: id, createdBy: counsellorId });
      if (random() < 0.05)
        await newSessionEnrolment(t, { sessionId: classSession, traineeId: id, createdBy: counsellorId, state: 'passed' });
      if (random() < 0.2) await newReadiness(t, { traineeId: id, ready: random() < 0.6, setBy: counsellorId });
      if (random() < 0.05) await newPlacement(t, { orderId: pick(orders), traineeId: id, state: 'hired', hiredOn: addDays(today, -3) });
      trainees.push(id);
    }

    const current = (await repo.currentWeights()).weights;
    const trainingHeavy: Weights = {
      certificate: 10,
      training: 40,
      diploma: 0,
      division: 20,
      lodging: 0,
      wage: 10,
      industry: 0,
      readiness: 20,
    };
    const tiersSeen = { candidates: new Set<number>(), orders: new Set<number>() };
    for (const [n, weights] of [current, trainingHeavy].entries()) {
      // Half the orders each: pages of several sizes, for a counsellor (their own trainees) and for an admin (all).
      for (const id of orders.slice(n * 12, n * 12 + 12)) {
        const o = (await repo.orderFacts(id))!;
        const ceilings: [number, number] = [ceilingOutside(weights, o.required_level), ceilingOutside(weights, o.required_level, false)];
        for (const organisationId of [facilityA, null])
          for (const [limit, offset] of [
            [3, 0],
            [10, 7],
            [50, 0],
          ] as const) {
            const bounded = await repo.rankForOrder({ ...o, ceilings }, weights, { organisationId, limits: NO_LIMITS }, limit, offset);
            const full = await repo.rankForOrder(
              { ...o, ceilings: EVERYONE },
              weights,
              { organisationId, limits: NO_LIMITS },
              limit,
              offset,
            );
            expect(keys(bounded.rows)).toEqual(keys(full.rows));
            expect(bounded.total).toBe(full.total);
            tiersSeen.candidates.add(bounded.tier);
          }
      }
      // Random trainees (and the labelled ones): the orders' top 3 and top 20.
      for (const id of [...trainees.slice(n * 20, n * 20 + 20), ...Object.values(ids)]) {
        const tf = (await repo.traineeFacts(id))!;
        for (const limit of [3, 20]) {
          const bounded = await repo.ordersForTrainee({ ...tf, limits: [], ceilings: orderCeilings(weights, tf) }, weights, today, limit);
          const full = await repo.ordersForTrainee({ ...tf, limits: [], ceilings: [...EVERYONE, Infinity] }, weights, today, limit);
          expect(full.tier).toBe(3);
          expect(keys(bounded.rows)).toEqual(keys(full.rows));
          tiersSeen.orders.add(bounded.tier);
        }
      }
    }
    // The bounds were put to work, and the fall-backs were reached.
    expect(tiersSeen.candidates.has(2)).toBe(true);
    expect([...tiersSeen.candidates].filter((x) => x < 2).length).toBeGreaterThan(0);
    expect(tiersSeen.orders.has(3)).toBe(true);
    expect([...tiersSeen.orders].filter((x) => x < 3).length).toBeGreaterThan(0);

    // Scoring everyone equals scoring each pair alone (the page's own facts), sorted the same way.
    const byScore = (a: MatchRow, b: MatchRow) => Number(b.score) - Number(a.score);
    for (const id of orders.slice(0, 4)) {
      const o: OrderFacts = (await repo.orderFacts(id))!;
      const alone: MatchRow[] = [];
      for (const tr of await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE organisation_id = $1`, [facilityA])) {
        const r = (await repo.one(id, tr.id, current))!;
        if (r.available) alone.push(r);
      }
      alone.sort((a, b) => byScore(a, b) || (a.trainee_id < b.trainee_id ? -1 : 1));
      const full = await repo.rankForOrder({ ...o, ceilings: EVERYONE }, current, { organisationId: facilityA, limits: NO_LIMITS }, 100, 0);
      expect(keys(full.rows)).toEqual(keys(alone.slice(0, 100)));
      expect(full.total).toBe(alone.length);
    }
    const open = await t.sql<{ id: string }>(`SELECT id FROM job_order WHERE state = 'open' AND deadline >= $1`, [today]);
    for (const id of [...trainees.slice(0, 3), ids.A!, ids.C!]) {
      const alone: MatchRow[] = [];
      for (const o of open) alone.push((await repo.one(o.id, id, current))!);
      alone.sort((a, b) => byScore(a, b) || (a.order_id < b.order_id ? -1 : 1));
      const tf: TraineeFacts = (await repo.traineeFacts(id))!;
      const full = await repo.ordersForTrainee({ ...tf, limits: [], ceilings: [...EVERYONE, Infinity] }, current, today, 20);
      expect(keys(full.rows)).toEqual(keys(alone.slice(0, 20)));
    }
  }, 240_000);

  it('never lists a trainee without consent, unavailable by the start date, or working elsewhere — and says why not', async () => {
    const names = (await ranking(counsellor)).map((i) => i.fullName);
    for (const key of NEVER_LISTED) expect(names).not.toContain(`标注${key}`);
    const noConsent = await as(counsellor).get(`/api/matching/orders/${order}/why-not/${ids['no-consent']}`).expect(200);
    expect(noConsent.body.eligible).toBe(false);
    expect(noConsent.body.blockers.join()).toContain('没有同意');
    const late = await as(counsellor).get(`/api/matching/orders/${order}/why-not/${ids.late}`).expect(200);
    expect(late.body.blockers.join()).toContain('晚于到岗日期');
    const working = await as(counsellor).get(`/api/matching/orders/${order}/why-not/${ids.working}`).expect(200);
    expect(working.body.blockers.join()).toContain('已在其他单位入职');
    const e = await as(counsellor).get(`/api/matching/orders/${order}/why-not/${ids.E}`).expect(200);
    expect(e.body).toMatchObject({ eligible: true, blockers: [] });

    // Withdrawing consent takes effect at once.
    await newConsent(t, { traineeId: ids.B!, grantedBy: await userIdOf(t, 'counsellor'), paperFormRef: 'BZ-1' });
    const [consent] = await t.sql<{ id: string }>(`SELECT id FROM consent WHERE trainee_id = $1 AND purpose = 'job_matching'`, [ids.B]);
    await as(counsellor).post(`/api/trainees/${ids.B}/consents/${consent!.id}/withdrawal`, { paperFormRef: 'BZ-2' }).expect(200);
    expect((await ranking(counsellor)).map((i) => i.fullName)).not.toContain('标注B');
    // Another facility's counsellor ranks only their own trainees.
    expect((await ranking(counsellor2)).filter((i) => i.fullName.startsWith('标注'))).toEqual([]);
  });

  it('filters by division, availability and certificate', async () => {
    const haikou = await ranking(counsellor, '&divisionCode=460100');
    expect(haikou.map((i) => i.fullName)).not.toContain('标注D');
    const certified = await ranking(counsellor, '&certificateOccupation=4-03-02-01');
    expect(certified.map((i) => i.fullName)).not.toContain('标注C');
    expect(certified.map((i) => i.fullName)).toContain('标注A');
  });

  it('readiness notes and versioned weights change the ranking, and each ranking names its version', async () => {
    await as(counsellor).put(`/api/matching/readiness/${ids.C}`, { ready: true, note: '面试练习表现好' }).expect(200);
    const bad = await as(admin)
      .post('/api/matching/weights', {
        certificate: 50,
        training: 50,
        diploma: 0,
        division: 0,
        lodging: 0,
        wage: 0,
        industry: 0,
        readiness: 10,
      })
      .expect(400);
    expect(bad.body.code).toBe('WEIGHTS_SUM');
    await as(counsellor).post('/api/matching/weights', { certificate: 100 }).expect(403);
    const v2 = await as(admin)
      .post('/api/matching/weights', {
        certificate: 10,
        training: 40,
        diploma: 0,
        division: 20,
        lodging: 0,
        wage: 10,
        industry: 0,
        readiness: 20,
        note: '重培训',
      })
      .expect(201);
    expect(v2.body).toMatchObject({ version: 2, training: 40 });
    const res = await as(counsellor).get(`/api/matching/orders/${order}/candidates?pageSize=100`).expect(200);
    expect(res.body.weightsVersion).toBe(2);
    const names = (res.body.items as Item[]).filter((i) => i.fullName.startsWith('标注')).map((i) => i.fullName);
    expect(names.indexOf('标注C')).toBeLessThan(names.indexOf('标注D'));
    expect((await as(counsellor).get('/api/matching/weights').expect(200)).body.version).toBe(2);
  });

  it('tells a trainee which open orders fit and what is missing', async () => {
    const mine = await as(trainee).get('/api/matching/me/orders').expect(200);
    expect(mine.body.orders.length).toBeGreaterThan(0);
    expect(mine.body.orders[0]).toEqual(
      expect.objectContaining({ score: expect.any(Number), parts: expect.any(Array), missing: expect.any(Array) }),
    );
    const forC = await as(counsellor).get(`/api/matching/trainees/${ids.C}/orders`).expect(200);
    const ours = forC.body.orders.find((o: { orderId: string }) => o.orderId === order);
    expect(ours.missing).toContain('中式烹调师五级或以上证书');
  });
});
