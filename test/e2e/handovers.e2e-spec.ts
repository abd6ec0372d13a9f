import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

describe('handover at release (必接必送)', () => {
  let t: TestApp;
  let facility: string;
  let facility2: string;
  let station: string;
  let admin: string;
  let today: string;
  let traineeId: string;
  let facilityId: string;
  let haikouStation: string;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    const f = await t.login('counsellor');
    facility = f.token;
    facilityId = f.organisationId;
    facility2 = (await t.login('counsellor2')).token;
    const s = await t.login('station');
    station = s.token;
    haikouStation = s.organisationId;
    admin = (await t.login('admin')).token;
    traineeId = await preRelease('衔接甲', 1);
  });
  afterAll(() => t.close());

  /** A facility-A trainee from 海口, in pre-release (release in 10 days), with no handover yet. */
  async function preRelease(name: string, serial: number): Promise<string> {
    const first17 = `460100198801${String(10 + serial).padStart(2, '0')}${String(500 + serial).padStart(3, '0')}`;
    const res = await t
      .http()
      .post('/api/trainees')
      .auth(facility, { type: 'bearer' })
      .send({
        fullName: name,
        identityNumber: first17 + identityCheckChar(first17),
        homeDivisionCode: '460100',
        admittedOn: addDays(today, -700),
        expectedReleaseOn: addDays(today, 10),
      })
      .expect(201);
    return res.body.id as string;
  }

  it('suggests the station of the trainee’s home division', async () => {
    const res = await t.http().get(`/api/handovers/suggested-station/${traineeId}`).auth(facility, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ organisationId: haikouStation, divisionCode: '460100', divisionName: '海口市' });
  });

  it('goes prepared → sent → accepted → completed; completion releases the trainee to the station, which then holds the file', async () => {
    const bad = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId, releaseDate: 'tomorrow' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const notStation = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId, releaseDate: today, toOrganisationId: facilityId })
      .expect(400);
    expect(notStation.body.code).toBe('NOT_A_STATION');

    const created = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId, releaseDate: today })
      .expect(201);
    expect(created.body).toMatchObject({ state: 'prepared', toOrganisationId: haikouStation, side: 'sender', overdue: false });
    const id = created.body.id as string;
    const again = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId, releaseDate: today })
      .expect(409);
    expect(again.body.code).toBe('HANDOVER_OPEN');

    // The station does not see a prepared handover's trainee yet, nor can it accept before it is sent.
    const early = await t.http().post(`/api/handovers/${id}/accept`).auth(station, { type: 'bearer' }).expect(400);
    expect(early.body.code).toBe('HANDOVER_STATE');
    // Wrong side: the facility cannot accept for the station.
    await t.http().post(`/api/handovers/${id}/send`).auth(facility, { type: 'bearer' }).expect(200);
    const wrongSide = await t.http().post(`/api/handovers/${id}/accept`).auth(facility, { type: 'bearer' }).expect(403);
    expect(wrongSide.body.code).toBe('WRONG_SIDE');

    // Once sent, the receiving station may read the file to prepare, but not change it.
    const file = await t.http().get(`/api/trainees/${traineeId}`).auth(station, { type: 'bearer' }).expect(200);
    expect(file.body.readOnly).toBe(true);
    await t.http().patch(`/api/trainees/${traineeId}`).auth(station, { type: 'bearer' }).send({ phone: '13800000000' }).expect(403);

    await t.http().post(`/api/handovers/${id}/accept`).auth(station, { type: 'bearer' }).expect(200);
    const incomplete = await t
      .http()
      .post(`/api/handovers/${id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({ escortName: '陈指导员' })
      .expect(400);
    expect(incomplete.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['receivingOfficer', 'documents', 'handoverPlace', 'handedOverOn']),
    );
    const done = await t
      .http()
      .post(`/api/handovers/${id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({
        escortName: '陈指导员',
        receivingOfficer: '符社工',
        documents: ['解除强制隔离戒毒证明书', '诊断评估结果'],
        handoverPlace: '海口市社区康复指导站',
        handedOverOn: today,
      })
      .expect(200);
    expect(done.body).toMatchObject({ state: 'completed', escortName: '陈指导员', receivingOfficer: '符社工', handedOverOn: today });

    const now = await t.http().get(`/api/trainees/${traineeId}`).auth(station, { type: 'bearer' }).expect(200);
    expect(now.body).toMatchObject({ state: 'released', organisationId: haikouStation, releasedOn: today, readOnly: false });
    // The facility keeps what it recorded, frozen at the handover: read-only, and not the live record.
    const kept = await t.http().get(`/api/trainees/${traineeId}`).auth(facility, { type: 'bearer' }).expect(200);
    expect(kept.body).toMatchObject({ readOnly: true, state: 'pre_release', organisationId: kept.body.organisationId });
    expect(kept.body.frozenAt).toEqual(expect.any(String));
    expect(kept.body.organisationId).not.toBe(haikouStation);
    await t.http().patch(`/api/trainees/${traineeId}`).auth(station, { type: 'bearer' }).send({ phone: '13911112222' }).expect(200);
    const stillKept = await t.http().get(`/api/trainees/${traineeId}`).auth(facility, { type: 'bearer' }).expect(200);
    expect(stillKept.body.phone).not.toBe('13911112222');
    expect(stillKept.body.frozenAt).toBe(kept.body.frozenAt);
    await t.http().patch(`/api/trainees/${traineeId}`).auth(facility, { type: 'bearer' }).send({ phone: '13800000000' }).expect(403);
    const history = await t.http().get(`/api/trainees/${traineeId}/history`).auth(station, { type: 'bearer' }).expect(200);
    expect(history.body.at(-1)).toMatchObject({ fromState: 'pre_release', toState: 'released' });
    // And the station carries on the lifecycle.
    await t
      .http()
      .post(`/api/trainees/${traineeId}/transitions`)
      .auth(station, { type: 'bearer' })
      .send({ to: 'community', reason: '开始社区康复' })
      .expect(200);
    // A completed handover cannot be completed again.
    await t
      .http()
      .post(`/api/handovers/${id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({ escortName: '陈指导员', receivingOfficer: '符社工', documents: ['x'], handoverPlace: '站', handedOverOn: today })
      .expect(400);
  });

  it('a rejection goes back to the sender with its reason; the sender may prepare a new one', async () => {
    const tid = await preRelease('衔接乙', 2);
    const h = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId: tid, releaseDate: addDays(today, 5) })
      .expect(201);
    await t.http().post(`/api/handovers/${h.body.id}/send`).auth(facility, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/handovers/${h.body.id}/reject`).auth(station, { type: 'bearer' }).send({}).expect(400);
    const rejected = await t
      .http()
      .post(`/api/handovers/${h.body.id}/reject`)
      .auth(station, { type: 'bearer' })
      .send({ reason: '户籍已迁往三亚' })
      .expect(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '户籍已迁往三亚' });
    const outgoing = await t.http().get('/api/handovers?direction=outgoing&state=rejected').auth(facility, { type: 'bearer' }).expect(200);
    expect(outgoing.body.items.map((x: { id: string }) => x.id)).toContain(h.body.id);
    await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId: tid, releaseDate: addDays(today, 5) })
      .expect(201);
  });

  it('a handover not accepted 48 hours after the release date is overdue, for both sides and admins', async () => {
    const tid = await preRelease('衔接丙', 3);
    const h = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId: tid, releaseDate: addDays(today, -3) })
      .expect(201);
    await t.http().post(`/api/handovers/${h.body.id}/send`).auth(facility, { type: 'bearer' }).expect(200);
    for (const token of [facility, station, admin]) {
      const res = await t.http().get('/api/handovers?overdue=true&pageSize=100').auth(token, { type: 'bearer' }).expect(200);
      const mine = res.body.items.find((x: { id: string }) => x.id === h.body.id);
      expect(mine).toMatchObject({ overdue: true });
    }
    const b = await t.http().get('/api/handovers?pageSize=100').auth(facility2, { type: 'bearer' }).expect(200);
    expect(b.body.items.map((x: { id: string }) => x.id)).not.toContain(h.body.id);
    // Accepting clears it.
    await t.http().post(`/api/handovers/${h.body.id}/accept`).auth(station, { type: 'bearer' }).expect(200);
    const after = await t.http().get(`/api/handovers/${h.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(after.body.overdue).toBe(false);
  });

  it('only a trainee still inside can be handed over', async () => {
    const [{ id: tid }] = (await t.sql<{ id: string }>(
      `SELECT id FROM trainee WHERE organisation_id = $1 AND state = 'community' LIMIT 1`,
      [haikouStation],
    )) as [{ id: string }];
    const res = await t
      .http()
      .post('/api/handovers')
      .auth(station, { type: 'bearer' })
      .send({ traineeId: tid, releaseDate: today })
      .expect(400);
    expect(res.body.code).toBe('NOT_INSIDE');
  });
});
