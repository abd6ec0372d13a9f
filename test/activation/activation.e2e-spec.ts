import type { Response, Test } from 'supertest';
import { Clock } from '../../server/src/common/clock';
import { activationCodeHash, normaliseActivationCode } from '../../server/src/activation/activation-code';
import { CODE_ALPHABET } from '../../server/src/common/codes';
import { FieldCipher } from '../../server/src/common/crypto/field-cipher';
import { DEMO_ACTIVATION_CODE } from '../../server/src/demo/activation';
import { newTrainee } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Release-day activation codes: a counsellor of the organisation holding a trainee without an account
 * issues a one-time code for the handover sheet; the person activates the trainee portal with it and
 * their birth year. The attacker's view: every refusal of a code reads the same, a code works once
 * even when sent twice at the same moment, and the code is in no audit entry.
 */

const STRONG = 'Fresh#2026start';
const DAY = 86_400_000;
const PRINTED = new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{2}$`);

interface Issued {
  code: string;
  issuedAt: string;
  expiresAt: string;
}

describe('release-day activation codes', () => {
  let t: TestApp;
  let counsellor: string;
  let facilityA: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const c = await t.login('counsellor');
    counsellor = c.token;
    facilityA = c.organisationId;
  });
  afterAll(() => t.close());

  /** A facility A trainee without an account, born in `birthYear`. */
  const newcomer = (birthYear = 1988) => newTrainee(t, { organisationId: facilityA, state: 'pre_release', birthYear });
  const issue = async (traineeId: string, token = counsellor): Promise<Issued> =>
    (await t.http().post(`/api/trainees/${traineeId}/activation-code`).auth(token, { type: 'bearer' }).expect(201)).body as Issued;
  const status = async (traineeId: string) =>
    (await t.http().get(`/api/trainees/${traineeId}/activation-code`).auth(counsellor, { type: 'bearer' }).expect(200)).body as {
      status: string;
      hasAccount: boolean;
      issuedAt: string | null;
      expiresAt: string | null;
      usedAt: string | null;
    };
  const activate = (body: Record<string, unknown>): Test => t.http().post('/api/activation').send(body);
  const username = () => `released-${++seq}`;
  /** The answer's bytes, but for the request's own id (every answer carries a fresh one; it says nothing about the code). */
  const bytes = (res: Response): string => res.text.replace(/"requestId":"[^"]*"/, '"requestId":""');
  const expectInvalid = (res: Response) => {
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status: 400, code: 'ACTIVATION_INVALID' });
  };

  it('happy path: issue → activate on the phone → sign in → the account is the trainee’s', async () => {
    const traineeId = await newcomer(1988);
    expect(await status(traineeId)).toEqual({ status: 'none', hasAccount: false, issuedAt: null, expiresAt: null, usedAt: null });

    const before = Date.now();
    const issued = await issue(traineeId);
    expect(issued.code).toMatch(PRINTED);
    // Valid ACTIVATION_CODE_DAYS (30) days.
    const days = (Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)) / DAY;
    expect(days).toBe(30);
    expect(Date.parse(issued.issuedAt)).toBeGreaterThanOrEqual(before - 1000);
    const live = await status(traineeId);
    expect(live).toMatchObject({ status: 'live', hasAccount: false, expiresAt: issued.expiresAt, usedAt: null });
    expect(JSON.stringify(live)).not.toContain(issued.code);

    // Typed as a person would: lower case, spaces instead of dashes.
    const name = username();
    const typed = ` ${issued.code.toLowerCase().replace(/-/g, ' ')} `;
    const res = await activate({ code: typed, birthYear: 1988, username: ` ${name.toUpperCase()} `, password: STRONG }).expect(201);
    expect(res.body).toEqual({ username: name });

    const session = await t.login(name, STRONG);
    const me = await t.http().get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ username: name, role: 'trainee', organisationId: facilityA });
    const [row] = await t.sql<{ user_id: string }>(`SELECT user_id FROM trainee WHERE id = $1`, [traineeId]);
    expect(row!.user_id).toBe(me.body.id);
    // The portal is theirs: their own status.
    await t.http().get('/api/trainees/me').auth(session.token, { type: 'bearer' }).expect(200);

    const used = await status(traineeId);
    expect(used).toMatchObject({ status: 'used', hasAccount: true });
    expect(used.usedAt).not.toBeNull();
    // With an account, no new code: 409 with a message.
    const again = await t.http().post(`/api/trainees/${traineeId}/activation-code`).auth(counsellor, { type: 'bearer' }).expect(409);
    expect(again.body).toMatchObject({ code: 'TRAINEE_HAS_ACCOUNT' });
    expect(again.body.message).toBeTruthy();
    expect(again.body.messageEn).toMatch(/already has an account/);
  });

  it('a code works once', async () => {
    const traineeId = await newcomer(1990);
    const { code } = await issue(traineeId);
    await activate({ code, birthYear: 1990, username: username(), password: STRONG }).expect(201);
    expectInvalid(await activate({ code, birthYear: 1990, username: username(), password: STRONG }));
  });

  it('a code expires after ACTIVATION_CODE_DAYS: the clock moved 31 days on', async () => {
    const traineeId = await newcomer(1991);
    const { code } = await issue(traineeId);
    const clock = t.app.get(Clock);
    try {
      clock.travelTo(new Date(Date.now() + 31 * DAY));
      expectInvalid(await activate({ code, birthYear: 1991, username: username(), password: STRONG }));
      expect((await status(traineeId)).status).toBe('expired');
      clock.travelTo(new Date(Date.now() + 29 * DAY));
      // Still live on day 29 (and the refusal above did not use it up).
      await activate({ code, birthYear: 1991, username: username(), password: STRONG }).expect(201);
    } finally {
      clock.travelTo(new Date());
    }
  });

  it('issuing again revokes the previous code; at most one live code per trainee', async () => {
    const traineeId = await newcomer(1992);
    const first = await issue(traineeId);
    const second = await issue(traineeId);
    expect(second.code).not.toBe(first.code);
    const rows = await t.sql<{ live: number; all: number }>(
      `SELECT count(*) FILTER (WHERE used_at IS NULL AND revoked_at IS NULL)::int AS live, count(*)::int AS all
         FROM activation_code WHERE trainee_id = $1`,
      [traineeId],
    );
    expect(rows[0]).toEqual({ live: 1, all: 2 });
    expectInvalid(await activate({ code: first.code, birthYear: 1992, username: username(), password: STRONG }));
    await activate({ code: second.code, birthYear: 1992, username: username(), password: STRONG }).expect(201);
  });

  it('no oracle: a wrong birth year, a wrong code, a used and an expired code get byte-identical answers', async () => {
    const traineeId = await newcomer(1985);
    const { code } = await issue(traineeId);
    const name = username();
    const wrongYear = await activate({ code, birthYear: 1986, username: name, password: STRONG });
    const wrongCode = await activate({ code: 'ABCD-EFGH-JK', birthYear: 1985, username: name, password: STRONG });
    const notACode = await activate({ code: 'OOOO-1111-LL', birthYear: 1985, username: name, password: STRONG });
    expectInvalid(wrongYear);
    expect(bytes(wrongYear)).toBe(bytes(wrongCode));
    expect(bytes(wrongYear)).toBe(bytes(notACode));
    expect(wrongYear.body.messageEn).toMatch(/code or birth year/);

    const usedTrainee = await newcomer(1985);
    const used = await issue(usedTrainee);
    await activate({ code: used.code, birthYear: 1985, username: username(), password: STRONG }).expect(201);
    const usedAnswer = await activate({ code: used.code, birthYear: 1985, username: name, password: STRONG });
    expect(bytes(usedAnswer)).toBe(bytes(wrongYear));

    const clock = t.app.get(Clock);
    try {
      clock.travelTo(new Date(Date.now() + 40 * DAY));
      const expired = await activate({ code, birthYear: 1985, username: name, password: STRONG });
      expect(bytes(expired)).toBe(bytes(wrongYear));
    } finally {
      clock.travelTo(new Date());
    }
    // The wrong birth year did not use the code up.
    await activate({ code, birthYear: 1985, username: name, password: STRONG }).expect(201);
  });

  it('five wrong birth years revoke the code (whoever holds the sheet cannot try every year)', async () => {
    const traineeId = await newcomer(1980);
    const { code } = await issue(traineeId);
    for (const year of [1981, 1982, 1983, 1984, 1979])
      expectInvalid(await activate({ code, birthYear: year, username: username(), password: STRONG }));
    expectInvalid(await activate({ code, birthYear: 1980, username: username(), password: STRONG }));
    expect((await status(traineeId)).status).toBe('revoked');
    // A new code from the counsellor works.
    const fresh = await issue(traineeId);
    await activate({ code: fresh.code, birthYear: 1980, username: username(), password: STRONG }).expect(201);
  });

  it('the same code sent many times at once: exactly one 201, one account', async () => {
    const traineeId = await newcomer(1993);
    const { code } = await issue(traineeId);
    const names = Array.from({ length: 8 }, () => username());
    const answers = await Promise.all(names.map((n) => activate({ code, birthYear: 1993, username: n, password: STRONG })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    for (const r of answers.filter((a) => a.status === 400)) expectInvalid(r);
    const accounts = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE username = ANY($1)`, [names]);
    expect(accounts[0]!.n).toBe(1);
    const [linked] = await t.sql<{ username: string }>(
      `SELECT u.username FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1`,
      [traineeId],
    );
    expect(linked!.username).toBe(answers.find((a) => a.status === 201)!.body.username);
  });

  it('a taken username is a 409 with a message, a weak password a 400 with the rule; neither uses the code', async () => {
    const traineeId = await newcomer(1994);
    const { code } = await issue(traineeId);
    const taken = await activate({ code, birthYear: 1994, username: 'counsellor', password: STRONG }).expect(409);
    expect(taken.body).toMatchObject({ code: 'USERNAME_TAKEN' });
    const weak = await activate({ code, birthYear: 1994, username: username(), password: 'password' }).expect(400);
    expect(weak.body).toMatchObject({ code: 'WEAK_PASSWORD' });
    expect(weak.body.messageEn).toMatch(/at least 8 characters/);
    const containsName = await activate({ code, birthYear: 1994, username: 'wangfang', password: 'Wangfang#2026' }).expect(400);
    expect(containsName.body).toMatchObject({ code: 'WEAK_PASSWORD' });
    expect((await status(traineeId)).status).toBe('live');
    await activate({ code, birthYear: 1994, username: username(), password: STRONG }).expect(201);
  });

  it('400 on bad bodies, never 500', async () => {
    const good = { code: 'ABCD-EFGH-JK', birthYear: 1990, username: 'someone', password: STRONG };
    const bad: Record<string, unknown>[] = [
      {},
      { ...good, code: undefined },
      { ...good, code: 12345 },
      { ...good, code: 'A'.repeat(41) },
      { ...good, birthYear: '1990' },
      { ...good, birthYear: 1890 },
      { ...good, birthYear: 1990.5 },
      { ...good, username: 'No Spaces Allowed' },
      { ...good, username: 'ab' },
      { ...good, username: 'x'.repeat(41) },
      { ...good, password: undefined },
      { ...good, password: 'P#1a'.repeat(40) },
      { ...good, extra: 'field' },
    ];
    for (const body of bad) {
      const res = await activate(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const notJson = await t.http().post('/api/activation').set('Content-Type', 'application/json').send('{"code":');
    expect(notJson.status).toBe(400);
    // Path parameters too.
    await t.http().post('/api/trainees/not-a-uuid/activation-code').auth(counsellor, { type: 'bearer' }).expect(400);
    await t.http().get('/api/trainees/not-a-uuid/activation-code').auth(counsellor, { type: 'bearer' }).expect(400);
  });

  it('401 without a token; 403 for every role but counsellor', async () => {
    const traineeId = await newcomer();
    await t.http().post(`/api/trainees/${traineeId}/activation-code`).expect(401);
    await t.http().get(`/api/trainees/${traineeId}/activation-code`).expect(401);
    for (const role of ['admin', 'employer', 'trainee', 'instructor', 'security', 'auditor']) {
      const { token } = await t.login(role);
      const post = await t.http().post(`/api/trainees/${traineeId}/activation-code`).auth(token, { type: 'bearer' });
      const get = await t.http().get(`/api/trainees/${traineeId}/activation-code`).auth(token, { type: 'bearer' });
      expect({ role, post: post.status, get: get.status }).toEqual({ role, post: 403, get: 403 });
    }
  });

  it('another organisation’s counsellor gets 404 for the trainee, and nothing is issued', async () => {
    const traineeId = await newcomer();
    for (const other of ['counsellor2', 'station-460200']) {
      const { token } = await t.login(other);
      const post = await t.http().post(`/api/trainees/${traineeId}/activation-code`).auth(token, { type: 'bearer' });
      const get = await t.http().get(`/api/trainees/${traineeId}/activation-code`).auth(token, { type: 'bearer' });
      expect({ other, post: post.status, get: get.status }).toEqual({ other, post: 404, get: 404 });
      expect(post.body.code).toBe('NOT_FOUND');
    }
    // Unknown id: the same 404.
    await t
      .http()
      .post(`/api/trainees/00000000-0000-4000-8000-000000000000/activation-code`)
      .auth(counsellor, { type: 'bearer' })
      .expect(404);
    const rows = await t.sql(`SELECT 1 FROM activation_code WHERE trainee_id = $1`, [traineeId]);
    expect(rows).toEqual([]);
  });

  it('after the handover the station holds the trainee: its counsellor issues, the facility no longer can', async () => {
    const { organisationId: station } = await t.login('station-460200');
    const traineeId = await newTrainee(t, { organisationId: station, state: 'released', birthYear: 1987, releasedOn: '2026-01-05' });
    const stationToken = (await t.login('station-460200')).token;
    const { code } = await issue(traineeId, stationToken);
    await t.http().post(`/api/trainees/${traineeId}/activation-code`).auth(counsellor, { type: 'bearer' }).expect(404);
    const res = await activate({ code, birthYear: 1987, username: username(), password: STRONG }).expect(201);
    const me = await t.login(res.body.username, STRONG);
    expect(me.organisationId).toBe(station);
  });

  it('the code is in no audit entry, no table but as its keyed hash, and no later answer', async () => {
    const traineeId = await newcomer(1989);
    const { code } = await issue(traineeId);
    const plain = code.replace(/-/g, '');
    await activate({ code, birthYear: 1970, username: username(), password: STRONG });
    await activate({ code, birthYear: 1989, username: username(), password: STRONG }).expect(201);
    const audit = await t.sql<{ action: string; result: string; row: string }>(
      `SELECT action, result, to_jsonb(a)::text AS row FROM audit_log a WHERE subject_id = $1::text OR action LIKE 'activation%'`,
      [traineeId],
    );
    expect(audit.filter((a) => a.action === 'activation_code.issue').length).toBeGreaterThan(0);
    expect(audit.map((a) => `${a.action}:${a.result}`)).toEqual(
      expect.arrayContaining(['activation_code.issue:success', 'activation_code.use:failure', 'activation_code.use:success']),
    );
    const everything = await t.sql<{ row: string }>(`SELECT to_jsonb(a)::text AS row FROM audit_log a`);
    for (const { row } of everything) {
      expect(row.includes(code) || row.toUpperCase().includes(plain)).toBe(false);
    }
    const [stored] = await t.sql<{ code_hash: string }>(`SELECT code_hash FROM activation_code WHERE trainee_id = $1`, [traineeId]);
    expect(stored!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.code_hash.toUpperCase()).not.toContain(plain);
    const later = await t.http().get(`/api/trainees/${traineeId}/activation-code`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(later.text).not.toContain(plain);
    expect(later.text).not.toContain(code);
  });

  it('the demo has a released trainee without an account and a live demo code', async () => {
    const hash = activationCodeHash(t.app.get(FieldCipher), normaliseActivationCode(DEMO_ACTIVATION_CODE)!);
    const [row] = await t.sql<{ birth_year: number; state: string; user_id: string | null }>(
      `SELECT t.birth_year, t.state, t.user_id FROM activation_code c JOIN trainee t ON t.id = c.trainee_id
        WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.revoked_at IS NULL AND c.expires_at > now()`,
      [hash],
    );
    expect(row).toBeDefined();
    expect(['released', 'community']).toContain(row!.state);
    expect(row!.user_id).toBeNull();
    await activate({ code: DEMO_ACTIVATION_CODE, birthYear: row!.birth_year, username: username(), password: STRONG }).expect(201);
  });
});
