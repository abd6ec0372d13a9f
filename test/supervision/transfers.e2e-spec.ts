import { daysFrom, newFollowUpVisit, newTrainee, organisationOf, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * 转移监管: a released person moves from one community station to another. The sending station asks,
 * the receiving one accepts (person, planned visits and open lost-contact case move in one
 * transaction; the sender loses access at once) or rejects; the sender may cancel while it is open.
 */
describe('supervision: transfers between community stations', () => {
  let t: TestApp;
  /** 海口 station (the demo `station` account) and 三亚 station (`station-460200`). */
  let haikou: { token: string; org: string; userId: string };
  let sanya: { token: string; org: string; userId: string };
  let facility: { token: string; org: string };
  let admin: string;

  /** A person released to the 海口 station: two visits done (history), two planned. */
  const releasedPerson = async (name: string) => {
    const id = await newTrainee(t, { organisationId: haikou.org, state: 'community', releasedOn: daysFrom(-200), fullName: name });
    const done1 = await newFollowUpVisit(t, { traineeId: id, stationId: haikou.org, monthsAfter: 1, dueOn: daysFrom(-170), state: 'done' });
    const done3 = await newFollowUpVisit(t, { traineeId: id, stationId: haikou.org, monthsAfter: 3, dueOn: daysFrom(-110), state: 'done' });
    const planned6 = await newFollowUpVisit(t, {
      traineeId: id,
      stationId: haikou.org,
      monthsAfter: 6,
      dueOn: daysFrom(-5),
      state: 'planned',
    });
    const planned12 = await newFollowUpVisit(t, {
      traineeId: id,
      stationId: haikou.org,
      monthsAfter: 12,
      dueOn: daysFrom(160),
      state: 'planned',
    });
    return { id, done: [done1, done3], planned: [planned6, planned12] };
  };

  const request = (traineeId: string, body: Record<string, unknown> = {}, token = haikou.token) =>
    t
      .http()
      .post('/api/transfers')
      .auth(token, { type: 'bearer' })
      .send({ traineeId, toStationId: sanya.org, reason: 'moved_home', note: '随家人迁居三亚', ...body });

  const step = (id: string, what: 'accept' | 'reject' | 'cancel', token: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/transfers/${id}/${what}`).auth(token, { type: 'bearer' }).send(body);

  const notices = (userId: string, kind: string) =>
    t.sql<{ title_zh: string; link: string }>(
      `SELECT title_zh, link FROM notification WHERE user_id = $1 AND kind = $2 ORDER BY created_at`,
      [userId, kind],
    );

  beforeAll(async () => {
    t = await createTestApp();
    const h = await t.login('station');
    haikou = { token: h.token, org: h.organisationId, userId: h.userId };
    const s = await t.login('station-460200');
    sanya = { token: s.token, org: s.organisationId, userId: s.userId };
    const f = await t.login('counsellor');
    facility = { token: f.token, org: f.organisationId };
    admin = (await t.login('admin')).token;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 without a token', async () => {
    const res = await t.http().get('/api/transfers');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad input with 400: unknown reason, missing station, a note too long, a bad id', async () => {
    const p = await releasedPerson('转移甲');
    for (const body of [{ reason: 'jail' }, { toStationId: undefined }, { toStationId: 'not-a-uuid' }, { note: 'x'.repeat(501) }]) {
      const res = await request(p.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    await t.http().get('/api/transfers/not-a-uuid').auth(haikou.token, { type: 'bearer' }).expect(400);
    await t.http().get('/api/transfers?pageSize=1000').auth(haikou.token, { type: 'bearer' }).expect(400);
  });

  it('refuses a transfer to the station itself or to a facility (400), and of a person not released (400)', async () => {
    const p = await releasedPerson('转移乙');
    const self = await request(p.id, { toStationId: haikou.org }).expect(400);
    expect(self.body.code).toBe('TRANSFER_TO_SELF');
    const toFacility = await request(p.id, { toStationId: facility.org }).expect(400);
    expect(toFacility.body.code).toBe('NOT_A_STATION');
    // A person still inside a facility is the facility's, and no station supervises them yet.
    const inside = await newTrainee(t, { organisationId: facility.org, state: 'admitted' });
    const res = await request(inside, { toStationId: sanya.org }, facility.token).expect(400);
    expect(res.body.code).toBe('TRANSFER_NOT_RELEASED');
    expect(res.body.messageEn).toMatch(/released/);
  });

  it('another station cannot ask to move someone it does not hold (404)', async () => {
    const p = await releasedPerson('转移丙');
    const res = await request(p.id, { toStationId: haikou.org }, sanya.token);
    expect(res.status).toBe(404);
  });

  it('request → accept: the person and their planned visits move; the old station gets 404 at once', async () => {
    const p = await releasedPerson('转移丁');
    const created = await request(p.id).expect(201);
    expect(created.body).toMatchObject({
      traineeId: p.id,
      fromStationId: haikou.org,
      toStationId: sanya.org,
      state: 'requested',
      reason: 'moved_home',
      side: 'sender',
    });
    const id = created.body.id as string;
    // One open request per person.
    const again = await request(p.id).expect(409);
    expect(again.body.code).toBe('TRANSFER_OPEN');
    // The receiving station was asked, and sees it as incoming.
    expect((await notices(sanya.userId, 'supervision.transfer_requested')).map((n) => n.link)).toContain('/follow-ups/transfers');
    const incoming = await t.http().get('/api/transfers?direction=incoming').auth(sanya.token, { type: 'bearer' }).expect(200);
    expect(incoming.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({ side: 'receiver', state: 'requested' });
    const outgoing = await t.http().get('/api/transfers?direction=outgoing').auth(haikou.token, { type: 'bearer' }).expect(200);
    expect(outgoing.body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(outgoing.body).toMatchObject({ page: 1, pageSize: 20 });
    // The sender cannot accept its own request.
    const wrong = await step(id, 'accept', haikou.token).expect(403);
    expect(wrong.body.code).toBe('WRONG_SIDE');

    const accepted = await step(id, 'accept', sanya.token).expect(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', side: 'receiver' });
    expect(accepted.body.decidedAt).not.toBeNull();

    const [trainee] = await t.sql<{ organisation_id: string; state: string }>(`SELECT organisation_id, state FROM trainee WHERE id = $1`, [
      p.id,
    ]);
    expect(trainee).toEqual({ organisation_id: sanya.org, state: 'community' });
    const visits = await t.sql<{ id: string; station_id: string; assigned_user_id: string | null; state: string }>(
      `SELECT id, station_id, assigned_user_id, state FROM follow_up_visit WHERE trainee_id = $1 ORDER BY months_after`,
      [p.id],
    );
    for (const v of visits.filter((x) => x.state === 'planned'))
      expect(v).toMatchObject({ station_id: sanya.org, assigned_user_id: sanya.userId });
    // The new station reads the person and their planned visits; the sending station hears of it.
    await t.http().get(`/api/trainees/${p.id}`).auth(sanya.token, { type: 'bearer' }).expect(200);
    await t.http().get(`/api/follow-ups/${p.planned[0]}`).auth(sanya.token, { type: 'bearer' }).expect(200);
    expect(await notices(haikou.userId, 'supervision.transfer_accepted')).toHaveLength(1);

    // The old station lost the person at once: the file, their planned visits and the transfer itself are 404.
    await t.http().get(`/api/trainees/${p.id}`).auth(haikou.token, { type: 'bearer' }).expect(404);
    await t.http().get(`/api/follow-ups/${p.planned[0]}`).auth(haikou.token, { type: 'bearer' }).expect(404);
    await t.http().get(`/api/transfers/${id}`).auth(haikou.token, { type: 'bearer' }).expect(404);
    await step(id, 'cancel', haikou.token).expect(404);
    const list = await t.http().get('/api/transfers').auth(haikou.token, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    // Nor can it ask to move them again.
    await request(p.id, { toStationId: sanya.org }).expect(404);

    // Accepting twice is a state conflict with a clear message.
    const twice = await step(id, 'accept', sanya.token).expect(409);
    expect(twice.body).toMatchObject({ code: 'TRANSFER_STATE', params: { state: 'accepted' } });
  });

  it('request → reject: the sender hears the coded reason; nothing moves; a rejected request cannot be cancelled', async () => {
    const p = await releasedPerson('转移戊');
    const { body } = await request(p.id, { reason: 'work' }).expect(201);
    await step(body.id, 'reject', sanya.token, { reason: '他们不在本区' }).expect(400);
    await step(body.id, 'reject', haikou.token, { reason: 'not_in_area' }).expect(403);
    const rejected = await step(body.id, 'reject', sanya.token, { reason: 'not_in_area' }).expect(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: 'not_in_area' });
    expect(await notices(haikou.userId, 'supervision.transfer_rejected')).toHaveLength(1);
    const [trainee] = await t.sql<{ organisation_id: string }>(`SELECT organisation_id FROM trainee WHERE id = $1`, [p.id]);
    expect(trainee!.organisation_id).toBe(haikou.org);
    const cancel = await step(body.id, 'cancel', haikou.token).expect(409);
    expect(cancel.body.code).toBe('TRANSFER_STATE');
    // A new request may be made after a rejection.
    await request(p.id).expect(201);
  });

  it('request → cancel: only the sender cancels; an accept afterwards is a 409', async () => {
    const p = await releasedPerson('转移己');
    const { body } = await request(p.id).expect(201);
    const wrong = await step(body.id, 'cancel', sanya.token).expect(403);
    expect(wrong.body.code).toBe('WRONG_SIDE');
    const cancelled = await step(body.id, 'cancel', haikou.token).expect(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(await notices(sanya.userId, 'supervision.transfer_cancelled')).not.toHaveLength(0);
    await step(body.id, 'accept', sanya.token).expect(409);
  });

  it('an accept racing a cancel: exactly one wins, and the person is where the winner says', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await releasedPerson(`转移竞争${round}`);
      const { body } = await request(p.id).expect(201);
      const [a, c] = await Promise.all([step(body.id, 'accept', sanya.token), step(body.id, 'cancel', haikou.token)]);
      const statuses = [a.status, c.status].sort();
      // The cancel may also find the transfer already accepted and no longer its own (404).
      expect([
        [200, 409],
        [200, 404],
      ]).toContainEqual(statuses);
      const [row] = await t.sql<{ state: string }>(`SELECT state FROM station_transfer WHERE id = $1`, [body.id]);
      const [trainee] = await t.sql<{ organisation_id: string }>(`SELECT organisation_id FROM trainee WHERE id = $1`, [p.id]);
      const planned = await t.sql<{ station_id: string }>(
        `SELECT station_id FROM follow_up_visit WHERE trainee_id = $1 AND state = 'planned'`,
        [p.id],
      );
      if (a.status === 200) {
        expect(row!.state).toBe('accepted');
        expect(trainee!.organisation_id).toBe(sanya.org);
        expect(new Set(planned.map((v) => v.station_id))).toEqual(new Set([sanya.org]));
      } else {
        expect(row!.state).toBe('cancelled');
        expect(trainee!.organisation_id).toBe(haikou.org);
        expect(new Set(planned.map((v) => v.station_id))).toEqual(new Set([haikou.org]));
      }
    }
  });

  it('another organisation gets 404 on every transfer route; employers and trainees get 403; admins read', async () => {
    const p = await releasedPerson('转移庚');
    const { body } = await request(p.id).expect(201);
    for (const [method, path, payload] of [
      ['get', `/api/transfers/${body.id}`, {}],
      ['post', `/api/transfers/${body.id}/accept`, {}],
      ['post', `/api/transfers/${body.id}/reject`, { reason: 'other' }],
      ['post', `/api/transfers/${body.id}/cancel`, {}],
    ] as const) {
      const res = await t.http()[method](path).auth(facility.token, { type: 'bearer' }).send(payload);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const facilityList = await t.http().get('/api/transfers').auth(facility.token, { type: 'bearer' }).expect(200);
    expect(facilityList.body.items.map((x: { id: string }) => x.id)).not.toContain(body.id);

    const employer = (await t.login('employer')).token;
    const trainee = (await t.login('trainee')).token;
    for (const token of [employer, trainee]) {
      await t.http().get('/api/transfers').auth(token, { type: 'bearer' }).expect(403);
      await request(p.id, {}, token).expect(403);
      await step(body.id, 'accept', token).expect(403);
    }
    const read = await t.http().get(`/api/transfers/${body.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(read.body.side).toBe('admin');
    await step(body.id, 'accept', admin).expect(403);
  });

  /**
   * The history (done visits) keeps the station that made it, and the follow-ups policy reads visits
   * by `follow_up_visit.station_id`: until that rule reads by the station holding the person now
   * (see the supervision report), the new station cannot read the history and the old one still can.
   * `it.failing`: when the policy is changed jest reports these, and `.failing` must be removed.
   */
  describe('the history after an accepted transfer (waits on the follow-ups policy)', () => {
    let moved: Awaited<ReturnType<typeof releasedPerson>>;
    beforeAll(async () => {
      moved = await releasedPerson('转移历史');
      const { body } = await request(moved.id).expect(201);
      await step(body.id, 'accept', sanya.token).expect(200);
    });

    it('the new station reads the done visits', async () => {
      await t.http().get(`/api/follow-ups/${moved.done[0]}`).auth(sanya.token, { type: 'bearer' }).expect(200);
    });

    it('the old station no longer reads them', async () => {
      await t.http().get(`/api/follow-ups/${moved.done[0]}`).auth(haikou.token, { type: 'bearer' }).expect(404);
    });
  });

  it('audits who read which transfer', async () => {
    const p = await releasedPerson('转移辛');
    const { body } = await request(p.id).expect(201);
    await t.http().get(`/api/transfers/${body.id}`).auth(sanya.token, { type: 'bearer' }).expect(200);
    const rows = await t.sql<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 AND actor_id = $2`, [
      p.id,
      await userIdOf(t, 'station-460200'),
    ]);
    expect(rows.map((r) => r.action)).toContain('transfer.read');
  });

  it('the demo has one accepted transfer (三亚 → 儋州) whose person is held by the receiving station', async () => {
    const rows = await t.sql<{ holder: string; to_station_id: string }>(
      `SELECT t.organisation_id AS holder, x.to_station_id FROM station_transfer x JOIN trainee t ON t.id = x.trainee_id
        WHERE x.state = 'accepted' AND x.requested_by = $1`,
      [await userIdOf(t, 'station-460200')],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.holder).toBe(rows[0]!.to_station_id);
    expect(await organisationOf(t, 'station-460400')).toBe(rows[0]!.to_station_id);
  });
});
