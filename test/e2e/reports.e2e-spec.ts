import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Clock } from '../../server/src/common/clock';
import { OutcomesService } from '../../server/src/outcomes/outcomes.service';
import {
  newBooth,
  newCertificate,
  newCourseSession,
  newDiploma,
  newFair,
  newFairIntent,
  newFairRegistration,
  newFairSlot,
  newFollowUpVisit,
  newHandover,
  newOrder,
  newOrganisation,
  newPlacement,
  newSessionEnrolment,
  newTrainee,
  newUser,
  organisationOf,
  userIdOf,
} from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Outcome dashboards over a small data set whose every number was worked out by hand (below). The app's
 * clock is moved to 15 June 2018, before any demo trainee was released, so the release cohorts asked
 * for here hold these people only. The set lives in its own facility F and station S, so narrowing to F,
 * or asking as F's counsellor, sees only it. Small cells: REPORT_MIN_CELL=2 here.
 *
 *  trainee  released          certificate  diploma  employment evidence                      abstinence visits
 *  a1       52 months (2014Q1) yes (occ X)  yes      hired on O at r+10d, still employed       +12 abstinent (test), +24 abstinent (test)
 *  a2       52 months          yes (occ Y)  –        hired on O at r+2m, left at r+4m          +12 abstinent (self-reported)
 *  a3       52 months          –            –        +6 visit: employed                        +12 done, status unknown
 *  a4       52 months          –            –        +12 visit: unemployed                     +12 missed
 *  b1       14 months (2017Q2) yes (occ X)  –        +1 visit: self-employed                   +12 relapsed (test)
 *  b2       14 months          –            yes      hired on O2 at r−5d (before release)      +12 abstinent (test)
 *  b3       14 months          –            –        recommended to O, nothing else            –
 *  c1       2 months (2018Q2)  yes (occ Y)  –        hired on O2 at r+10d                      –
 *
 * Cohort 2014 (a1–a4), motto: certificate 2/4, diploma 1/4 (withheld: one person), employed at 1 month
 * 1/4 (withheld), at 3 months 2/4 (a1 a2), at 6 months 2/4 (a1 a3), at 12 months 1/4 (withheld).
 * Abstinence: year 1 eligible 4, reached 2/4 (a3's status unknown and a4 missed do not count), abstinent
 * 2/2, of whom test-verified 1 (withheld); year 2 reached 1/4 (withheld, and what is over it); year 3
 * reached 0/4. Cohort 2017 (b1–b3): every share is 1 or 2 of 3 — withheld; and from 3 months after release
 * on, not settled yet (a cohort's share is published once all of it has reached that age and 3 months
 * more have passed for the records: employment at 3 months on 30 June 2018, abstinence at a year on
 * 31 March 2019). Cohort 2018 (c1): nothing settled. Cohort 2015: p1–p4 left F (certificates p1 p2: 2/4, safe on its
 * own) and g1–g2 left G (certificate g1: 1/2); F's 2/4 is withheld too, or the year's 3/6 minus it is g1.
 * Order O funnel: trained 2 (a1 a2; b1 withdrew), certified in X 1 (a1), recommended 3 (a1 a2 b3), hired 2,
 * still employed 3 months after the hire 1/2 (a2 left after 2 months: withheld, one person), at 6 months 1/2.
 * Fair: registered 3 (a1 a2 b1), checked in 2 (a1 a2), interviewed 1 (a1: booked and came; b1 booked, absent),
 * intents 2 (a1 a2), hires 1 (a1's intent became the hire).
 */
describe('reports: the motto, funnels and abstinence with the reached share, on hand-computed data', () => {
  let t: TestApp;
  let admin: string;
  let fCounsellor: string;
  let sCounsellor: string;
  let otherCounsellor: string;
  let employer: string;
  let trainee: string;
  let today: string;
  let F: string;
  let S: string;
  let G: string;
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
    t.app.get(Clock).travelTo(new Date('2018-06-15T10:00:00+08:00'));
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    otherCounsellor = (await t.login('counsellor')).token;
    employer = (await t.login('employer')).token;
    trainee = (await t.login('trainee')).token;
    const adminId = await userIdOf(t, 'admin');
    const employerOrg = await organisationOf(t, 'employer');
    F = await newOrganisation(t, { name: '报表测试戒毒所', type: 'facility', divisionCode: '460200' });
    S = await newOrganisation(t, { name: '报表测试康复站', type: 'community_station', divisionCode: '460200' });
    G = await newOrganisation(t, { name: '报表测试第二戒毒所', type: 'facility', divisionCode: '460100' });
    const S2 = await newOrganisation(t, { name: '报表测试第二康复站', type: 'community_station', divisionCode: '460100' });
    const counsellorAt = async (username: string, organisationId: string) => {
      await newUser(t, { username, organisationId, displayName: '报表指导员' });
      return (await t.login(username)).token;
    };
    fCounsellor = await counsellorAt('report-counsellor', F);
    sCounsellor = await counsellorAt('report-station', S);
    const [occX, occY] = (await t.sql<{ code: string }>(`SELECT code FROM occupation ORDER BY code LIMIT 2`)).map((r) => r.code) as [
      string,
      string,
    ];
    const person = async (name: string, releasedOn: string, facility: string, station: string, division: string) => {
      released[name] = releasedOn;
      ids[name] = await newTrainee(t, {
        fullName: `报表${name}`,
        homeDivisionCode: division,
        organisationId: station,
        state: 'community',
        releasedOn,
      });
      await newHandover(t, {
        traineeId: ids[name],
        fromOrganisationId: facility,
        toOrganisationId: station,
        releaseDate: releasedOn,
        createdBy: adminId,
      });
    };

    const months: Record<string, number> = { a: 52, b: 14, c: 2 };
    for (const name of ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'c1'])
      await person(name, plusMonths(today, -months[name[0]!]!), F, S, '460200');
    for (const name of ['p1', 'p2', 'p3', 'p4']) await person(name, '2015-08-15', F, S, '460200');
    for (const name of ['g1', 'g2']) await person(name, '2015-08-15', G, S2, '460100');
    const cert = (who: string, occupationCode: string) =>
      newCertificate(t, { traineeId: ids[who]!, occupationCode, issuedOn: released[who] });
    await cert('a1', occX);
    await cert('a2', occY);
    await cert('b1', occX);
    await cert('c1', occY);
    for (const who of ['p1', 'p2', 'g1']) await cert(who, occY);
    const [klass] = await t.sql<{ id: string; programme_id: string }>(`SELECT id, programme_id FROM diploma_class LIMIT 1`);
    for (const who of ['a1', 'b2'])
      await newDiploma(t, {
        traineeId: ids[who]!,
        classId: klass!.id,
        programmeId: klass!.programme_id,
        issuedBy: adminId,
        graduatedOn: released[who]!,
      });

    // Orders O (occupation X) and O2, opened on days no demo order was opened.
    orderDay = plusDays(today, -1000);
    const order = (day: string) =>
      newOrder(t, {
        employerId: employerOrg,
        title: '报表测试订单',
        occupationCode: occX,
        divisionCode: '460200',
        startDate: day,
        deadline: day,
        openedAt: `${day}T10:00:00+08:00`,
      });
    ids.O = await order(orderDay);
    ids.O2 = await order(plusDays(today, -999));
    const [course] = await t.sql<{ id: string }>(`SELECT id FROM course LIMIT 1`);
    const session = await newCourseSession(t, { courseId: course!.id, startsOn: orderDay, endsOn: orderDay, capacity: 10, orderId: ids.O });
    for (const [who, state] of [
      ['a1', 'passed'],
      ['a2', 'passed'],
      ['b1', 'withdrawn'],
    ] as const) {
      await newSessionEnrolment(t, { sessionId: session, traineeId: ids[who]!, state, createdBy: adminId });
    }
    const placement = (who: string, orderId: string, state: string, hiredOn: string | null, endedOn: string | null, recommended = true) =>
      newPlacement(t, { orderId, traineeId: ids[who]!, state, recommendedBy: recommended ? adminId : null, hiredOn, endedOn });
    ids.pA1 = await placement('a1', ids.O, 'hired', plusDays(released.a1!, 10), null);
    await placement('a2', ids.O, 'hired', plusMonths(released.a2!, 2), plusMonths(released.a2!, 4));
    await placement('b3', ids.O, 'recommended', null, null);
    await placement('b2', ids.O2, 'hired', plusDays(released.b2!, -5), null, false);
    await placement('c1', ids.O2, 'hired', plusDays(released.c1!, 10), null, false);

    const visit = (who: string, m: number, state: 'done' | 'missed', employmentStatus: string | null, abstinence?: [string, string]) =>
      newFollowUpVisit(t, {
        traineeId: ids[who]!,
        stationId: S,
        monthsAfter: m,
        dueOn: plusMonths(released[who]!, m),
        state,
        employmentStatus,
        abstinence: abstinence && { status: abstinence[0], basis: abstinence[1] },
      });
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
    const fair = await newFair(t, {
      title: '报表测试招聘会',
      fairDate: fairDay,
      venueOrganisationId: F,
      createdBy: adminId,
      state: 'closed',
    });
    const booth = await newBooth(t, { fairId: fair, employerId: employerOrg });
    const reg: Record<string, string> = {};
    for (const who of ['a1', 'a2', 'b1']) {
      reg[who] = await newFairRegistration(t, {
        fairId: fair,
        traineeId: ids[who]!,
        registeredBy: adminId,
        checkedInAt: who !== 'b1' ? `${fairDay} 09:30` : undefined,
      });
    }
    let hour = 9;
    for (const who of ['a1', 'b1']) {
      const at = `${fairDay} ${String(hour++).padStart(2, '0')}`;
      await newFairSlot(t, {
        boothId: booth,
        startsAt: `${at}:00`,
        endsAt: `${at}:20`,
        state: 'booked',
        registrationId: reg[who],
        traineeId: ids[who],
      });
    }
    await newFairIntent(t, {
      fairId: fair,
      registrationId: reg.a1!,
      orderId: ids.O,
      createdBy: adminId,
      state: 'confirmed',
      placementId: ids.pA1,
    });
    await newFairIntent(t, { fairId: fair, registrationId: reg.a2!, orderId: ids.O, createdBy: adminId });
    // The factories write the tables directly: the outcome table the reports count is rebuilt from them.
    await t.app.get(OutcomesService).rebuild(t.app.get(DataSource));
  });
  afterAll(() => t.close());

  const rate = (numerator: number | null, denominator: number | null, r: number | null, suppressed = false) => ({
    numerator,
    denominator,
    rate: r,
    suppressed,
  });

  const withheld = (denominator: number | null) => rate(null, denominator, null, true);

  it('the motto for the 2014 cohort of facility F: every rate as worked out by hand', async () => {
    const res = await get(admin, `/api/reports/motto?cohort=2014&facilityId=${F}`).expect(200);
    // Narrowed to one facility, the rows are the cohort's quarters.
    expect(res.body).toMatchObject({ cohort: '2014', groupBy: 'cohort_quarter', asOf: today, minCell: 2 });
    expect(res.body.rows).toEqual([expect.objectContaining({ key: '2014Q1', label: '2014年第1季度', labelEn: '2014 Q1', released: 4 })]);
    expect(res.body.total).toEqual({
      key: null,
      label: '合计',
      labelEn: 'Total',
      released: 4,
      certificate: rate(2, 4, 0.5),
      diploma: withheld(4), // a1 alone
      employed: [
        { months: 1, ...withheld(4) }, // a1 alone
        { months: 3, ...rate(2, 4, 0.5) },
        { months: 6, ...rate(2, 4, 0.5) },
        { months: 12, ...withheld(4) },
      ],
    });
    // The province by facility in 2014: F is all there is.
    const byFacility = await get(admin, '/api/reports/motto?cohort=2014&groupBy=facility').expect(200);
    expect(byFacility.body.rows).toEqual([expect.objectContaining({ key: F, label: '报表测试戒毒所', released: 4 })]);
    expect(byFacility.body.total).toEqual(res.body.total);
  });

  it('cohorts are a year or a quarter; a quarter is a row of its year; the default is last year', async () => {
    const quarters = await get(admin, '/api/reports/motto?cohort=2014&groupBy=cohort_quarter').expect(200);
    expect(quarters.body.rows.map((r: { key: string }) => r.key)).toEqual(['2014Q1']);
    const q1 = await get(admin, '/api/reports/motto?cohort=2014Q1&groupBy=station').expect(200);
    expect(q1.body.cohort).toBe('2014Q1');
    expect(q1.body.rows).toEqual([expect.objectContaining({ key: S, label: '报表测试康复站', released: 4 })]);
    expect(q1.body.total.certificate).toEqual(rate(2, 4, 0.5));
    const q2 = await get(admin, '/api/reports/motto?cohort=2014Q2').expect(200);
    expect(q2.body.rows).toEqual([]);
    expect(q2.body.total).toMatchObject({ released: 0, certificate: withheld(0) });
    const division = await get(admin, '/api/reports/motto?cohort=2014&groupBy=division').expect(200);
    expect(division.body.rows).toEqual([expect.objectContaining({ key: '460200', label: '三亚市', labelEn: 'Sanya', released: 4 })]);
    // No cohort: the last full year before the report date (2017: b1–b3, every share 1 or 2 of 3).
    const last = await get(admin, '/api/reports/motto').expect(200);
    expect(last.body).toMatchObject({ cohort: '2017', groupBy: 'facility' });
    expect(last.body.total).toMatchObject({ released: 3, certificate: withheld(3), diploma: withheld(3) });
    expect(last.body.total.employed).toEqual([
      { months: 1, ...withheld(3) }, // b1 and b2 of 3: the third is one person
      // Not settled: everyone released in 2017 is 3 months out on 31 March 2018, and the records have until 30 June.
      { months: 3, ...withheld(3), pendingUntil: '2018-06-30' },
      { months: 6, ...withheld(3), pendingUntil: '2018-09-30' },
      { months: 12, ...withheld(3), pendingUntil: '2019-03-31' },
    ]);
    // c1, alone in 2018: nothing settled yet.
    const alone = await get(admin, '/api/reports/motto?cohort=2018').expect(200);
    expect(alone.body.total).toMatchObject({ released: 1, certificate: { ...withheld(1), pendingUntil: '2019-03-31' } });
    expect(alone.body.total.employed[1]).toEqual({ months: 3, ...withheld(0), pendingUntil: '2019-06-30' });
    // A quarter settles before its year: 2018Q1 (nobody) would be published from 30 June 2018.
    const early = await get(admin, '/api/reports/motto?cohort=2018Q1').expect(200);
    expect(early.body.total.certificate).toEqual({ ...withheld(0), pendingUntil: '2018-06-30' });
  });

  it('abstinence sits next to the share of the cohort reached; a rate over one person is withheld', async () => {
    const res = await get(admin, `/api/reports/abstinence?cohort=2014&groupBy=station&stationId=${S}`).expect(200);
    expect(res.body.rows).toEqual([expect.objectContaining({ key: S, label: '报表测试康复站', released: 4 })]);
    const none = rate(null, null, null, true);
    expect(res.body.total.years).toEqual([
      { years: 1, eligible: 4, reached: rate(2, 4, 0.5), abstinent: rate(2, 2, 1), testVerified: withheld(2), readmitted: rate(0, 4, 0) },
      { years: 2, eligible: 4, reached: withheld(4), abstinent: none, testVerified: none, readmitted: rate(0, 4, 0) },
      // Nobody reached: the shares over them are over nobody (0, not a hidden count).
      { years: 3, eligible: 4, reached: rate(0, 4, 0), abstinent: withheld(0), testVerified: withheld(0), readmitted: rate(0, 4, 0) },
    ]);
    // 2017: b1 relapsed, b2 abstinent, b3 not reached — and a year on, not all of 2017's visits are in yet.
    const b = await get(admin, '/api/reports/abstinence?cohort=2017').expect(200);
    const pending = '2019-03-31';
    expect(b.body.total.years[0]).toEqual({
      years: 1,
      eligible: 3,
      reached: { ...withheld(3), pendingUntil: pending },
      abstinent: { ...none, pendingUntil: pending },
      testVerified: { ...none, pendingUntil: pending },
      readmitted: { ...withheld(3), pendingUntil: pending },
    });
    expect(b.body.total.years[1]).toMatchObject({ eligible: 0, reached: withheld(0) });
  });

  it('a share safe on its own is withheld where the total minus it would be a small one — in every answer', async () => {
    // 2015: F 2 certificates of 4, G 1 of 2 (withheld), the year 3 of 6. F shown would give G as 3 − 2.
    const byFacility = await get(admin, '/api/reports/motto?cohort=2015&groupBy=facility').expect(200);
    const row = (key: string) => byFacility.body.rows.find((r: { key: string }) => r.key === key);
    expect(row(F)).toMatchObject({ released: 4, certificate: withheld(4) });
    expect(row(G)).toMatchObject({ released: 2, certificate: withheld(2) });
    expect(byFacility.body.total.certificate).toEqual(rate(3, 6, 0.5));
    // The same cell read as F's own slice, by F's counsellor, by station and by division: withheld every time.
    for (const [token, url] of [
      [admin, `/api/reports/motto?cohort=2015&facilityId=${F}`],
      [fCounsellor, '/api/reports/motto?cohort=2015'],
      [fCounsellor, '/api/reports/motto?cohort=2015&groupBy=facility'],
    ] as const) {
      const res = await get(token, url).expect(200);
      expect(res.body.total).toMatchObject({ released: 4, certificate: withheld(4) });
    }
    for (const groupBy of ['station', 'division']) {
      const res = await get(admin, `/api/reports/motto?cohort=2015&groupBy=${groupBy}`).expect(200);
      expect(res.body.rows.map((r: { certificate: { suppressed: boolean } }) => r.certificate.suppressed)).toEqual([true, true]);
    }
    // The quarter is the whole year here: shown, and the same.
    const quarter = await get(admin, '/api/reports/motto?cohort=2015&groupBy=cohort_quarter').expect(200);
    expect(quarter.body.rows).toEqual([expect.objectContaining({ key: '2015Q3', certificate: rate(3, 6, 0.5) })]);
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
      // One of the two hires stayed: the other one is one person.
      still3: withheld(2),
      still6: withheld(2),
    });
    expect(res.body.stages).toEqual([
      { stage: 'orders', count: 1 },
      { stage: 'trained', count: 2 },
      { stage: 'certified', count: 1 },
      { stage: 'recommended', count: 3 },
      { stage: 'hired', count: 2 },
      { stage: 'still3', count: null },
      { stage: 'still6', count: null },
    ]);
    expect(res.body.still3).toEqual(withheld(2));
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

  it("a counsellor's reports count their own organisation's trainees only, by quarter", async () => {
    const own = await get(fCounsellor, '/api/reports/motto?cohort=2014').expect(200);
    expect(own.body.groupBy).toBe('cohort_quarter');
    expect(own.body.total.released).toBe(4);
    expect(own.body.total.certificate).toEqual(rate(2, 4, 0.5));
    const station = await get(sCounsellor, '/api/reports/abstinence?cohort=2014').expect(200);
    expect(station.body.total.years[0]).toMatchObject({ eligible: 4, reached: rate(2, 4, 0.5) });
    const ownFunnel = await get(fCounsellor, '/api/reports/order-funnel').expect(200);
    expect(ownFunnel.body.rows.map((r: { orderId: string }) => r.orderId).sort()).toEqual([ids.O, ids.O2].sort());
    // Another facility's counsellor: none of F's people, even when asking for F by name.
    const other = await get(otherCounsellor, `/api/reports/motto?cohort=2014&facilityId=${F}`).expect(200);
    expect(other.body.total.released).toBe(0);
    expect(other.body.rows).toEqual([]);
    const otherAbst = await get(otherCounsellor, `/api/reports/abstinence?cohort=2014&facilityId=${F}`).expect(200);
    expect(otherAbst.body.total.years[0]).toMatchObject({ eligible: 0, reached: withheld(0) });
    const otherFairs = await get(otherCounsellor, `/api/reports/fair-funnel?from=${fairDay}&to=${fairDay}`).expect(200);
    expect(otherFairs.body.rows).toEqual([]);
  });

  it('refuses what it cannot answer with a message, and admits only admins and counsellors', async () => {
    await t.http().get('/api/reports/motto').expect(401);
    for (const token of [employer, trainee]) {
      for (const path of ['motto', 'abstinence', 'order-funnel', 'fair-funnel', 'outcomes.xlsx'])
        await get(token, `/api/reports/${path}`).expect(403);
    }
    // Windows of release days are gone: two a day apart differ by one person.
    for (const path of ['motto', 'abstinence', 'outcomes.xlsx']) {
      const window = await get(admin, `/api/reports/${path}?releasedFrom=2014-01-01&releasedTo=2014-03-01`).expect(400);
      expect(window.body).toMatchObject({ code: 'REPORT_COHORT_ONLY', message: expect.stringContaining('cohort=2024Q2') });
      expect(window.body.messageEn).toContain('Use cohort instead');
    }
    await get(admin, '/api/reports/abstinence?releasedTo=2014-03-01').expect(400);
    const quarter5 = await get(admin, '/api/reports/motto?cohort=2024Q5').expect(400);
    expect(quarter5.body.code).toBe('VALIDATION_FAILED');
    await get(admin, '/api/reports/motto?groupBy=cohort_year').expect(400);
    await get(admin, '/api/reports/motto?groupBy=planet').expect(400);
    const two = await get(admin, `/api/reports/motto?facilityId=${F}&divisionCode=460200`).expect(400);
    expect(two.body.code).toBe('REPORT_ONE_DIMENSION');
    const crossed = await get(admin, `/api/reports/abstinence?facilityId=${F}&groupBy=station`).expect(400);
    expect(crossed.body.code).toBe('REPORT_CROSS_GROUPING');
    expect((await get(fCounsellor, '/api/reports/motto?groupBy=division').expect(400)).body.code).toBe('REPORT_CROSS_GROUPING');
    expect((await get(sCounsellor, '/api/reports/motto?divisionCode=460200').expect(400)).body.code).toBe('REPORT_ONE_DIMENSION');
    await get(admin, '/api/reports/order-funnel?from=2025-01-01&to=2024-01-01').expect(400);
    await get(admin, '/api/reports/abstinence?divisionCode=46').expect(400);
    await get(admin, '/api/reports/fair-funnel?from=yesterday').expect(400);
    const notFacility = await get(admin, `/api/reports/motto?facilityId=${S}`).expect(400);
    expect(notFacility.body.code).toBe('UNKNOWN_ORGANISATION');
    await get(admin, `/api/reports/motto?stationId=${randomUUID()}`).expect(400);
  });

  it('the workbook carries the same numbers, and every report read is on the audit record', async () => {
    const res = await get(admin, `/api/reports/outcomes.xlsx?cohort=2014&facilityId=${F}&from=${orderDay}&to=${orderDay}`)
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
    const about = wb.getWorksheet('说明')!;
    const said = Object.fromEntries(about.getSheetValues().flatMap((r) => (Array.isArray(r) ? [[r[1], r[2]]] : [])));
    expect(said).toMatchObject({ 出所队列: '2014年', 范围: '戒毒场所：报表测试戒毒所', 分组: '出所季度' });
    const motto = wb.getWorksheet('技能文凭就业')!;
    expect(motto.getRow(1).getCell(1).value).toBe('出所季度');
    expect((motto.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['2014年第1季度', 4]);
    const total = motto.getRow(motto.rowCount).values as unknown[];
    // Withheld counts are a dash, as on the page, never the number.
    expect(total.slice(1, 7)).toEqual(['合计', 4, 2, '50.0%', '—', '—']);
    const abst = wb.getWorksheet('操守保持')!;
    expect((abst.getRow(abst.rowCount).values as unknown[]).slice(1, 9)).toEqual(['合计', 4, 4, 2, '50.0%', 2, '100.0%', '—']);
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
