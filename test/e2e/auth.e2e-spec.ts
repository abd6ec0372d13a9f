import request from 'supertest';
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

    it('locks the account for 15 minutes after 5 wrong passwords, says so, and an admin can unlock it', async () => {
      for (let i = 0; i < 4; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: 'employer2', password: `Wrong#${i}xyz` })
          .expect(401);
      }
      const fifth = await t.http().post('/api/auth/login').send({ username: 'employer2', password: 'Wrong#5xyz' }).expect(423);
      expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
      expect(fifth.body.details.minutes).toBe(15);
      expect(fifth.body.message).toContain('15分钟');
      // Even the right password is refused while locked.
      const locked = await t.http().post('/api/auth/login').send({ username: 'employer2', password: DEMO_PASSWORD }).expect(423);
      expect(locked.body.messageEn).toMatch(/locked/i);

      const [{ id }] = (await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'employer2'`)) as [{ id: string }];
      const admin = await t.login('admin');
      const patched = await t.http().patch(`/api/users/${id}`).auth(admin.token, { type: 'bearer' }).send({ unlock: true }).expect(200);
      expect(patched.body.lockedUntil).toBeNull();
      await t.http().post('/api/auth/login').send({ username: 'employer2', password: DEMO_PASSWORD }).expect(200);
    });

    it('starts a fresh count once a lock has expired', async () => {
      await t.sql(`UPDATE app_user SET failed_login_count = 5, locked_until = now() - interval '1 minute' WHERE username = 'counsellor2'`);
      await t.http().post('/api/auth/login').send({ username: 'counsellor2', password: 'Wrong#2026x' }).expect(401);
      const [row] = await t.sql<{ failed_login_count: number }>(`SELECT failed_login_count FROM app_user WHERE username = 'counsellor2'`);
      expect(row!.failed_login_count).toBe(1);
      await t.http().post('/api/auth/login').send({ username: 'counsellor2', password: DEMO_PASSWORD }).expect(200);
    });

    it('records sign-ins and failures in the audit log', async () => {
      const rows = await t.sql<{ action: string; result: string }>(
        `SELECT action, result FROM audit_log WHERE actor_username IN ('employer2', 'nobody') ORDER BY id`,
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { action: 'auth.login', result: 'failure' },
          { action: 'auth.lockout', result: 'failure' },
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

describe('lockout under concurrent guessing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('20 simultaneous wrong passwords lock the account; none slips past the count', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post('/api/auth/login')
          .send({ username: 'counsellor', password: `Guess#${i}abc` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    const [row] = await t.sql<{ failed_login_count: number; locked: boolean }>(
      `SELECT failed_login_count, locked_until > now() AS locked FROM app_user WHERE username = 'counsellor'`,
    );
    expect(row!.locked).toBe(true);
    await t.http().post('/api/auth/login').send({ username: 'counsellor', password: DEMO_PASSWORD }).expect(423);
  });
});
