import ExcelJS from 'exceljs';
import request from 'supertest';
import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { ConsentsRepository } from '../../server/src/consents/consents.repository';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
const id18 = (birth: string, serial: number) => {
  const first17 = `460200${birth}${String(serial).padStart(3, '0')}`;
  return first17 + identityCheckChar(first17);
};

describe('consent', () => {
  let t: TestApp;
  let trainee: string;
  let trainee2: string;
  let counsellor: string;
  let traineeId: string;
  let employerA: string;

  beforeAll(async () => {
    t = await createTestApp();
    trainee = (await t.login('trainee')).token;
    trainee2 = (await t.login('trainee2')).token;
    counsellor = (await t.login('counsellor')).token;
    employerA = (await t.login('employer')).organisationId;
    [{ id: traineeId }] = (await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    )) as [{ id: string }];
  });
  afterAll(() => t.close());

  it('publishes versioned texts in Chinese and English that say what is shared, with whom, and why', async () => {
    const res = await t.http().get('/api/consent-texts').expect(200);
    expect(res.body.map((c: { purpose: string }) => c.purpose).sort()).toEqual([
      'follow_up_contact',
      'job_matching',
      'share_with_employer',
    ]);
    const jm = res.body.find((c: { purpose: string }) => c.purpose === 'job_matching');
    expect(jm).toMatchObject({ version: 1 });
    expect(jm.textZh).toContain('用人单位');
    expect(jm.textEn).toMatch(/withdraw/i);
  });

  it('a trainee withdraws job matching: it takes effect at once, and the history stays', async () => {
    const mine = await t.http().get('/api/trainees/me/consents').auth(trainee, { type: 'bearer' }).expect(200);
    const live = mine.body.find((c: { purpose: string; live: boolean }) => c.purpose === 'job_matching' && c.live);
    expect(live).toBeDefined();
    const repo = t.app.get(ConsentsRepository);
    expect(await repo.hasLive(traineeId, 'job_matching')).toBe(true);
    const before = await t
      .http()
      .get('/api/trainees?jobMatchingConsent=granted&pageSize=100')
      .auth(counsellor, { type: 'bearer' })
      .expect(200);
    expect(before.body.items.map((r: { id: string }) => r.id)).toContain(traineeId);

    const after = await t.http().post(`/api/trainees/me/consents/${live.id}/withdrawal`).auth(trainee, { type: 'bearer' }).expect(200);
    expect(after.body.find((c: { id: string }) => c.id === live.id)).toMatchObject({ live: false, withdrawnAssisted: false });
    expect(await repo.hasLive(traineeId, 'job_matching')).toBe(false);
    const list = await t
      .http()
      .get('/api/trainees?jobMatchingConsent=granted&pageSize=100')
      .auth(counsellor, { type: 'bearer' })
      .expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(traineeId);
    await t.http().post(`/api/trainees/me/consents/${live.id}/withdrawal`).auth(trainee, { type: 'bearer' }).expect(409);
  });

  /** The demo trainee, having withdrawn the job-matching consent they hold (the demo data grants one). */
  const withoutLiveJobMatching = async () => {
    const mine = await t.http().get('/api/trainees/me/consents').auth(trainee, { type: 'bearer' }).expect(200);
    for (const c of mine.body as { id: string; purpose: string; live: boolean }[])
      if (c.purpose === 'job_matching' && c.live)
        await t.http().post(`/api/trainees/me/consents/${c.id}/withdrawal`).auth(trainee, { type: 'bearer' }).expect(200);
  };

  it('grants need the current text version; a second live grant is refused', async () => {
    await withoutLiveJobMatching();
    const old = await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'job_matching', textVersion: 0 })
      .expect(400);
    expect(old.body).toMatchObject({ code: 'CONSENT_TEXT_OUTDATED', details: { currentVersion: 1 } });
    const res = await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'job_matching', textVersion: 1 })
      .expect(201);
    expect(res.body.filter((c: { purpose: string }) => c.purpose === 'job_matching')).toHaveLength(2);
    await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'job_matching', textVersion: 1 })
      .expect(409);
    await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'gossip', textVersion: 1 })
      .expect(400);
  });

  it('sharing with an employer names one verified employer, separately for each', async () => {
    await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'share_with_employer', textVersion: 1 })
      .expect(400);
    const [pending] = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'employer' AND status = 'pending' LIMIT 1`);
    const refused = await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'share_with_employer', textVersion: 1, employerId: pending!.id })
      .expect(400);
    expect(refused.body.code).toBe('UNKNOWN_EMPLOYER');
    const ok = await t
      .http()
      .post('/api/trainees/me/consents')
      .auth(trainee, { type: 'bearer' })
      .send({ purpose: 'share_with_employer', textVersion: 1, employerId: employerA })
      .expect(201);
    expect(ok.body.find((c: { purpose: string }) => c.purpose === 'share_with_employer')).toMatchObject({
      employerName: '海口椰风酒店管理有限公司',
      live: true,
    });
    expect(await t.app.get(ConsentsRepository).hasLive(traineeId, 'share_with_employer', employerA)).toBe(true);
  });

  it('assisted mode: a counsellor records a paper consent for a trainee without a device, and it says so', async () => {
    const [{ id }] = (await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t WHERE t.user_id IS NULL AND t.state IN ('admitted','pre_release')
          AND t.organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')
          AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.trainee_id = t.id AND c.purpose = 'follow_up_contact') LIMIT 1`,
    )) as [{ id: string }];
    await t
      .http()
      .post(`/api/trainees/${id}/consents`)
      .auth(counsellor, { type: 'bearer' })
      .send({ purpose: 'follow_up_contact', textVersion: 1 })
      .expect(400);
    const res = await t
      .http()
      .post(`/api/trainees/${id}/consents`)
      .auth(counsellor, { type: 'bearer' })
      .send({ purpose: 'follow_up_contact', textVersion: 1, paperFormRef: 'HZ-2026-001' })
      .expect(201);
    const c = res.body.find((x: { purpose: string }) => x.purpose === 'follow_up_contact');
    expect(c).toMatchObject({ grantedAssisted: true, paperFormRef: 'HZ-2026-001', live: true });
    const withdrawn = await t
      .http()
      .post(`/api/trainees/${id}/consents/${c.id}/withdrawal`)
      .auth(counsellor, { type: 'bearer' })
      .send({})
      .expect(200);
    expect(withdrawn.body.find((x: { id: string }) => x.id === c.id)).toMatchObject({ live: false, withdrawnAssisted: true });
    const audit = await t.sql<{ detail: { assisted: boolean } }>(
      `SELECT detail FROM audit_log WHERE action LIKE 'consent.%' AND subject_id = $1`,
      [id],
    );
    expect(audit.every((a) => a.detail.assisted)).toBe(true);
  });

  it('another trainee cannot touch my consents', async () => {
    const mine = await t.http().get('/api/trainees/me/consents').auth(trainee, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/trainees/me/consents/${mine.body[0].id}/withdrawal`).auth(trainee2, { type: 'bearer' }).expect(404);
  });
});

describe('the trainee portal', () => {
  let t: TestApp;
  let trainee: string;
  let counsellor: string;
  beforeAll(async () => {
    t = await createTestApp();
    trainee = (await t.login('trainee')).token;
    counsellor = (await t.login('counsellor')).token;
  });
  afterAll(() => t.close());

  it('shows my checklist', async () => {
    const res = await t.http().get('/api/trainees/me/checklist').auth(trainee, { type: 'bearer' }).expect(200);
    expect(res.body).toHaveLength(5);
    expect(res.body.filter((i: { doneOn: string | null }) => i.doneOn).length).toBe(2);
  });

  it('my status (the home screen, shown to others) names no organisation: the stage only', async () => {
    const res = await t.http().get('/api/trainees/me').auth(trainee, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ fullName: '李明', state: 'pre_release', stage: 'inside' });
    expect(res.body).not.toHaveProperty('organisationName');
    const names = await t.sql<{ name: string }>(`SELECT name FROM organisation`);
    for (const { name } of names) expect(JSON.stringify(res.body)).not.toContain(name);
  });

  it('downloads everything held about me, including who read my file (and where the record is held)', async () => {
    const res = await t.http().get('/api/trainees/me/data').auth(trainee, { type: 'bearer' }).expect(200);
    expect(res.body.record).toMatchObject({ fullName: '李明', state: 'pre_release', organisation: '海南省第一强制隔离戒毒所' });
    expect(res.body.record.identityNumber).toMatch(/^\d{17}[\dX]$/);
    expect(res.body.history.length).toBeGreaterThan(0);
    expect(res.body.checklist).toHaveLength(5);
    expect(res.body.consents.length).toBeGreaterThan(0);
    expect(Array.isArray(res.body.accessLog)).toBe(true);
  });

  it('asks for a correction; the counsellor answers; declining needs a note', async () => {
    await t.http().post('/api/trainees/me/correction-requests').auth(trainee, { type: 'bearer' }).send({ field: 'phone' }).expect(400);
    const req = await t
      .http()
      .post('/api/trainees/me/correction-requests')
      .auth(trainee, { type: 'bearer' })
      .send({ field: 'phone', message: '手机号应为13912345678' })
      .expect(201);
    expect(req.body).toMatchObject({ status: 'open', assisted: false });
    await t
      .http()
      .post(`/api/trainees/correction-requests/${req.body.id}/resolution`)
      .auth(counsellor, { type: 'bearer' })
      .send({ status: 'declined' })
      .expect(400);
    const done = await t
      .http()
      .post(`/api/trainees/correction-requests/${req.body.id}/resolution`)
      .auth(counsellor, { type: 'bearer' })
      .send({ status: 'resolved', note: '已更正' })
      .expect(201);
    expect(done.body).toMatchObject({ status: 'resolved', resolutionNote: '已更正' });
    const mine = await t.http().get('/api/trainees/me/correction-requests').auth(trainee, { type: 'bearer' }).expect(200);
    expect(mine.body[0]).toMatchObject({ status: 'resolved', resolutionNote: '已更正' });
    await t
      .http()
      .post(`/api/trainees/correction-requests/${req.body.id}/resolution`)
      .auth(counsellor, { type: 'bearer' })
      .send({ status: 'resolved' })
      .expect(400);
  });

  it('a counsellor can file a correction request for a trainee (assisted), recorded as such', async () => {
    // One the trainee filed themselves, beside which the assisted one is listed.
    await t
      .http()
      .post('/api/trainees/me/correction-requests')
      .auth(trainee, { type: 'bearer' })
      .send({ field: 'phone', message: '手机号应为13912345678' })
      .expect(201);
    const [{ id }] = (await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    )) as [{ id: string }];
    const res = await t
      .http()
      .post(`/api/trainees/${id}/correction-requests`)
      .auth(counsellor, { type: 'bearer' })
      .send({ field: 'other', message: '代为申请' })
      .expect(201);
    expect(res.body.assisted).toBe(true);
    const list = await t.http().get(`/api/trainees/${id}/correction-requests`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
  });
});

describe('roster import from Excel', () => {
  let t: TestApp;
  let counsellor: string;
  let today: string;
  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    counsellor = (await t.login('counsellor')).token;
  });
  afterAll(() => t.close());

  async function upload(rows: unknown[][], dryRun: boolean): Promise<request.Response> {
    const buf = await workbook(rows);
    const res = await request(t.app.getHttpServer())
      .post(`/api/trainees/import?dryRun=${dryRun}`)
      .auth(counsellor, { type: 'bearer' })
      .attach('file', buf, { filename: 'roster.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(res.status).toBe(200);
    return res;
  }

  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const template = await request(t.app.getHttpServer())
      .get('/api/trainees/import/template')
      .auth(counsellor, { type: 'bearer' })
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.body as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.spliceRows(2, 1);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const good = (n: number) => [
    `导入${n}`,
    id18('19850101', 100 + n),
    '三亚市',
    addDays(today, -100),
    addDays(today, 300),
    '13800001111',
    '初中',
    '电工/五级、焊工',
    4000,
    '是',
    '',
  ];

  it('a dry run reports every bad row with its reason and writes nothing', async () => {
    const dup = good(1);
    const badCheck = [...good(2)];
    badCheck[1] = (badCheck[1] as string).slice(0, 17) + ((badCheck[1] as string).endsWith('1') ? '2' : '1');
    const badDivision = [...good(3)];
    badDivision[2] = '火星市';
    const badDate = [...good(4)];
    badDate[3] = '去年';
    const res = await upload([good(1), dup, badCheck, badDivision, badDate, good(5)], true);
    expect(res.body).toMatchObject({ rows: 6, valid: 2, committed: false, imported: 0 });
    const byRow = Object.fromEntries(res.body.problems.map((p: { row: number; field: string }) => [p.row, p.field]));
    expect(byRow).toEqual({ 3: 'identityNumber', 4: 'identityNumber', 5: 'homeDivision', 6: 'admittedOn' });
    expect(res.body.problems.find((p: { row: number }) => p.row === 3).message).toContain('重复');
    expect(res.body.problems.find((p: { row: number }) => p.row === 4).message).toContain('校验位');
    expect(await t.sql(`SELECT 1 FROM trainee WHERE full_name LIKE '导入%'`)).toHaveLength(0);
  });

  it('is all-or-nothing: with a bad row nothing is written; clean, every row is', async () => {
    const bad = [...good(7)];
    bad[1] = '123';
    const refused = await upload([good(6), bad], false);
    expect(refused.body.committed).toBe(false);
    expect(await t.sql(`SELECT 1 FROM trainee WHERE full_name LIKE '导入%'`)).toHaveLength(0);
    const soon = [...good(9)];
    soon[4] = addDays(today, 5);
    const ok = await upload([good(6), good(8), soon], false);
    expect(ok.body).toMatchObject({ committed: true, imported: 3, problems: [] });
    const rows = await t.sql<{ state: string; home_division_code: string; skills: unknown; sex: string }>(
      `SELECT state, home_division_code, skills, sex FROM trainee WHERE full_name LIKE '导入%' ORDER BY full_name`,
    );
    expect(rows.map((r) => r.state)).toEqual(['admitted', 'admitted', 'pre_release']);
    // Skills typed as occupation names (with a level) are stored as codes employers may read.
    expect(rows[0]).toMatchObject({
      home_division_code: '460200',
      skills: [
        { occupationCode: '6-31-01-03', level: 5 },
        { occupationCode: '6-18-02-04', level: null },
      ],
    });
    expect(await t.sql(`SELECT 1 FROM checklist_item ci JOIN trainee t ON t.id = ci.trainee_id WHERE t.full_name = '导入9'`)).toHaveLength(
      5,
    );
    // The same file again: every row is now a duplicate of an existing file.
    const again = await upload([good(6)], true);
    expect(again.body.problems[0].message).toContain('已有学员档案');
  });

  it('refuses a request without a file, or a file that is not a workbook', async () => {
    const none = await request(t.app.getHttpServer())
      .post('/api/trainees/import')
      .auth(counsellor, { type: 'bearer' })
      .send({})
      .expect(400);
    expect(none.body.code).toBe('FILE_REQUIRED');
    const junk = await request(t.app.getHttpServer())
      .post('/api/trainees/import')
      .auth(counsellor, { type: 'bearer' })
      .attach('file', Buffer.from('not a spreadsheet'), 'roster.xlsx')
      .expect(400);
    expect(junk.body.code).toBe('NOT_AN_XLSX');
  });
});
