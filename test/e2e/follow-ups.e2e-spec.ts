import { randomUUID } from 'node:crypto';
import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { FollowUpsService } from '../../server/src/follow-ups/follow-ups.service';
import { daysFrom, newFollowUpVisit, newTrainee, organisationOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Keys that carry abstinence, anywhere in a body. */
const keysOf = (value: unknown, out: string[] = []): string[] => {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysOf(v, out);
    }
  return out;
};

describe('follow-ups (回访): schedule at release, visits, offline replays, escalation, abstinence kept to the station', () => {
  let t: TestApp;
  let facility: string;
  let station: string;
  let admin: string;
  let today: string;
  let clock: Clock;
  let traineeId: string;

  /** 回访甲's schedule, as the station lists it (made when the handover in `beforeAll` was completed). */
  const schedule = async (): Promise<{ id: string; monthsAfter: number; dueOn: string }[]> =>
    (await t.http().get(`/api/follow-ups?view=all&traineeId=${traineeId}`).auth(station, { type: 'bearer' }).expect(200)).body.items;

  /**
   * A person released a month ago, now held by the station, whose +1 visit the station has just recorded
   * through the API, abstinence tested (recording answers with the visit: one audited read).
   */
  const visitRecordedWithAbstinence = async () => {
    const person = await newTrainee(t, {
      organisationId: await organisationOf(t, 'station'),
      state: 'released',
      releasedOn: daysFrom(-31),
    });
    const visitId = await newFollowUpVisit(t, {
      traineeId: person,
      stationId: await organisationOf(t, 'station'),
      monthsAfter: 1,
      dueOn: daysFrom(-1),
      state: 'planned',
    });
    await t
      .http()
      .post(`/api/follow-ups/${visitId}/record`)
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
    return { traineeId: person, visitId };
  };

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
    facility = (await t.login('counsellor')).token;
    station = (await t.login('station')).token;
    admin = (await t.login('admin')).token;
    const first17 = `46010019900303${'777'}`;
    traineeId = (
      await t
        .http()
        .post('/api/trainees')
        .auth(facility, { type: 'bearer' })
        .send({
          fullName: '回访甲',
          identityNumber: first17 + identityCheckChar(first17),
          homeDivisionCode: '460100',
          admittedOn: addDays(today, -700),
          expectedReleaseOn: addDays(today, 5),
          phone: '13912345678',
        })
        .expect(201)
    ).body.id;
    const h = await t.http().post('/api/handovers').auth(facility, { type: 'bearer' }).send({ traineeId, releaseDate: today }).expect(201);
    await t.http().post(`/api/handovers/${h.body.id}/send`).auth(facility, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/handovers/${h.body.id}/accept`).auth(station, { type: 'bearer' }).expect(200);
    await t
      .http()
      .post(`/api/handovers/${h.body.id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({
        escortName: '陈指导员',
        receivingOfficer: '符社工',
        documents: ['解除强制隔离戒毒证明书'],
        handoverPlace: '海口市社区康复指导站',
        handedOverOn: today,
      })
      .expect(200);
  });
  afterAll(() => {
    clock.travelTo(new Date());
    return t.close();
  });

  it('completing the handover made the schedule: +1, +3, +6, +12, +24, +36 months, assigned at the station', async () => {
    const res = await t.http().get(`/api/follow-ups?view=all&traineeId=${traineeId}`).auth(station, { type: 'bearer' }).expect(200);
    const visits: { id: string; monthsAfter: number; dueOn: string }[] = res.body.items;
    expect(visits.map((v) => v.monthsAfter)).toEqual([1, 3, 6, 12, 24, 36]);
    const oneMonth = new Date(`${today}T00:00:00Z`);
    oneMonth.setUTCMonth(oneMonth.getUTCMonth() + 1);
    expect(visits[0]!.dueOn).toBe(oneMonth.toISOString().slice(0, 10));
    expect(res.body.items.every((v: { assignedName: string | null; state: string }) => v.assignedName && v.state === 'planned')).toBe(true);
    // The facility that released them sees none of the station's visits.
    const fac = await t.http().get(`/api/follow-ups?view=all&traineeId=${traineeId}`).auth(facility, { type: 'bearer' }).expect(200);
    expect(fac.body.items).toEqual([]);
    await t.http().get('/api/follow-ups').expect(401);
    await t.http().get('/api/follow-ups?view=soon').auth(station, { type: 'bearer' }).expect(400);
  });

  it('records a visit once: a replay with the same clientRef returns it, another record is refused', async () => {
    const v = (await schedule())[0]!;
    const body = {
      clientRef: randomUUID(),
      state: 'done',
      visitedOn: today,
      contactMethod: 'home_visit',
      employmentStatus: 'employed',
      employerName: '海口椰风酒店',
      employmentConfirmed: false,
      incomeBand: '4000_5999',
      supportNeeds: '需要办理社保',
      nextSteps: '下月电话回访',
      abstinence: { status: 'abstinent', basis: 'test_verified' },
    };
    await t
      .http()
      .post(`/api/follow-ups/${v.id}/record`)
      .auth(station, { type: 'bearer' })
      .send({ ...body, visitedOn: addDays(today, 2) })
      .expect(400);
    const noMethod = await t
      .http()
      .post(`/api/follow-ups/${v.id}/record`)
      .auth(station, { type: 'bearer' })
      .send({ ...body, contactMethod: undefined })
      .expect(400);
    expect(noMethod.body.code).toBe('CONTACT_METHOD_REQUIRED');
    await t
      .http()
      .post(`/api/follow-ups/${v.id}/record`)
      .auth(station, { type: 'bearer' })
      .send({ ...body, abstinence: { status: 'clean' } })
      .expect(400);
    const first = await t.http().post(`/api/follow-ups/${v.id}/record`).auth(station, { type: 'bearer' }).send(body).expect(200);
    expect(first.body).toMatchObject({
      state: 'done',
      employmentStatus: 'employed',
      abstinence: { status: 'abstinent', basis: 'test_verified' },
    });
    const replay = await t.http().post(`/api/follow-ups/${v.id}/record`).auth(station, { type: 'bearer' }).send(body).expect(200);
    expect(replay.body).toEqual(first.body);
    const other = await t
      .http()
      .post(`/api/follow-ups/${v.id}/record`)
      .auth(station, { type: 'bearer' })
      .send({ ...body, clientRef: randomUUID() })
      .expect(409);
    expect(other.body.code).toBe('ALREADY_RECORDED');
    const [{ n }] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM follow_up_abstinence WHERE visit_id = $1`, [v.id])) as [
      { n: number },
    ];
    expect(n).toBe(1);
  });

  it('abstinence never reaches anyone but the station, not even as an empty key, and every read is audited', async () => {
    const { traineeId, visitId } = await visitRecordedWithAbstinence();
    const v = { id: visitId };
    const adminView = await t.http().get(`/api/follow-ups/${v.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(keysOf(adminView.body).filter((k) => /abstinen|relapse/i.test(k))).toEqual([]);
    expect(JSON.stringify(adminView.body)).not.toContain('abstinent');
    const adminList = await t.http().get('/api/follow-ups?view=all').auth(admin, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(adminList.body)).not.toMatch(/abstinen/);
    const stationList = await t.http().get('/api/follow-ups?view=all').auth(station, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(stationList.body)).not.toMatch(/abstinen/);
    for (const who of ['counsellor', 'counsellor2', 'instructor', 'employer', 'trainee']) {
      const tok = (await t.login(who)).token;
      const res = await t.http().get(`/api/follow-ups/${v.id}`).auth(tok, { type: 'bearer' });
      expect({ who, status: res.status }).toEqual({ who, status: ['counsellor', 'counsellor2'].includes(who) ? 404 : 403 });
      expect(JSON.stringify(res.body)).not.toMatch(/abstinen/);
    }
    const [{ n }] = (await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'follow_up.read' AND subject_id = $1`,
      [traineeId],
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('reassigns within the station only', async () => {
    const v = (await schedule())[1]!;
    const [other] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'counsellor'`);
    const bad = await t
      .http()
      .post(`/api/follow-ups/${v.id}/assignment`)
      .auth(station, { type: 'bearer' })
      .send({ userId: other!.id })
      .expect(400);
    expect(bad.body.code).toBe('NOT_STATION_COUNSELLOR');
    const [me] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'station'`);
    const ok = await t
      .http()
      .post(`/api/follow-ups/${v.id}/assignment`)
      .auth(station, { type: 'bearer' })
      .send({ userId: me!.id })
      .expect(200);
    expect(ok.body.assignedUserId).toBe(me!.id);
  });

  it('escalates a visit overdue by more than a week to the station head and admins, once', async () => {
    const [head] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'station'`);
    // Permissions are the security administrator's to grant (三权分立).
    const security = (await t.login('security')).token;
    await t
      .http()
      .put(`/api/users/${head!.id}/permissions`)
      .auth(security, { type: 'bearer' })
      .send({ permissions: ['station.head'], reason: '站长任命' })
      .expect(200);
    const v = (await schedule())[1]!;
    const service = t.app.get(FollowUpsService);
    clock.travelTo(new Date(`${addDays(v.dueOn, 5)}T10:00:00+08:00`));
    await service.escalateOverdue();
    const before = await t.sql(`SELECT 1 FROM notification WHERE dedupe_key = $1`, [`follow_up.overdue:${v.id}`]);
    expect(before).toHaveLength(0);
    clock.travelTo(new Date(`${addDays(v.dueOn, 9)}T10:00:00+08:00`));
    expect(await service.escalateOverdue()).toBeGreaterThan(0);
    await service.escalateOverdue();
    const sent = await t.sql<{ user_id: string }>(`SELECT user_id FROM notification WHERE dedupe_key = $1`, [`follow_up.overdue:${v.id}`]);
    const admins = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE role = 'admin'`);
    expect(sent.map((s) => s.user_id).sort()).toEqual([head!.id, ...admins.map((a) => a.id)].sort());
    const due = await t.http().get('/api/follow-ups?view=due').auth(station, { type: 'bearer' }).expect(200);
    const mine = due.body.items.find((x: { id: string }) => x.id === v.id);
    expect(mine).toMatchObject({ escalated: true });
    expect(mine.daysOverdue).toBe(9);
    clock.travelTo(new Date());
  });
});
