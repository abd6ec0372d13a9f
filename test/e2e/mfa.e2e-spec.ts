import { generate } from 'otplib';
import type request from 'supertest';
import { newUser, organisationOf } from '../factories';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

const STEP_SECONDS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The current 30-second time step, waiting for a fresh one when this one is nearly over: a test that
 * uses the codes of the steps around it (S-1, S, S+1) then finishes before the window moves.
 */
async function freshStep(): Promise<number> {
  const into = (Date.now() / 1000) % STEP_SECONDS;
  if (into > 15) await sleep((STEP_SECONDS - into) * 1000 + 250);
  return Math.floor(Date.now() / 1000 / STEP_SECONDS);
}

/** The code an authenticator app shows during `step`. */
const codeAt = (secret: string, step: number) => generate({ secret, epoch: step * STEP_SECONDS + 1 });

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

const refreshCookie = (res: request.Response): string | undefined =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('jbh_refresh='))
    ?.split(';')[0];

describe('TOTP second factor (MFA)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Enforcement is off by default under NODE_ENV=test (the other specs sign in as admin with a
    // password only); this spec turns it on.
    t = await createTestApp({ MFA_ENFORCE: 'true' });
  });
  afterAll(() => t.close());

  const password = (username: string) => t.http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
  const withCode = (mfaToken: string, answer: { code?: string; recoveryCode?: string }) =>
    t
      .http()
      .post('/api/auth/mfa')
      .send({ mfaToken, ...answer });

  /** Enrols `token`'s account and confirms it with the code of `step`; returns the secret and recovery codes. */
  async function enrol(token: string, step: number): Promise<{ secret: string; recoveryCodes: string[] }> {
    const start = await t.http().post('/api/mfa/enrolment').auth(token, { type: 'bearer' }).expect(201);
    const secret = start.body.secret as string;
    const confirm = await t
      .http()
      .post('/api/mfa/enrolment/confirm')
      .auth(token, { type: 'bearer' })
      .send({ code: await codeAt(secret, step) })
      .expect(200);
    return { secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
  }

  /**
   * A system administrator (a new account beside the demo `admin`, whose enrolment is another test's
   * subject) enrolled with the code of `step` and signed in with the code of `step + 1`: their access token.
   */
  async function signedInEnrolledAdmin(step: number): Promise<string> {
    const { username } = await newUser(t, { organisationId: await organisationOf(t, 'admin'), role: 'admin', displayName: '系统管理员乙' });
    const { secret } = await enrol((await t.login(username)).token, step);
    const challenge = await password(username).expect(200);
    return (await withCode(challenge.body.mfaToken as string, { code: await codeAt(secret, step + 1) }).expect(200)).body
      .accessToken as string;
  }

  it('enrols an instructor, then sign-in asks for a code: wrong refused, replay refused, recovery code once', async () => {
    const step = await freshStep();
    const { token, userId } = await t.login('instructor');
    const status = await t.http().get('/api/mfa/enrolment').auth(token, { type: 'bearer' }).expect(200);
    expect(status.body).toEqual({ offered: true, required: false, enrolled: false, confirmedAt: null, recoveryCodesLeft: 0 });

    const start = await t.http().post('/api/mfa/enrolment').auth(token, { type: 'bearer' }).expect(201);
    const secret = start.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(start.body.qrCode).toMatch(/^data:image\/png;base64,/);
    // The authenticator app on the phone shows a neutral name only.
    const uri = decodeURIComponent(start.body.otpauthUri as string);
    expect(uri).toMatch(/^otpauth:\/\/totp\/技能与就业:instructor\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).not.toMatch(/金不换|jinbuhuan|戒毒|康复|rehab/i);

    // At rest the secret is encrypted: the column holds no trace of it.
    const [row] = await t.sql<{ secret: Buffer; confirmed: Date | null }>(
      `SELECT secret_encrypted AS secret, confirmed_at AS confirmed FROM mfa_enrolment WHERE user_id = $1`,
      [userId],
    );
    expect(row!.confirmed).toBeNull();
    expect(row!.secret.toString('latin1')).not.toContain(secret);
    expect(row!.secret.toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));

    // Not confirmed yet: the password alone still signs in.
    const early = await password('instructor').expect(200);
    expect(early.body.accessToken).toBeDefined();

    const wrongConfirm = await t
      .http()
      .post('/api/mfa/enrolment/confirm')
      .auth(token, { type: 'bearer' })
      .send({ code: (Number(await codeAt(secret, step)) ^ 1).toString().padStart(6, '0') })
      .expect(400);
    expect(wrongConfirm.body.code).toBe('MFA_CODE_INVALID');
    const confirm = await t
      .http()
      .post('/api/mfa/enrolment/confirm')
      .auth(token, { type: 'bearer' })
      .send({ code: await codeAt(secret, step - 1) })
      .expect(200);
    const recoveryCodes = confirm.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [stored] = await t.sql<{ hashes: string[] }>(`SELECT recovery_code_hashes AS hashes FROM mfa_enrolment WHERE user_id = $1`, [
      userId,
    ]);
    expect(stored!.hashes).toHaveLength(10);
    expect(stored!.hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    expect(stored!.hashes.join()).not.toContain(recoveryCodes[0]!.replace('-', ''));

    // The password now answers a challenge, not a session: no access token, no cookie.
    const challenge = await password('instructor').expect(200);
    expect(Object.keys(challenge.body).sort()).toEqual(['expiresIn', 'mfaRequired', 'mfaToken']);
    expect(challenge.body.mfaRequired).toBe(true);
    expect(challenge.body.expiresIn).toBe(300);
    expect(refreshCookie(challenge)).toBeUndefined();
    const mfaToken = challenge.body.mfaToken as string;
    // The mfaToken is not an access token.
    const asBearer = await t.http().get('/api/auth/me').auth(mfaToken, { type: 'bearer' }).expect(401);
    expect(asBearer.body.code).toBe('UNAUTHENTICATED');

    const wrong = await withCode(mfaToken, { code: '000000' === (await codeAt(secret, step)) ? '111111' : '000000' }).expect(401);
    expect(wrong.body.code).toBe('MFA_CODE_INVALID');
    const ok = await withCode(mfaToken, { code: await codeAt(secret, step) }).expect(200);
    expect(Object.keys(ok.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(refreshCookie(ok)).toBeDefined();
    await t
      .http()
      .get('/api/auth/me')
      .auth(ok.body.accessToken as string, { type: 'bearer' })
      .expect(200);
    // The token was used: it does not open a second session.
    const again = await withCode(mfaToken, { code: await codeAt(secret, step + 1) }).expect(401);
    expect(again.body.code).toBe('MFA_TOKEN_INVALID');

    // The same code a second time (someone watching over a shoulder) is refused.
    const second = await password('instructor').expect(200);
    const replay = await withCode(second.body.mfaToken as string, { code: await codeAt(secret, step) }).expect(401);
    expect(replay.body.code).toBe('MFA_CODE_REUSED');

    // A recovery code works once, typed loosely.
    const recovery = await withCode(second.body.mfaToken as string, { recoveryCode: ` ${recoveryCodes[3]!.toLowerCase()} ` }).expect(200);
    expect(recovery.body.accessToken).toBeDefined();
    const third = await password('instructor').expect(200);
    const reused = await withCode(third.body.mfaToken as string, { recoveryCode: recoveryCodes[3]! }).expect(401);
    expect(reused.body.code).toBe('MFA_RECOVERY_CODE_INVALID');
    const left = await t.http().get('/api/mfa/enrolment').auth(token, { type: 'bearer' }).expect(200);
    expect(left.body).toMatchObject({ enrolled: true, required: false, recoveryCodesLeft: 9 });

    // Optional here: the instructor may turn it off with a current code; then the password alone signs in.
    await t
      .http()
      .delete('/api/mfa/enrolment')
      .auth(token, { type: 'bearer' })
      .send({ code: await codeAt(secret, step + 1) })
      .expect(204);
    expect((await password('instructor').expect(200)).body.accessToken).toBeDefined();

    const audit = await t.sql<{ action: string; result: string }>(
      `SELECT action, result FROM audit_log WHERE subject_id = $1 AND action LIKE 'mfa.%' ORDER BY id`,
      [userId],
    );
    const seen = audit.map((a) => `${a.action}:${a.result}`);
    for (const event of [
      'mfa.enrol:success',
      'mfa.confirm:failure',
      'mfa.confirm:success',
      'mfa.verify:failure',
      'mfa.verify:success',
      'mfa.recovery_used:success',
      'mfa.recovery_used:failure',
      'mfa.remove:success',
    ]) {
      expect(seen).toContain(event);
    }
  });

  it('ends an mfaToken after 5 wrong codes, even for the right one', async () => {
    const step = await freshStep();
    const { token } = await t.login('counsellor2');
    const { secret } = await enrol(token, step);
    const right = await codeAt(secret, step + 1);
    const wrongCode = right === '123456' ? '654321' : '123456';
    const { body } = await password('counsellor2').expect(200);
    for (let i = 1; i <= 4; i++)
      expect((await withCode(body.mfaToken as string, { code: wrongCode }).expect(401)).body.code).toBe('MFA_CODE_INVALID');
    expect((await withCode(body.mfaToken as string, { code: wrongCode }).expect(401)).body.code).toBe('MFA_TOKEN_INVALID');
    expect((await withCode(body.mfaToken as string, { code: right }).expect(401)).body.code).toBe('MFA_TOKEN_INVALID');
    // A new sign-in starts a new count.
    const fresh = await password('counsellor2').expect(200);
    await withCode(fresh.body.mfaToken as string, { code: right }).expect(200);
  });

  it('asks for exactly one of a code and a recovery code, and refuses a forged token', async () => {
    const res = await withCode('not-a-token', { code: '123456' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    // Signed with the access-token key (wrong key for this purpose): refused.
    const { token } = await t.login('employer');
    expect((await withCode(token, { code: '123456' }).expect(401)).body.code).toBe('MFA_TOKEN_INVALID');
    expect((await withCode(token, {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await withCode(token, { code: '123456', recoveryCode: 'ABCDE-FGHJK' }).expect(400)).body.code).toBe('MFA_ANSWER_REQUIRED');
  });

  it('holds an administrator without a second factor to the enrolment pages until enrolled', async () => {
    const step = await freshStep();
    const admin = await t.login('admin');
    expect(claimsOf(admin.token).mfa).toBe('pending');
    const blocked = await t.http().get('/api/users').auth(admin.token, { type: 'bearer' }).expect(403);
    expect(blocked.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    expect(blocked.body.message).toContain('两步验证');
    await t.http().get('/api/trainees').auth(admin.token, { type: 'bearer' }).expect(403);
    await t.http().get('/api/auth/me').auth(admin.token, { type: 'bearer' }).expect(200);
    const status = await t.http().get('/api/mfa/enrolment').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(status.body).toMatchObject({ offered: true, required: true, enrolled: false });

    // A refresh keeps the limit: the claim is decided from the account, not carried by the client.
    const refreshed = await t.http().post('/api/auth/refresh').set('Cookie', admin.cookie).expect(200);
    expect(refreshed.body.mfa).toBe('pending');
    expect(claimsOf(refreshed.body.accessToken as string).mfa).toBe('pending');

    const { secret } = await enrol(admin.token, step);
    // Enrolled: the next refresh lifts the limit.
    const lifted = await t.http().post('/api/auth/refresh').set('Cookie', refreshCookie(refreshed)!).expect(200);
    expect(lifted.body.mfa).toBeUndefined();
    await t
      .http()
      .get('/api/users')
      .auth(lifted.body.accessToken as string, { type: 'bearer' })
      .expect(200);

    // Required: it cannot be turned off by its holder.
    const off = await t
      .http()
      .delete('/api/mfa/enrolment')
      .auth(lifted.body.accessToken as string, { type: 'bearer' })
      .send({ code: await codeAt(secret, step + 1) })
      .expect(403);
    expect(off.body.code).toBe('MFA_REQUIRED_FOR_ACCOUNT');

    // Holding identity.unmask makes it required for a counsellor too.
    const counsellor = await t.login('counsellor');
    expect(claimsOf(counsellor.token).mfa).toBe('pending');
    // Trainees and employers are not offered it.
    const trainee = await t.login('trainee');
    expect(claimsOf(trainee.token).mfa).toBeUndefined();
    await t.http().post('/api/mfa/enrolment').auth(trainee.token, { type: 'bearer' }).expect(403);
  });

  it('lets only the security administrator reset someone’s second factor, with a reason, and ends their sessions', async () => {
    const step = await freshStep();
    const target = await t.login('instructor');
    await enrol(target.token, step);

    // The security administrator must enrol too before acting.
    const pending = await t.login('security');
    const { secret } = await enrol(pending.token, step);
    const challenge = await password('security').expect(200);
    const security = (await withCode(challenge.body.mfaToken as string, { code: await codeAt(secret, step + 1) }).expect(200)).body
      .accessToken as string;

    // The system administrator (fully signed in), the audit administrator and a counsellor may not.
    const admin = await signedInEnrolledAdmin(step);
    const others = { admin, auditor: (await t.login('auditor')).token, counsellor: (await t.login('counsellor')).token };
    for (const [username, bearer] of Object.entries(others)) {
      const res = await t.http().delete(`/api/users/${target.userId}/mfa`).auth(bearer, { type: 'bearer' }).send({ reason: '手机丢失' });
      expect({ username, status: res.status, code: res.body.code }).toEqual({ username, status: 403, code: 'FORBIDDEN_ROLE' });
    }

    const noReason = await t.http().delete(`/api/users/${target.userId}/mfa`).auth(security, { type: 'bearer' }).send({}).expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    await t
      .http()
      .delete(`/api/users/${target.userId}/mfa`)
      .auth(security, { type: 'bearer' })
      .send({ reason: '手机丢失，本人到场核实' })
      .expect(204);
    // Their sessions ended; the password alone signs in again (an instructor's second factor is optional).
    await t.http().post('/api/auth/refresh').set('Cookie', target.cookie).expect(401);
    expect((await password('instructor').expect(200)).body.accessToken).toBeDefined();
    const again = await t
      .http()
      .delete(`/api/users/${target.userId}/mfa`)
      .auth(security, { type: 'bearer' })
      .send({ reason: '再次' })
      .expect(409);
    expect(again.body.code).toBe('MFA_NOT_ENROLLED');

    const [entry] = await t.sql<{ actor: string; detail: { reason: string } }>(
      `SELECT actor_username AS actor, detail FROM audit_log WHERE action = 'mfa.reset' AND subject_id = $1`,
      [target.userId],
    );
    expect(entry).toEqual({ actor: 'security', detail: { reason: '手机丢失，本人到场核实' } });
  });
});
