import { DataSource } from 'typeorm';
import type { AuthUser } from '../../server/src/common/auth-user';
import { Clock } from '../../server/src/common/clock';
import { OutcomesService } from '../../server/src/outcomes/outcomes.service';
import { PlacementsService } from '../../server/src/placements/placements.service';
import { type FunnelFilter, type OrderFunnelRow, ReportsRepository } from '../../server/src/reports/reports.repository';
import {
  daysFrom,
  newCertificate,
  newCourseSession,
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
 * The order funnel sums `order_outcome` (one row per order and person in its funnel, kept by the writers)
 * instead of computing every stage per request (issue 17: 111 ms → tens of milliseconds at 100,000
 * trainees). Here: random orders, 订单班 enrolments, certificates and placements written by the factories,
 * then the table rebuilt, must give exactly the rows the live SQL returned before (kept below, verbatim),
 * for everyone and for a station, with and without a window of opening days, on report dates where "+N
 * months" is clamped to a month's end; and writes through the app must keep the table equal without a rebuild.
 */

/** A counsellor's trainees: held by their organisation now, or handed over from or to it (reports.repository.ts). */
const SCOPED = `
  scoped AS (
    SELECT t.id FROM trainee t WHERE t.organisation_id = $2::uuid
    UNION
    SELECT h.trainee_id FROM handover h WHERE h.from_organisation_id = $2::uuid OR h.to_organisation_id = $2::uuid
  )`;

/** The order funnel's SQL before issue 17's rewrite, verbatim: the reference. */
function referenceSql(f: FunnelFilter): string {
  const scoped = f.scopeOrganisationId !== null;
  const inScope = (col: string) => (scoped ? `${col} IN (SELECT id FROM scoped)` : 'true');
  const still = (n: number) => `(p.hired_on + interval '${n} months')::date`;
  return `
      WITH ${SCOPED},
      trained AS (
        SELECT DISTINCT s.order_id, se.trainee_id
        FROM course_session s JOIN session_enrolment se ON se.session_id = s.id
        WHERE s.order_id IS NOT NULL AND se.state IN ('enrolled', 'passed', 'failed') AND ${inScope('se.trainee_id')}
      ),
      tr AS (
        SELECT tr.order_id, count(*)::int AS trained, count(c.trainee_id)::int AS certified
        FROM trained tr JOIN job_order o ON o.id = tr.order_id
        LEFT JOIN (SELECT DISTINCT trainee_id, occupation_code FROM certificate) c
          ON c.trainee_id = tr.trainee_id AND c.occupation_code = o.occupation_code
        GROUP BY tr.order_id
      ),
      pl AS (
        SELECT p.order_id,
          count(*) FILTER (WHERE p.recommended_by IS NOT NULL OR p.source = 'fair')::int AS recommended,
          count(*) FILTER (WHERE p.hired_on IS NOT NULL)::int AS hired,
          ${[3, 6]
            .map(
              (n) => `count(*) FILTER (WHERE ${still(n)} <= $1::date)::int AS eligible_${n},
          count(*) FILTER (WHERE ${still(n)} <= $1::date AND (p.ended_on IS NULL OR p.ended_on > ${still(n)}))::int AS still_${n}`,
            )
            .join(',\n')}
        FROM placement p WHERE ${inScope('p.trainee_id')}
        GROUP BY p.order_id
      )
      SELECT o.id AS order_id, o.title, e.name AS employer_name, o.occupation_code, oc.name AS occupation_name, o.headcount, o.state,
        (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on,
        COALESCE(tr.trained, 0) AS trained, COALESCE(tr.certified, 0) AS certified,
        COALESCE(pl.recommended, 0) AS recommended, COALESCE(pl.hired, 0) AS hired,
        COALESCE(pl.eligible_3, 0) AS eligible_3, COALESCE(pl.still_3, 0) AS still_3,
        COALESCE(pl.eligible_6, 0) AS eligible_6, COALESCE(pl.still_6, 0) AS still_6
      FROM job_order o
      JOIN organisation e ON e.id = o.employer_id
      LEFT JOIN occupation oc ON oc.code = o.occupation_code
      LEFT JOIN tr ON tr.order_id = o.id
      LEFT JOIN pl ON pl.order_id = o.id
      WHERE o.opened_at IS NOT NULL
        AND ($3::date IS NULL OR (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date >= $3::date)
        AND ($4::date IS NULL OR (o.opened_at AT TIME ZONE 'Asia/Shanghai')::date <= $4::date)
        AND ($2::uuid IS NULL OR tr.order_id IS NOT NULL OR pl.order_id IS NOT NULL)
      ORDER BY o.opened_at DESC, o.id`;
}

/** A small seeded generator (mulberry32): the same "random" data on every run, so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const addMonths = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};

describe('the order funnel answers exactly as the SQL it replaced', () => {
  let t: TestApp;
  let ds: DataSource;
  let reports: ReportsRepository;
  let today: string;
  let station: string;
  let facility: string;
  let outcomes: OutcomesService;

  /** The stored rows equal the live computation, row by row (one snapshot for both). */
  const expectTableLive = async () => {
    const [stored, live] = await ds.transaction('REPEATABLE READ', async (m) => [
      await outcomes.storedOrders(m),
      await outcomes.liveOrders(m),
    ]);
    expect(stored).toEqual(live);
    expect(await ds.transaction('REPEATABLE READ', (m) => outcomes.orderDrift(m))).toBe(0);
    return stored;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    reports = t.app.get(ReportsRepository);
    today = t.app.get(Clock).today();
    const rand = seeded(1717);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const adminId = await userIdOf(t, 'admin');
    const employer = await organisationOf(t, 'employer');
    station = await newOrganisation(t, { name: '漏斗测试站', type: 'community_station' });
    const otherStation = await newOrganisation(t, { name: '漏斗测试二站', type: 'community_station' });
    facility = await newOrganisation(t, { name: '漏斗测试所', type: 'facility' });
    const occupations = (await t.sql<{ code: string }>(`SELECT code FROM occupation ORDER BY code LIMIT 3`)).map((r) => r.code);
    const [course] = await t.sql<{ id: string }>(`SELECT id FROM course LIMIT 1`);

    // Orders opened over two years (some at 23:30 UTC, the next day in China; a draft never opened), each in one of three occupations.
    const orders: { id: string; occupation: string }[] = [];
    for (let i = 0; i < 14; i++) {
      const occupation = pick(occupations);
      const opened = new Date(Date.now() - Math.floor(rand() * 730) * 86_400_000);
      if (i % 3 === 0) opened.setUTCHours(23, 30, 0, 0);
      const id = await newOrder(t, {
        employerId: employer,
        title: `漏斗订单${i}`,
        occupationCode: occupation,
        state: i === 13 ? 'draft' : pick(['open', 'closed', 'filled'] as const),
        openedAt: i === 13 ? null : opened.toISOString(),
      });
      orders.push({ id, occupation });
    }
    // 订单班: a session or two for most orders, and a session of no order.
    const sessions: { id: string; orderId: string | null }[] = [];
    for (const o of [...orders, { id: null, occupation: '' }]) {
      for (let k = 0; k < (o.id ? pick([0, 1, 1, 2]) : 1); k++) {
        const sessionId = await newCourseSession(t, {
          courseId: course!.id,
          startsOn: daysFrom(-200),
          endsOn: daysFrom(-100),
          capacity: 200,
          orderId: o.id ?? undefined,
        });
        sessions.push({ id: sessionId, orderId: o.id });
      }
    }

    // People at the station (by organisation or by a handover from or to it) and elsewhere.
    for (let i = 0; i < 90; i++) {
      const where = pick(['station', 'station', 'handed_to', 'handed_from', 'other', 'other'] as const);
      const id = await newTrainee(t, {
        organisationId: where === 'station' ? station : where === 'handed_from' ? facility : otherStation,
        state: 'community',
        releasedOn: daysFrom(-Math.floor(rand() * 700) - 30),
      });
      if (where === 'handed_to' || where === 'handed_from')
        await newHandover(t, {
          traineeId: id,
          fromOrganisationId: where === 'handed_from' ? station : facility,
          toOrganisationId: where === 'handed_from' ? facility : station,
          releaseDate: daysFrom(-400),
          createdBy: adminId,
        });
      // Certificates: none, one, or two (sometimes two levels of the same occupation).
      for (let c = 0; c < pick([0, 0, 1, 2]); c++)
        await newCertificate(t, { traineeId: id, occupationCode: pick(occupations), level: pick([3, 4, 5]) });
      // Enrolments in 订单班 of every state, sometimes two in the same order's sessions or twice in one session.
      for (let e = 0; e < pick([0, 0, 1, 2, 3]); e++) {
        const session = pick(sessions);
        await newSessionEnrolment(t, {
          sessionId: session.id,
          traineeId: id,
          createdBy: adminId,
          state: pick(['passed', 'failed', 'withdrawn', 'passed', 'failed']),
        });
      }
      if (rand() < 0.3)
        await newSessionEnrolment(t, {
          sessionId: pick(sessions).id,
          traineeId: id,
          createdBy: adminId,
          state: pick(['enrolled', 'waitlisted']),
        });
      // Placements on distinct orders: suggested, recommended (by someone or from a fair), hired and ended, at most one job not ended;
      // hires on a month's last days (where "+N months" is clamped) as well as any day.
      const onOrders = [...orders].sort(() => rand() - 0.5).slice(0, pick([0, 1, 2, 3]));
      let employed = false;
      for (const o of onOrders) {
        const kind = pick(['suggested', 'recommended', 'fair', 'hired', 'hired', 'hired'] as const);
        if (kind === 'hired') {
          const monthEnd = addMonths(`${today.slice(0, 7)}-01`, -Math.floor(rand() * 12));
          const hiredOn = rand() < 0.4 ? daysFrom(-1 - Math.floor(rand() * 3), monthEnd) : daysFrom(-Math.floor(rand() * 400));
          const ended = employed || rand() < 0.4;
          const endedOn = ended
            ? pick([addMonths(hiredOn, 3), addMonths(hiredOn, 6), daysFrom(Math.floor(rand() * 250) + 1, hiredOn)])
            : null;
          if (!ended) employed = true;
          const placement = await newPlacement(t, {
            orderId: o.id,
            traineeId: id,
            state: 'hired',
            hiredOn,
            endedOn,
            recommendedBy: pick([adminId, null]),
          });
          if (rand() < 0.3) await t.sql(`UPDATE placement SET source = 'fair' WHERE id = $1`, [placement]);
        } else {
          const placement = await newPlacement(t, {
            orderId: o.id,
            traineeId: id,
            state: kind === 'suggested' ? 'suggested' : 'recommended',
            recommendedBy: kind === 'recommended' ? adminId : null,
          });
          if (kind === 'fair') await t.sql(`UPDATE placement SET source = 'fair' WHERE id = $1`, [placement]);
        }
      }
    }
    // The factories write the sources directly, as an import would: the table is then rebuilt (`npm run outcomes:rebuild`).
    outcomes = t.app.get(OutcomesService);
    await outcomes.rebuild(ds, undefined, 37);
  });
  afterAll(() => t.close());

  const reference = (f: FunnelFilter) => ds.query<OrderFunnelRow[]>(referenceSql(f), [f.asOf, f.scopeOrganisationId, f.from, f.to]);

  it('the data exercises every stage (the comparison could fail)', async () => {
    const rows = (await reference({ asOf: today, scopeOrganisationId: null, from: null, to: null })).filter((r) =>
      r.title.startsWith('漏斗订单'),
    );
    const sum = (k: keyof OrderFunnelRow) => rows.reduce((n, r) => n + Number(r[k]), 0);
    expect(rows.length).toBe(13);
    expect(sum('trained')).toBeGreaterThan(sum('certified'));
    expect(sum('certified')).toBeGreaterThan(0);
    expect(sum('recommended')).toBeGreaterThan(0);
    expect(sum('hired')).toBeGreaterThan(sum('eligible_3'));
    expect(sum('eligible_3')).toBeGreaterThan(sum('still_3'));
    expect(sum('eligible_6')).toBeGreaterThan(sum('still_6'));
    expect(sum('still_6')).toBeGreaterThan(0);
    const scoped = (await reference({ asOf: today, scopeOrganisationId: station, from: null, to: null })).filter((r) =>
      r.title.startsWith('漏斗订单'),
    );
    const scopedSum = (k: keyof OrderFunnelRow) => scoped.reduce((n, r) => n + Number(r[k]), 0);
    expect(scopedSum('trained')).toBeGreaterThan(0);
    expect(scopedSum('trained')).toBeLessThan(sum('trained'));
    expect(scopedSum('hired')).toBeGreaterThan(0);
    expect(scopedSum('hired')).toBeLessThan(sum('hired'));
  });

  it('after a rebuild (in batches), the order table equals the live computation, row by row', async () => {
    const rows = await expectTableLive();
    const mine = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM order_outcome x JOIN job_order o ON o.id = x.order_id WHERE o.title LIKE '漏斗订单%'`,
    );
    expect(mine[0]!.n).toBeGreaterThan(50);
    expect(rows.some((r) => r.trained && !r.recommended) && rows.some((r) => r.recommended && !r.trained)).toBe(true);
    // The check sees a changed row (as one missing and one extra, and its order's sums no longer its rows'),
    // and a changed sum — what `npm run outcomes:rebuild -- --check` counts.
    const [row] = rows;
    await expect(
      ds.transaction(async (m) => {
        await m.query(`UPDATE order_outcome SET recommended = NOT recommended WHERE (order_id, trainee_id) = ($1::uuid, $2::uuid)`, [
          row!.order_id,
          row!.trainee_id,
        ]);
        expect(await outcomes.orderDrift(m)).toBe(3);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(
      ds.transaction(async (m) => {
        await m.query(`UPDATE order_outcome_sums SET hired = hired + 1 WHERE order_id = $1::uuid`, [row!.order_id]);
        expect(await outcomes.orderDrift(m)).toBe(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
  });

  it('same rows for everyone, a station and a facility, with and without a window, on several report dates', async () => {
    const year = Number(today.slice(0, 4));
    const asOfs = [today, `${year}-02-28`, `${year - 1}-03-31`, '2024-02-29', `${year - 1}-08-31`, `${today.slice(0, 7)}-01`];
    const windows: [string | null, string | null][] = [
      [null, null],
      [daysFrom(-365), null],
      [null, daysFrom(-200)],
      [daysFrom(-500), daysFrom(-100)],
    ];
    let compared = 0;
    for (const asOf of asOfs)
      for (const scopeOrganisationId of [null, station, facility])
        for (const [from, to] of windows) {
          const f: FunnelFilter = { asOf, scopeOrganisationId, from, to };
          const expected = await reference(f);
          expect({ f, rows: await reports.orderFunnel(f) }).toEqual({ f, rows: expected });
          compared += expected.length;
        }
    expect(compared).toBeGreaterThan(100);
  });

  it('writes through the app keep the order table equal without a rebuild: seats, withdrawal, certificate, recommendation, fair intent, hire, end', async () => {
    const counsellor = (await t.login('counsellor')).token;
    const admin = (await t.login('admin')).token;
    const holder = await organisationOf(t, 'counsellor');
    const [course] = await t.sql<{ id: string; occupation_code: string }>(`SELECT id, occupation_code FROM course ORDER BY id LIMIT 1`);
    const order = await newOrder(t, {
      employerId: await organisationOf(t, 'employer'),
      title: '漏斗写入',
      occupationCode: course!.occupation_code,
      headcount: 5,
    });
    const session = await newCourseSession(t, {
      courseId: course!.id,
      startsOn: daysFrom(-20),
      endsOn: daysFrom(20),
      capacity: 1,
      orderId: order,
    });
    const [a, b, c] = [await newPerson(), await newPerson(), await newPerson()];
    async function newPerson() {
      return newTrainee(t, { organisationId: holder, state: 'pre_release', expectedReleaseOn: daysFrom(20), jobMatchingConsent: true });
    }
    /** This order's funnel row from the table, checked against the live SQL, and the table against the sources. */
    const stages = async () => {
      await expectTableLive();
      const f: FunnelFilter = { asOf: today, scopeOrganisationId: null, from: null, to: null };
      const row = (await reports.orderFunnel(f)).find((r) => r.order_id === order)!;
      expect(row).toEqual((await reference(f)).find((r) => r.order_id === order));
      const { trained, certified, recommended, hired, eligible_3, still_3, eligible_6, still_6 } = row;
      return { trained, certified, recommended, hired, eligible_3, still_3, eligible_6, still_6 };
    };
    const none = { trained: 0, certified: 0, recommended: 0, hired: 0, eligible_3: 0, still_3: 0, eligible_6: 0, still_6: 0 };
    const enrol = (traineeId: string) =>
      t.http().post(`/api/course-sessions/${session}/enrolments`).auth(counsellor, { type: 'bearer' }).send({ traineeId }).expect(201);

    // A takes the only seat: trained (and suggested to the order); B waits.
    const seatA = (await enrol(a)).body;
    expect(seatA.state).toBe('enrolled');
    expect((await enrol(b)).body.state).toBe('waitlisted');
    expect(await stages()).toEqual({ ...none, trained: 1 });

    // A gives the seat back, B takes it: still one trained, now B.
    await t.http().post(`/api/session-enrolments/${seatA.id}/withdrawal`).auth(counsellor, { type: 'bearer' }).expect(200);
    const stored = async (traineeId: string) => (await expectTableLive()).find((r) => r.order_id === order && r.trainee_id === traineeId);
    expect(await stored(a)).toMatchObject({ trained: false, recommended: false });
    expect(await stored(b)).toMatchObject({ trained: true, certified: false });
    expect(await stages()).toEqual({ ...none, trained: 1 });

    // B passes the assessment: a certificate in the order's occupation.
    const [seatB] = await t.sql<{ id: string }>(`SELECT id FROM session_enrolment WHERE session_id = $1 AND trainee_id = $2`, [session, b]);
    await t
      .http()
      .put(`/api/session-enrolments/${seatB!.id}/assessment`)
      .auth(admin, { type: 'bearer' })
      .send({ theoryScore: 90, practicalScore: 90 })
      .expect(200);
    expect(await stages()).toEqual({ ...none, trained: 1, certified: 1 });

    // B's suggestion is recommended to the employer; C arrives by an intent signed at a fair.
    const [suggestion] = await t.sql<{ id: string }>(`SELECT id FROM placement WHERE order_id = $1 AND trainee_id = $2`, [order, b]);
    await t.http().post(`/api/placements/${suggestion!.id}/recommend`).auth(counsellor, { type: 'bearer' }).send({}).expect(200);
    const adminUser = { id: await userIdOf(t, 'admin'), role: 'admin' } as AuthUser;
    await ds.transaction((m) => t.app.get(PlacementsService).acceptFromFair(order, c, adminUser, false, m));
    expect(await stages()).toEqual({ ...none, trained: 1, certified: 1, recommended: 2 });

    // B is hired 200 days ago (counted at 3 and 6 months), and the job ends after 100 days (stayed 3 months, not 6).
    await t.sql(`UPDATE placement SET state = 'offer' WHERE id = $1`, [suggestion!.id]);
    const hiredOn = daysFrom(-200);
    await t.http().post(`/api/placements/${suggestion!.id}/hire`).auth(counsellor, { type: 'bearer' }).send({ hiredOn }).expect(200);
    const hired = { ...none, trained: 1, certified: 1, recommended: 2, hired: 1, eligible_3: 1, still_3: 1, eligible_6: 1, still_6: 1 };
    expect(await stages()).toEqual(hired);
    await t
      .http()
      .post(`/api/placements/${suggestion!.id}/end`)
      .auth(counsellor, { type: 'bearer' })
      .send({ endedOn: daysFrom(100, hiredOn), reason: '合同到期' })
      .expect(200);
    expect(await stages()).toEqual({ ...hired, still_6: 0 });
  });
});
