import { Clock } from '../../server/src/common/clock';
import { JobLimitsService } from '../../server/src/job-limits/job-limits.service';
import { addYears, evaluate, prefixCovers } from '../../server/src/job-limits/job-limits.rules';
import { MatchingRepository } from '../../server/src/matching/matching.repository';
import { newOrder, newTrainee, organisationOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const DRIVER = '4-02-02-01'; // 客运车辆驾驶员
const GUARD = '4-07-05-01'; // 保安员

describe('job limits (从业限制): the rules table, evaluation, and a person’s limits for their counsellor only', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  let counsellor2: string;
  let service: JobLimitsService;
  let today: string;
  let facility: string;

  const bearer = (r: import('supertest').Test, token: string) => r.auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login('admin')).token;
    counsellor = (await t.login('counsellor')).token;
    counsellor2 = (await t.login('counsellor2')).token;
    service = t.app.get(JobLimitsService);
    today = t.app.get(Clock).today();
    facility = await organisationOf(t, 'counsellor');
  });
  afterAll(() => t.close());

  it('401 without a token on every route', async () => {
    await t.http().get('/api/job-limits').expect(401);
    await t.http().post('/api/job-limits').send({}).expect(401);
    const id = '00000000-0000-4000-8000-000000000000';
    await t.http().patch(`/api/job-limits/${id}`).send({}).expect(401);
    await t.http().delete(`/api/job-limits/${id}`).expect(401);
    await t.http().get(`/api/trainees/${id}/job-limits`).expect(401);
  });

  it('lists the seeded rules, each with its occupation name and citation (admin and counsellor)', async () => {
    for (const token of [admin, counsellor]) {
      const res = await bearer(t.http().get('/api/job-limits'), token).expect(200);
      const byPrefix = new Map<string, { kind: string; waitingYears: number | null; occupationName: string; legalReference: string }>(
        res.body.items.map((r: { occupationPrefix: string }) => [r.occupationPrefix, r]),
      );
      expect(byPrefix.get(DRIVER)).toMatchObject({ kind: 'waiting_period', waitingYears: 3, occupationName: '客运车辆驾驶员' });
      expect(byPrefix.get(DRIVER)!.legalReference).toContain('第十五条');
      expect(byPrefix.get(GUARD)).toMatchObject({ kind: 'barred', waitingYears: null, occupationName: '保安员' });
      expect(byPrefix.get('4-14-05-04')).toMatchObject({ kind: 'barred', occupationName: '康乐服务员' });
    }
  });

  it('pages the table: page 2 is not page 1, the total is every matching rule, the order is stable (id last)', async () => {
    type Row = { id: string; occupationPrefix: string; active: boolean };
    const list = async (query: string, token = admin) =>
      (await bearer(t.http().get(`/api/job-limits?${query}`), token).expect(200)).body as {
        items: Row[];
        total: number;
        page: number;
        pageSize: number;
      };
    // Two rules on one prefix and kind, added in one statement (the same created_at): only the id orders them.
    const added = await t.sql<{ id: string }>(
      `INSERT INTO job_limit_rule (occupation_prefix, kind, legal_reference, summary_zh, summary_en)
       SELECT '4-03-01', 'barred', '《测试条例》第三条', '测试规则说明', 'A test rule' FROM generate_series(1, 2) RETURNING id`,
    );
    try {
      await t.sql(`UPDATE job_limit_rule SET active = false WHERE id = $1`, [added[0]!.id]);
      const expected = await t.sql<{ id: string; active: boolean }>(
        `SELECT id, active FROM job_limit_rule ORDER BY occupation_prefix, kind, created_at, id`,
      );
      const active = expected.filter((r) => r.active).map((r) => r.id);
      expect(active.length).toBeGreaterThanOrEqual(5);

      for (const token of [admin, counsellor]) {
        const one = await list('page=1&pageSize=2', token);
        const two = await list('page=2&pageSize=2', token);
        expect(one).toMatchObject({ page: 1, pageSize: 2, total: active.length });
        expect(two).toMatchObject({ page: 2, pageSize: 2, total: active.length });
        expect(one.items).toHaveLength(2);
        expect(two.items).toHaveLength(2);
        expect(two.items.map((r) => r.id)).not.toEqual(one.items.map((r) => r.id));
        expect([...one.items, ...two.items].map((r) => r.id)).toEqual(active.slice(0, 4));
      }

      // Every page, walked to the end, gives each rule once in the table's order; past the end: nothing, the total still.
      const walk = async (query: string) => {
        const ids: string[] = [];
        for (let page = 1; ; page++) {
          const p = await list(`${query}&page=${page}&pageSize=3`);
          ids.push(...p.items.map((r) => r.id));
          if (p.items.length < 3) return { ids, total: p.total };
        }
      };
      expect(await walk('includeInactive=false')).toEqual({ ids: active, total: active.length });
      const everything = await walk('includeInactive=true');
      expect(everything).toEqual({ ids: expected.map((r) => r.id), total: expected.length });
      const past = await list('page=999&pageSize=100');
      expect(past).toEqual({ items: [], total: active.length, page: 999, pageSize: 100 });

      // The default page is the first 20.
      expect(await list('')).toMatchObject({ page: 1, pageSize: 20, total: active.length });
    } finally {
      // Not left for the tests below, which count the rules on a person.
      await t.sql(`DELETE FROM job_limit_rule WHERE id = ANY($1::uuid[])`, [added.map((r) => r.id)]);
    }
  });

  it.each([
    ['pageSize=101', 'pageSize must not be greater than 100'],
    ['page=0', 'page must not be less than 1'],
    ['pageSize=0', 'pageSize must not be less than 1'],
    ['page=abc', 'page must be an integer number'],
    ['page=10001', 'page must not be greater than 10000'],
  ])('refuses %s with 400 naming the allowed range', async (query, expected) => {
    const res = await bearer(t.http().get(`/api/job-limits?${query}`), admin).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.messageEn).toContain(expected);
  });

  it('employers, trainees, instructors and the separated administrators get 403 on every route', async () => {
    const person = await newTrainee(t, { organisationId: facility, state: 'released', releasedOn: addYears(today, -1) });
    for (const user of ['employer', 'trainee', 'instructor', 'security', 'auditor']) {
      const token = (await t.login(user)).token;
      await bearer(t.http().get('/api/job-limits'), token).expect(403);
      await bearer(t.http().post('/api/job-limits'), token).send({}).expect(403);
      await bearer(t.http().get(`/api/trainees/${person}/job-limits`), token).expect(403);
    }
    // A counsellor reads the table but cannot change it; an admin cannot read a person's limits.
    await bearer(t.http().post('/api/job-limits'), counsellor).send({}).expect(403);
    await bearer(t.http().get(`/api/trainees/${person}/job-limits`), admin).expect(403);
  });

  it('400 with an actionable message on a bad prefix, bad years or a kind that disagrees with its years', async () => {
    const base = { kind: 'barred', legalReference: '《测试条例》第一条', summaryZh: '测试规则说明', summaryEn: 'A test rule' };
    const format = await bearer(t.http().post('/api/job-limits'), admin)
      .send({ ...base, occupationPrefix: '4-2' })
      .expect(400);
    expect(format.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(format.body)).toContain('4-02-02');
    const unknown = await bearer(t.http().post('/api/job-limits'), admin)
      .send({ ...base, occupationPrefix: '4-99-98' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'JOB_LIMIT_UNKNOWN_PREFIX', params: { prefix: '4-99-98' } });
    const tooLong = await bearer(t.http().post('/api/job-limits'), admin)
      .send({ ...base, kind: 'waiting_period', waitingYears: 11, occupationPrefix: DRIVER })
      .expect(400);
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    const missing = await bearer(t.http().post('/api/job-limits'), admin)
      .send({ ...base, kind: 'waiting_period', occupationPrefix: DRIVER })
      .expect(400);
    expect(missing.body.code).toBe('JOB_LIMIT_YEARS_REQUIRED');
    const extra = await bearer(t.http().post('/api/job-limits'), admin)
      .send({ ...base, waitingYears: 2, occupationPrefix: DRIVER })
      .expect(400);
    expect(extra.body.code).toBe('JOB_LIMIT_YEARS_NOT_ALLOWED');
    await bearer(t.http().patch('/api/job-limits/not-a-uuid'), admin).send({}).expect(400);
    await bearer(t.http().patch('/api/job-limits/00000000-0000-4000-8000-000000000000'), admin).send({}).expect(404);
  });

  it('create, change, deactivate: audited, and a rule added later applies at once', async () => {
    const code = '4-03-02-09'; // 调酒师: no seeded rule
    const release = addYears(today, -4);
    const person = await newTrainee(t, { organisationId: facility, state: 'released', releasedOn: release });
    expect(await service.limitsForOccupation(code)).toEqual({ barred: false, waitingYears: null, duringSupervision: false });

    const created = await bearer(t.http().post('/api/job-limits'), admin)
      .send({
        occupationPrefix: '4-03-02',
        kind: 'waiting_period',
        waitingYears: 5,
        legalReference: '《测试条例》第二条',
        summaryZh: '测试：出所五年内不得从事',
        summaryEn: 'Test: five years after release',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      occupationPrefix: '4-03-02',
      occupationName: '餐饮服务人员',
      active: true,
      duringSupervision: false,
    });
    const id = created.body.id as string;

    // Applies at once: to the merged limits, to eligibility and to the person's list.
    expect(await service.limitsForOccupation(code)).toEqual({ barred: false, waitingYears: 5, duringSupervision: false });
    const e = (await service.eligibility(undefined, [person], code, today)).get(person);
    expect(e).toEqual({ eligible: false, from: addYears(release, 5), whileSupervised: false, ruleIds: [id] });
    const mine = await bearer(t.http().get(`/api/trainees/${person}/job-limits`), counsellor).expect(200);
    expect(mine.body.find((r: { ruleId: string }) => r.ruleId === id)).toMatchObject({
      from: addYears(release, 5),
      occupationName: '餐饮服务人员',
    });

    const changed = await bearer(t.http().patch(`/api/job-limits/${id}`), admin)
      .send({ kind: 'barred' })
      .expect(200);
    expect(changed.body).toMatchObject({ kind: 'barred', waitingYears: null });
    expect((await service.eligibility(undefined, [person], code, today)).get(person)).toMatchObject({ eligible: false, from: null });
    await bearer(t.http().patch(`/api/job-limits/${id}`), admin)
      .send({ waitingYears: 3 })
      .expect(400);

    const gone = await bearer(t.http().delete(`/api/job-limits/${id}`), admin).expect(200);
    expect(gone.body.active).toBe(false);
    expect(await service.limitsForOccupation(code)).toEqual({ barred: false, waitingYears: null, duringSupervision: false });
    const listed = await bearer(t.http().get('/api/job-limits'), admin).expect(200);
    expect(listed.body.items.some((r: { id: string }) => r.id === id)).toBe(false);
    const all = await bearer(t.http().get('/api/job-limits?includeInactive=true'), admin).expect(200);
    expect(all.body.items.some((r: { id: string }) => r.id === id)).toBe(true);

    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at, id`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['job_limit.create', 'job_limit.update', 'job_limit.deactivate']);
  });

  it('evaluates released 1, 2 (community), 4 years ago and not yet released, for driving and security', async () => {
    const one = await newTrainee(t, { organisationId: facility, state: 'released', releasedOn: addYears(today, -1) });
    const two = await newTrainee(t, { organisationId: facility, state: 'community', releasedOn: addYears(today, -2) });
    const four = await newTrainee(t, { organisationId: facility, state: 'released', releasedOn: addYears(today, -4) });
    const expected = new Date(Date.parse(`${today}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
    const inside = await newTrainee(t, { organisationId: facility, state: 'pre_release', expectedReleaseOn: expected });
    const ids = [one, two, four, inside];

    const drive = await service.eligibility(undefined, ids, DRIVER, today);
    expect(drive.get(one)).toMatchObject({ eligible: false, from: addYears(today, 2), whileSupervised: false });
    expect(drive.get(two)).toMatchObject({ eligible: false, from: addYears(today, 1), whileSupervised: true });
    expect(drive.get(four)).toEqual({ eligible: true, from: addYears(today, -1), whileSupervised: false, ruleIds: [] });
    expect(drive.get(inside)).toMatchObject({ eligible: false, from: addYears(expected, 3), whileSupervised: true });
    expect(await service.limitsForOccupation(DRIVER)).toEqual({ barred: false, waitingYears: 3, duringSupervision: true });

    const guard = await service.eligibility(undefined, ids, GUARD, today);
    for (const id of ids) expect(guard.get(id)).toMatchObject({ eligible: false, from: null });
    expect(await service.limitsForOccupation(GUARD)).toEqual({ barred: true, waitingYears: null, duringSupervision: false });
    expect((await service.rulesFor(GUARD)).map((r) => r.occupationPrefix)).toEqual([GUARD]);

    // The person's page: four years on, only the bars remain; one year on, the driving wait too.
    const res4 = await bearer(t.http().get(`/api/trainees/${four}/job-limits`), counsellor).expect(200);
    expect(res4.body.map((r: { occupationPrefix: string }) => r.occupationPrefix).sort()).toEqual(['4-07-05-01', '4-14-05-04']);
    const res1 = await bearer(t.http().get(`/api/trainees/${one}/job-limits`), counsellor).expect(200);
    const driving = res1.body.filter((r: { occupationPrefix: string }) => r.occupationPrefix.startsWith('4-02-02'));
    expect(driving).toHaveLength(3);
    expect(driving[0]).toMatchObject({ kind: 'waiting_period', from: addYears(today, 2), whileSupervised: false });
    expect(res1.body.find((r: { occupationPrefix: string }) => r.occupationPrefix === GUARD)).toMatchObject({ kind: 'barred', from: null });
    const audited = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'trainee.job_limits.read' AND subject_id = $1`, [one]);
    expect(audited).toHaveLength(1);
  });

  it('matching applies a waiting period as evaluate does, to the day, 29 February included', async () => {
    const repo = t.app.get(MatchingRepository);
    const { weights } = await repo.currentWeights();
    const order = await newOrder(t, { employerId: await organisationOf(t, 'employer'), occupationCode: DRIVER });
    const facts = (await repo.orderFacts(order))!;
    // [released on, waiting years, the order's start]: each side of the day the wait ends.
    const cases: [string, number, string][] = [
      ['2024-02-29', 1, '2025-02-28'],
      ['2024-02-29', 1, '2025-03-01'],
      ['2024-02-29', 4, '2028-02-28'],
      ['2024-02-29', 4, '2028-02-29'],
      ['2023-03-01', 1, '2024-02-29'],
      ['2023-02-28', 1, '2024-02-27'],
      ['2023-02-28', 1, '2024-02-28'],
      ['2023-06-15', 3, '2026-06-14'],
      ['2023-06-15', 3, '2026-06-15'],
    ];
    const seen: boolean[] = [];
    for (const [releasedOn, years, start] of cases) {
      // In 三沙, where no demo trainee lives, so the page holds only the people made here.
      const id = await newTrainee(t, {
        organisationId: facility,
        homeDivisionCode: '460300',
        state: 'released',
        releasedOn,
        jobMatchingConsent: true,
      });
      const limits = { barred: false, waitingYears: years, duringSupervision: false };
      const ranked = await repo.rankForOrder(
        { ...facts, start_date: start, ceilings: [Infinity, Infinity] },
        weights,
        { organisationId: facility, limits, divisionCode: '460300' },
        100,
        0,
      );
      const listed = ranked.rows.some((r) => r.trainee_id === id);
      const rule = { id: 'wait', occupationPrefix: DRIVER, kind: 'waiting_period' as const, waitingYears: years, duringSupervision: false };
      const { eligible } = evaluate([rule], { id, state: 'released', releasedOn, expectedReleaseOn: releasedOn }, start);
      expect({ releasedOn, years, start, listed }).toEqual({ releasedOn, years, start, listed: eligible });
      seen.push(listed);
    }
    // Both sides of the boundary were met.
    expect(new Set(seen)).toEqual(new Set([true, false]));
  });

  it('orders for a person leave out what a limit covers, lasting or until the day it ends, at segment boundaries', async () => {
    const repo = t.app.get(MatchingRepository);
    const { weights } = await repo.currentWeights();
    const employerId = await organisationOf(t, 'employer');
    const until = addYears(today, 1);
    const dayBefore = new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const limits = [
      { prefix: '4-02-02', until },
      { prefix: GUARD, until: null },
    ];
    // [occupation, start]: each side of the day the road-transport limit ends; the lasting one at any date;
    // a code under the prefix; codes the prefixes do not cover.
    const cases: [string, string][] = [
      [DRIVER, dayBefore],
      [DRIVER, until],
      ['4-02-02-02', dayBefore],
      ['4-02-02-02', addYears(until, 1)],
      [GUARD, addYears(until, 5)],
      ['4-03-02-01', dayBefore],
    ];
    const made = new Map<string, [string, string]>();
    for (const [occupationCode, startDate] of cases) {
      made.set(await newOrder(t, { employerId, occupationCode, startDate, divisionCode: '460300' }), [occupationCode, startDate]);
    }
    const id = await newTrainee(t, { organisationId: facility, homeDivisionCode: '460300', state: 'released', jobMatchingConsent: true });
    const facts = (await repo.traineeFacts(id))!;
    const { rows } = await repo.ordersForTrainee({ ...facts, limits, ceilings: [Infinity, Infinity, Infinity] }, weights, today, 10_000);
    const listed = new Set(rows.map((r) => r.order_id));
    const seen = [...made].map(([order, [code, start]]) => ({ code, start, listed: listed.has(order) }));
    const expected = [...made.values()].map(([code, start]) => ({
      code,
      start,
      listed: !limits.some((l) => prefixCovers(l.prefix, code) && (l.until === null || start < l.until)),
    }));
    expect(seen).toEqual(expected);
    expect(new Set(seen.map((x) => x.listed))).toEqual(new Set([true, false]));
  });

  it('a counsellor of another organisation gets 404, as does an unknown id; nothing is audited as read', async () => {
    const person = await newTrainee(t, { organisationId: facility, state: 'released', releasedOn: addYears(today, -1) });
    const res = await bearer(t.http().get(`/api/trainees/${person}/job-limits`), counsellor2).expect(404);
    expect(JSON.stringify(res.body)).not.toContain('4-07-05');
    await bearer(t.http().get('/api/trainees/00000000-0000-4000-8000-000000000000/job-limits'), counsellor).expect(404);
    const audited = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'trainee.job_limits.read' AND subject_id = $1`, [person]);
    expect(audited).toHaveLength(0);
  });
});
