import { syntheticCreditCode } from '../../server/src/demo/demo-data';
import { createTestApp, type TestApp } from '../utils/test-app';

const registration = (over: Record<string, unknown> = {}) => ({
  organisationName: '海口新希望餐饮有限公司',
  creditCode: syntheticCreditCode('460100', 5001),
  divisionCode: '460100',
  contactName: '郑女士',
  contactPhone: '13912345678',
  username: 'xinxiwang',
  password: 'Hire#2026ok',
  ...over,
});

describe('employer self-registration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a pending employer and its first account; the account can sign in and see only its organisation', async () => {
    const res = await t.http().post('/api/employers/registrations').send(registration()).expect(202);
    expect(res.body).toEqual({ organisationName: '海口新希望餐饮有限公司', status: 'pending', username: 'xinxiwang', manualReview: false });
    const me = await t.login('xinxiwang', 'Hire#2026ok');
    const org = await t.http().get(`/api/organisations/${me.organisationId}`).auth(me.token, { type: 'bearer' }).expect(200);
    expect(org.body).toMatchObject({ status: 'pending', type: 'employer', creditCodeValid: true, name: '海口新希望餐饮有限公司' });
    const audit = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'employer.register' AND subject_id = $1`, [me.organisationId]);
    expect(audit).toHaveLength(1);
  });

  it('refuses a code that fails its check digit, unless the employer asks for a manual check', async () => {
    const good = syntheticCreditCode('460200', 5002);
    const bad = good.slice(0, 17) + (good[17] === '5' ? '6' : '5');
    const refused = await t
      .http()
      .post('/api/employers/registrations')
      .send(registration({ creditCode: bad, username: 'bad-code' }))
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'CREDIT_CODE_INVALID', details: { problem: 'check_digit' } });
    expect(refused.body.message).toContain('校验位');
    const review = await t
      .http()
      .post('/api/employers/registrations')
      .send(registration({ creditCode: bad, username: 'bad-code', requestManualReview: true }))
      .expect(202);
    expect(review.body).toMatchObject({ status: 'pending', manualReview: true });
  });

  it('answers 400 for malformed input, naming each field', async () => {
    const res = await t
      .http()
      .post('/api/employers/registrations')
      .send(registration({ creditCode: 'ABC', contactPhone: '12', username: 'A B', divisionCode: '46' }))
      .expect(400);
    const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['contactPhone', 'creditCode', 'divisionCode', 'username']);
    const weak = await t
      .http()
      .post('/api/employers/registrations')
      .send(registration({ password: 'abcdefgh', username: 'weakling', creditCode: syntheticCreditCode('460100', 5003) }))
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const div = await t
      .http()
      .post('/api/employers/registrations')
      .send(registration({ divisionCode: '110101', username: 'beijing', creditCode: syntheticCreditCode('460100', 5004) }))
      .expect(400);
    expect(div.body.code).toBe('UNKNOWN_DIVISION');
  });

  it('refuses a taken credit code with 409, writing nothing', async () => {
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation`);
    const dupCode = await t
      .http()
      .post('/api/employers/registrations')
      .send(registration({ username: 'another-name' }))
      .expect(409);
    expect(dupCode.body.code).toBe('CREDIT_CODE_TAKEN');
    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers a taken username exactly like a free one, writing nothing and auditing the attempt', async () => {
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation`);
    const sent = registration({ creditCode: syntheticCreditCode('460100', 5005), username: 'employer' });
    const taken = await t.http().post('/api/employers/registrations').send(sent).expect(202);
    expect(taken.body).toEqual({ organisationName: sent.organisationName, status: 'pending', username: 'employer', manualReview: false });
    expect(taken.text).not.toMatch(/USERNAME_TAKEN|已被使用|taken/);
    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation`);
    expect(after[0]!.n).toBe(before[0]!.n);
    const audit = await t.sql<{ detail: unknown }>(
      `SELECT detail FROM audit_log WHERE action = 'employer.register' AND result = 'denied' AND actor_username = 'employer'`,
    );
    expect(audit).toHaveLength(1);
    // Nothing was written, so the same credit code can register again under another username.
    await t
      .http()
      .post('/api/employers/registrations')
      .send({ ...sent, username: 'employer-new' })
      .expect(202);
  });

  it('holds when the same registration arrives many times at once: exactly one succeeds', async () => {
    const body = registration({ creditCode: syntheticCreditCode('460400', 5006), username: 'racer' });
    const results = await Promise.all(Array.from({ length: 8 }, () => t.http().post('/api/employers/registrations').send(body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 202).every((s) => s === 409)).toBe(true);
    const rows = await t.sql(`SELECT 1 FROM organisation WHERE credit_code = $1`, [body.creditCode]);
    expect(rows).toHaveLength(1);
  });
});
