import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Clock } from '../../server/src/common/clock';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Outcome dashboards over a small data set whose every number was worked out by hand (below). The set
 * lives in its own facility F and station S, so filtering by F, or asking as F's counsellor, sees only it.
 *
 *  trainee  released     certificate  diploma  employment evidence                      abstinence visits
 *  a1       40 months    yes (occ X)  yes      hired on O at r+10d, still employed       +12 abstinent (test), +24 abstinent (test)
 *  a2       40 months    yes (occ Y)  –        hired on O at r+2m, left at r+4m          +12 abstinent (self-reported)
 *  a3       40 months    –            –        +6 visit: employed                        +12 done, status unknown
 *  a4       40 months    –            –        +12 visit: unemployed                     +12 missed
 *  b1       14 months    yes (occ X)  –        +1 visit: self-employed                   +12 relapsed (test)
 *  b2       14 months    –            yes      hired on O2 at r−5d (before release)      +12 abstinent (test)
 *  b3       14 months    –            –        recommended to O, nothing else            –
 *  c1       2 months     yes (occ Y)  –        hired on O2 at r+10d                      –
 *
 * Motto (8 released): certificate 4/8, diploma 2/8; employed at 1 month 4/8 (a1 b1 b2 c1), at 3 months
 * 3/7 (a1 a2 b2), at 6 months 3/7 (a1 a3 b2), at 12 months 2/7 (a1 b2); c1 is not yet 3 months out.
 * Abstinence: year 1 eligible 7, reached 4 (a1 a2 b1 b2; a3's status unknown and a4 missed do not count),
 * abstinent 3/4, of whom test-verified 2/3; year 2 eligible 4, reached 1 (rate over 1 person withheld);
 * year 3 eligible 4, reached 0. Small cells: REPORT_MIN_CELL=2 here.
 * Order O funnel: trained 2 (a1 a2; b1 withdrew), certified in X 1 (a1), recommended 3 (a1 a2 b3), hired 2,
 * still employed 3 months after the hire 1/2 (a2 left after 2 months), at 6 months 1/2.
 * Fair: registered 3 (a1 a2 b1), checked in 2 (a1 a2), interviewed 1 (a1: booked and came; b1 booked, absent),
 * intents 2 (a1 a2), hires 1 (a1's intent became the hire).
 */
describe('reports: the motto, funnels and abstinence with the reached share, on hand-computed data', () => {
  let t: TestApp;
  let admin: string;
  let fCounsellor: string;
  let otherCounsellor: string;
  let employer: string;
  let trainee: string;
  let today: string;
  let F: string;
  let S: string;
  const ids: Record<string, string> = {};
  let orderDay: string;
  let fairDay: string;
  const released: Record<string, string> = {};

  const plusMonths = (iso: string, n: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.toISOString().slice(0, 10);
  };
  const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const get = (token: string, url: string) => t.http().get(url).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp({ REPORT_MIN_CELL: '2' });
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    otherCounsellor = (await t.login('counsellor')).token;
    employer = (await t.login('employer')).token;
    trainee = (await t.login('trainee')).token;
    const one = async <T>(sql: string, params: unknown[] = []) => (await t.sql<T>(sql, params))[0]!;
    const adminId = (await one<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin'`)).id;
    const employerOrg = (await one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE username = 'employer'`))
      .organisation_id;
    F = (
      await one<{ id: string }>(
        `INSERT INTO organisation (name, type, division_code) VALUES ('报表测试戒毒所', 'facility', '460200') RETURNING id`,
      )
    ).id;
    S = (
      await one<{ id: string }>(
        `INSERT INTO organisation (name, type, division_code) VALUES ('报表测试康复站', 'community_station', '460200') RETURNING id`,
      )
    ).id;
    await t.sql(
      `INSERT INTO app_user (username, display_name, role, organisation_id, password_hash)
       SELECT 'report-counsellor', '报表指导员', 'counsellor', $1, password_hash FROM app_user WHERE username = 'counsellor'`,
      [F],
    );
    fCounsellor = (await t.login('report-counsellor')).token;
    const [occX, occY] = (await t.sql<{ code: string }>(`SELECT code FROM occupation ORDER BY code LIMIT 2`)).map((r) => r.code) as [
      string,
      string,
    ];

    const months: Record<string, number> = { a: 40, b: 14, c: 2 };
    for (const name of ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'c1']) {
      const r = plusMonths(today, -months[name[0]!]!);
      released[name] = r;
      ids[name] = (
        await one<{ id: string }>(
          `INSERT INTO trainee (full_name, sex, birth_date, identity_number_cipher, identity_number_hash, identity_number_tail,
             home_division_code, organisation_id, state, admitted_on, expected_release_on, released_on)
           VALUES ($1, 'M', '1990-01-01', '\\x00', $2, '0000', '460200', $3, 'community', $4::date - 700, $4, $4) RETURNING id`,
          [`报表${name}`, randomBytes(32).toString('hex'), S, r],
        )
      ).id;
      await t.sql(
        `INSERT INTO handover (trainee_id, from_organisation_id, to_organisation_id, state, release_date, created_by, completed_at, handed_over_on)
         VALUES ($1, $2, $3, 'completed', $4, $5, $4::date, $4)`,
        [ids[name], F, S, r, adminId],
      );
    }
    const cert = (who: string, occ: string) =>
      t.sql(
        `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on) VALUES ($1, $2, 5, $3, '测试鉴定站', $4)`,
        [ids[who], occ, `RPT${randomBytes(6).toString('hex')}`, released[who]],
      );
    await cert('a1', occX);
    await cert('a2', occY);
    await cert('b1', occX);
    await cert('c1', occY);
    const klass = await one<{ id: string; programme_id: string }>(`SELECT id, programme_id FROM diploma_class LIMIT 1`);
    for (const who of ['a1', 'b2']) {
      const enrolment = await one<{ id: string }>(
        `INSERT INTO class_enrolment (class_id, trainee_id, applied_by, state) VALUES ($1, $2, $3, 'graduated') RETURNING id`,
        [klass.id, ids[who], adminId],
      );
      await t.sql(
        `INSERT INTO diploma (trainee_id, programme_id, enrolment_id, number, verification_code, graduated_on, credits_earned, issued_by)
         VALUES ($1, $2, $3, $4, $5, $6, 60, $7)`,
        [
          ids[who],
          klass.programme_id,
          enrolment.id,
          `RPT${randomBytes(5).toString('hex')}`,
          randomBytes(6).toString('hex'),
          released[who],
          adminId,
        ],
      );
    }

    // Orders O (occupation X) and O2, opened on days no demo order was opened.
    orderDay = plusDays(today, -1000);
    const order = async (day: string) =>
      (
        await one<{ id: string }>(
          `INSERT INTO job_order (employer_id, title, occupation_code, headcount, division_code, start_date, deadline, state, opened_at)
           VALUES ($1, '报表测试订单', $2, 5, '460200', $3, $3, 'open', ($3::date + time '10:00') AT TIME ZONE 'Asia/Shanghai') RETURNING id`,
          [employerOrg, occX, day],
        )
      ).id;
    ids.O = await order(orderDay);
    ids.O2 = await order(plusDays(today, -999));
    const course = await one<{ id: string }>(`SELECT id FROM course LIMIT 1`);
    const session = await one<{ id: string }>(
      `INSERT INTO course_session (course_id, starts_on, ends_on, capacity, order_id) VALUES ($1, $2, $2, 10, $3) RETURNING id`,
      [course.id, orderDay, ids.O],
    );
    for (const [who, state] of [
      ['a1', 'passed'],
      ['a2', 'passed'],
      ['b1', 'withdrawn'],
    ] as const) {
      await t.sql(`INSERT INTO session_enrolment (session_id, trainee_id, state, created_by) VALUES ($1, $2, $3, $4)`, [
        session.id,
        ids[who],
        state,
        adminId,
      ]);
    }
    const placement = async (
      who: string,
      orderId: string,
      state: string,
      hiredOn: string | null,
      endedOn: string | null,
      recommended = true,
    ) =>
      (
        await one<{ id: string }>(
          `INSERT INTO placement (order_id, trainee_id, state, candidate_code, recommended_by, hired_on, ended_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [orderId, ids[who], state, `R${randomBytes(4).toString('hex')}`, recommended ? adminId : null, hiredOn, endedOn],
        )
      ).id;
    ids.pA1 = await placement('a1', ids.O, 'hired', plusDays(released.a1!, 10), null);
    await placement('a2', ids.O, 'hired', plusMonths(released.a2!, 2), plusMonths(released.a2!, 4));
    await placement('b3', ids.O, 'recommended', null, null);
    await placement('b2', ids.O2, 'hired', plusDays(released.b2!, -5), null, false);
    await placement('c1', ids.O2, 'hired', plusDays(released.c1!, 10), null, false);

    const visit = async (who: string, m: number, state: string, employment: string | null, abstinence?: [string, string]) => {
      const v = await one<{ id: string }>(
        `INSERT INTO follow_up_visit (trainee_id, station_id, months_after, due_on, state, visited_on, contact_method, employment_status, recorded_at)
         VALUES ($1, $2, $3, $4, $5::varchar, CASE WHEN $5::varchar = 'done' THEN $4::date END, CASE WHEN $5::varchar = 'done' THEN 'phone' END, $6, now()) RETURNING id`,
        [ids[who], S, m, plusMonths(released[who]!, m), state, employment],
      );
      if (abstinence) await t.sql(`INSERT INTO follow_up_abstinence (visit_id, status, basis) VALUES ($1, $2, $3)`, [v.id, ...abstinence]);
    };
    await visit('a3', 6, 'done', 'employed');
    await visit('a4', 12, 'done', 'unemployed');
    await visit('b1', 1, 'done', 'self_employed');
    await visit('a1', 12, 'done', 'employed', ['abstinent', 'test_verified']);
    await visit('a1', 24, 'done', 'employed', ['abstinent', 'test_verified']);
    await visit('a2', 12, 'done', 'unemployed', ['abstinent', 'self_reported']);
    await visit('a3', 12, 'done', 'unemployed', ['unknown', 'self_reported']);
    await visit('b1', 12, 'done', 'unemployed', ['relapsed', 'test_verified']);
    await visit('b2', 12, 'done', 'employed', ['abstinent', 'test_verified']);
    await visit('a4', 24, 'missed', null);

    // A fair held at F: a1, a2, b1 registered; a1 and a2 came; a1 and b1 had booked slots; intents for a1 (hired) and a2.
    fairDay = plusDays(today, -900);
    const fair = await one<{ id: string }>(
      `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, created_by, state)
       VALUES ('报表测试招聘会', $1, '09:00', '12:00', $2, 5, $3, 'closed') RETURNING id`,
      [fairDay, F, adminId],
    );
    const booth = await one<{ id: string }>(
      `INSERT INTO fair_booth (fair_id, employer_id, state) VALUES ($1, $2, 'approved') RETURNING id`,
      [fair.id, employerOrg],
    );
    const reg: Record<string, string> = {};
    for (const who of ['a1', 'a2', 'b1']) {
      reg[who] = (
        await one<{ id: string }>(
          `INSERT INTO fair_registration (fair_id, trainee_id, code, candidate_code, registered_by, checked_in_at)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN $7::date + time '09:30' END) RETURNING id`,
          [fair.id, ids[who], randomBytes(4).toString('hex'), `F${randomBytes(4).toString('hex')}`, adminId, who !== 'b1', fairDay],
        )
      ).id;
    }
    let hour = 9;
    for (const who of ['a1', 'b1']) {
      await t.sql(
        `INSERT INTO fair_slot (booth_id, starts_at, ends_at, state, registration_id, trainee_id)
         VALUES ($1, $2::date + make_time($3, 0, 0), $2::date + make_time($3, 20, 0), 'booked', $4, $5)`,
        [booth.id, fairDay, hour++, reg[who], ids[who]],
      );
    }
    await t.sql(
      `INSERT INTO fair_intent (fair_id, registration_id, order_id, created_by, state, placement_id) VALUES ($1, $2, $3, $4, 'confirmed', $5)`,
      [fair.id, reg.a1, ids.O, adminId, ids.pA1],
    );
    await t.sql(`INSERT INTO fair_intent (fair_id, registration_id, order_id, created_by) VALUES ($1, $2, $3, $4)`, [
      fair.id,
      reg.a2,
      ids.O,
      adminId,
    ]);
  });
  afterAll(() => t.close());

  const rate = (numerator: number | null, denominator: number | null, r: number | null, suppressed = false) => ({
    numerator,
    denominator,
    rate: r,
    suppressed,
  });

  it('the motto for facility F: every rate as worked out by hand', async () => {
    const res = await get(admin, `/api/reports/motto?groupBy=facility&facilityId=${F}`).expect(200);
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({ key: F, label: '报表测试戒毒所', released: 8 });
    expect(res.body.total).toEqual({
      key: null,
      label: '合计',
      labelEn: 'Total',
      released: 8,
      certificate: rate(4, 8, 0.5),
      diploma: rate(2, 8, 0.25),
      employed: [
        { months: 1, ...rate(4, 8, 0.5) },
        { months: 3, ...rate(3, 7, 0.4286) },
        { months: 6, ...rate(3, 7, 0.4286) },
        { months: 12, ...rate(2, 7, 0.2857) },
      ],
    });
    expect(res.body).toMatchObject({ groupBy: 'facility', asOf: today, minCell: 2 });
  });

  it('by release year: the cohort of one is withheld, the others add up', async () => {
    const res = await get(admin, `/api/reports/motto?groupBy=cohort_year&facilityId=${F}`).expect(200);
    const byKey = Object.fromEntries(res.body.rows.map((r: { key: string }) => [r.key, r]));
    const a = byKey[released.a1!.slice(0, 4)];
    const c = byKey[released.c1!.slice(0, 4)];
    expect(a).toMatchObject({ released: 4, certificate: rate(2, 4, 0.5), diploma: rate(1, 4, 0.25) });
    expect(a.employed[1]).toEqual({ months: 3, ...rate(2, 4, 0.5) });
    expect(c).toMatchObject({ released: 1, certificate: rate(null, 1, null, true), diploma: rate(null, 1, null, true) });
    expect(c.employed[0]).toEqual({ months: 1, ...rate(null, 1, null, true) });
    expect(c.employed[1]).toEqual({ months: 3, ...rate(null, 0, null, true) });
    const quarter = await get(admin, `/api/reports/motto?groupBy=cohort_quarter&stationId=${S}`).expect(200);
    expect(quarter.body.rows.every((r: { key: string }) => /^\d{4}Q[1-4]$/.test(r.key))).toBe(true);
    expect(quarter.body.total.released).toBe(8);
    const division = await get(admin, `/api/reports/motto?groupBy=division&facilityId=${F}`).expect(200);
    expect(division.body.rows).toEqual([expect.objectContaining({ key: '460200', label: '三亚市', released: 8 })]);
  });

  it('abstinence sits next to the share of the cohort reached; a rate over one person is withheld', async () => {
    const res = await get(admin, `/api/reports/abstinence?groupBy=station&stationId=${S}`).expect(200);
    expect(res.body.rows).toEqual([expect.objectContaining({ key: S, label: '报表测试康复站', released: 8 })]);
    expect(res.body.total.years).toEqual([
      { years: 1, eligible: 7, reached: rate(4, 7, 0.5714), abstinent: rate(3, 4, 0.75), testVerified: rate(2, 3, 0.6667) },
      {
        years: 2,
        eligible: 4,
        reached: rate(1, 4, 0.25),
        abstinent: rate(null, 1, null, true),
        testVerified: rate(null, null, null, true),
      },
      { years: 3, eligible: 4, reached: rate(0, 4, 0), abstinent: rate(null, 0, null, true), testVerified: rate(null, null, null, true) },
    ]);
  });

  it('the order funnel: trained, certified, recommended, hired, still employed at 3 and 6 months', async () => {
    const res = await get(admin, `/api/reports/order-funnel?from=${orderDay}&to=${orderDay}`).expect(200);
    expect(res.body.ordersTotal).toBe(1);
    expect(res.body.rows[0]).toMatchObject({
      orderId: ids.O,
      trained: 2,
      certified: 1,
      recommended: 3,
      hired: 2,
      still3: rate(1, 2, 0.5),
      still6: rate(1, 2, 0.5),
    });
    expect(res.body.stages).toEqual([
      { stage: 'orders', count: 1 },
      { stage: 'trained', count: 2 },
      { stage: 'certified', count: 1 },
      { stage: 'recommended', count: 3 },
      { stage: 'hired', count: 2 },
      { stage: 'still3', count: 1 },
      { stage: 'still6', count: 1 },
    ]);
  });

  it('the fair funnel: registered, checked in, interviewed, intents, hires; the city, never the venue', async () => {
    const res = await get(admin, `/api/reports/fair-funnel?from=${fairDay}&to=${fairDay}`).expect(200);
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        title: '报表测试招聘会',
        city: '三亚市',
        upcoming: false,
        registered: 3,
        checkedIn: 2,
        interviewed: 1,
        intents: 2,
        hires: 1,
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('戒毒所');
    expect(res.body.stages.map((s: { count: number }) => s.count)).toEqual([1, 3, 2, 1, 2, 1]);
  });

  it("a counsellor's reports count their own organisation's trainees only", async () => {
    const own = await get(fCounsellor, '/api/reports/motto').expect(200);
    expect(own.body.total.released).toBe(8);
    expect(own.body.total.certificate).toEqual(rate(4, 8, 0.5));
    const ownFunnel = await get(fCounsellor, '/api/reports/order-funnel').expect(200);
    expect(ownFunnel.body.rows.map((r: { orderId: string }) => r.orderId).sort()).toEqual([ids.O, ids.O2].sort());
    // Another facility's counsellor: none of F's people, even when asking for F by name.
    const other = await get(otherCounsellor, `/api/reports/motto?facilityId=${F}`).expect(200);
    expect(other.body.total.released).toBe(0);
    expect(other.body.rows).toEqual([]);
    const otherAbst = await get(otherCounsellor, `/api/reports/abstinence?facilityId=${F}`).expect(200);
    expect(otherAbst.body.total.years[0]).toMatchObject({ eligible: 0, reached: rate(null, 0, null, true) });
    const otherFairs = await get(otherCounsellor, `/api/reports/fair-funnel?from=${fairDay}&to=${fairDay}`).expect(200);
    expect(otherFairs.body.rows).toEqual([]);
  });

  it('refuses what it cannot answer with a message, and admits only admins and counsellors', async () => {
    await t.http().get('/api/reports/motto').expect(401);
    for (const token of [employer, trainee]) {
      for (const path of ['motto', 'abstinence', 'order-funnel', 'fair-funnel', 'outcomes.xlsx'])
        await get(token, `/api/reports/${path}`).expect(403);
    }
    const inverted = await get(admin, '/api/reports/motto?releasedFrom=2025-01-01&releasedTo=2024-01-01').expect(400);
    expect(inverted.body.code).toBe('DATE_RANGE_INVERTED');
    await get(admin, '/api/reports/order-funnel?from=2025-01-01&to=2024-01-01').expect(400);
    await get(admin, '/api/reports/motto?groupBy=planet').expect(400);
    await get(admin, '/api/reports/abstinence?divisionCode=46').expect(400);
    await get(admin, '/api/reports/fair-funnel?from=yesterday').expect(400);
    const notFacility = await get(admin, `/api/reports/motto?facilityId=${S}`).expect(400);
    expect(notFacility.body.code).toBe('UNKNOWN_ORGANISATION');
    await get(admin, `/api/reports/motto?stationId=${randomUUID()}`).expect(400);
  });

  it('the workbook carries the same numbers, and every report read is on the audit record', async () => {
    const res = await get(admin, `/api/reports/outcomes.xlsx?facilityId=${F}&from=${orderDay}&to=${orderDay}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '技能文凭就业', '操守保持', '订单漏斗', '招聘会漏斗']);
    const motto = wb.getWorksheet('技能文凭就业')!;
    const total = motto.getRow(motto.rowCount).values as unknown[];
    expect(total.slice(1, 7)).toEqual(['合计', 8, 4, '50.0%', 2, '25.0%']);
    const abst = wb.getWorksheet('操守保持')!;
    expect((abst.getRow(abst.rowCount).values as unknown[]).slice(1, 9)).toEqual(['合计', 8, 7, 4, '57.1%', 3, '75.0%', 2]);
    const audit = await t.sql<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE subject_type = 'report' GROUP BY action ORDER BY action`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'report.abstinence',
      'report.fair_funnel',
      'report.motto',
      'report.order_funnel',
      'report.workbook',
    ]);
    // The workbook is one read on the record, not four.
    expect(audit.find((a) => a.action === 'report.workbook')!.n).toBe(1);
  });
});
