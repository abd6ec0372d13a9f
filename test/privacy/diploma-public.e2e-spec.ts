import type { Response } from 'supertest';
import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { MATRIX } from '../authz/matrix';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * A diploma is shown to strangers: an employer, a school, anyone scanning its QR code. Nothing they
 * can reach without signing in may tell them the holder was in compulsory rehabilitation — not the
 * verification answer, not the diploma's number or link, not any other public route. A diploma is
 * issued through the API as a school would, then every public route (read off the OpenAPI document:
 * the routes that need no bearer token) is called as a stranger would, and every answer, headers
 * included, is searched for facility names, rehab words and the platform's own name.
 *
 * A new public route fails the first test until it is exercised here.
 */

const SCHOOL_DOMAIN = 'https://zs.qzzy.edu.cn/verify';
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Words that name rehab or this platform; with the facility names read from the database. */
const FORBIDDEN_WORDS = ['戒毒', '强制隔离', '康复', 'rehab', 'jinbuhuan', '金不换', 'JBH'];

type Ctx = { code: string };
type Call = (t: TestApp, ctx: Ctx) => Promise<Response>;

/** How a stranger calls each public route. */
const EXERCISE: [string, Call][] = [
  ['GET /api/health', (t) => t.http().get('/api/health')],
  ['GET /api/health/live', (t) => t.http().get('/api/health/live')],
  ['GET /api/health/ready', (t) => t.http().get('/api/health/ready')],
  // Open to loopback in tests (METRICS_ALLOW): its text is scanned like any answer.
  ['GET /api/metrics', (t) => t.http().get('/api/metrics')],
  ['GET /api/reference/divisions', (t) => t.http().get('/api/reference/divisions')],
  ['GET /api/reference/skill-levels', (t) => t.http().get('/api/reference/skill-levels')],
  ['GET /api/reference/occupations', (t) => t.http().get('/api/reference/occupations')],
  ['GET /api/reference/occupations/{code}', (t) => t.http().get('/api/reference/occupations/6-31-01-03')],
  ['GET /api/reference/industries', (t) => t.http().get('/api/reference/industries')],
  ['GET /api/reference/recommendation-reasons', (t) => t.http().get('/api/reference/recommendation-reasons')],
  ['GET /api/consent-texts', (t) => t.http().get('/api/consent-texts')],
  ['GET /api/diploma-verifications/{code}', (t, c) => t.http().get(`/api/diploma-verifications/${c.code}`)],
  ['POST /api/auth/login', (t) => t.http().post('/api/auth/login').send({ username: 'a-stranger', password: 'Guess#2026x' })],
  ['POST /api/auth/refresh', (t) => t.http().post('/api/auth/refresh').send({})],
  ['POST /api/auth/logout', (t) => t.http().post('/api/auth/logout').send({})],
  ['GET /api/auth/challenge', (t) => t.http().get('/api/auth/challenge')],
  ['POST /api/auth/mfa', (t) => t.http().post('/api/auth/mfa').send({ mfaToken: 'not-a-token', code: '123456' })],
  ['POST /api/employers/registrations', (t) => t.http().post('/api/employers/registrations').send({})],
  [
    'POST /api/activation',
    (t) =>
      t.http().post('/api/activation').send({ code: 'ABCD-EFGH-JK', birthYear: 1990, username: 'a-stranger', password: 'Guess#2026x' }),
  ],
  ['POST /api/sms/replies', (t) => t.http().post('/api/sms/replies').send({ mobile: '13800138000', nationcode: '86', text: 'TD' })],
];

/**
 * Public routes that still answer with a forbidden word, found by this test, in files outside the
 * learning module. Each is a test expected to fail until it is fixed; fix it, then delete the entry.
 */
const KNOWN_LEAKS: Record<string, string> = {
  'GET /api/consent-texts': 'the consent texts say 戒毒/康复/rehab (consents module)',
  'POST /api/auth/refresh': 'the refresh cookie is named jbh_refresh (auth.controller.ts REFRESH_COOKIE)',
  'POST /api/auth/logout': 'clearing the jbh_refresh cookie names it (auth.controller.ts REFRESH_COOKIE)',
};

describe('diplomas and the public surface point nowhere near rehab', () => {
  let t: TestApp;
  let forbidden: string[];
  let diploma: { number: string; verificationCode: string; verificationUrl: string; schoolName: string };
  let publicRoutes: string[];

  beforeAll(async () => {
    t = await createTestApp({ DIPLOMA_VERIFY_BASE_URL: SCHOOL_DOMAIN });
    const today = t.app.get(Clock).today();
    const facilities = await t.sql<{ name: string }>(`SELECT name FROM organisation WHERE type = 'facility'`);
    expect(facilities.length).toBeGreaterThan(0);
    forbidden = [...FORBIDDEN_WORDS, ...facilities.map((f) => f.name)];

    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    // Public: no bearer token needed (the refresh route documents its cookie, which a stranger lacks).
    publicRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !(op.security ?? []).some((req) => Object.keys(req as object).includes('bearer')))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );

    // Issue a diploma the way the school does: programme, class in a facility, application, approval, grade, graduation.
    const bearer = (r: import('supertest').Test, token: string) => r.auth(token, { type: 'bearer' });
    const admin = (await t.login('admin')).token;
    const counsellor = await t.login('counsellor');
    const instructor = await t.login('instructor');
    const programme = await bearer(t.http().post('/api/programmes'), admin)
      .send({ name: '酒店服务', schoolId: instructor.organisationId, requiredCredits: 10, units: [{ name: '前厅服务', credits: 10 }] })
      .expect(201);
    const klass = await bearer(t.http().post('/api/classes'), admin)
      .send({
        programmeId: programme.body.id,
        name: '酒店服务所内班',
        cohortYear: 2026,
        mode: 'in_facility',
        venueOrganisationId: counsellor.organisationId,
        capacity: 5,
        headTeacherId: instructor.userId,
        startsOn: today,
        endsOn: addDays(today, 365),
      })
      .expect(201);
    const first17 = '46010019900101123';
    const trainee = await bearer(t.http().post('/api/trainees'), counsellor.token)
      .send({
        fullName: '林晓雨',
        identityNumber: first17 + identityCheckChar(first17),
        homeDivisionCode: '460100',
        admittedOn: addDays(today, -100),
        expectedReleaseOn: addDays(today, 300),
      })
      .expect(201);
    const application = await bearer(t.http().post(`/api/classes/${klass.body.id}/applications`), counsellor.token)
      .send({ traineeId: trainee.body.id })
      .expect(201);
    await bearer(t.http().post(`/api/class-enrolments/${application.body.id}/decision`), instructor.token)
      .send({ decision: 'approve' })
      .expect(200);
    await bearer(t.http().put(`/api/classes/${klass.body.id}/grades`), instructor.token)
      .send({ traineeId: trainee.body.id, unitId: programme.body.units[0].id, score: 90 })
      .expect(200);
    diploma = (
      await bearer(t.http().post(`/api/class-enrolments/${application.body.id}/graduation`), instructor.token)
        .send({})
        .expect(201)
    ).body;
  });
  afterAll(() => t?.close());

  /** Every forbidden word found in a response's status line, headers or body. */
  const leaks = (res: Response): string[] => {
    const text = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`.toLowerCase();
    return forbidden.filter((w) => text.includes(w.toLowerCase()));
  };

  it('every public route is exercised here (a new one must be added)', () => {
    expect(publicRoutes.sort()).toEqual(EXERCISE.map(([key]) => key).sort());
    expect(
      Object.entries(MATRIX)
        .filter(([, allowed]) => allowed === 'public')
        .map(([key]) => key)
        .sort(),
    ).toEqual(publicRoutes);
  });

  it('the diploma carries the school and a neutral number; its link is on the school’s domain', () => {
    expect(diploma.schoolName).toBe('琼州职业技术学校');
    expect(diploma.number).toMatch(/^ZZ-\d{4}-\d{5}$/);
    expect(diploma.verificationUrl).toBe(`${SCHOOL_DOMAIN}/${diploma.verificationCode}`);
    for (const value of [diploma.number, diploma.verificationCode, diploma.verificationUrl]) {
      expect({ value, leaks: forbidden.filter((w) => value.toLowerCase().includes(w.toLowerCase())) }).toEqual({ value, leaks: [] });
    }
  });

  it('the verification answer names the school and the neutral number, and nothing about rehab', async () => {
    const res = await t.http().get(`/api/diploma-verifications/${diploma.verificationCode.toLowerCase()}`).expect(200);
    expect(res.body).toMatchObject({ valid: true, schoolName: '琼州职业技术学校', number: diploma.number, holderMaskedName: '林**' });
    expect(leaks(res)).toEqual([]);
    const missing = await t.http().get('/api/diploma-verifications/ZZZZ23456789').expect(404);
    expect(leaks(missing)).toEqual([]);
  });

  it('the demo diploma verifies with a neutral number', async () => {
    const res = await t.http().get('/api/diploma-verifications/DEMO7K2M9PQX').expect(200);
    expect(res.body.number).toMatch(/^ZZ-\d{4}-\d{5}$/);
    expect(leaks(res)).toEqual([]);
  });

  for (const [route, call] of EXERCISE) {
    const known = KNOWN_LEAKS[route];
    // A known leak is a test expected to fail: once it is fixed, jest reports it so the entry is removed.
    (known ? it.failing : it)(
      `${route} answers with no facility name, rehab word or the platform’s name${known ? ` — KNOWN LEAK: ${known}` : ''}`,
      async () => {
        const res = await call(t, { code: diploma.verificationCode });
        expect(res.status).toBeLessThan(500);
        expect(leaks(res)).toEqual([]);
      },
    );
  }
});
