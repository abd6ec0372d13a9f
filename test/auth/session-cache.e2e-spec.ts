import pg from 'pg';
import request from 'supertest';
import { SessionCache } from '../../server/src/auth/session-cache';
import { SESSION_REVOKED_CHANNEL } from '../../server/src/auth/session-cache.repository';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

/**
 * Issue 17, the session cache: a live-session yes is reused for SESSION_CACHE_MS (a minute here, so a
 * stale entry could not simply expire during a test), and every revocation still takes effect on the
 * very next request — in this process at once, in others by LISTEN/NOTIFY.
 */

const sidOf = (token: string): string => {
  const [, payload] = token.split('.');
  return (JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sid: string }).sid;
};

const refreshCookie = (res: request.Response): string => {
  const c = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((s) => s.startsWith('jbh_refresh='));
  if (!c) throw new Error('no refresh cookie');
  return c.split(';')[0]!;
};

/** Waits for something the app does on its own (a NOTIFY arriving, a reconnect): bounded, never a timing assertion. */
async function until(what: string, condition: () => boolean, seconds = 15): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('session cache: cached live-session answers, evicted by every revocation', () => {
  let t: TestApp;
  let cache: SessionCache;

  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_MS: '60000' });
    cache = t.app.get(SessionCache);
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/auth/me').auth(token, { type: 'bearer' });

  async function signIn(username: string): Promise<{ token: string; cookie: string; sid: string }> {
    const res = await t.http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    const token = res.body.accessToken as string;
    return { token, cookie: refreshCookie(res), sid: sidOf(token) };
  }

  /** Signs in and makes one request, so the session's yes is in the cache. */
  async function cachedSession(username: string) {
    const s = await signIn(username);
    await me(s.token).expect(200);
    expect(cache.holds(s.sid)).toBe(true);
    return s;
  }

  it('serves a live session from memory: a revocation written behind its back is not seen until announced', async () => {
    const s = await cachedSession('trainee');
    // Revoked in SQL only (no NOTIFY): the cached yes still answers — which is what the cache is for,
    // and why every revocation in the code must announce itself.
    await t.sql(`UPDATE refresh_session SET revoked_at = now(), revoke_reason = 'test' WHERE family_id = $1`, [s.sid]);
    await me(s.token).expect(200);
  });

  it('after logout the very next request with the old access token is refused', async () => {
    const s = await cachedSession('trainee2');
    await request(t.app.getHttpServer()).post('/api/auth/logout').set('cookie', s.cookie).expect(204);
    await me(s.token).expect(401);
  });

  it('after an administrator disables the account, its token is refused at once', async () => {
    const victim = await cachedSession('counsellor2');
    const admin = await t.login('admin');
    const userId = (await me(victim.token).expect(200)).body.id as string;
    await t.http().patch(`/api/users/${userId}`).auth(admin.token, { type: 'bearer' }).send({ disabled: true }).expect(200);
    expect(cache.holds(victim.sid)).toBe(false);
    await me(victim.token).expect(401);
    await t.http().patch(`/api/users/${userId}`).auth(admin.token, { type: 'bearer' }).send({ disabled: false }).expect(200);
  });

  it('a refresh token presented twice (reuse) ends the family: its access token is refused at once', async () => {
    const s = await cachedSession('employer');
    await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', s.cookie).expect(200);
    await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', s.cookie).expect(401);
    await me(s.token).expect(401);
  });

  it("changing one's password ends the other sessions at once", async () => {
    const other = await cachedSession('station');
    const current = await signIn('station');
    const next = 'Another#Pass2026';
    await t
      .http()
      .post('/api/auth/password')
      .auth(current.token, { type: 'bearer' })
      .send({ currentPassword: DEMO_PASSWORD, newPassword: next })
      .expect((r) => expect([200, 204]).toContain(r.status));
    await me(other.token).expect(401);
    await me(current.token).expect(200);
  });

  it('a NOTIFY from another connection (another process) evicts the entry', async () => {
    const s = await cachedSession('auditor');
    await t.sql(`UPDATE refresh_session SET revoked_at = now(), revoke_reason = 'test' WHERE family_id = $1`, [s.sid]);
    await me(s.token).expect(200); // still cached: nothing was announced
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_notify($1, $2)', [SESSION_REVOKED_CHANNEL, `family:${s.sid}:other-process`]);
    } finally {
      await other.end();
    }
    await until('the NOTIFY evicts the entry', () => !cache.holds(s.sid));
    await me(s.token).expect(401);
  });

  it('when the LISTEN connection is lost it drops everything, caches nothing until it listens again, then resumes', async () => {
    const s = await cachedSession('admin');
    expect(cache.listening).toBe(true);
    await t.sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'jinbuhuan-session-listener' AND datname = current_database()`,
    );
    await until('the cache notices the lost connection', () => !cache.listening);
    expect(cache.holds(s.sid)).toBe(false);
    await until('the cache listens again', () => cache.listening);
    await me(s.token).expect(200);
    expect(cache.holds(s.sid)).toBe(true);
  });
});
