import request from 'supertest';
import { SignInThrottleService } from '../../server/src/auth/throttle/sign-in-throttle.service';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

const cookiesOf = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const refreshCookie = (res: request.Response): string => {
  const c = cookiesOf(res).find((s) => s.startsWith('jbh_refresh='));
  if (!c) throw new Error('no refresh cookie');
  return c.split(';')[0]!;
};

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('POST /api/auth/login', () => {
    it('signs in with the pinned response shape and an httpOnly, SameSite=Strict refresh cookie', async () => {
      const res = await t.http().post('/api/auth/login').send({ username: 'counsellor', password: DEMO_PASSWORD }).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
      expect(Object.keys(res.body.user).sort()).toEqual(['displayName', 'id', 'organisationId', 'role', 'username']);
      expect(res.body.user).toMatchObject({ username: 'counsellor', role: 'counsellor' });
      expect(res.body.expiresIn).toBeLessThanOrEqual(900);
      const cookie = cookiesOf(res).find((c) => c.startsWith('jbh_refresh='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\/api\/auth/);
      const [, payload] = (res.body.accessToken as string).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
    });

    it('is case-insensitive in the username', async () => {
      await t.http().post('/api/auth/login').send({ username: 'Counsellor', password: DEMO_PASSWORD }).expect(200);
    });

    it('answers 400 when a field is missing and 401 for a wrong password or unknown user, with one message', async () => {
      const missing = await t.http().post('/api/auth/login').send({ username: 'admin' }).expect(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      const wrong = await t.http().post('/api/auth/login').send({ username: 'instructor', password: 'Wrong#2026' }).expect(401);
      const unknown = await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'Wrong#2026' }).expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('never locks an account: after 5 wrong passwords the answer stays 401 and the next attempt asks for the challenge', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await t
          .http()
          .post('/api/auth/login')
          .send({ username: 'employer2', password: `Wrong#${i}xyz` })
          .expect(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      // Even the right password now needs the challenge (solved in sign-in-throttle.e2e-spec.ts) — but no 423, no lock.
      const next = await t.http().post('/api/auth/login').send({ username: 'employer2', password: DEMO_PASSWORD }).expect(401);
      expect(next.body.code).toBe('CHALLENGE_REQUIRED');
      const [row] = await t.sql<{ locked: boolean }>(
        `SELECT locked_until IS NOT NULL AS locked FROM app_user WHERE username = 'employer2'`,
      );
      expect(row!.locked).toBe(false);
    });

    it('starts a fresh count once an account has had no failure for a day', async () => {
      const key = t.app.get(SignInThrottleService).accountKey('counsellor2');
      await t.sql(
        `INSERT INTO sign_in_throttle (scope, key, failures, last_failure_at) VALUES ('account', $1, 9, now() - interval '25 hours')`,
        [key],
      );
      const res = await t.http().post('/api/auth/login').send({ username: 'counsellor2', password: 'Wrong#2026x' }).expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      const [row] = await t.sql<{ failures: number }>(`SELECT failures FROM sign_in_throttle WHERE scope = 'account' AND key = $1`, [key]);
      expect(row!.failures).toBe(1);
      await t.http().post('/api/auth/login').send({ username: 'counsellor2', password: DEMO_PASSWORD }).expect(200);
    });

    /**
     * A wrong password for an account that does not exist, and `employer2` (5 failures on record, as
     * the test above leaves it) held at the challenge with the right password.
     */
    const aFailureAndAChallengeDemand = async () => {
      await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'Wrong#2026' }).expect(401);
      await t.sql(
        `INSERT INTO sign_in_throttle (scope, key, failures, last_failure_at) VALUES ('account', $1, 5, now())
         ON CONFLICT (scope, key) DO UPDATE SET failures = GREATEST(sign_in_throttle.failures, 5), last_failure_at = now()`,
        [t.app.get(SignInThrottleService).accountKey('employer2')],
      );
      await t.http().post('/api/auth/login').send({ username: 'employer2', password: DEMO_PASSWORD }).expect(401);
    };

    it('records sign-ins, failures and challenge demands in the audit log', async () => {
      await aFailureAndAChallengeDemand();
      const rows = await t.sql<{ action: string; result: string }>(
        `SELECT action, result FROM audit_log WHERE actor_username IN ('employer2', 'nobody') ORDER BY id`,
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { action: 'auth.login', result: 'failure' },
          { action: 'auth.login', result: 'denied' },
        ]),
      );
    });
  });

  describe('refresh, rotation and reuse detection', () => {
    it('rotates the refresh token on every use', async () => {
      const login = await t.http().post('/api/auth/login').send({ username: 'station', password: DEMO_PASSWORD }).expect(200);
      const first = refreshCookie(login);
      const r1 = await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', first).expect(200);
      const second = refreshCookie(r1);
      expect(second).not.toBe(first);
      expect(r1.body.user.username).toBe('station');
      await t.http().get('/api/auth/me').auth(r1.body.accessToken, { type: 'bearer' }).expect(200);
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const login = await t.http().post('/api/auth/login').send({ username: 'instructor', password: DEMO_PASSWORD }).expect(200);
      const first = refreshCookie(login);
      const rotated = await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', first).expect(200);
      const second = refreshCookie(rotated);
      // An attacker replays the first token.
      const replay = await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', first).expect(401);
      expect(replay.body.code).toBe('SESSION_REVOKED');
      // The legitimate holder's newer token and access token are dead too.
      await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', second).expect(401);
      await t.http().get('/api/auth/me').auth(rotated.body.accessToken, { type: 'bearer' }).expect(401);
      await t.http().get('/api/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(401);
      const [audit] = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'auth.refresh_reuse'`);
      expect(audit).toBeDefined();
    });

    it('refuses a missing, malformed or forged refresh token with 401', async () => {
      await request(t.app.getHttpServer()).post('/api/auth/refresh').expect(401);
      await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', 'jbh_refresh=garbage').expect(401);
      const login = await t.http().post('/api/auth/login').send({ username: 'trainee', password: DEMO_PASSWORD }).expect(200);
      const [id] = refreshCookie(login).slice('jbh_refresh='.length).split('.');
      const forged = `jbh_refresh=${id}.${'A'.repeat(43)}`;
      await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', forged).expect(401);
    });
  });

  describe('logout and account disable', () => {
    it('logout ends the session: the access token and the refresh token stop working', async () => {
      const login = await t.http().post('/api/auth/login').send({ username: 'trainee2', password: DEMO_PASSWORD }).expect(200);
      const cookie = refreshCookie(login);
      await t.http().get('/api/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
      const out = await request(t.app.getHttpServer()).post('/api/auth/logout').set('cookie', cookie).expect(204);
      expect(cookiesOf(out).join()).toMatch(/jbh_refresh=;/);
      await t.http().get('/api/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(401);
      await request(t.app.getHttpServer()).post('/api/auth/refresh').set('cookie', cookie).expect(401);
    });

    it('disabling an account ends its sessions at once and refuses sign-in with a clear message', async () => {
      const victim = await t.login('counsellor2');
      const admin = await t.login('admin');
      await t.http().patch(`/api/users/${victim.userId}`).auth(admin.token, { type: 'bearer' }).send({ disabled: true }).expect(200);
      await t.http().get('/api/auth/me').auth(victim.token, { type: 'bearer' }).expect(401);
      const res = await t.http().post('/api/auth/login').send({ username: 'counsellor2', password: DEMO_PASSWORD }).expect(403);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
      await t.http().patch(`/api/users/${victim.userId}`).auth(admin.token, { type: 'bearer' }).send({ disabled: false }).expect(200);
      await t.login('counsellor2');
    });

    it('refuses a token signed with another key, and an expired one', async () => {
      await t.http().get('/api/auth/me').auth('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', { type: 'bearer' }).expect(401);
      const { JwtService } = await import('@nestjs/jwt');
      const me = await t.login('admin');
      const claims = JSON.parse(Buffer.from(me.token.split('.')[1]!, 'base64url').toString());
      const expired = new JwtService({ secret: t.config.jwtSecret }).sign({
        ...claims,
        exp: Math.floor(Date.now() / 1000) - 10,
        iat: Math.floor(Date.now() / 1000) - 100,
      });
      await t.http().get('/api/auth/me').auth(expired, { type: 'bearer' }).expect(401);
    });
  });

  describe('GET /api/auth/me and POST /api/auth/password', () => {
    it('returns the signed-in user with their organisation', async () => {
      const me = await t.login('employer');
      const res = await t.http().get('/api/auth/me').auth(me.token, { type: 'bearer' }).expect(200);
      expect(res.body).toMatchObject({ username: 'employer', role: 'employer', organisationType: 'employer' });
      await t.http().get('/api/auth/me').expect(401);
    });

    it('changes the password with the complexity rule, ending other sessions', async () => {
      const a = await t.login('station');
      const b = await t.login('station');
      const weak = await t
        .http()
        .post('/api/auth/password')
        .auth(a.token, { type: 'bearer' })
        .send({ currentPassword: DEMO_PASSWORD, newPassword: 'password' })
        .expect(400);
      expect(weak.body.code).toBe('WEAK_PASSWORD');
      await t
        .http()
        .post('/api/auth/password')
        .auth(a.token, { type: 'bearer' })
        .send({ currentPassword: 'nope-Nope1', newPassword: 'New#Pass2026' })
        .expect(400);
      await t
        .http()
        .post('/api/auth/password')
        .auth(a.token, { type: 'bearer' })
        .send({ currentPassword: DEMO_PASSWORD, newPassword: 'New#Pass2026' })
        .expect(204);
      await t.http().get('/api/auth/me').auth(a.token, { type: 'bearer' }).expect(200);
      await t.http().get('/api/auth/me').auth(b.token, { type: 'bearer' }).expect(401);
      await t.http().post('/api/auth/login').send({ username: 'station', password: DEMO_PASSWORD }).expect(401);
      await t.http().post('/api/auth/login').send({ username: 'station', password: 'New#Pass2026' }).expect(200);
    });
  });
});

describe('auth rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with a message once a client exceeds the limit, before checking any password', async () => {
    for (let i = 0; i < 3; i++) await t.http().post('/api/auth/login').send({ username: 'admin', password: 'Wrong#2026' }).expect(401);
    const res = await t.http().post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(res.body.message).toMatch(/秒后再试/);
    // Other routes are not limited.
    await t.http().get('/api/health').expect(200);
  });
});

describe('throttling under concurrent guessing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('20 simultaneous wrong passwords: only the free five (give or take a wait) are checked; none slips past the count', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post('/api/auth/login')
          .send({ username: 'counsellor', password: `Guess#${i}abc` }),
      ),
    );
    expect(results.every((r) => r.status === 401)).toBe(true);
    const checked = results.filter((r) => r.body.code === 'INVALID_CREDENTIALS').length;
    expect(results.filter((r) => r.body.code === 'CHALLENGE_REQUIRED')).toHaveLength(20 - checked);
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(6);
    const key = t.app.get(SignInThrottleService).accountKey('counsellor');
    const [row] = await t.sql<{ failures: number }>(`SELECT failures FROM sign_in_throttle WHERE scope = 'account' AND key = $1`, [key]);
    expect(row!.failures).toBe(checked);
    await t.sql(`UPDATE sign_in_throttle SET last_failure_at = now() WHERE scope = 'account' AND key = $1`, [key]);
    expect((await t.http().post('/api/auth/login').send({ username: 'counsellor', password: DEMO_PASSWORD }).expect(401)).body.code).toBe(
      'CHALLENGE_REQUIRED',
    );
  });
});
