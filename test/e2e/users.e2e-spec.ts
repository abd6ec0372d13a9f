import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

describe('staff accounts (admin)', () => {
  let t: TestApp;
  let admin: { token: string; userId: string };
  let facilityA: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    facilityA = (await t.login('counsellor')).organisationId;
  });
  afterAll(() => t.close());

  it('lists and filters accounts with their organisation', async () => {
    const res = await t.http().get('/api/users?role=counsellor&pageSize=100').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(res.body.total).toBe(20); // 2 facility counsellors + 18 station counsellors
    expect(res.body.items[0]).not.toHaveProperty('passwordHash');
    const q = await t.http().get('/api/users?q=employer').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(q.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['employer', 'employer2']));
    await t.http().get('/api/users?role=wizard').auth(admin.token, { type: 'bearer' }).expect(400);
  });

  it('creates a counsellor who can then sign in', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .auth(admin.token, { type: 'bearer' })
      .send({ username: 'New.Counsellor', displayName: '新指导员', role: 'counsellor', organisationId: facilityA, password: 'Start#2026' })
      .expect(201);
    expect(res.body).toMatchObject({ username: 'new.counsellor', role: 'counsellor', organisationType: 'facility', disabled: false });
    await t.login('new.counsellor', 'Start#2026');
    const got = await t.http().get(`/api/users/${res.body.id}`).auth(admin.token, { type: 'bearer' }).expect(200);
    expect(got.body.id).toBe(res.body.id);
  });

  it('refuses a role that does not fit the organisation, a taken username, a weak password and trainee accounts', async () => {
    const mismatch = await t
      .http()
      .post('/api/users')
      .auth(admin.token, { type: 'bearer' })
      .send({ username: 'teacher9', displayName: '老师', role: 'instructor', organisationId: facilityA, password: 'Start#2026' })
      .expect(400);
    expect(mismatch.body.code).toBe('ROLE_ORGANISATION_MISMATCH');
    const taken = await t
      .http()
      .post('/api/users')
      .auth(admin.token, { type: 'bearer' })
      .send({ username: 'counsellor', displayName: 'x', role: 'counsellor', organisationId: facilityA, password: 'Start#2026' })
      .expect(409);
    expect(taken.body.code).toBe('USERNAME_TAKEN');
    const weak = await t
      .http()
      .post('/api/users')
      .auth(admin.token, { type: 'bearer' })
      .send({ username: 'weakpw', displayName: 'x', role: 'counsellor', organisationId: facilityA, password: 'weakpw123' })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    await t
      .http()
      .post('/api/users')
      .auth(admin.token, { type: 'bearer' })
      .send({ username: 'tr', displayName: 'x', role: 'trainee', organisationId: facilityA, password: 'Start#2026' })
      .expect(400);
    await t
      .http()
      .post('/api/users')
      .auth(admin.token, { type: 'bearer' })
      .send({
        username: 'ghost',
        displayName: 'x',
        role: 'counsellor',
        organisationId: '00000000-0000-4000-8000-000000000000',
        password: 'Start#2026',
      })
      .expect(400);
  });

  it('resets a password: old sessions end, the temporary password works', async () => {
    const victim = await t.login('instructor');
    await t
      .http()
      .post(`/api/users/${victim.userId}/password`)
      .auth(admin.token, { type: 'bearer' })
      .send({ newPassword: 'short' })
      .expect(400);
    await t
      .http()
      .post(`/api/users/${victim.userId}/password`)
      .auth(admin.token, { type: 'bearer' })
      .send({ newPassword: 'Temp#2026x' })
      .expect(204);
    await t.http().get('/api/auth/me').auth(victim.token, { type: 'bearer' }).expect(401);
    await t.http().post('/api/auth/login').send({ username: 'instructor', password: DEMO_PASSWORD }).expect(401);
    await t.login('instructor', 'Temp#2026x');
  });

  it('an admin cannot disable their own account; unknown ids are 404', async () => {
    const res = await t
      .http()
      .patch(`/api/users/${admin.userId}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ disabled: true })
      .expect(400);
    expect(res.body.code).toBe('CANNOT_DISABLE_SELF');
    await t.http().get('/api/users/00000000-0000-4000-8000-000000000000').auth(admin.token, { type: 'bearer' }).expect(404);
  });
});

describe('the identity-unmask permission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('the security administrator grants it to a counsellor (audited); only then may they reveal a number', async () => {
    const security = await t.login('security');
    const c2 = await t.login('counsellor2');
    const [{ id: traineeId }] = (await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee2'`,
    )) as [{ id: string }];
    await t
      .http()
      .post(`/api/trainees/${traineeId}/identity-number`)
      .auth(c2.token, { type: 'bearer' })
      .send({ reason: '核对' })
      .expect(403);
    const res = await t
      .http()
      .put(`/api/users/${c2.userId}/permissions`)
      .auth(security.token, { type: 'bearer' })
      .send({ permissions: ['identity.unmask'], reason: '局审批 2026-17 号' })
      .expect(200);
    expect(res.body.permissions).toEqual(['identity.unmask']);
    const revealed = await t
      .http()
      .post(`/api/trainees/${traineeId}/identity-number`)
      .auth(c2.token, { type: 'bearer' })
      .send({ reason: '核对' })
      .expect(200);
    expect(revealed.body.identityNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await t.sql(`SELECT 1 FROM audit_log WHERE action = 'user.permissions' AND subject_id = $1`, [c2.userId])).toHaveLength(1);
    await t
      .http()
      .put(`/api/users/${c2.userId}/permissions`)
      .auth(security.token, { type: 'bearer' })
      .send({ permissions: ['root'], reason: '测试' })
      .expect(400);
    // A reason is required.
    await t
      .http()
      .put(`/api/users/${c2.userId}/permissions`)
      .auth(security.token, { type: 'bearer' })
      .send({ permissions: [] })
      .expect(400);
    const employer = await t.login('employer');
    const refused = await t
      .http()
      .put(`/api/users/${employer.userId}/permissions`)
      .auth(security.token, { type: 'bearer' })
      .send({ permissions: ['identity.unmask'], reason: '测试' })
      .expect(400);
    expect(refused.body.code).toBe('PERMISSION_NOT_FOR_ROLE');
  });

  it('the system administrator can no longer set permissions, not even through the account edit', async () => {
    const admin = await t.login('admin');
    const c2 = await t.login('counsellor2');
    await t
      .http()
      .put(`/api/users/${c2.userId}/permissions`)
      .auth(admin.token, { type: 'bearer' })
      .send({ permissions: ['identity.unmask'], reason: '测试' })
      .expect(403);
    // `permissions` is no longer a field of the edit: the whitelist refuses it.
    await t
      .http()
      .patch(`/api/users/${c2.userId}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ permissions: ['identity.unmask'] })
      .expect(400);
  });
});
