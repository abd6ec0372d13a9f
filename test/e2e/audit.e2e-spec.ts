import { Clock } from '../../server/src/common/clock';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('audit log', () => {
  let t: TestApp;
  /** The audit administrator (审计管理员): the only role that reads the log. */
  let auditor: string;
  beforeAll(async () => {
    t = await createTestApp();
    auditor = (await t.login('auditor')).token;
    await t.login('counsellor');
  });
  afterAll(() => t.close());

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.sql(`UPDATE audit_log SET result = 'success'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('records actor, action, subject, result, time and request id', async () => {
    const res = await t.http().get('/api/audit?action=auth.login&actor=counsellor').auth(auditor, { type: 'bearer' }).expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    const entry = res.body.items[0];
    expect(entry).toMatchObject({ action: 'auth.login', actorUsername: 'counsellor', actorRole: 'counsellor', result: 'success' });
    expect(entry.requestId).toBeTruthy();
    expect(Date.parse(entry.occurredAt)).not.toBeNaN();
  });

  it('filters by result and time, newest first, and pages', async () => {
    await t.http().post('/api/auth/login').send({ username: 'counsellor', password: 'Wrong#2026' }).expect(401);
    const failures = await t.http().get('/api/audit?result=failure').auth(auditor, { type: 'bearer' }).expect(200);
    expect(failures.body.items.every((e: { result: string }) => e.result === 'failure')).toBe(true);
    const future = await t
      .http()
      .get(`/api/audit?from=${new Date(Date.now() + 3_600_000).toISOString()}`)
      .auth(auditor, { type: 'bearer' })
      .expect(200);
    expect(future.body.total).toBe(0);
    const page = await t.http().get('/api/audit?pageSize=2').auth(auditor, { type: 'bearer' }).expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(Date.parse(page.body.items[0].occurredAt)).toBeGreaterThanOrEqual(Date.parse(page.body.items[1].occurredAt));
    await t.http().get('/api/audit?from=yesterday').auth(auditor, { type: 'bearer' }).expect(400);
    await t.http().get('/api/audit?result=maybe').auth(auditor, { type: 'bearer' }).expect(400);
  });

  it('never stores passwords or tokens', async () => {
    const rows = await t.sql<{ detail: unknown }>(`SELECT detail FROM audit_log`);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Demo#2026');
    expect(text).not.toMatch(/eyJhbGci/);
  });
});

describe('reference data and the trainee portal status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves the 19 divisions, five skill levels and the 1,639 occupations without a login', async () => {
    const divisions = await t.http().get('/api/reference/divisions').expect(200);
    expect(divisions.body).toHaveLength(19);
    expect(divisions.body[0]).toEqual({ code: '460100', name: '海口市', nameEn: 'Haikou' });
    const levels = await t.http().get('/api/reference/skill-levels').expect(200);
    expect(levels.body.map((l: { name: string }) => l.name)).toEqual(['五级', '四级', '三级', '二级', '一级']);
    const all = await t.http().get('/api/reference/occupations?pageSize=1').expect(200);
    expect(all.body.total).toBe(1639);
    const cooks = await t
      .http()
      .get(`/api/reference/occupations?q=${encodeURIComponent('中式烹调师')}`)
      .expect(200);
    expect(cooks.body.items[0]).toMatchObject({ code: '4-03-02-01', name: '中式烹调师' });
    await t.http().get('/api/reference/occupations/4-03-02-01').expect(200);
    await t.http().get('/api/reference/occupations/9-99-99-99').expect(404);
    await t.http().get('/api/reference/occupations?middleCode=abc').expect(400);
  });

  it('a trainee sees their own status, and the read is audited', async () => {
    const me = await t.login('trainee');
    const res = await t.http().get('/api/trainees/me').auth(me.token, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ fullName: '李明', state: 'pre_release' });
    const today = t.app.get(Clock).today();
    expect(res.body.daysToRelease).toBe(Math.round((Date.parse(res.body.expectedReleaseOn) - Date.parse(today)) / 86_400_000));
    expect(res.body.daysToRelease).toBeGreaterThan(10);
    const audit = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'trainee.read_self' AND actor_username = 'trainee'`);
    expect(audit).toHaveLength(1);
  });

  it('stores identity numbers only encrypted, with a keyed hash', async () => {
    const rows = await t.sql<{ cipher: Buffer; hash: string; tail: string }>(
      `SELECT identity_number_cipher AS cipher, identity_number_hash AS hash, identity_number_tail AS tail FROM trainee LIMIT 5`,
    );
    for (const r of rows) {
      expect(r.cipher.toString('latin1')).not.toMatch(/\d{17}[\dX]/);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const { FieldCipher } = await import('../../server/src/common/crypto/field-cipher');
    const { identityNumberProblem } = await import('../../server/src/common/check-digits');
    const cipher = new FieldCipher(t.config.fieldEncryptionKey);
    for (const r of rows) {
      const plain = cipher.decrypt(r.cipher);
      expect(identityNumberProblem(plain)).toBeNull();
      expect(plain.endsWith(r.tail)).toBe(true);
      expect(cipher.lookupHash(plain)).toBe(r.hash);
    }
  });
});
