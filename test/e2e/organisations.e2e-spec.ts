import { syntheticCreditCode } from '../../server/src/demo/demo-data';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('organisations', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login('admin')).token;
    counsellor = (await t.login('counsellor')).token;
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ type: 'bearer' as const, token });

  it('admins list and filter every organisation', async () => {
    const stations = await t
      .http()
      .get('/api/organisations?type=community_station&pageSize=100')
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(stations.body.total).toBe(18);
    expect(stations.body.items[0]).toHaveProperty('divisionName');
    const pending = await t.http().get('/api/organisations?type=employer&status=pending').auth(admin, { type: 'bearer' }).expect(200);
    expect(pending.body.total).toBe(2);
    const search = await t
      .http()
      .get(`/api/organisations?q=${encodeURIComponent('椰风')}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(search.body.items.map((o: { name: string }) => o.name)).toEqual(['海口椰风酒店管理有限公司']);
    await t.http().get('/api/organisations?type=castle').auth(admin, { type: 'bearer' }).expect(400);
    await t.http().get('/api/organisations?pageSize=1000').auth(admin, { type: 'bearer' }).expect(400);
    expect(bearer('x').type).toBe('bearer');
  });

  it('admins create a facility; bad input gets a 400 that names the problem', async () => {
    const created = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({ name: '海南省第三强制隔离戒毒所', type: 'facility', divisionCode: '469002' })
      .expect(201);
    expect(created.body).toMatchObject({ type: 'facility', status: 'active', divisionName: '琼海市' });

    const unknownDivision = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({ name: '某机构', type: 'school', divisionCode: '999999' })
      .expect(400);
    expect(unknownDivision.body.code).toBe('UNKNOWN_DIVISION');

    const extra = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({ name: '某机构', type: 'school', divisionCode: '460100', isAdmin: true })
      .expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    expect(extra.body.details.fields[0].field).toBe('isAdmin');

    const noCode = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({ name: '某公司', type: 'employer', divisionCode: '460100' })
      .expect(400);
    expect(noCode.body.details.fields.map((f: { field: string }) => f.field)).toContain('creditCode');
  });

  it('an admin-created employer with a failing credit code needs the override and a reason, and it is audited', async () => {
    const good = syntheticCreditCode('460200', 777);
    const bad = good.slice(0, 17) + (good[17] === '3' ? '4' : '3');
    const refused = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({ name: '三亚测试公司', type: 'employer', divisionCode: '460200', creditCode: bad })
      .expect(400);
    expect(refused.body.code).toBe('CREDIT_CODE_INVALID');
    await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({ name: '三亚测试公司', type: 'employer', divisionCode: '460200', creditCode: bad, overrideCreditCode: true })
      .expect(400);
    const ok = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({
        name: '三亚测试公司',
        type: 'employer',
        divisionCode: '460200',
        creditCode: bad,
        overrideCreditCode: true,
        overrideReason: '已核对营业执照原件',
      })
      .expect(201);
    expect(ok.body).toMatchObject({ status: 'verified', creditCodeValid: false, creditCodeOverride: true });
    const [row] = await t.sql<{ detail: { reason: string } }>(
      `SELECT detail FROM audit_log WHERE action = 'organisation.create' AND subject_id = $1`,
      [ok.body.id],
    );
    expect(row!.detail.reason).toBe('已核对营业执照原件');
    const dup = await t
      .http()
      .post('/api/organisations')
      .auth(admin, { type: 'bearer' })
      .send({
        name: '重复公司',
        type: 'employer',
        divisionCode: '460200',
        creditCode: bad,
        overrideCreditCode: true,
        overrideReason: '重复测试',
      })
      .expect(409);
    expect(dup.body.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('admins update an organisation; an employer’s status only changes by decision', async () => {
    const [fac] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = '海南省第二强制隔离戒毒所'`);
    const res = await t
      .http()
      .patch(`/api/organisations/${fac!.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ contactName: '王所长' })
      .expect(200);
    expect(res.body.contactName).toBe('王所长');
    const [emp] = await t.sql<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE username = 'employer'`);
    const refused = await t
      .http()
      .patch(`/api/organisations/${emp!.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ status: 'inactive' })
      .expect(400);
    expect(refused.body.code).toBe('EMPLOYER_STATUS_BY_DECISION');
    await t.http().patch(`/api/organisations/not-a-uuid`).auth(admin, { type: 'bearer' }).send({}).expect(400);
    await t.http().patch(`/api/organisations/${fac!.id}`).auth(counsellor, { type: 'bearer' }).send({ contactName: 'x' }).expect(403);
  });

  describe('employer verification', () => {
    it('verifies a pending employer with a valid code', async () => {
      const [p] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = '陵水椰林园林绿化有限公司'`);
      const res = await t
        .http()
        .post(`/api/organisations/${p!.id}/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'verify' })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'verified', creditCodeOverride: false });
      expect(res.body.verifiedAt).toBeTruthy();
    });

    it('refuses to verify a failing code without the override, then accepts it with a reason (audited)', async () => {
      const [p] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = '海口康乐养老服务有限公司'`);
      const refused = await t
        .http()
        .post(`/api/organisations/${p!.id}/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'verify' })
        .expect(400);
      expect(refused.body.code).toBe('CREDIT_CODE_INVALID');
      await t
        .http()
        .post(`/api/organisations/${p!.id}/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'verify', overrideCreditCode: true })
        .expect(400);
      const ok = await t
        .http()
        .post(`/api/organisations/${p!.id}/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'verify', overrideCreditCode: true, reason: '营业执照原件核对无误' })
        .expect(201);
      expect(ok.body).toMatchObject({ status: 'verified', creditCodeOverride: true });
      const audit = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'organisation.verify_override' AND subject_id = $1`, [p!.id]);
      expect(audit).toHaveLength(1);
    });

    it('rejects with a reason (required) and refuses decisions on non-employers', async () => {
      const reg = await t
        .http()
        .post('/api/employers/registrations')
        .send({
          organisationName: '待拒绝公司',
          creditCode: syntheticCreditCode('460400', 888),
          divisionCode: '460400',
          contactName: '赵先生',
          contactPhone: '13800000001',
          username: 'reject-me',
          password: 'Reject#2026',
        });
      expect(reg.status).toBe(202);
      // The answer names no record (it reads the same for a taken username): find it as the admin would.
      const [{ id }] = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = '待拒绝公司'`)) as [{ id: string }];
      await t.http().post(`/api/organisations/${id}/decision`).auth(admin, { type: 'bearer' }).send({ decision: 'reject' }).expect(400);
      const res = await t
        .http()
        .post(`/api/organisations/${id}/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'reject', reason: '营业执照已注销' })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'rejected', statusReason: '营业执照已注销' });
      const [fac] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'facility' LIMIT 1`);
      const notEmployer = await t
        .http()
        .post(`/api/organisations/${fac!.id}/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'verify' })
        .expect(400);
      expect(notEmployer.body.code).toBe('NOT_AN_EMPLOYER');
      await t
        .http()
        .post(`/api/organisations/00000000-0000-4000-8000-000000000000/decision`)
        .auth(admin, { type: 'bearer' })
        .send({ decision: 'verify' })
        .expect(404);
    });
  });
});
