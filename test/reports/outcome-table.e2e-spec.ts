import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { OutcomesService } from '../../server/src/outcomes/outcomes.service';
import type { CubeRow } from '../../server/src/reports/cohort-cube';
import { ReportsRepository } from '../../server/src/reports/reports.repository';
import {
  daysFrom,
  newCertificate,
  newCourseSession,
  newDiploma,
  newFollowUpVisit,
  newHandover,
  newOrder,
  newOrganisation,
  newPlacement,
  newSessionEnrolment,
  newTrainee,
  organisationOf,
  userIdOf,
} from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The outcome reports count `trainee_outcome` (one row per released trainee) through its daily sums
 * instead of computing every number from handovers, placements, certificates, diplomas and visits (issue
 * 17). Here: random histories written by the factories, then rebuilt, must give the same rows as the
 * live computation, and the same report answers as the live SQL the reports ran before (kept below);
 * writes through the API must keep the table equal without a rebuild; a rolled-back write changes nothing.
 */

/**
 * The cohort SQL the reports ran before the table (issue 7), verbatim but for layout — and for the release,
 * read from the episode since issue 13 (a person admitted again keeps the release they had): the reference.
 * Every person here has at most one release, so per-person facts are that release's; some are admitted
 * again after it (an open second episode), so re-admission within one, two and three years varies.
 */
const plus = (n: number) => `(r.released_on + interval '${n} months')::date`;
const reached = (n: number) => `${plus(n)} <= $1::date`;
const LIVE_COHORT = `
  last_handover AS (
    SELECT DISTINCT ON (trainee_id) trainee_id, from_organisation_id, to_organisation_id
    FROM handover WHERE state = 'completed' ORDER BY trainee_id, completed_at DESC
  ),
  r AS (
    SELECT t.id, e.number, e.released_on, extract(quarter FROM e.released_on)::int AS quarter, t.home_division_code AS division_code,
           h.from_organisation_id AS facility_id, COALESCE(h.to_organisation_id, t.organisation_id) AS station_id
    FROM trainee_episode e JOIN trainee t ON t.id = e.trainee_id LEFT JOIN last_handover h ON h.trainee_id = t.id
    WHERE e.released_on IS NOT NULL AND e.released_on <= $1::date
      AND e.released_on >= make_date($2::int, 1, 1) AND e.released_on < make_date($2::int + 1, 1, 1)
  )`;
function liveCube(columns: string, joins: string): string {
  const dims = [
    ['facility', 'r.facility_id'],
    ['station', 'r.station_id'],
    ['division', 'r.division_code'],
  ];
  return `
    SELECT CASE WHEN GROUPING(r.quarter) = 0 THEN r.quarter END AS quarter,
      CASE ${dims.map(([d, col]) => `WHEN GROUPING(${col}) = 0 THEN '${d}'`).join(' ')} END AS dim,
      CASE ${dims.map(([, col]) => `WHEN GROUPING(${col}) = 0 THEN ${col}::text`).join(' ')} END AS key,
      count(*)::int AS released, ${columns}
    FROM r ${joins}
    GROUP BY GROUPING SETS ((r.quarter), (), ${dims.map(([, col]) => `(r.quarter, ${col}), (${col})`).join(', ')})`;
}
const M = [1, 3, 6, 12];
const Y = [1, 2, 3];
const LIVE_MOTTO = `
  WITH ${LIVE_COHORT},
  cert AS (SELECT DISTINCT c.trainee_id FROM certificate c JOIN r ON r.id = c.trainee_id),
  dip AS (SELECT DISTINCT d.trainee_id FROM diploma d JOIN r ON r.id = d.trainee_id),
  hp AS (
    SELECT r.id AS trainee_id, ${M.map((n) => `bool_or(p.hired_on <= ${plus(n)} AND (p.ended_on IS NULL OR p.ended_on > ${plus(n)})) AS h${n}`).join(', ')}
    FROM r JOIN placement p ON p.trainee_id = r.id AND p.hired_on IS NOT NULL GROUP BY r.id
  ),
  ev AS (
    SELECT v.trainee_id, ${M.map((n) => `bool_or(v.months_after = ${n}) AS e${n}`).join(', ')}
    FROM r JOIN follow_up_visit v ON v.trainee_id = r.id
    WHERE v.state = 'done' AND v.employment_status IN ('employed', 'self_employed') AND v.months_after IN (1,3,6,12)
    GROUP BY v.trainee_id
  )
  ${liveCube(
    [
      'count(*) FILTER (WHERE cert.trainee_id IS NOT NULL)::int AS certified',
      'count(*) FILTER (WHERE dip.trainee_id IS NOT NULL)::int AS diploma',
      ...M.flatMap((n) => [
        `count(*) FILTER (WHERE ${reached(n)})::int AS eligible_${n}`,
        `count(*) FILTER (WHERE ${reached(n)} AND (hp.h${n} OR ev.e${n}))::int AS employed_${n}`,
      ]),
    ].join(', '),
    `LEFT JOIN cert ON cert.trainee_id = r.id LEFT JOIN dip ON dip.trainee_id = r.id
     LEFT JOIN hp ON hp.trainee_id = r.id LEFT JOIN ev ON ev.trainee_id = r.id`,
  )}`;
const LIVE_ABSTINENCE = `
  WITH ${LIVE_COHORT},
  ab AS (
    SELECT v.trainee_id, ${Y.map(
      (y) => `bool_or(v.months_after = ${y * 12}) AS r${y}, bool_or(v.months_after = ${y * 12} AND a.status = 'abstinent') AS a${y},
        bool_or(v.months_after = ${y * 12} AND a.status = 'abstinent' AND a.basis = 'test_verified') AS v${y}`,
    ).join(', ')}
    FROM r JOIN follow_up_visit v ON v.trainee_id = r.id JOIN follow_up_abstinence a ON a.visit_id = v.id
    WHERE v.state = 'done' AND v.months_after IN (12,24,36) AND a.status IN ('abstinent', 'relapsed')
    GROUP BY v.trainee_id
  )
  ${liveCube(
    Y.flatMap((y) => [
      `count(*) FILTER (WHERE ${reached(y * 12)})::int AS eligible_${y}`,
      `count(*) FILTER (WHERE ${reached(y * 12)} AND ab.r${y})::int AS reached_${y}`,
      `count(*) FILTER (WHERE ${reached(y * 12)} AND ab.a${y})::int AS abstinent_${y}`,
      `count(*) FILTER (WHERE ${reached(y * 12)} AND ab.v${y})::int AS verified_${y}`,
      // Admitted again within y years of this release: the person's next episode.
      `count(*) FILTER (WHERE ${reached(y * 12)} AND EXISTS (SELECT 1 FROM trainee_episode n WHERE n.trainee_id = r.id
         AND n.number = r.number + 1 AND n.admitted_on <= (r.released_on + interval '${y} years')::date))::int AS readmitted_${y}`,
    ]).join(', '),
    'LEFT JOIN ab ON ab.trainee_id = r.id',
  )}`;

/** A small seeded generator (mulberry32): the same "random" histories on every run, so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const addMonths = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};
const byCell = (rows: CubeRow[]) =>
  Object.fromEntries(rows.map((r) => [`${r.quarter}|${r.dim}|${r.key}`, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v]))]));

describe('the outcome table: kept equal to the live records, and the reports answer as before', () => {
  let t: TestApp;
  let ds: DataSource;
  let outcomes: OutcomesService;
  let today: string;
  let years: number[];

  /** Stored rows equal to the live computation, row by row, and the daily sums equal to the rows' sums. */
  const expectConsistent = async () => {
    const [stored, live, drift] = await ds.transaction('REPEATABLE READ', async (m) => [
      await outcomes.stored(m),
      await outcomes.live(m),
      await outcomes.dailyDrift(m),
    ]);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toEqual(live);
    expect(drift).toBe(0);
  };
  const storedRow = async (traineeId: string) => (await ds.transaction((m) => outcomes.stored(m, [traineeId])))[0];

  beforeAll(async () => {
    t = await createTestApp({ REPORT_MIN_CELL: '2' });
    ds = t.app.get(DataSource);
    outcomes = t.app.get(OutcomesService);
    today = t.app.get(Clock).today();
    const rand = seeded(17);
    // A generator of its own for the re-admissions, so the histories above them stay what they were.
    const readmitRand = seeded(29);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const adminId = await userIdOf(t, 'admin');
    const employer = await organisationOf(t, 'employer');
    const facilities = [
      await newOrganisation(t, { name: '成效表甲所', type: 'facility', divisionCode: '460100' }),
      await newOrganisation(t, { name: '成效表乙所', type: 'facility', divisionCode: '460200' }),
    ];
    const stations = [
      await newOrganisation(t, { name: '成效表一站', type: 'community_station', divisionCode: '460100' }),
      await newOrganisation(t, { name: '成效表二站', type: 'community_station', divisionCode: '460200' }),
      await newOrganisation(t, { name: '成效表三站', type: 'community_station', divisionCode: '460300' }),
    ];
    const divisions = ['460100', '460200', '460300', '460400'];
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await newOrder(t, { employerId: employer, title: `成效表订单${i}`, headcount: 200 }));
    const [occupation] = (await t.sql<{ code: string }>(`SELECT code FROM occupation ORDER BY code LIMIT 1`)).map((r) => r.code);
    const [klass] = await t.sql<{ id: string; programme_id: string }>(`SELECT id, programme_id FROM diploma_class LIMIT 1`);

    for (let i = 0; i < 70; i++) {
      // Released up to four and a half years ago (so every age from +1 to +36 months is on both sides of
      // today), a few not released at all, a few on a month's last days (where "+N months" is clamped).
      const monthEnd = addDays(addMonths(`${today.slice(0, 7)}-01`, -Math.floor(rand() * 50)), -1 - Math.floor(rand() * 3));
      const released = i % 10 === 9 ? null : i % 4 === 0 ? monthEnd : daysFrom(-Math.floor(rand() * 1640));
      const station = pick(stations);
      const id = await newTrainee(t, {
        organisationId: released ? station : pick(facilities),
        state: released ? pick(['released', 'community', 'closed'] as const) : 'admitted',
        releasedOn: released ?? undefined,
        homeDivisionCode: pick(divisions),
      });
      if (!released) {
        if (rand() < 0.5) await newCertificate(t, { traineeId: id, occupationCode: occupation! });
        continue;
      }
      // None (released without a handover on record), one, or two completed (the later counts), or one still open.
      const handovers = pick([0, 1, 1, 1, 2]);
      for (let h = 0; h < handovers; h++)
        await newHandover(t, {
          traineeId: id,
          fromOrganisationId: pick(facilities),
          toOrganisationId: pick(stations),
          releaseDate: addDays(released, -400 * (handovers - 1 - h)),
          createdBy: adminId,
        });
      if (rand() < 0.2)
        await newHandover(t, {
          traineeId: id,
          fromOrganisationId: pick(facilities),
          toOrganisationId: pick(stations),
          releaseDate: released,
          createdBy: adminId,
          state: 'accepted',
        });
      for (let c = 0; c < pick([0, 0, 1, 2]); c++)
        await newCertificate(t, {
          traineeId: id,
          occupationCode: occupation!,
          issuedOn: addDays(released, Math.floor(rand() * 600) - 300),
        });
      if (rand() < 0.25)
        await newDiploma(t, {
          traineeId: id,
          classId: klass!.id,
          programmeId: klass!.programme_id,
          issuedBy: adminId,
          graduatedOn: addDays(released, Math.floor(rand() * 600) - 300),
        });
      // Hires before and after release, some ended (at most one job not ended at a time).
      const hires = pick([0, 0, 1, 1, 2]);
      let start = addDays(released, Math.floor(rand() * 120) - 40);
      for (let h = 0; h < hires; h++) {
        const last = h === hires - 1;
        const ended = !last || rand() < 0.5 ? addDays(start, Math.floor(rand() * 300) + 1) : null;
        await newPlacement(t, { orderId: orders[h]!, traineeId: id, state: 'hired', hiredOn: start, endedOn: ended });
        if (ended) start = addDays(ended, Math.floor(rand() * 90));
      }
      // One place per order and person (uq_placement_pair): the hires take the first orders, a recommendation the last.
      if (rand() < 0.3) await newPlacement(t, { orderId: orders[2]!, traineeId: id, state: 'recommended' });
      // Visits of every kind at every age, some with abstinence records of every kind.
      for (const monthsAfter of [1, 3, 6, 12, 24, 36]) {
        if (rand() < 0.15) continue;
        const dueOn = addMonths(released, monthsAfter);
        const state = dueOn > today ? 'planned' : pick(['done', 'done', 'done', 'missed', 'unreachable'] as const);
        await newFollowUpVisit(t, {
          traineeId: id,
          stationId: station,
          monthsAfter,
          dueOn,
          state,
          employmentStatus: state === 'done' ? pick(['employed', 'self_employed', 'studying', 'unemployed', null]) : null,
          abstinence:
            state !== 'planned' && rand() < 0.8
              ? { status: pick(['abstinent', 'abstinent', 'relapsed', 'unknown']), basis: pick(['test_verified', 'self_reported']) }
              : undefined,
        });
      }
      // One in three admitted again, from a day to about three and a half years after the release (so
      // within one, two, three years or later), as a data import would write it: a second, open episode,
      // and the record's current dates and holder are the new admission's.
      const readmittedOn = addDays(released, 1 + Math.floor(readmitRand() * 1300));
      if (readmitRand() < 1 / 3 && readmittedOn <= today) {
        const facility = facilities[Math.floor(readmitRand() * facilities.length)]!;
        await t.sql(
          `INSERT INTO trainee_episode (trainee_id, number, facility_id, admitted_on, expected_release_on, reason)
           VALUES ($1, 2, $2, $3::date, $3::date + 365, 'relapse')`,
          [id, facility, readmittedOn],
        );
        await t.sql(
          `UPDATE trainee SET state = 'admitted', organisation_id = $2, admitted_on = $3::date, expected_release_on = $3::date + 365, released_on = NULL
            WHERE id = $1`,
          [id, facility, readmittedOn],
        );
      }
    }
    // The factories write the tables directly, as a data import would: the rebuild computes the table.
    await outcomes.rebuild(ds, undefined, 16);
    years = [
      ...new Set(
        (
          await t.sql<{ y: number }>(
            `SELECT DISTINCT extract(year FROM released_on)::int AS y FROM trainee_episode WHERE released_on IS NOT NULL`,
          )
        ).map((r) => r.y),
      ),
    ];
  });
  afterAll(() => t.close());

  it('after a rebuild (in batches), every row equals the live computation and the daily sums equal the rows', async () => {
    await expectConsistent();
    const counted = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trainee_outcome`);
    const released = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trainee_episode WHERE released_on IS NOT NULL`);
    expect(counted[0]!.n).toBe(released[0]!.n);
    // The random histories hold re-admissions inside each window and later ones, and people never admitted again.
    const [readmitted] = await t.sql<{ within1: number; within3only: number; never: number }>(
      `SELECT count(*) FILTER (WHERE readmitted_1)::int AS within1,
              count(*) FILTER (WHERE readmitted_3 AND NOT readmitted_1)::int AS within3only,
              count(*) FILTER (WHERE NOT readmitted_3)::int AS never
         FROM trainee_outcome`,
    );
    expect(readmitted!.within1).toBeGreaterThan(0);
    expect(readmitted!.within3only).toBeGreaterThan(0);
    expect(readmitted!.never).toBeGreaterThan(0);
  });

  it('the cohort cells are the ones the live SQL counted, for every release year, on several report dates', async () => {
    const reports = t.app.get(ReportsRepository);
    expect(years.length).toBeGreaterThan(3);
    // Today, a month's last day (where "+N months" is clamped) and the first day of a month.
    for (const asOf of [today, `${today.slice(0, 4)}-02-28`, `${Number(today.slice(0, 4)) - 1}-03-31`, `${today.slice(0, 7)}-01`]) {
      for (const year of years) {
        const [motto, abstinence] = [await reports.motto(year, asOf), await reports.abstinence(year, asOf)];
        expect(byCell(motto)).toEqual(byCell(await t.sql<CubeRow>(LIVE_MOTTO, [asOf, year])));
        expect(byCell(abstinence)).toEqual(byCell(await t.sql<CubeRow>(LIVE_ABSTINENCE, [asOf, year])));
      }
    }
  });

  it('every cohort report answers as it did over the live SQL (same numbers, same cells withheld)', async () => {
    const admin = (await t.login('admin')).token;
    const station = (await t.login('station')).token;
    const reports = t.app.get(ReportsRepository);
    const [motto, abstinence] = [reports.motto.bind(reports), reports.abstinence.bind(reports)];
    const ask = async () => {
      const answers: unknown[] = [];
      for (const year of years)
        for (const path of ['motto', 'abstinence'])
          for (const query of [
            'groupBy=facility',
            'groupBy=station',
            'groupBy=division',
            'groupBy=cohort_quarter',
            'groupBy=facility&cohort=' + year + 'Q2',
          ]) {
            const cohort = query.includes('cohort=') ? '' : `&cohort=${year}`;
            answers.push((await t.http().get(`/api/reports/${path}?${query}${cohort}`).auth(admin, { type: 'bearer' }).expect(200)).body);
          }
      for (const year of years)
        answers.push((await t.http().get(`/api/reports/motto?cohort=${year}`).auth(station, { type: 'bearer' }).expect(200)).body);
      return answers;
    };
    const fromTable = await ask();
    reports.motto = async (year, asOf) => t.sql<CubeRow>(LIVE_MOTTO, [asOf, year]);
    reports.abstinence = async (year, asOf) => t.sql<CubeRow>(LIVE_ABSTINENCE, [asOf, year]);
    try {
      expect(fromTable).toEqual(await ask());
    } finally {
      reports.motto = motto;
      reports.abstinence = abstinence;
    }
  });

  it('writes through the app keep the table equal without a rebuild: release, visit, hire and its end, certificate, home division', async () => {
    const facility = (await t.login('counsellor')).token;
    const station = (await t.login('station')).token;
    const admin = (await t.login('admin')).token;
    const first17 = `46010019900303${'818'}`;
    const traineeId: string = (
      await t
        .http()
        .post('/api/trainees')
        .auth(facility, { type: 'bearer' })
        .send({
          fullName: '成效表甲',
          identityNumber: first17 + identityCheckChar(first17),
          homeDivisionCode: '460100',
          admittedOn: addDays(today, -700),
          expectedReleaseOn: addDays(today, 5),
        })
        .expect(201)
    ).body.id;
    expect(await storedRow(traineeId)).toBeUndefined();

    // Released by the completed handover: the row appears, under the facility and station of the handover.
    const h = await t.http().post('/api/handovers').auth(facility, { type: 'bearer' }).send({ traineeId, releaseDate: today }).expect(201);
    await t.http().post(`/api/handovers/${h.body.id}/send`).auth(facility, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/handovers/${h.body.id}/accept`).auth(station, { type: 'bearer' }).expect(200);
    const handedOverOn = addDays(today, -400);
    await t
      .http()
      .post(`/api/handovers/${h.body.id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({
        escortName: '陈指导员',
        receivingOfficer: '符社工',
        documents: ['解除强制隔离戒毒证明书'],
        handoverPlace: '海口',
        handedOverOn,
      })
      .expect(200);
    expect(await storedRow(traineeId)).toMatchObject({
      released_on: handedOverOn,
      facility_id: await organisationOf(t, 'counsellor'),
      station_id: await organisationOf(t, 'station'),
      employed_12: false,
      reached_1: false,
    });
    await expectConsistent();

    // The +12 visit, done: employed at 12 months, reached, abstinent and test-verified at one year.
    const visits: { id: string; monthsAfter: number }[] = (
      await t.http().get(`/api/follow-ups?view=all&traineeId=${traineeId}`).auth(station, { type: 'bearer' }).expect(200)
    ).body.items;
    const plus12 = visits.find((v) => v.monthsAfter === 12)!;
    await t
      .http()
      .post(`/api/follow-ups/${plus12.id}/record`)
      .auth(station, { type: 'bearer' })
      .send({
        clientRef: randomUUID(),
        state: 'done',
        visitedOn: today,
        contactMethod: 'phone',
        employmentStatus: 'employed',
        abstinence: { status: 'abstinent', basis: 'test_verified' },
      })
      .expect(200);
    expect(await storedRow(traineeId)).toMatchObject({ employed_12: true, reached_1: true, abstinent_1: true, verified_1: true });
    await expectConsistent();

    // Hired 20 days after release (employed at 1, 3 and 6 months), then the job ends after 4 months.
    const order = await newOrder(t, { employerId: await organisationOf(t, 'employer'), title: '成效表录用', headcount: 5 });
    const placement = await newPlacement(t, { orderId: order, traineeId, state: 'offer' });
    await t
      .http()
      .post(`/api/placements/${placement}/hire`)
      .auth(station, { type: 'bearer' })
      .send({ hiredOn: addDays(handedOverOn, 20) })
      .expect(200);
    expect(await storedRow(traineeId)).toMatchObject({ employed_1: true, employed_3: true, employed_6: true });
    await expectConsistent();
    await t
      .http()
      .post(`/api/placements/${placement}/end`)
      .auth(station, { type: 'bearer' })
      .send({ endedOn: addDays(handedOverOn, 120), reason: '合同到期' })
      .expect(200);
    expect(await storedRow(traineeId)).toMatchObject({ employed_1: true, employed_3: true, employed_6: false });
    await expectConsistent();

    // A certificate from a passed assessment.
    const [course] = await t.sql<{ id: string }>(`SELECT id FROM course LIMIT 1`);
    const session = await newCourseSession(t, { courseId: course!.id, startsOn: addDays(today, -30), endsOn: addDays(today, -1) });
    const enrolment = await newSessionEnrolment(t, { sessionId: session, traineeId, createdBy: await userIdOf(t, 'admin') });
    await t
      .http()
      .put(`/api/session-enrolments/${enrolment}/assessment`)
      .auth(admin, { type: 'bearer' })
      .send({ theoryScore: 90, practicalScore: 90 })
      .expect(200);
    expect(await storedRow(traineeId)).toMatchObject({ certified: true });
    await expectConsistent();

    // Another home division: counted in that group now.
    await t.http().patch(`/api/trainees/${traineeId}`).auth(station, { type: 'bearer' }).send({ homeDivisionCode: '460200' }).expect(200);
    expect(await storedRow(traineeId)).toMatchObject({ division_code: '460200' });
    await expectConsistent();
  });

  it('a write that rolls back leaves the table as it was', async () => {
    const [person] = await t.sql<{ trainee_id: string }>(`SELECT trainee_id FROM trainee_outcome WHERE NOT certified LIMIT 1`);
    const before = await storedRow(person!.trainee_id);
    const [occupation] = await t.sql<{ code: string }>(`SELECT code FROM occupation ORDER BY code LIMIT 1`);
    await expect(
      ds.transaction(async (m) => {
        await m.query(
          `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on) VALUES ($1, $2, 5, $3, '测试', $4)`,
          [person!.trainee_id, occupation!.code, `ROLLBACK-${randomUUID().slice(0, 8)}`, today],
        );
        await outcomes.refresh(m, [person!.trainee_id]);
        expect((await outcomes.stored(m, [person!.trainee_id]))[0]).toMatchObject({ certified: true });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await storedRow(person!.trainee_id)).toEqual(before);
    await expectConsistent();
  });
});
