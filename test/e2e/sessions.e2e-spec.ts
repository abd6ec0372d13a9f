import request from 'supertest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 12; V2134A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 MicroMessenger/8.0.47.2560';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

interface Session {
  token: string;
  cookie: string;
  sid: string;
}

interface SessionRow {
  id: string;
  startedAt: string;
  lastUsedAt: string;
  browser: string | null;
  os: string | null;
  address: string | null;
  current: boolean;
}

const refreshCookie = (res: request.Response): string => {
  const c = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((s) => s.startsWith('jbh_refresh='));
  if (!c) throw new Error('no refresh cookie');
  return c.split(';')[0]!;
};

const sidOf = (token: string): string => {
  const [, payload] = token.split('.');
  return (JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sid: string }).sid;
};

describe('sessions: my signed-in devices, staff idle timeout and cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const server = () => t.app.getHttpServer();

  async function signIn(username: string, userAgent?: string): Promise<Session> {
    const req = request(server()).post('/api/auth/login');
    if (userAgent) void req.set('user-agent', userAgent);
    const res = await req.send({ username, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const token = res.body.accessToken as string;
    return { token, cookie: refreshCookie(res), sid: sidOf(token) };
  }

  const refresh = (cookie: string) => request(server()).post('/api/auth/refresh').set('cookie', cookie);
  const list = async (s: Session) =>
    (await request(server()).get('/api/auth/sessions').auth(s.token, { type: 'bearer' }).expect(200)).body as SessionRow[];

  /** Makes the family look unused since `minutes` ago (its live token was issued then). */
  const idleFor = (sid: string, minutes: number) =>
    t.sql(`UPDATE refresh_session SET created_at = now() - make_interval(mins => $2) WHERE family_id = $1 AND revoked_at IS NULL`, [
      sid,
      minutes,
    ]);
  const startedHoursAgo = (sid: string, hours: number) =>
    t.sql(`UPDATE refresh_session SET started_at = now() - make_interval(hours => $2) WHERE family_id = $1`, [sid, hours]);

  it('lists this and the other session, coarsely: browser and system, masked address, never the raw user agent', async () => {
    const here = await signIn('counsellor2', CHROME_WINDOWS);
    const phone = await signIn('counsellor2', WECHAT_ANDROID);
    const rows = await list(here);
    const mine = rows.find((r) => r.id === here.sid);
    const other = rows.find((r) => r.id === phone.sid);
    expect(mine).toMatchObject({ current: true, browser: 'Chrome', os: 'Windows' });
    expect(other).toMatchObject({ current: false, browser: 'WeChat', os: 'Android' });
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    expect(Object.keys(other!).sort()).toEqual(['address', 'browser', 'current', 'id', 'lastUsedAt', 'os', 'startedAt']);
    // Loopback in the test: only its network part is kept.
    expect(other!.address).toMatch(/^127\.0\.\*\.\*$|^::\*$/);
    const body = JSON.stringify(rows);
    expect(body).not.toContain('MicroMessenger');
    expect(body).not.toContain('V2134A');
    expect(body).not.toContain('127.0.0.1');
    const [stored] = await t.sql<{ client_address: string }>(`SELECT client_address FROM refresh_session WHERE family_id = $1`, [
      phone.sid,
    ]);
    expect(stored!.client_address).not.toContain('0.1');
  });

  it('keeps the sign-in time across refreshes and moves "last used"', async () => {
    const s = await signIn('counsellor2');
    await idleFor(s.sid, 5);
    const before = (await list(s)).find((r) => r.id === s.sid)!;
    const rotated = await refresh(s.cookie).expect(200);
    const after = (await list({ ...s, token: rotated.body.accessToken as string })).find((r) => r.id === s.sid)!;
    expect(after.startedAt).toBe(before.startedAt);
    expect(Date.parse(after.lastUsedAt)).toBeGreaterThan(Date.parse(before.lastUsedAt));
  });

  it('ends another session of one’s own: its refresh and access token fail, this one keeps working', async () => {
    const here = await signIn('counsellor2');
    const there = await signIn('counsellor2');
    await request(server()).delete(`/api/auth/sessions/${there.sid}`).auth(here.token, { type: 'bearer' }).expect(204);

    const refused = await refresh(there.cookie).expect(401);
    expect(refused.body.code).toBe('SESSION_EXPIRED');
    await request(server()).get('/api/auth/me').auth(there.token, { type: 'bearer' }).expect(401);
    await request(server()).get('/api/auth/me').auth(here.token, { type: 'bearer' }).expect(200);
    await refresh(here.cookie).expect(200);
    expect((await list(here)).some((r) => r.id === there.sid)).toBe(false);

    const [audit] = await t.sql<{ detail: { familyId: string } }>(
      `SELECT detail FROM audit_log WHERE action = 'auth.session_end' AND detail->>'familyId' = $1`,
      [there.sid],
    );
    expect(audit).toBeDefined();
  });

  it('cannot end another user’s session: 404, and that session lives on', async () => {
    const victim = await signIn('trainee2');
    const intruder = await signIn('counsellor2');
    const res = await request(server()).delete(`/api/auth/sessions/${victim.sid}`).auth(intruder.token, { type: 'bearer' }).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await request(server())
      .delete('/api/auth/sessions/00000000-0000-4000-8000-000000000000')
      .auth(intruder.token, { type: 'bearer' })
      .expect(404);
    expect((await list(intruder)).some((r) => r.id === victim.sid)).toBe(false);
    await refresh(victim.cookie).expect(200);
  });

  it('ends all other sessions at once and keeps this one', async () => {
    const a = await signIn('trainee2');
    const b = await signIn('trainee2');
    const c = await signIn('trainee2');
    const res = await request(server()).delete('/api/auth/sessions').auth(c.token, { type: 'bearer' }).expect(200);
    expect(res.body.ended).toBeGreaterThanOrEqual(2);
    await refresh(a.cookie).expect(401);
    await refresh(b.cookie).expect(401);
    expect((await list(c)).map((r) => r.id)).toEqual([c.sid]);
    await refresh(c.cookie).expect(200);
  });

  it('ends a staff session left unused past the idle limit: SESSION_IDLE, family revoked, audited', async () => {
    const s = await signIn('instructor');
    await idleFor(s.sid, 31);
    // Listed no more: it is over even before a refresh says so.
    const other = await signIn('instructor');
    expect((await list(other)).some((r) => r.id === s.sid)).toBe(false);

    const res = await refresh(s.cookie).expect(401);
    expect(res.body.code).toBe('SESSION_IDLE');
    expect(res.body.message).toBe('长时间未操作，请重新登录。');
    expect(res.body.messageEn).toBe('Signed out after a period of inactivity.');
    // The cookie is cleared with the refusal, like any refused refresh.
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => /^jbh_refresh=;/.test(c))).toBe(true);

    const live = await t.sql(`SELECT 1 FROM refresh_session WHERE family_id = $1 AND revoked_at IS NULL`, [s.sid]);
    expect(live).toHaveLength(0);
    const [reason] = await t.sql<{ revoke_reason: string }>(
      `SELECT revoke_reason FROM refresh_session WHERE family_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [s.sid],
    );
    expect(reason!.revoke_reason).toBe('idle_timeout');
    const [audit] = await t.sql<{ actor_username: string; detail: { familyId: string } }>(
      `SELECT actor_username, detail FROM audit_log WHERE action = 'auth.idle_timeout' AND detail->>'familyId' = $1`,
      [s.sid],
    );
    expect(audit!.actor_username).toBe('instructor');
    // Its access token is dead too.
    await request(server()).get('/api/auth/me').auth(s.token, { type: 'bearer' }).expect(401);
  });

  it('lets a staff session unused for less than the limit refresh', async () => {
    const s = await signIn('instructor');
    await idleFor(s.sid, 29);
    await refresh(s.cookie).expect(200);
  });

  it('leaves trainees’ and employers’ sessions of the same age alone (their own phones)', async () => {
    for (const username of ['trainee', 'employer']) {
      const s = await signIn(username);
      await idleFor(s.sid, 31);
      await startedHoursAgo(s.sid, 13);
      await refresh(s.cookie).expect(200);
    }
  });

  it('ends a staff session however active once it is older than the cap since sign-in', async () => {
    const s = await signIn('counsellor');
    await startedHoursAgo(s.sid, 13);
    const res = await refresh(s.cookie).expect(401);
    expect(res.body.code).toBe('SESSION_MAX_AGE');
    expect(res.body.message).toContain('12小时');
    const [audit] = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'auth.session_max_age' AND detail->>'familyId' = $1`, [s.sid]);
    expect(audit).toBeDefined();
    // A new sign-in starts the clock again.
    const fresh = await signIn('counsellor');
    await refresh(fresh.cookie).expect(200);
  });
});
