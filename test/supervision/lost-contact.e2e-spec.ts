import { randomUUID } from 'node:crypto';
import { SupervisionService } from '../../server/src/supervision/supervision.service';
import { daysFrom, newFollowUpVisit, newTrainee, newUser } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

type Outcome = 'unreachable' | 'done' | 'missed';

/**
 * 失联: LOST_CONTACT_ATTEMPTS (default 3) unreachable visits in a row open a case in the same
 * transaction as the record and tell the station heads; a "found" record or a done visit closes it.
 */
describe('supervision: lost contact (失联)', () => {
  let t: TestApp;
  let station: { token: string; org: string; userId: string };
  let sanya: string;
  let head: string;

  /** A person of the 海口 station with `n` planned visits, due on consecutive past months. */
  const personWithVisits = async (n: number, org = station.org, db: TestApp = t) => {
    const id = await newTrainee(db, { organisationId: org, state: 'community', releasedOn: daysFrom(-400) });
    const visits: string[] = [];
    for (let i = 0; i < n; i++)
      visits.push(
        await newFollowUpVisit(db, { traineeId: id, stationId: org, monthsAfter: i + 1, dueOn: daysFrom(-300 + i * 30), state: 'planned' }),
      );
    return { id, visits };
  };

  /** Records visit `i` through the API, on a day that keeps the order of the visits. */
  const record = (visits: string[], i: number, state: Outcome, token = station.token, db: TestApp = t) =>
    db
      .http()
      .post(`/api/follow-ups/${visits[i]}/record`)
      .auth(token, { type: 'bearer' })
      .send({
        clientRef: randomUUID(),
        state,
        visitedOn: daysFrom(-290 + i * 30),
        ...(state === 'done' ? { contactMethod: 'phone' } : {}),
      });

  const openCase = async (traineeId: string, db: TestApp = t) =>
    (
      await db.sql<{ id: string; attempts: number; since: string; found_on: string | null }>(
        `SELECT id, attempts, since::text AS since, found_on::text AS found_on FROM lost_contact WHERE trainee_id = $1 ORDER BY created_at`,
        [traineeId],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    const s = await t.login('station');
    station = { token: s.token, org: s.organisationId, userId: s.userId };
    sanya = (await t.login('station-460200')).token;
    // A station head of the 海口 station (the permission the overdue escalation uses too).
    head = (await newUser(t, { organisationId: station.org, username: 'haikou-head' })).id;
    await t.sql(`UPDATE app_user SET permissions = '{station.head}' WHERE id = $1`, [head]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 without a token and 403 to employers and trainees', async () => {
    await t.http().get('/api/lost-contacts').expect(401);
    for (const who of ['employer', 'trainee']) {
      const { token } = await t.login(who);
      await t.http().get('/api/lost-contacts').auth(token, { type: 'bearer' }).expect(403);
      await t
        .http()
        .post(`/api/lost-contacts/${randomUUID()}/found`)
        .auth(token, { type: 'bearer' })
        .send({ foundOn: daysFrom(-1), contactMethod: 'phone' })
        .expect(403);
    }
  });

  it('opens no case after N−1 unreachable attempts, and one after N, telling the station heads', async () => {
    const p = await personWithVisits(4);
    await record(p.visits, 0, 'unreachable').expect(200);
    await record(p.visits, 1, 'unreachable').expect(200);
    expect(await openCase(p.id)).toBeUndefined();
    await record(p.visits, 2, 'unreachable').expect(200);
    const c = await openCase(p.id);
    expect(c).toMatchObject({ attempts: 3, since: daysFrom(-290), found_on: null });
    const notes = await t.sql<{ title_zh: string; link: string }>(
      `SELECT title_zh, link FROM notification WHERE user_id = $1 AND kind = 'supervision.lost_contact'`,
      [head],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.link).toBe('/follow-ups/lost-contacts');
    // An ordinary counsellor of the station is not a head: not told.
    const [plain] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'supervision.lost_contact'`,
      [station.userId],
    );
    expect(plain!.n).toBe(0);
    // The station lists it; a fourth attempt counts on the same case, no second notice.
    const list = await t.http().get('/api/lost-contacts').auth(station.token, { type: 'bearer' }).expect(200);
    expect(list.body.items.find((x: { traineeId: string }) => x.traineeId === p.id)).toMatchObject({
      attempts: 3,
      escalated: true,
      foundOn: null,
    });
    await record(p.visits, 3, 'unreachable').expect(200);
    expect((await openCase(p.id))!.attempts).toBe(4);
    const [{ n }] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM lost_contact WHERE trainee_id = $1`, [p.id])) as [
      { n: number },
    ];
    expect(n).toBe(1);
    expect(await t.app.get(SupervisionService).lostContactTraineeIds(station.org)).toContain(p.id);
  });

  it('a done visit in between breaks the run; a missed one neither counts nor breaks it', async () => {
    const p = await personWithVisits(5);
    await record(p.visits, 0, 'unreachable').expect(200);
    await record(p.visits, 1, 'unreachable').expect(200);
    await record(p.visits, 2, 'done').expect(200);
    await record(p.visits, 3, 'unreachable').expect(200);
    expect(await openCase(p.id)).toBeUndefined();
    const q = await personWithVisits(4);
    await record(q.visits, 0, 'unreachable').expect(200);
    await record(q.visits, 1, 'missed').expect(200);
    await record(q.visits, 2, 'unreachable').expect(200);
    expect(await openCase(q.id)).toBeUndefined();
    await record(q.visits, 3, 'unreachable').expect(200);
    expect((await openCase(q.id))!.attempts).toBe(3);
  });

  it('found: checks its input (400), closes the case, and a second time is a 409', async () => {
    const p = await personWithVisits(3);
    for (let i = 0; i < 3; i++) await record(p.visits, i, 'unreachable').expect(200);
    const c = (await openCase(p.id))!;
    const found = (body: Record<string, unknown>, token = station.token) =>
      t.http().post(`/api/lost-contacts/${c.id}/found`).auth(token, { type: 'bearer' }).send(body);
    await found({ foundOn: daysFrom(-1), contactMethod: 'carrier_pigeon' }).expect(400);
    await found({ foundOn: 'yesterday', contactMethod: 'phone' }).expect(400);
    const future = await found({ foundOn: daysFrom(3), contactMethod: 'phone' }).expect(400);
    expect(future.body.code).toBe('FOUND_DATE_INVALID');
    const early = await found({ foundOn: daysFrom(-1, c.since), contactMethod: 'phone' }).expect(400);
    expect(early.body).toMatchObject({ code: 'FOUND_DATE_INVALID', params: { since: c.since } });
    // Another station's counsellor: 404, as if there were no such case.
    await found({ foundOn: daysFrom(-1), contactMethod: 'phone' }, sanya).expect(404);
    await t.http().post(`/api/lost-contacts/not-a-uuid/found`).auth(station.token, { type: 'bearer' }).send({}).expect(400);

    const ok = await found({ foundOn: daysFrom(-1), contactMethod: 'home_visit', note: '在亲戚家找到' }).expect(200);
    expect(ok.body).toMatchObject({ id: c.id, foundOn: daysFrom(-1), foundMethod: 'home_visit', traineeId: p.id });
    const again = await found({ foundOn: daysFrom(-1), contactMethod: 'phone' }).expect(409);
    expect(again.body.code).toBe('LOST_CONTACT_CLOSED');
    const list = await t.http().get('/api/lost-contacts').auth(station.token, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expect(await t.app.get(SupervisionService).lostContactTraineeIds(station.org)).not.toContain(p.id);
  });

  it('a done visit recorded afterwards closes the case by itself', async () => {
    const p = await personWithVisits(4);
    for (let i = 0; i < 3; i++) await record(p.visits, i, 'unreachable').expect(200);
    expect((await openCase(p.id))!.found_on).toBeNull();
    await record(p.visits, 3, 'done').expect(200);
    expect((await openCase(p.id))!.found_on).toBe(daysFrom(-290 + 3 * 30));
  });

  it('another station sees none of the station’s cases; admins see them all', async () => {
    const list = await t.http().get('/api/lost-contacts?pageSize=100').auth(sanya, { type: 'bearer' }).expect(200);
    const mine = await t.sql<{ id: string }>(`SELECT id FROM lost_contact WHERE station_id = $1`, [station.org]);
    for (const { id } of mine) expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const { token } = await t.login('admin');
    const all = await t.http().get('/api/lost-contacts?pageSize=100').auth(token, { type: 'bearer' }).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(1);
  });

  it('the demo has one person lost and found again (a closed case)', async () => {
    const rows = await t.sql<{ found_on: string | null }>(`SELECT found_on::text AS found_on FROM lost_contact WHERE note IS NOT NULL`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.found_on !== null)).toBe(true);
  });

  describe('with LOST_CONTACT_ATTEMPTS=2', () => {
    let t2: TestApp;
    let token: string;
    let org: string;

    beforeAll(async () => {
      t2 = await createTestApp({ LOST_CONTACT_ATTEMPTS: '2' });
      const s = await t2.login('station');
      token = s.token;
      org = s.organisationId;
    });

    afterAll(async () => {
      await t2?.close();
    });

    it('opens the case after two unreachable attempts', async () => {
      const p = await personWithVisits(2, org, t2);
      await record(p.visits, 0, 'unreachable', token, t2).expect(200);
      expect(await openCase(p.id, t2)).toBeUndefined();
      await record(p.visits, 1, 'unreachable', token, t2).expect(200);
      expect((await openCase(p.id, t2))!.attempts).toBe(2);
    });
  });
});
