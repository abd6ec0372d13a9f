import { Clock } from '../../server/src/common/clock';
import { identityCheckChar } from '../../server/src/common/check-digits';
import { TraineesService } from '../../server/src/trainees/trainees.service';
import { createTestApp, type TestApp } from '../utils/test-app';

/** A valid synthetic identity number for a birth date and serial. */
const idNumber = (birth: string, serial: number, region = '460100') => {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
  return first17 + identityCheckChar(first17);
};

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

describe('trainee records', () => {
  let t: TestApp;
  let counsellor: string;
  let counsellor2: string;
  let station: string;
  let admin: string;
  let today: string;

  const newTrainee = (over: Record<string, unknown> = {}) => ({
    fullName: '王测试',
    identityNumber: idNumber('1990-05-17', 101),
    homeDivisionCode: '460100',
    admittedOn: addDays(today, -300),
    expectedReleaseOn: addDays(today, 200),
    phone: '13912340000',
    educationLevel: 'junior_high',
    skills: [{ occupationCode: '6-31-01-03', level: 5 }],
    preferredDivisions: ['460100', '460200'],
    wageExpectation: 4500,
    willingToLiveOnSite: true,
    ...over,
  });

  /** A file the facility's counsellor opened through the API for `fullName`, born 1990-05-17 (number `seq`); its id. */
  const fileOf = async (fullName: string, seq: number, over: Record<string, unknown> = {}): Promise<string> =>
    (
      await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ fullName, identityNumber: idNumber('1990-05-17', seq), ...over }))
        .expect(201)
    ).body.id;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    counsellor = (await t.login('counsellor')).token;
    counsellor2 = (await t.login('counsellor2')).token;
    station = (await t.login('station')).token;
    admin = (await t.login('admin')).token;
  });
  afterAll(() => t.close());

  describe('creating a file', () => {
    it('creates a trainee with sex and birth year read from the identity number, shown masked to the last 4', async () => {
      const res = await t.http().post('/api/trainees').auth(counsellor, { type: 'bearer' }).send(newTrainee()).expect(201);
      expect(res.body).toMatchObject({
        fullName: '王测试',
        sex: 'M',
        birthYear: 1990,
        age: Number(today.slice(0, 4)) - 1990,
        state: 'admitted',
        readOnly: false,
        canRevealIdentityNumber: true,
      });
      // Even for a counsellor who may reveal it: the region and the day of birth never show.
      expect(res.body.identityNumberMasked).toBe(`${'*'.repeat(14)}${idNumber('1990-05-17', 101).slice(-4)}`);
      expect(res.body).not.toHaveProperty('birthDate');
      const text = JSON.stringify(res.body);
      for (const leak of [idNumber('1990-05-17', 101), '1990-05-17', '19900517', '4601001990']) expect(text).not.toContain(leak);
    });

    it('stores the identity number encrypted: a raw SELECT shows no identity number', async () => {
      await fileOf('王加密', 103);
      const rows = await t.sql<Record<string, unknown>>(`SELECT * FROM trainee WHERE full_name = '王加密'`);
      // Buffers (bytea) are rendered as text too, so a plaintext number anywhere would show.
      const raw = rows
        .map((r) =>
          Object.values(r)
            .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : JSON.stringify(v)))
            .join('|'),
        )
        .join('\n');
      expect(raw).not.toContain('19900517');
      // In clear: the birth year and the last 4 characters; no head, no birth date.
      expect(rows[0]).toMatchObject({ birth_year: 1990, identity_number_tail: idNumber('1990-05-17', 103).slice(-4) });
      const columns = await t.sql<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'trainee' AND column_name ~ '^(birth|identity)'`,
      );
      expect(columns.map((c) => c.column_name).sort()).toEqual([
        'birth_year',
        'identity_number_cipher',
        'identity_number_hash',
        'identity_number_tail',
      ]);
    });

    it('an imported roster keeps the same in clear: the birth year and the last 4 characters, nothing else of the number', async () => {
      const binary = (r: import('supertest').Test) =>
        r.buffer(true).parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const template = await binary(t.http().get('/api/trainees/import/template').auth(counsellor, { type: 'bearer' })).expect(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.body as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      ws.spliceRows(2, 1);
      const number = idNumber('1987-11-23', 131, '460200');
      ws.addRow(['导入身份', number, '三亚市', addDays(today, -100), addDays(today, 300), '13912340001', '', '', '', '', '']);
      const res = await t
        .http()
        .post('/api/trainees/import?dryRun=false')
        .auth(counsellor, { type: 'bearer' })
        .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), { filename: 'roster.xlsx' })
        .expect(200);
      expect(res.body).toMatchObject({ imported: 1, committed: true });
      const [row] = await t.sql<Record<string, unknown>>(
        `SELECT id, sex, birth_year, identity_number_tail, home_division_code FROM trainee WHERE full_name = '导入身份'`,
      );
      expect(row).toMatchObject({ sex: 'M', birth_year: 1987, identity_number_tail: number.slice(-4), home_division_code: '460200' });
      const file = await t
        .http()
        .get(`/api/trainees/${row!['id'] as string}`)
        .auth(counsellor, { type: 'bearer' })
        .expect(200);
      expect(file.body).toMatchObject({ birthYear: 1987, identityNumberMasked: `**************${number.slice(-4)}` });
      const byNumber = await t.http().get(`/api/trainees?q=${number}`).auth(counsellor, { type: 'bearer' }).expect(200);
      expect(byNumber.body.items.map((i: { id: string }) => i.id)).toEqual([row!['id']]);
    });

    it('refuses bad identity numbers with the reason, a duplicate with 409, and writes nothing', async () => {
      await fileOf('王重复', 104);
      const bad = idNumber('1990-05-17', 102).slice(0, 17) + (idNumber('1990-05-17', 102).endsWith('1') ? '2' : '1');
      const r1 = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ identityNumber: bad }))
        .expect(400);
      expect(r1.body).toMatchObject({ code: 'IDENTITY_NUMBER_INVALID', details: { problem: 'check_digit' } });
      const r2 = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ identityNumber: '46010019900230' + '1234' }))
        .expect(400);
      expect(r2.body.code).toBe('IDENTITY_NUMBER_INVALID');
      const dup = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor2, { type: 'bearer' })
        .send(newTrainee({ fullName: '另一人', identityNumber: idNumber('1990-05-17', 104) }))
        .expect(409);
      expect(dup.body.code).toBe('DUPLICATE_TRAINEE');
      expect(dup.body.message).not.toContain('第一');
      const v = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ homeDivisionCode: '999999', identityNumber: idNumber('1991-01-01', 7) }))
        .expect(400);
      expect(v.body.code).toBe('UNKNOWN_DIVISION');
      const dates = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ identityNumber: idNumber('1991-01-01', 8), expectedReleaseOn: addDays(today, -400) }))
        .expect(400);
      expect(dates.body.code).toBe('RELEASE_BEFORE_ADMISSION');
      await t.http().post('/api/trainees').auth(counsellor, { type: 'bearer' }).send({ fullName: 'x' }).expect(400);
      expect(await t.sql(`SELECT 1 FROM trainee WHERE full_name = '另一人'`)).toHaveLength(0);
    });

    it('only facility counsellors create files (a station counsellor is refused)', async () => {
      const res = await t
        .http()
        .post('/api/trainees')
        .auth(station, { type: 'bearer' })
        .send(newTrainee({ identityNumber: idNumber('1992-02-02', 9) }))
        .expect(403);
      expect(res.body.code).toBe('FACILITY_ONLY');
    });

    it('a release within 30 days opens pre-release and its checklist at once', async () => {
      const res = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ fullName: '快出所', identityNumber: idNumber('1993-03-03', 11), expectedReleaseOn: addDays(today, 10) }))
        .expect(201);
      expect(res.body.state).toBe('pre_release');
      expect(res.body.checklistTotal).toBe(5);
    });
  });

  describe('caseload', () => {
    it('filters, sorts and pages within the organisation', async () => {
      const all = await t.http().get('/api/trainees?pageSize=100').auth(counsellor, { type: 'bearer' }).expect(200);
      const [{ n }] = (await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM trainee WHERE organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')`,
      )) as [{ n: number }];
      expect(all.body.total).toBeGreaterThanOrEqual(n);
      const pre = await t
        .http()
        .get('/api/trainees?state=pre_release&sort=expectedRelease')
        .auth(counsellor, { type: 'bearer' })
        .expect(200);
      expect(pre.body.items.every((r: { state: string }) => r.state === 'pre_release')).toBe(true);
      const dates = pre.body.items.map((r: { expectedReleaseOn: string }) => r.expectedReleaseOn);
      expect(dates).toEqual([...dates].sort());
      const window = await t
        .http()
        .get(`/api/trainees?releaseFrom=${today}&releaseTo=${addDays(today, 30)}`)
        .auth(counsellor, { type: 'bearer' })
        .expect(200);
      expect(
        window.body.items.every(
          (r: { expectedReleaseOn: string }) => r.expectedReleaseOn >= today && r.expectedReleaseOn <= addDays(today, 30),
        ),
      ).toBe(true);
      const consenting = await t
        .http()
        .get('/api/trainees?jobMatchingConsent=granted&pageSize=100')
        .auth(counsellor, { type: 'bearer' })
        .expect(200);
      expect(consenting.body.items.every((r: { jobMatchingConsent: boolean }) => r.jobMatchingConsent)).toBe(true);
      const page2 = await t.http().get('/api/trainees?page=2&pageSize=5&sort=name').auth(counsellor, { type: 'bearer' }).expect(200);
      expect(page2.body.items).toHaveLength(5);
      await t.http().get('/api/trainees?state=free').auth(counsellor, { type: 'bearer' }).expect(400);
      await t.http().get('/api/trainees?releaseFrom=soon').auth(counsellor, { type: 'bearer' }).expect(400);
    });

    it('finds a person by name prefix or by full identity number (audited), never another facility’s', async () => {
      await fileOf('王查找', 105);
      const byName = await t
        .http()
        .get(`/api/trainees?q=${encodeURIComponent('王查')}`)
        .auth(counsellor, { type: 'bearer' })
        .expect(200);
      expect(byName.body.items.map((r: { fullName: string }) => r.fullName)).toContain('王查找');
      expect(byName.body.items.every((r: { fullName: string }) => r.fullName.startsWith('王查'))).toBe(true);
      // The prefix is literal: % and _ stand for themselves, not for any characters.
      for (const literal of ['王%', '王_找', '%']) {
        const none = await t
          .http()
          .get(`/api/trainees?q=${encodeURIComponent(literal)}`)
          .auth(counsellor, { type: 'bearer' })
          .expect(200);
        expect([literal, none.body.total]).toEqual([literal, 0]);
      }
      const byId = await t
        .http()
        .get(`/api/trainees?q=${idNumber('1990-05-17', 105)}`)
        .auth(counsellor, { type: 'bearer' })
        .expect(200);
      expect(byId.body.total).toBe(1);
      // Without the unmask permission a full-number look-up would confirm guesses at a masked number.
      const withoutUnmask = await t
        .http()
        .get(`/api/trainees?q=${idNumber('1990-05-17', 105)}`)
        .auth(counsellor2, { type: 'bearer' })
        .expect(403);
      expect(withoutUnmask.body.code).toBe('UNMASK_NOT_PERMITTED');
      expect(await t.sql(`SELECT 1 FROM audit_log WHERE action = 'trainee.lookup_by_identity'`)).not.toHaveLength(0);
      const logText = JSON.stringify(await t.sql(`SELECT * FROM audit_log`));
      expect(logText).not.toContain(idNumber('1990-05-17', 105));
    });

    it('exports the visible list to Excel with masked identity numbers', async () => {
      const res = await t
        .http()
        .get('/api/trainees/export?state=pre_release')
        .auth(counsellor, { type: 'bearer' })
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe('姓名');
      expect(ws.rowCount).toBeGreaterThan(1);
      expect(ws.getRow(2).getCell(4).text).toMatch(/^\*{14}\d{3}[\dX]$/);
      // Age in years only (from the birth year); no column carries a birth date.
      expect(ws.getRow(1).values).not.toContain('出生日期');
    });
  });

  describe('reading and unmasking', () => {
    let id: string;
    beforeAll(async () => {
      id = await fileOf('王读取', 106);
    });

    it('audits every read of the file', async () => {
      await t.http().get(`/api/trainees/${id}`).auth(counsellor, { type: 'bearer' }).expect(200);
      const rows = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'trainee.read' AND subject_id = $1`, [id]);
      expect(rows.length).toBeGreaterThanOrEqual(1);
    });

    it('reveals the full number only with the permission and a reason, auditing both outcomes', async () => {
      const ok = await t
        .http()
        .post(`/api/trainees/${id}/identity-number`)
        .auth(counsellor, { type: 'bearer' })
        .send({ reason: '办理社保' })
        .expect(200);
      expect(ok.body.identityNumber).toBe(idNumber('1990-05-17', 106));
      await t.http().post(`/api/trainees/${id}/identity-number`).auth(counsellor, { type: 'bearer' }).send({}).expect(400);
      const deniedAdmin = await t
        .http()
        .post(`/api/trainees/${id}/identity-number`)
        .auth(admin, { type: 'bearer' })
        .send({ reason: '抽查' })
        .expect(403);
      expect(deniedAdmin.body.code).toBe('UNMASK_NOT_PERMITTED');
      const audit = await t.sql<{ result: string; detail: { reason: string } }>(
        `SELECT result, detail FROM audit_log WHERE action = 'trainee.identity_reveal' AND subject_id = $1 ORDER BY id`,
        [id],
      );
      expect(audit.map((a) => a.result)).toEqual(['success', 'denied']);
      expect(audit[0]!.detail.reason).toBe('办理社保');
    });
  });

  describe('the lifecycle', () => {
    let id: string;
    beforeAll(async () => {
      const res = await t
        .http()
        .post('/api/trainees')
        .auth(counsellor, { type: 'bearer' })
        .send(newTrainee({ fullName: '周期测试', identityNumber: idNumber('1988-08-08', 21), expectedReleaseOn: addDays(today, 45) }))
        .expect(201);
      id = res.body.id;
    });

    it('refuses illegal moves with what is allowed, and release outside a handover', async () => {
      const res = await t
        .http()
        .post(`/api/trainees/${id}/transitions`)
        .auth(counsellor, { type: 'bearer' })
        .send({ to: 'community', reason: '测试' })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'admitted', to: 'community' } });
      await t.http().post(`/api/trainees/${id}/transitions`).auth(counsellor, { type: 'bearer' }).send({ to: 'pre_release' }).expect(400);
    });

    it('opens pre-release by itself 30 days before the expected release (controllable clock), once', async () => {
      const clock = t.app.get(Clock);
      const service = t.app.get(TraineesService);
      expect(await service.openDuePreRelease()).not.toContain(id);
      clock.travelTo(new Date(Date.parse(`${addDays(today, 15)}T12:00:00+08:00`)));
      try {
        const opened = await service.openDuePreRelease();
        expect(opened).toContain(id);
        expect(await service.openDuePreRelease()).toEqual([]);
      } finally {
        clock.travelTo(new Date());
      }
      const file = await t.http().get(`/api/trainees/${id}`).auth(counsellor, { type: 'bearer' }).expect(200);
      expect(file.body).toMatchObject({ state: 'pre_release', checklistTotal: 5, checklistDone: 0 });
      const history = await t.http().get(`/api/trainees/${id}/history`).auth(counsellor, { type: 'bearer' }).expect(200);
      expect(history.body.map((h: { toState: string }) => h.toState)).toEqual(['admitted', 'pre_release']);
      expect(history.body[1].changedByName).toBeNull();
    });

    it('only one of several processes opens pre-release at a time', async () => {
      const service = t.app.get(TraineesService);
      const results = await Promise.all([service.openDuePreRelease(), service.openDuePreRelease(), service.openDuePreRelease()]);
      expect(results.filter((r) => r !== null).length).toBeGreaterThanOrEqual(1);
    });

    it('a postponed release goes back to admitted with the reason recorded', async () => {
      // A release within 30 days opens pre-release at once.
      const id = await fileOf('推迟测试', 107, { expectedReleaseOn: addDays(today, 20) });
      const res = await t
        .http()
        .post(`/api/trainees/${id}/transitions`)
        .auth(counsellor, { type: 'bearer' })
        .send({ to: 'admitted', reason: '出所日期推迟' })
        .expect(200);
      expect(res.body.state).toBe('admitted');
      const history = await t.http().get(`/api/trainees/${id}/history`).auth(counsellor, { type: 'bearer' }).expect(200);
      expect(history.body.at(-1)).toMatchObject({
        fromState: 'pre_release',
        toState: 'admitted',
        reason: '出所日期推迟',
        changedByName: '陈指导员',
      });
    });

    it('the file can be corrected by its facility, not by another', async () => {
      const res = await t
        .http()
        .patch(`/api/trainees/${id}`)
        .auth(counsellor, { type: 'bearer' })
        .send({ phone: '13700001111', skills: [{ occupationCode: '6-18-02-04', level: 4 }], preferredIndustries: ['4-03'] })
        .expect(200);
      expect(res.body).toMatchObject({
        phone: '13700001111',
        skills: [{ occupationCode: '6-18-02-04', occupationName: '焊工', level: 4, levelName: '四级/中级工' }],
        preferredIndustries: [{ code: '4-03', name: expect.any(String) }],
      });
      // Skills and industries are codes from the reference lists: free text is refused with a message.
      const typed = await t
        .http()
        .patch(`/api/trainees/${id}`)
        .auth(counsellor, { type: 'bearer' })
        .send({ skills: ['在所内帮厨两年'] })
        .expect(400);
      expect(JSON.stringify(typed.body)).not.toContain('500');
      const unknown = await t
        .http()
        .patch(`/api/trainees/${id}`)
        .auth(counsellor, { type: 'bearer' })
        .send({ skills: [{ occupationCode: '9-99-99-99' }] })
        .expect(400);
      expect(unknown.body.code).toBe('UNKNOWN_OCCUPATION');
      await t.http().patch(`/api/trainees/${id}`).auth(counsellor, { type: 'bearer' }).send({ phone: '12' }).expect(400);
      await t.http().patch(`/api/trainees/${id}`).auth(counsellor2, { type: 'bearer' }).send({ phone: '13700001111' }).expect(404);
    });
  });

  describe('pre-release checklist', () => {
    it('counsellors tick items with date and note; the facility sees who is behind', async () => {
      // Released in 10 days: pre-release and its checklist open at once, nothing ticked yet.
      const id = await fileOf('快出所乙', 108, { expectedReleaseOn: addDays(today, 10) });
      const behind = await t.http().get('/api/trainees/checklists/behind').auth(counsellor, { type: 'bearer' }).expect(200);
      expect(behind.body.map((b: { traineeId: string }) => b.traineeId)).toContain(id);
      const days = behind.body.map((b: { daysToRelease: number }) => b.daysToRelease);
      expect(days).toEqual([...days].sort((a: number, b: number) => a - b));
      for (const key of ['situation_policy', 'anti_drug', 'mental_health', 'employment_guidance', 'handover_documents']) {
        await t
          .http()
          .put(`/api/trainees/${id}/checklist/${key}`)
          .auth(counsellor, { type: 'bearer' })
          .send({ doneOn: today, note: '已完成' })
          .expect(200);
      }
      const after = await t.http().get('/api/trainees/checklists/behind').auth(counsellor, { type: 'bearer' }).expect(200);
      expect(after.body.map((b: { traineeId: string }) => b.traineeId)).not.toContain(id);
      const items = await t.http().get(`/api/trainees/${id}/checklist`).auth(counsellor, { type: 'bearer' }).expect(200);
      expect(items.body[0]).toMatchObject({ itemKey: 'situation_policy', label: '形势政策教育', doneOn: today, doneByName: '陈指导员' });
      await t
        .http()
        .put(`/api/trainees/${id}/checklist/anti_drug`)
        .auth(counsellor, { type: 'bearer' })
        .send({ doneOn: addDays(today, 5) })
        .expect(400);
      await t.http().put(`/api/trainees/${id}/checklist/bogus`).auth(counsellor, { type: 'bearer' }).send({ doneOn: today }).expect(400);
      const behindOther = await t.http().get('/api/trainees/checklists/behind').auth(counsellor2, { type: 'bearer' }).expect(200);
      expect(behindOther.body.map((b: { traineeId: string }) => b.traineeId)).not.toContain(id);
    });
  });
});
