import type { Response } from 'supertest';
import { creditCodeCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { MATRIX } from '../authz/matrix';
import { newNotification, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The employer deny-list, over EVERY route an employer can reach (the matrix's employer and public
 * routes), not a sample: each is exercised below as the `employer` demo account would use it, every
 * answer is kept, and then all of them are searched for what must never reach an employer — rehab
 * history, facility or station names, identity numbers, trainee addresses, follow-up or abstinence
 * data, and the name or phone of anyone who has not agreed to share them with this employer.
 *
 * A new employer-reachable route fails the first test until it is exercised here.
 */

/** Keys that would carry what an employer must not see (checked at every depth). */
const FORBIDDEN_KEY =
  /identity|idNumber|facility|station|rehab|admitted|release|handover|stateChange|history|followUp|follow_up|visit|abstinen|relapse|urine|checklist|consent(?!Text)|homeAddress|birth|sex$/i;
/** Words that name the rehab itself (and the canary written below). */
const FORBIDDEN_WORDS = [
  '戒毒',
  '戒治',
  '强制隔离',
  '强戒',
  '康复站',
  '社区康复',
  '吸毒',
  '复吸',
  '美沙酮',
  'rehab',
  'detox',
  'abstinen',
  'CANARY',
];

/**
 * The canary: what a careless or well-meaning member of staff might write about someone. It is
 * written into every free-text column staff or trainees can fill, on every row, before the employer
 * routes are read; if any employer or public answer carries it, free text leaked.
 */
const CANARY = 'CANARY 在戒毒所帮厨两年，美沙酮维持治疗中';

/** Free text written by staff or trainees about people: never an employer's or the public's to read. */
const STAFF_FREE_TEXT = [
  'fair_booth.note',
  'certificate.issuer',
  'checklist_item.note',
  'class_enrolment.reason',
  'correction_request.message',
  'correction_request.resolution_note',
  'fair_intent.note',
  'follow_up_visit.next_steps',
  'follow_up_visit.support_needs',
  // Community supervision: the sending station's note on a transfer, how a lost person was found.
  'station_transfer.note',
  'lost_contact.note',
  // Sealing: the reference a bureau administrator gives to unseal a record (administrators only).
  'record_seal.note',
  // The personal plan: the staff's assessment notes and review summaries (never on the trainee's
  // screen either), and the steps' and own goals' titles (the trainee sees those, no one else).
  'needs_assessment_area.note',
  'plan_review.summary',
  'plan_action.title',
  'plan_goal.title',
  'handover.handover_place',
  'handover.reject_reason',
  'job_fair.description',
  'matching_weights.note',
  'placement.end_reason',
  'placement.note',
  'placement_event.note',
  'trainee.skills_note',
  'trainee.work_history',
  'trainee_readiness.note',
  'trainee_state_change.reason',
];

/**
 * Long text columns that are not staff's words about a person: the employer's own (its orders, its
 * interview places it set, what the bureau told it about its own booth or verification),
 * the catalogue, reference names, system text and secrets. A new long text column must be put in one
 * of the two lists — the test below fails until it is, so the next feature cannot forget.
 */
const NOT_ABOUT_A_PERSON = [
  // A client's request key and the route pattern it was sent to (the kept answer is encrypted bytea).
  'idempotency_key.key',
  'idempotency_key.route',
  'app_user.password_hash',
  'consent_text.text_en',
  'consent_text.text_zh',
  'course.syllabus',
  'fair_booth.decline_reason',
  'job_order.description',
  'job_order.workplace_address',
  // The legal rules' citation and staff-facing summary (fixed text about an occupation, not a person).
  'job_limit_rule.legal_reference',
  'job_limit_rule.summary_en',
  'job_limit_rule.summary_zh',
  'notification.dedupe_key',
  'notification.link',
  'notification.title_en',
  'notification.title_zh',
  'occupation.middle_name',
  'occupation.minor_name',
  'occupation.name',
  'organisation.name',
  'organisation.status_reason',
  'placement.interview_place',
  'programme.description',
  'refresh_session.user_agent',
  'typeorm_migrations.name',
];
const ID_NUMBER = /\b\d{6}(19|20)\d{2}[01]\d[0-3]\d{4}[\dXx]\b|\*{6,}\d{3}[\dX]/;

type Ctx = Record<string, string>;
type Call = (t: TestApp, token: string, ctx: Ctx) => Promise<Response>;

describe('employer deny-list: nothing about rehab reaches an employer, on any route', () => {
  let t: TestApp;
  let token: string;
  let today: string;
  const ctx: Ctx = {};

  const bearer = (r: import('supertest').Test, tk: string) => r.auth(tk, { type: 'bearer' });

  /** How an employer (or anyone, for public routes) uses each route, in an order that makes the later ones possible. */
  const EXERCISE: [string, Call][] = [
    ['GET /api/health', (t) => t.http().get('/api/health')],
    ['GET /api/health/live', (t) => t.http().get('/api/health/live')],
    ['GET /api/health/ready', (t) => t.http().get('/api/health/ready')],
    // Open to loopback in tests (METRICS_ALLOW): its text is scanned like any answer.
    ['GET /api/metrics', (t) => t.http().get('/api/metrics')],
    ['GET /api/reference/divisions', (t) => t.http().get('/api/reference/divisions')],
    ['GET /api/reference/skill-levels', (t) => t.http().get('/api/reference/skill-levels')],
    ['GET /api/reference/industries', (t) => t.http().get('/api/reference/industries')],
    ['GET /api/reference/recommendation-reasons', (t) => t.http().get('/api/reference/recommendation-reasons')],
    ['GET /api/reference/occupations', (t) => t.http().get('/api/reference/occupations?q=烹调')],
    ['GET /api/reference/occupations/{code}', (t) => t.http().get('/api/reference/occupations/4-03-02-01')],
    ['GET /api/consent-texts', (t) => t.http().get('/api/consent-texts')],
    ['GET /api/diploma-verifications/{code}', (t) => t.http().get('/api/diploma-verifications/DEMO7K2M9PQX')],
    [
      'POST /api/employers/registrations',
      (t) =>
        t
          .http()
          .post('/api/employers/registrations')
          .send({
            organisationName: '隐私测试餐饮有限公司',
            creditCode: `91460100MA5T0000X${creditCodeCheckChar('91460100MA5T0000X')}`,
            divisionCode: '460100',
            contactName: '王经理',
            contactPhone: '13800000000',
            username: 'privacy-employer',
            password: 'Privacy#2026x',
          }),
    ],
    ['POST /api/auth/login', (t) => t.http().post('/api/auth/login').send({ username: 'employer', password: 'Demo#2026' })],
    ['POST /api/auth/refresh', (t) => t.http().post('/api/auth/refresh').send({})],
    ['GET /api/auth/me', (t, tk) => bearer(t.http().get('/api/auth/me'), tk)],
    [
      'POST /api/auth/password',
      (t, tk) => bearer(t.http().post('/api/auth/password'), tk).send({ currentPassword: 'wrong-one', newPassword: 'Another#2026x' }),
    ],
    ['GET /api/organisations', (t, tk) => bearer(t.http().get('/api/organisations'), tk)],
    ['GET /api/organisations/{id}', (t, tk, c) => bearer(t.http().get(`/api/organisations/${c.employerId}`), tk)],
    ['GET /api/orders', (t, tk) => bearer(t.http().get('/api/orders'), tk)],
    ['GET /api/orders/{id}', (t, tk, c) => bearer(t.http().get(`/api/orders/${c.demoOrder}`), tk)],
    [
      'POST /api/orders',
      (t, tk) =>
        bearer(t.http().post('/api/orders'), tk).send({
          title: '隐私测试订单',
          occupationCode: '4-03-02-01',
          headcount: 3,
          divisionCode: '460100',
          workplaceAddress: '海口市龙华区滨海大道 1 号',
          startDate: addDays(today, 60),
          deadline: addDays(today, 30),
        }),
    ],
    ['PATCH /api/orders/{id}', (t, tk, c) => bearer(t.http().patch(`/api/orders/${c.newOrder}`), tk).send({ headcount: 4 })],
    ['POST /api/orders/{id}/open', (t, tk, c) => bearer(t.http().post(`/api/orders/${c.newOrder}/open`), tk).send({})],
    ['GET /api/orders/{orderId}/candidates', (t, tk, c) => bearer(t.http().get(`/api/orders/${c.demoOrder}/candidates`), tk)],
    [
      'GET /api/orders/{orderId}/candidates/{placementId}',
      (t, tk, c) => bearer(t.http().get(`/api/orders/${c.demoOrder}/candidates/${c.accepted}`), tk),
    ],
    [
      'POST /api/orders/{orderId}/candidates/{placementId}/interview',
      (t, tk, c) =>
        bearer(t.http().post(`/api/orders/${c.demoOrder}/candidates/${c.accepted}/interview`), tk).send({
          interviewAt: `${addDays(today, 2)}T10:00:00+08:00`,
          interviewPlace: '酒店人事部',
        }),
    ],
    [
      'POST /api/orders/{orderId}/candidates/{placementId}/offer',
      (t, tk, c) => bearer(t.http().post(`/api/orders/${c.demoOrder}/candidates/${c.interviewing}/offer`), tk).send({ offeredWage: 5000 }),
    ],
    [
      'POST /api/orders/{orderId}/candidates/{placementId}/hire',
      (t, tk, c) =>
        bearer(t.http().post(`/api/orders/${c.demoOrder}/candidates/${c.interviewing}/hire`), tk).send({ hiredOn: addDays(today, -100) }),
    ],
    [
      'POST /api/orders/{orderId}/candidates/{placementId}/end',
      (t, tk, c) =>
        bearer(t.http().post(`/api/orders/${c.demoOrder}/candidates/${c.interviewing}/end`), tk).send({
          endedOn: addDays(today, -5),
          reason: '合同期满',
        }),
    ],
    [
      'POST /api/orders/{orderId}/candidates/{placementId}/reject',
      (t, tk, c) => bearer(t.http().post(`/api/orders/${c.demoOrder}/candidates/${c.recommended}/reject`), tk).send({ note: '岗位已满' }),
    ],
    ['GET /api/orders/{orderId}/fulfilment', (t, tk, c) => bearer(t.http().get(`/api/orders/${c.demoOrder}/fulfilment`), tk)],
    ['POST /api/orders/{id}/close', (t, tk, c) => bearer(t.http().post(`/api/orders/${c.newOrder}/close`), tk).send({})],
    ['GET /api/fairs', (t, tk) => bearer(t.http().get('/api/fairs'), tk)],
    ['GET /api/fairs/{id}', (t, tk, c) => bearer(t.http().get(`/api/fairs/${c.fair}`), tk)],
    ['GET /api/fairs/{id}/booths', (t, tk, c) => bearer(t.http().get(`/api/fairs/${c.fair}/booths`), tk)],
    // Employer A has its booth already: the refusal is checked like any answer.
    [
      'POST /api/fairs/{id}/booths',
      (t, tk, c) => bearer(t.http().post(`/api/fairs/${c.fair}/booths`), tk).send({ orderIds: [c.demoOrder] }),
    ],
    [
      'POST /api/fair-booths/{id}/slots',
      (t, tk, c) =>
        bearer(t.http().post(`/api/fair-booths/${c.booth}/slots`), tk).send({
          startsAt: `${c.fairDate}T14:00:00+08:00`,
          minutes: 20,
          count: 2,
        }),
    ],
    ['GET /api/fair-booths/{id}/slots', (t, tk, c) => bearer(t.http().get(`/api/fair-booths/${c.booth}/slots`), tk)],
    ['GET /api/fairs/{id}/candidates', (t, tk, c) => bearer(t.http().get(`/api/fairs/${c.fair}/candidates`), tk)],
    [
      'POST /api/fair-slots/{id}/invitation',
      (t, tk, c) => bearer(t.http().post(`/api/fair-slots/${c.slot}/invitation`), tk).send({ registrationId: c.registration }),
    ],
    [
      'POST /api/fairs/{id}/intents',
      (t, tk, c) =>
        bearer(t.http().post(`/api/fairs/${c.fair}/intents`), tk).send({ registrationId: c.registration, orderId: c.demoOrder }),
    ],
    ['GET /api/fairs/{id}/intents', (t, tk, c) => bearer(t.http().get(`/api/fairs/${c.fair}/intents`), tk)],
    ['GET /api/notifications', (t, tk) => bearer(t.http().get('/api/notifications'), tk)],
    ['POST /api/notifications/{id}/read', (t, tk, c) => bearer(t.http().post(`/api/notifications/${c.notification}/read`), tk).send({})],
    ['POST /api/notifications/read', (t, tk) => bearer(t.http().post('/api/notifications/read'), tk).send({})],
    ['GET /api/notifications/preferences', (t, tk) => bearer(t.http().get('/api/notifications/preferences'), tk)],
    ['PUT /api/notifications/preferences', (t, tk) => bearer(t.http().put('/api/notifications/preferences'), tk).send({ mutedGroups: [] })],
    ['GET /api/notifications/sms', (t, tk) => bearer(t.http().get('/api/notifications/sms'), tk)],
    ['PUT /api/notifications/sms', (t, tk) => bearer(t.http().put('/api/notifications/sms'), tk).send({ enabled: true })],
    // WeChat binding: the employer's own account only (no provider configured here: a clear 4xx).
    ['GET /api/wechat/binding', (t, tk) => bearer(t.http().get('/api/wechat/binding'), tk)],
    ['POST /api/wechat/binding', (t, tk) => bearer(t.http().post('/api/wechat/binding'), tk).send({ code: 'not-a-code' })],
    ['DELETE /api/wechat/binding', (t, tk) => bearer(t.http().delete('/api/wechat/binding'), tk)],
    // Tencent's reply callback: without SMS_CALLBACK_TOKEN it is the 404 of an unknown address.
    ['POST /api/sms/replies', (t) => t.http().post('/api/sms/replies').send({ mobile: '13800138000', nationcode: '86', text: 'TD' })],
    ['GET /api/auth/challenge', (t) => t.http().get('/api/auth/challenge')],
    ['POST /api/auth/mfa', (t) => t.http().post('/api/auth/mfa').send({ mfaToken: 'not-a-token', code: '123456' })],
    [
      'POST /api/activation',
      (t) =>
        t.http().post('/api/activation').send({ code: 'ABCD-EFGH-JK', birthYear: 1990, username: 'a-stranger', password: 'Guess#2026x' }),
    ],
    // The employer's loop (issue 12): counts, and opening a candidate.
    ['GET /api/employer-pipeline', (t, tk) => bearer(t.http().get('/api/employer-pipeline'), tk)],
    [
      'POST /api/orders/{orderId}/candidates/{placementId}/seen',
      (t, tk, c) => bearer(t.http().post(`/api/orders/${c.demoOrder}/candidates/${c.accepted}/seen`), tk),
    ],
    ['GET /api/auth/sessions', (t, tk) => bearer(t.http().get('/api/auth/sessions'), tk)],
    ['DELETE /api/auth/sessions/{id}', (t, tk) => bearer(t.http().delete('/api/auth/sessions/00000000-0000-4000-8000-000000000000'), tk)],
    // Ends the employer's other sign-ins only; this one goes on.
    ['DELETE /api/auth/sessions', (t, tk) => bearer(t.http().delete('/api/auth/sessions'), tk)],
    ['POST /api/auth/logout', (t) => t.http().post('/api/auth/logout').send({})],
  ];

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    // Staff write the canary through the API where a form exists…
    const counsellor = await t.login('counsellor');
    const held = await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE organisation_id = $1 LIMIT 20`, [counsellor.organisationId]);
    for (const { id } of held)
      await t
        .http()
        .patch(`/api/trainees/${id}`)
        .auth(counsellor.token, { type: 'bearer' })
        .send({ workHistory: CANARY, skillsNote: CANARY })
        .expect(200);
    // …and into every other free-text column, every row, directly (whatever form or import fills it).
    for (const column of STAFF_FREE_TEXT) {
      const [table, name] = column.split('.');
      await t.sql(`UPDATE "${table}" SET "${name}" = $1`, [CANARY]);
    }
    const e = await t.login('employer');
    token = e.token;
    ctx.employerId = e.organisationId;
    const [demo] = await t.sql<{ order_id: string }>(
      `SELECT p.order_id FROM placement p JOIN job_order o ON o.id = p.order_id WHERE o.employer_id = $1 AND o.state = 'open' LIMIT 1`,
      [ctx.employerId],
    );
    ctx.demoOrder = demo!.order_id;
    const byState = async (state: string) =>
      (
        await t.sql<{ id: string }>(`SELECT id FROM placement WHERE order_id = $1 AND state = $2 ORDER BY candidate_code LIMIT 1`, [
          ctx.demoOrder,
          state,
        ])
      )[0]!.id;
    ctx.accepted = await byState('accepted_by_trainee');
    ctx.interviewing = await byState('interview');
    ctx.recommended = await byState('recommended');
    const [f] = await t.sql<{ id: string; fair_date: string }>(
      `SELECT id, fair_date::text FROM job_fair WHERE state = 'published' LIMIT 1`,
    );
    ctx.fair = f!.id;
    ctx.fairDate = f!.fair_date;
    ctx.booth = (
      await t.sql<{ id: string }>(`SELECT id FROM fair_booth WHERE fair_id = $1 AND employer_id = $2 AND state = 'approved'`, [
        ctx.fair,
        ctx.employerId,
      ])
    )[0]!.id;
    ctx.slot = (await t.sql<{ id: string }>(`SELECT id FROM fair_slot WHERE booth_id = $1 AND state = 'open' LIMIT 1`, [ctx.booth]))[0]!.id;
    ctx.registration = (await t.sql<{ id: string }>(`SELECT id FROM fair_registration WHERE fair_id = $1 LIMIT 1`, [ctx.fair]))[0]!.id;
    ctx.demoOrder = (
      await t.sql<{ order_id: string }>(
        `SELECT bo.order_id FROM fair_booth_order bo JOIN placement p ON p.order_id = bo.order_id WHERE bo.booth_id = $1 LIMIT 1`,
        [ctx.booth],
      )
    )[0]!.order_id;
    // A notice for the employer to mark read (as an acceptance would leave).
    await newNotification(t, {
      userId: await userIdOf(t, 'employer'),
      kind: 'placement.accepted',
      titleZh: '候选人已接受推荐',
      titleEn: 'A candidate accepted',
      dedupeKey: 'privacy-test',
    });
  });
  afterAll(() => t.close());

  const employerRoutes = Object.entries(MATRIX)
    .filter(([, allowed]) => allowed === 'public' || allowed.includes('employer'))
    .map(([route]) => route)
    .sort();

  it('knows every long text column: staff free text (canaried) or not about a person', async () => {
    const columns = await t.sql<{ c: string }>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')
          AND (character_maximum_length IS NULL OR character_maximum_length >= 100) ORDER BY 1`,
    );
    expect(columns.map((r) => r.c).sort()).toEqual([...STAFF_FREE_TEXT, ...NOT_ABOUT_A_PERSON].sort());
  });

  it('free text typed where controlled vocabulary belongs is refused (skills, industries, recommendation reasons)', async () => {
    const counsellor = await t.login('counsellor');
    const [held] = await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE organisation_id = $1 LIMIT 1`, [counsellor.organisationId]);
    for (const body of [
      { skills: ['在戒毒所帮厨两年'] },
      { skills: [{ occupationCode: '在戒毒所帮厨两年' }] },
      { preferredIndustries: ['美沙酮'] },
    ])
      await t.http().patch(`/api/trainees/${held!.id}`).auth(counsellor.token, { type: 'bearer' }).send(body).expect(400);
    const [order] = await t.sql<{ id: string }>(`SELECT id FROM job_order WHERE state = 'open' LIMIT 1`);
    await t
      .http()
      .post('/api/placements')
      .auth(counsellor.token, { type: 'bearer' })
      .send({ orderId: order!.id, traineeId: held!.id, reasons: ['美沙酮维持治疗中'] })
      .expect(400);
  });

  type Answer = { route: string; status: number; body: unknown };
  /** Walks every route of `EXERCISE` in order, as the employer would; the answers. */
  const walkEveryRoute = async (): Promise<Answer[]> => {
    const answers: Answer[] = [];
    for (const [route, call] of EXERCISE) {
      const res = await call(t, token, ctx);
      answers.push({ route, status: res.status, body: res.body });
      if (route === 'POST /api/orders') ctx.newOrder = (res.body as { id: string }).id;
      if (route === 'GET /api/notifications') {
        const items = (res.body as { items: { id: string }[] }).items;
        ctx.notification = items[0]?.id ?? '00000000-0000-4000-8000-000000000000';
      }
    }
    return answers;
  };
  /**
   * The employer's walk, taken once in this spec file by whichever test needs it first (the walk
   * changes data: a second one would answer differently) and read by the tests below.
   */
  let walk: Promise<Answer[]> | undefined;
  const everyAnswer = () => (walk ??= walkEveryRoute());

  it('exercises every employer-reachable route, none failing on the server', async () => {
    expect(EXERCISE.map(([r]) => r).sort()).toEqual(employerRoutes);
    const answers = await everyAnswer();
    for (const { route, status } of answers) expect({ route, status: status < 500 }).toEqual({ route, status: true });
    // Most of them succeeded (the password change and refresh are expected refusals).
    const failed = answers.filter((a) => a.status >= 400).map((a) => a.route);
    expect(failed.sort()).toEqual(
      [
        'POST /api/auth/password',
        'POST /api/auth/refresh',
        'POST /api/fairs/{id}/booths',
        'POST /api/auth/mfa', // a made-up challenge token
        'POST /api/activation', // a made-up activation code
        'POST /api/sms/replies', // no callback token
        'POST /api/wechat/binding', // no WeChat provider configured here
        'DELETE /api/auth/sessions/{id}', // a session that is not this employer's
      ].sort(),
    );
  });

  it('no answer carries a rehab word, a facility or station, an identity number, or a forbidden field', async () => {
    const answers = await everyAnswer();
    const places = await t.sql<{ name: string }>(`SELECT name FROM organisation WHERE type IN ('facility', 'community_station')`);
    const problems: string[] = [];
    const walk = (route: string, value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(route, v, `${path}[${i}]`));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          if (FORBIDDEN_KEY.test(k)) problems.push(`${route}: key ${path}.${k}`);
          walk(route, v, `${path}.${k}`);
        }
      else if (typeof value === 'string') {
        for (const w of FORBIDDEN_WORDS) if (value.toLowerCase().includes(w.toLowerCase())) problems.push(`${route}: ${path} says “${w}”`);
        for (const p of places) if (value.includes(p.name)) problems.push(`${route}: ${path} names ${p.name}`);
        if (ID_NUMBER.test(value)) problems.push(`${route}: ${path} looks like an identity number`);
      }
    };
    // The consent texts are public and about the platform (they tell trainees what is never shared), not about anyone.
    for (const a of answers) if (a.route !== 'GET /api/consent-texts') walk(a.route, a.body, '$');
    expect(problems).toEqual([]);
  });

  it('names and phones appear only for trainees who agreed to share them with this employer', async () => {
    const answers = await everyAnswer();
    const hidden = await t.sql<{ full_name: string; phone: string | null }>(
      `SELECT t.full_name, t.phone FROM trainee t WHERE NOT EXISTS (
         SELECT 1 FROM consent c WHERE c.trainee_id = t.id AND c.purpose = 'share_with_employer' AND c.employer_id = $1 AND c.withdrawn_at IS NULL)`,
      [ctx.employerId],
    );
    const text = JSON.stringify(answers.map((a) => a.body));
    const sharedNames = new Set(
      (
        await t.sql<{ full_name: string }>(
          `SELECT t.full_name FROM trainee t JOIN consent c ON c.trainee_id = t.id
            WHERE c.purpose = 'share_with_employer' AND c.employer_id = $1 AND c.withdrawn_at IS NULL`,
          [ctx.employerId],
        )
      ).map((r) => r.full_name),
    );
    // Demo names repeat (two people may both be 何兰); a name shared by someone who agreed proves nothing either way.
    const leaked = hidden.filter(
      (h) => (!sharedNames.has(h.full_name) && text.includes(h.full_name)) || (h.phone && text.includes(h.phone)),
    );
    expect(leaked).toEqual([]);
    // …and the ones who did agree are actually named (the check above is not vacuous).
    expect(sharedNames.size).toBeGreaterThan(0);
    expect([...sharedNames].some((name) => text.includes(name))).toBe(true);
  });
});
