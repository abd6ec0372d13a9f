import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type request from 'supertest';
import { syntheticCreditCode } from '../../server/src/demo/demo-data';
import { SignInThrottleService } from '../../server/src/auth/throttle/sign-in-throttle.service';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

/** Each scenario signs in from its own addresses (TRUST_PROXY=1: the app believes one X-Forwarded-For hop). */
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

/** The body without what differs per request anyway. */
const comparable = (res: request.Response) => {
  const body = { ...(res.body as Record<string, unknown>) };
  delete body.requestId;
  return { status: res.status, body };
};

describe('sign-in throttling without a lockout', () => {
  let t: TestApp;
  let throttle: SignInThrottleService;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1' });
    throttle = t.app.get(SignInThrottleService);
  });
  afterAll(() => t.close());

  const login = (ip: string, username: string, password: string, altcha?: string) =>
    t
      .http()
      .post('/api/auth/login')
      .set(from(ip))
      .send({ username, password, ...(altcha ? { altcha } : {}) });

  /** What the widget does: fetch a challenge, solve it, send back the base64 payload. */
  async function solved(ip: string): Promise<string> {
    const res = await t.http().get('/api/auth/challenge').set(from(ip)).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const challenge = res.body as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('challenge not solved');
    return Buffer.from(
      JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
    ).toString('base64');
  }

  /** Moves an account's last counted failure into the past, as if the attacker had paused. */
  const lastFailureAgo = (username: string, seconds: number) =>
    t.sql(`UPDATE sign_in_throttle SET last_failure_at = now() - make_interval(secs => $2) WHERE scope = 'account' AND key = $1`, [
      throttle.accountKey(username),
      seconds,
    ]);

  const accountFailures = async (username: string) =>
    (
      await t.sql<{ failures: number }>(`SELECT failures FROM sign_in_throttle WHERE scope = 'account' AND key = $1`, [
        throttle.accountKey(username),
      ])
    )[0]?.failures ?? 0;

  it("an administrator's unlock forgets the account's failures: the next right password needs no check", async () => {
    for (let i = 0; i < 7; i++) await login('10.9.8.7', 'instructor', `Wrong#${i}pass`);
    expect((await login('10.9.8.7', 'instructor', 'Demo#2026')).body.code).toBe('CHALLENGE_REQUIRED');
    const admin = (await t.login('admin')).token;
    const [{ id }] = (await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'instructor'`)) as [{ id: string }];
    await t.http().patch(`/api/users/${id}`).auth(admin, { type: 'bearer' }).send({ unlock: true }).expect(200);
    expect(await accountFailures('instructor')).toBe(0);
    await login('10.9.8.6', 'instructor', 'Demo#2026').expect(200);
  });

  it("an attacker's 30 wrong guesses from one address do not keep the real user out", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await login('203.0.113.7', 'counsellor', `Guess#${i}abc`);
      expect(res.status).toBe(401);
      codes.push(res.body.code as string);
    }
    expect(new Set(codes)).toEqual(new Set(['INVALID_CREDENTIALS', 'CHALLENGE_REQUIRED']));
    // Only the first five and the odd one after a wait had their password checked; nothing locked.
    const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS').length;
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(10);
    expect(await accountFailures('counsellor')).toBe(checked);

    // The attacker's latest guess was just now: the account is inside its wait.
    await lastFailureAgo('counsellor', 0);
    const plain = await login('198.51.100.20', 'counsellor', DEMO_PASSWORD).expect(401);
    expect(plain.body.code).toBe('CHALLENGE_REQUIRED');
    // The real user, elsewhere, solves the challenge and is let in with the right password.
    const ok = await login('198.51.100.20', 'counsellor', DEMO_PASSWORD, await solved('198.51.100.20')).expect(200);
    expect(ok.body.user?.username ?? ok.body.mfaRequired).toBeTruthy();
    // A successful sign-in resets the account's count.
    expect(await accountFailures('counsellor')).toBe(0);
  });

  it('a solved challenge opens one attempt only', async () => {
    for (let i = 0; i < 5; i++) await login('203.0.113.8', 'instructor', `Wrong#${i}xyz`).expect(401);
    const payload = await solved('203.0.113.8');
    const first = await login('203.0.113.8', 'instructor', 'Wrong#again1', payload).expect(401);
    expect(first.body.code).toBe('INVALID_CREDENTIALS');
    const replay = await login('203.0.113.8', 'instructor', DEMO_PASSWORD, payload).expect(401);
    expect(replay.body.code).toBe('CHALLENGE_REQUIRED');
    const forged = Buffer.from('{"challenge":{"parameters":{},"signature":"x"},"solution":{"counter":1,"derivedKey":"00"}}').toString(
      'base64',
    );
    expect((await login('203.0.113.8', 'instructor', DEMO_PASSWORD, forged).expect(401)).body.code).toBe('CHALLENGE_REQUIRED');
    await login('203.0.113.8', 'instructor', DEMO_PASSWORD, await solved('203.0.113.8')).expect(200);
  });

  it('answers unknown user, wrong password, disabled account and throttled account alike', async () => {
    await t.sql(`UPDATE app_user SET disabled_at = now() WHERE username = 'trainee2'`);
    const wrong = comparable(await login('192.0.2.10', 'employer', 'Wrong#2026x'));
    const unknown = comparable(await login('192.0.2.11', 'no-such-user', 'Wrong#2026x'));
    const disabled = comparable(await login('192.0.2.12', 'trainee2', 'Wrong#2026x'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown).toEqual(wrong);
    expect(disabled).toEqual(wrong);
    // Only the right password learns that the account is disabled.
    expect((await login('192.0.2.12', 'trainee2', DEMO_PASSWORD).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
    await t.sql(`UPDATE app_user SET disabled_at = NULL WHERE username = 'trainee2'`);

    // Five failures each for an existing and a made-up name: both now ask for the challenge, alike.
    for (let i = 0; i < 4; i++) {
      await login('192.0.2.20', 'employer2', `Wrong#${i}abc`).expect(401);
      await login('192.0.2.21', 'ghost-account', `Wrong#${i}abc`).expect(401);
    }
    const known = comparable(await login('192.0.2.20', 'employer2', 'Wrong#4abc'));
    const ghost = comparable(await login('192.0.2.21', 'ghost-account', 'Wrong#4abc'));
    expect(known).toEqual(wrong);
    expect(ghost).toEqual(wrong);
    const knownThrottled = comparable(await login('192.0.2.20', 'employer2', 'Wrong#5abc'));
    const ghostThrottled = comparable(await login('192.0.2.21', 'ghost-account', 'Wrong#5abc'));
    expect(knownThrottled.status).toBe(401);
    expect(knownThrottled.body.code).toBe('CHALLENGE_REQUIRED');
    expect(ghostThrottled).toEqual(knownThrottled);
    // The message is neutral: it names no account and no lock.
    expect(knownThrottled.body.message).not.toMatch(/锁定|账号不存在/);
    // With a solved challenge a throttled account's wrong password is the same plain 401 again.
    const knownSolved = comparable(await login('192.0.2.20', 'employer2', 'Wrong#6abc', await solved('192.0.2.20')));
    const ghostSolved = comparable(await login('192.0.2.21', 'ghost-account', 'Wrong#6abc', await solved('192.0.2.21')));
    expect(knownSolved).toEqual(wrong);
    expect(ghostSolved).toEqual(wrong);
  });

  it('counts `ADMIN` and ` admin ` as `admin`', async () => {
    for (const name of ['admin', 'ADMIN', ' admin ', 'Admin', ' aDmIn']) await login('192.0.2.30', name, 'Wrong#2026x').expect(401);
    expect(await accountFailures('admin')).toBe(5);
    // From another address too: the account's count is what asks for the challenge.
    expect((await login('192.0.2.31', 'admin', DEMO_PASSWORD).expect(401)).body.code).toBe('CHALLENGE_REQUIRED');
    expect((await login('192.0.2.31', ' ADMIN ', DEMO_PASSWORD).expect(401)).body.code).toBe('CHALLENGE_REQUIRED');
    await login('192.0.2.31', ' ADMIN ', DEMO_PASSWORD, await solved('192.0.2.31')).expect(200);
    expect(await accountFailures('admin')).toBe(0);
  });

  it('makes each further attempt wait twice as long, up to 15 minutes, and never answers 423', async () => {
    for (let i = 0; i < 5; i++) await login('192.0.2.40', 'counsellor2', `Wrong#${i}abc`).expect(401);
    const code = async () => (await login('192.0.2.40', 'counsellor2', 'Wrong#later')).body.code as string;
    // After 5 failures: 1 s; after 6: 2 s; after 7: 4 s.
    for (const wait of [1, 2, 4]) {
      await lastFailureAgo('counsellor2', wait - 0.5);
      expect(await code()).toBe('CHALLENGE_REQUIRED');
      await lastFailureAgo('counsellor2', wait + 0.5);
      expect(await code()).toBe('INVALID_CREDENTIALS');
    }
    expect(await accountFailures('counsellor2')).toBe(8);
    // Far along, the wait stops growing at 15 minutes.
    await t.sql(`UPDATE sign_in_throttle SET failures = 60 WHERE scope = 'account' AND key = $1`, [throttle.accountKey('counsellor2')]);
    await lastFailureAgo('counsellor2', 14 * 60);
    expect(await code()).toBe('CHALLENGE_REQUIRED');
    await lastFailureAgo('counsellor2', 15 * 60 + 1);
    expect(await code()).toBe('INVALID_CREDENTIALS');
    const locked = await t.sql(`SELECT 1 FROM app_user WHERE username = 'counsellor2' AND locked_until > now()`);
    expect(locked).toHaveLength(0);
  });

  it('asks for the challenge after 20 failures from one address, whichever usernames they name', async () => {
    for (let i = 0; i < 20; i++) await login('192.0.2.50', `spray-${i}`, 'Summer#2026').expect(401);
    expect((await login('192.0.2.50', 'station', DEMO_PASSWORD).expect(401)).body.code).toBe('CHALLENGE_REQUIRED');
    // Another address is not affected, and the right password with a challenge still gets through.
    await login('192.0.2.51', 'station', DEMO_PASSWORD).expect(200);
    await login('192.0.2.50', 'station', DEMO_PASSWORD, await solved('192.0.2.50')).expect(200);
  });

  it('answers a registration with a taken username exactly like one with a new username', async () => {
    const registration = (username: string, n: number) => ({
      organisationName: '海口新希望餐饮有限公司',
      creditCode: syntheticCreditCode('460100', n),
      divisionCode: '460100',
      contactName: '郑女士',
      contactPhone: '13912345678',
      username,
      password: 'Hire#2026ok',
    });
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation`);
    const taken = await t.http().post('/api/employers/registrations').send(registration('admin', 6101));
    const fresh = await t.http().post('/api/employers/registrations').send(registration('fresh-hire', 6102));
    expect(taken.status).toBe(202);
    expect(fresh.status).toBe(202);
    expect({ ...taken.body, username: '·' }).toEqual({ ...fresh.body, username: '·' });
    expect(taken.body.username).toBe('admin');
    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const denied = await t.sql(
      `SELECT 1 FROM audit_log WHERE action = 'employer.register' AND result = 'denied' AND actor_username = 'admin'`,
    );
    expect(denied).toHaveLength(1);
  });
});

describe('rate limits sized for a NAT', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('does not count token refresh with sign-in: refresh has its own, much higher limit', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'station', password: DEMO_PASSWORD }).expect(200);
    let cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('jbh_refresh='))!
      .split(';')[0]!;
    for (let i = 0; i < 10; i++) {
      const res = await t.http().post('/api/auth/refresh').set('cookie', cookie).expect(200);
      cookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('jbh_refresh='))!
        .split(';')[0]!;
    }
    // Sign-in still has its 3 a minute, of which one is used.
    await t.http().post('/api/auth/login').send({ username: 'station', password: 'Wrong#2026x' }).expect(401);
    await t.http().post('/api/auth/login').send({ username: 'station', password: 'Wrong#2026x' }).expect(401);
    expect((await t.http().post('/api/auth/login').send({ username: 'station', password: DEMO_PASSWORD }).expect(429)).body.code).toBe(
      'TOO_MANY_REQUESTS',
    );
    // The challenge route keeps the configured limit too.
    for (let i = 0; i < 3; i++) await t.http().get('/api/auth/challenge').expect(200);
    await t.http().get('/api/auth/challenge').expect(429);
  });
});
