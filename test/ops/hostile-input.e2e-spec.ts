import request from 'supertest';
import { syntheticCreditCode } from '../../server/src/demo/demo-data';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Issue 15, "Limits on every request": no single request may hold the server. Each hostile request
 * is refused with a 4xx a person can act on, writes nothing, and /api/health keeps answering
 * while it is being handled (`expectNotHeld`).
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The slowest of a few health answers. */
async function slowestHealth(t: TestApp, times: number): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const health = await t.http().get('/api/health');
    slowest = Math.max(slowest, performance.now() - started);
    expect(health.status).toBe(200);
  }
  return slowest;
}

/**
 * Runs the request while /api/health is asked again and again; returns its response, the slowest health
 * answer meanwhile, and the slowest of a few asked just before (the machine's pace right now).
 */
async function whileHealthPolls(
  t: TestApp,
  hostile: () => Promise<request.Response>,
): Promise<{ res: request.Response; slowestMs: number; baselineMs: number }> {
  const baselineMs = await slowestHealth(t, 5);
  let done = false;
  let slowestMs = 0;
  const poll = (async () => {
    // At least a few answers, then as long as the hostile request runs.
    for (let i = 0; !done || i < 3; i++) {
      slowestMs = Math.max(slowestMs, await slowestHealth(t, 1));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  let res: request.Response;
  try {
    res = await hostile();
  } finally {
    done = true;
  }
  await poll;
  return { res, slowestMs, baselineMs };
}

/**
 * The server was not held: no health answer waited longer than a second, or ten times the slowest one just
 * before on a loaded machine. A request that held the event loop (inflating the zip bomb's 2 GB, parsing
 * 400,000 levels of JSON on the main thread) holds it for many seconds; a busy CI machine alone once took a
 * health answer to 1.03 s. A liveness check, not a speed figure (those are in bench/).
 */
function expectNotHeld({ slowestMs, baselineMs }: { slowestMs: number; baselineMs: number }): void {
  expect(slowestMs).toBeLessThan(Math.max(1000, 10 * baselineMs));
}

async function count(t: TestApp, table: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row!.n);
}

/** A workbook laid out like the template: the template's header, then `rows`. */
async function roster(rows: unknown[][], extra?: (ws: import('exceljs').Worksheet) => void): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学员名册');
  ws.addRow([
    '姓名 *',
    '身份证号 *',
    '户籍市县（名称或代码） *',
    '入所日期 *',
    '预计出所日期 *',
    '手机号',
    '文化程度',
    '技能',
    '期望月薪（元）',
    '愿意住厂（是/否）',
    '工作经历',
  ]);
  for (const r of rows) ws.addRow(r);
  extra?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sets the declared uncompressed size of one zip entry (central directory and local header) to `size`: a lying archive. */
function understate(file: Buffer, entryName: string, size: number): Buffer {
  const out = Buffer.from(file);
  let eocd = out.length - 22;
  while (out.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = out.readUInt32LE(eocd + 16);
  for (let n = out.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLength = out.readUInt16LE(p + 28);
    const name = out.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === entryName) {
      out.writeUInt32LE(size, p + 24);
      out.writeUInt32LE(size, out.readUInt32LE(p + 42) + 22);
      return out;
    }
    p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  throw new Error(`no entry ${entryName}`);
}

describe('hostile input', () => {
  let t: TestApp;
  let counsellor: string;
  let admin: string;
  let auditor: string;
  beforeAll(async () => {
    t = await createTestApp();
    counsellor = (await t.login('counsellor')).token;
    admin = (await t.login('admin')).token;
    auditor = (await t.login('auditor')).token;
  });
  afterAll(() => t.close());

  const upload = (file: Buffer) => () =>
    request(t.app.getHttpServer())
      .post('/api/trainees/import?dryRun=false')
      .auth(counsellor, { type: 'bearer' })
      .attach('file', file, { filename: 'roster.xlsx', contentType: XLSX })
      .then((r) => r);

  describe('roster import', () => {
    it('refuses a zip bomb from its directory, before decompressing it', async () => {
      // One cell of 30 MB of one letter: ~30 KB on the wire, once 2 GB in the server's memory at this scale.
      const bomb = await roster([['x'.repeat(30 * 1_048_576)]]);
      expect(bomb.length).toBeLessThan(1_048_576);
      const before = await count(t, 'trainee');
      const { res, ...health } = await whileHealthPolls(t, upload(bomb));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('WORKBOOK_TOO_LARGE');
      expect(res.body.message).toContain('20 MB');
      expect(res.body.messageEn).toContain('20 MB');
      expectNotHeld(health);
      expect(await count(t, 'trainee')).toBe(before);
    });

    it('refuses a zip whose directory understates the sizes, producing no more than it declared', async () => {
      const bomb = understate(await roster([['x'.repeat(30 * 1_048_576)]]), 'xl/sharedStrings.xml', 4096);
      const before = await count(t, 'trainee');
      const { res, ...health } = await whileHealthPolls(t, upload(bomb));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('WORKBOOK_TOO_LARGE');
      expectNotHeld(health);
      expect(await count(t, 'trainee')).toBe(before);
    });

    it('refuses more rows than one import takes, naming the limit; the workbook is read off the event loop', async () => {
      const rows = Array.from({ length: 5200 }, (_, i) => [`行${i}`, '11010519491231002X', '海口市', '2025-03-01', '2027-03-01']);
      const file = await roster(rows);
      const before = await count(t, 'trainee');
      const { res, ...health } = await whileHealthPolls(t, upload(file));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'TOO_MANY_ROWS', details: { maxRows: 5000, rows: 5200 } });
      expect(res.body.message).toContain('5000');
      expect(res.body.messageEn).toContain('5000');
      expectNotHeld(health);
      expect(await count(t, 'trainee')).toBe(before);
    });

    it('lists the first 200 problems and says how many more there are', async () => {
      const rows = Array.from({ length: 300 }, (_, i) => [`坏${i}`, '123', '海口市', '2025-03-01', '2027-03-01']);
      const res = await request(t.app.getHttpServer())
        .post('/api/trainees/import')
        .auth(counsellor, { type: 'bearer' })
        .attach('file', await roster(rows), { filename: 'roster.xlsx', contentType: XLSX })
        .expect(200);
      expect(res.body).toMatchObject({ rows: 300, valid: 0, committed: false });
      expect(res.body.problems).toHaveLength(201);
      const last = res.body.problems[200];
      expect(last).toMatchObject({ row: 202, field: '' });
      expect(last.message).toContain('另有 100 个问题');
      expect(last.messageEn).toContain('and 100 more');
    });

    it('echoes at most a short quote of a huge cell in a problem', async () => {
      const res = await request(t.app.getHttpServer())
        .post('/api/trainees/import')
        .auth(counsellor, { type: 'bearer' })
        .attach('file', await roster([['长', '11010519491231002X', '火'.repeat(100_000), '2025-03-01', '2027-03-01']]), {
          filename: 'roster.xlsx',
          contentType: XLSX,
        })
        .expect(200);
      const problem = res.body.problems.find((p: { field: string }) => p.field === 'homeDivision');
      expect(problem.message.length).toBeLessThan(100);
    });
  });

  describe('JSON bodies', () => {
    const registration = {
      organisationName: '海口新希望餐饮有限公司',
      creditCode: syntheticCreditCode('460100', 5101),
      divisionCode: '460100',
      contactName: '郑女士',
      contactPhone: '13912345678',
      username: 'hostile-test',
      password: 'Hire#2026ok',
    };
    const post = (body: string) => () =>
      request(t.app.getHttpServer())
        .post('/api/employers/registrations')
        .set('content-type', 'application/json')
        .send(body)
        .then((r) => r);

    it('refuses deeply nested JSON to the anonymous registration route with 400, health answering meanwhile', async () => {
      const depth = 400_000; // ~1 MB, under the body limit
      const body = `{"organisationName":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      expect(body.length).toBeLessThan(t.config.bodyLimitBytes);
      const [orgs, users] = [await count(t, 'organisation'), await count(t, 'app_user')];
      const { res, ...health } = await whileHealthPolls(t, post(body));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('JSON_TOO_DEEP');
      expect(res.body.messageEn).toContain('32');
      expectNotHeld(health);
      expect([await count(t, 'organisation'), await count(t, 'app_user')]).toEqual([orgs, users]);
    });

    it('refuses a NUL character in a JSON string, escaped or literal, naming where', async () => {
      const [orgs, users] = [await count(t, 'organisation'), await count(t, 'app_user')];
      const escaped = await post(JSON.stringify({ ...registration, contactName: '郑\u0000女士' }))();
      expect(escaped.status).toBe(400);
      expect(escaped.body.code).toBe('NUL_CHARACTER');
      expect(escaped.body.message).toContain('contactName');
      expect(escaped.body.messageEn).toMatch(/^Field contactName contains a NUL/);
      const literal = await post(JSON.stringify(registration).replace('郑女士', '郑\u0000女士'))();
      expect(literal.status).toBe(400);
      expect(literal.body.code).toBe('NUL_CHARACTER');
      const form = await request(t.app.getHttpServer()).post('/api/employers/registrations').type('form').send(`username=a%00b&password=x`);
      expect(form.status).toBe(400);
      expect(form.body.code).toBe('NUL_CHARACTER');
      expect(form.body.messageEn).toMatch(/^Field username contains a NUL/);
      expect([await count(t, 'organisation'), await count(t, 'app_user')]).toEqual([orgs, users]);
    });

    it('still refuses prototype poisoning, and parses ordinary bodies as before', async () => {
      const poisoned = await post(`{"__proto__":{"admin":true},"username":"x"}`)();
      expect(poisoned.status).toBe(400);
      const bad = await post('{"username":')();
      expect(bad.status).toBe(400);
      const ok = await post(JSON.stringify(registration))();
      // 202: registration answers alike for a new and a taken username (it reveals neither).
      expect(ok.status).toBe(202);
    });
  });

  describe('query strings and paths', () => {
    it('refuses a NUL in a query parameter or a path', async () => {
      const q = await t.http().get('/api/trainees?q=%E5%BC%A0%00').auth(counsellor, { type: 'bearer' });
      expect(q.status).toBe(400);
      expect(q.body.code).toBe('NUL_CHARACTER');
      expect(q.body.messageEn).toMatch(/^Query parameter q contains a NUL/);
      const path = await t.http().get('/api/organisations/%00').auth(admin, { type: 'bearer' });
      expect(path.status).toBe(400);
      expect(path.body.code).toBe('NUL_CHARACTER');
    });

    it.each([
      ['page=1e308', 'page must not be greater than 10000'],
      ['page=-1', 'page must not be less than 1'],
      ['page=NaN', 'page must be an integer number'],
      ['pageSize=100000', 'pageSize must not be greater than 100'],
      ['pageSize=-1', 'pageSize must not be less than 1'],
      ['pageSize=1.5', 'pageSize must be an integer number'],
    ])('refuses %s on a list with 400 naming the allowed range', async (query, expected) => {
      for (const [url, token] of [
        [`/api/trainees?${query}`, counsellor],
        [`/api/audit?${query}`, auditor],
        [`/api/organisations?${query}`, admin],
      ] as const) {
        const res = await t.http().get(url).auth(token, { type: 'bearer' });
        expect([url, res.status]).toEqual([url, 400]);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.messageEn).toContain(expected);
      }
    });

    it('still serves the last allowed page', async () => {
      const res = await t.http().get('/api/trainees?page=10000&pageSize=100').auth(counsellor, { type: 'bearer' }).expect(200);
      expect(res.body.items).toEqual([]);
    });
  });

  it('the course catalogue answers a page at a time (at most 100 rows), with the total of all', async () => {
    await t.sql(
      `INSERT INTO course SELECT (jsonb_populate_record(c, jsonb_build_object('id', gen_random_uuid(), 'title', c.title || ' ' || g))).*
         FROM course c, generate_series(1, 520) g WHERE c.id = (SELECT id FROM course ORDER BY id LIMIT 1)`,
    );
    const res = await t.http().get('/api/courses?pageSize=100').auth(counsellor, { type: 'bearer' }).expect(200);
    expect(res.body.items).toHaveLength(100);
    expect(res.body.total).toBeGreaterThanOrEqual(521);
    await t.http().get('/api/courses?pageSize=501').auth(counsellor, { type: 'bearer' }).expect(400);
  });
});
