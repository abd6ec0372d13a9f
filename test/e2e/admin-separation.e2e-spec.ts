import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * 三权分立 (等保 2.0 level 3): the system administrator (`admin`), the security administrator
 * (`security_admin`) and the audit administrator (`audit_admin`) are separate accounts, and none
 * reaches the others' powers. The authorization matrix checks every route × role; this file checks
 * the separation as a story, plus what the matrix cannot see (audit entries, trainee accounts, the
 * database's own CHECKs).
 */
describe('separated admin powers (三权分立)', () => {
  let t: TestApp;
  let admin: { token: string; userId: string; organisationId: string };
  let security: { token: string; userId: string };
  let auditor: { token: string; userId: string };
  let counsellor2: { userId: string };
  let traineeId: string;
  let traineeUserId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    security = await t.login('security');
    auditor = await t.login('auditor');
    counsellor2 = await t.login('counsellor2');
    const [row] = await t.sql<{ id: string; user_id: string }>(
      `SELECT t.id, t.user_id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    );
    traineeId = row!.id;
    traineeUserId = row!.user_id;
  });
  afterAll(() => t.close());

  const call = (method: 'get' | 'post' | 'put' | 'patch', path: string, token: string, body: object = {}) =>
    t.http()[method](path).auth(token, { type: 'bearer' }).send(body);

  it('the demo has one account of each, all in the bureau, each holding one role', async () => {
    const rows = await t.sql<{ username: string; role: string; type: string }>(
      `SELECT u.username, u.role, o.type FROM app_user u JOIN organisation o ON o.id = u.organisation_id
        WHERE u.username IN ('admin', 'security', 'auditor') ORDER BY u.username`,
    );
    expect(rows).toEqual([
      { username: 'admin', role: 'admin', type: 'bureau' },
      { username: 'auditor', role: 'audit_admin', type: 'bureau' },
      { username: 'security', role: 'security_admin', type: 'bureau' },
    ]);
  });

  it('the system administrator: no audit log, no permissions', async () => {
    expect((await call('get', '/api/audit', admin.token)).status).toBe(403);
    const grant = await call('put', `/api/users/${counsellor2.userId}/permissions`, admin.token, {
      permissions: ['identity.unmask'],
      reason: '自己给',
    });
    expect(grant.status).toBe(403);
    expect((await call('patch', `/api/users/${counsellor2.userId}`, admin.token, { permissions: ['identity.unmask'] })).status).toBe(400);
    // …and cannot turn an account into another kind of administrator: a role never changes.
    expect((await call('patch', `/api/users/${counsellor2.userId}`, admin.token, { role: 'audit_admin' })).status).toBe(400);
  });

  it('the security administrator: no audit log, no account creation or edit, no password reset', async () => {
    expect((await call('get', '/api/audit', security.token)).status).toBe(403);
    const create = await call('post', '/api/users', security.token, {
      username: 'sneaky',
      displayName: '偷偷建',
      role: 'audit_admin',
      organisationId: admin.organisationId,
      password: 'Sneaky#2026x',
    });
    expect(create.status).toBe(403);
    expect((await call('patch', `/api/users/${counsellor2.userId}`, security.token, { displayName: '改名' })).status).toBe(403);
    expect((await call('post', `/api/users/${counsellor2.userId}/password`, security.token, { newPassword: 'Taken#2026x' })).status).toBe(
      403,
    );
    expect((await call('get', '/api/organisations', security.token)).status).toBe(403);
  });

  it('the audit administrator: no accounts, no permissions', async () => {
    expect((await call('get', '/api/users', auditor.token)).status).toBe(403);
    expect((await call('get', `/api/users/${counsellor2.userId}`, auditor.token)).status).toBe(403);
    const grant = await call('put', `/api/users/${counsellor2.userId}/permissions`, auditor.token, {
      permissions: ['identity.unmask'],
      reason: '测试',
    });
    expect(grant.status).toBe(403);
    const create = await call('post', '/api/users', auditor.token, {
      username: 'sneaky2',
      displayName: '偷偷建',
      role: 'counsellor',
      organisationId: admin.organisationId,
      password: 'Sneaky#2026x',
    });
    expect(create.status).toBe(403);
    expect((await call('get', '/api/audit', auditor.token)).status).toBe(200);
  });

  it('neither new role reads a trainee, an order, a fair, a report or the organisations', async () => {
    for (const token of [security.token, auditor.token]) {
      for (const path of [
        '/api/trainees',
        `/api/trainees/${traineeId}`,
        '/api/trainees/caseload-summary',
        '/api/orders',
        '/api/fairs',
        '/api/placements',
        '/api/follow-ups',
        '/api/reports/motto',
        '/api/organisations',
        '/api/matching/weights',
      ]) {
        const res = await call('get', path, token);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
      const reveal = await call('post', `/api/trainees/${traineeId}/identity-number`, token, { reason: '看看' });
      expect(reveal.status).toBe(403);
    }
  });

  it('the security administrator sees staff accounts only: trainees’ accounts are not in the list', async () => {
    const list = await t.http().get('/api/users?pageSize=100').auth(security.token, { type: 'bearer' }).expect(200);
    expect(list.body.items.some((u: { role: string }) => u.role === 'trainee')).toBe(false);
    const trainees = await t.http().get('/api/users?role=trainee').auth(security.token, { type: 'bearer' }).expect(200);
    expect(trainees.body.total).toBe(0);
    await t.http().get(`/api/users/${traineeUserId}`).auth(security.token, { type: 'bearer' }).expect(404);
    const grant = await call('put', `/api/users/${traineeUserId}/permissions`, security.token, { permissions: [], reason: '测试' });
    expect(grant.status).toBe(404);
    // The system administrator still manages every account.
    await t.http().get(`/api/users/${traineeUserId}`).auth(admin.token, { type: 'bearer' }).expect(200);
  });

  it('a grant by the security administrator works, is audited with its reason, and the auditor reads it', async () => {
    const res = await call('put', `/api/users/${counsellor2.userId}/permissions`, security.token, {
      permissions: ['identity.unmask', 'station.head'],
      reason: '琼戒局审批〔2026〕17号',
    });
    expect(res.status).toBe(200);
    expect([...res.body.permissions].sort()).toEqual(['identity.unmask', 'station.head']);
    const revoke = await call('put', `/api/users/${counsellor2.userId}/permissions`, security.token, {
      permissions: ['identity.unmask'],
      reason: '不再担任站长',
    });
    expect(revoke.status).toBe(200);
    const entries = await t.http().get(`/api/audit?action=user.permissions`).auth(auditor.token, { type: 'bearer' }).expect(200);
    const mine = entries.body.items.filter((e: { subjectId: string }) => e.subjectId === counsellor2.userId);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({
      actorUsername: 'security',
      actorRole: 'security_admin',
      result: 'success',
      detail: { granted: [], revoked: ['station.head'], reason: '不再担任站长' },
    });
    expect(mine[1].detail).toMatchObject({ granted: ['identity.unmask', 'station.head'], revoked: [] });
  });

  it('permissions go only to staff who read trainees’ files; the security administrator cannot grant to themselves', async () => {
    for (const userId of [security.userId, auditor.userId]) {
      const res = await call('put', `/api/users/${userId}/permissions`, security.token, {
        permissions: ['identity.unmask'],
        reason: '自己',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('PERMISSION_NOT_FOR_ROLE');
    }
  });

  it('the database itself refuses a second role, an unknown permission, or a permission on an administrator of another kind', async () => {
    await expect(t.sql(`UPDATE app_user SET role = 'superuser' WHERE username = 'security'`)).rejects.toThrow(/chk_app_user_role/);
    await expect(t.sql(`UPDATE app_user SET permissions = '{audit.read}' WHERE username = 'admin'`)).rejects.toThrow(
      /chk_app_user_permissions/,
    );
    await expect(t.sql(`UPDATE app_user SET permissions = '{identity.unmask}' WHERE username = 'auditor'`)).rejects.toThrow(
      /chk_app_user_permissions/,
    );
  });

  it('the system administrator creates the other administrators (audited), but cannot disable the last of a kind', async () => {
    const created = await call('post', '/api/users', admin.token, {
      username: 'auditor2',
      displayName: '第二审计管理员',
      role: 'audit_admin',
      organisationId: admin.organisationId,
      password: 'Audit#2026xy',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'audit_admin', permissions: [] });
    const [entry] = await t.sql<{ detail: { role: string } }>(
      `SELECT detail FROM audit_log WHERE action = 'user.create' AND subject_id = $1`,
      [created.body.id],
    );
    expect(entry!.detail.role).toBe('audit_admin');
    // Only in the bureau.
    const [facility] = await t.sql<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE username = 'counsellor'`);
    const elsewhere = await call('post', '/api/users', admin.token, {
      username: 'security9',
      displayName: '所里的安全员',
      role: 'security_admin',
      organisationId: facility!.id,
      password: 'Secure#2026xy',
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.code).toBe('ROLE_ORGANISATION_MISMATCH');

    // Two auditors: one may be disabled, the last may not.
    await t.http().patch(`/api/users/${created.body.id}`).auth(admin.token, { type: 'bearer' }).send({ disabled: true }).expect(200);
    const last = await call('patch', `/api/users/${auditor.userId}`, admin.token, { disabled: true });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_ENABLED_OF_ROLE');
    const lastSecurity = await call('patch', `/api/users/${security.userId}`, admin.token, { disabled: true });
    expect(lastSecurity.status).toBe(409);
    // Still signed in and working.
    await t.http().get('/api/audit').auth(auditor.token, { type: 'bearer' }).expect(200);
  });
});
