import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { newOrder, newPlacement, organisationOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 再次入所: one person, many admissions. A re-admission opens a new episode on the same record (never a
 * second identity record), moves the file to the admitting facility, ends what belonged to the life
 * outside (planned visits), and the outcome table counts re-admission within 1–3 years of each release.
 */
describe('re-admission (episodes)', () => {
  let t: TestApp;
  let facility: string;
  let facility2: string;
  let facility2Id: string;
  let station: string;
  let employer: string;
  let today: string;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    facility = (await t.login('counsellor')).token;
    const f2 = await t.login('counsellor2');
    facility2 = f2.token;
    facility2Id = f2.organisationId;
    station = (await t.login('station')).token;
    employer = (await t.login('employer')).token;
  });
  afterAll(() => t.close());

  const identity = (n: number) => {
    const first17 = `460100199002${String(10 + n).padStart(2, '0')}${String(700 + n).padStart(3, '0')}`;
    return first17 + identityCheckChar(first17);
  };

  /** A facility-A trainee released today to the 海口 station through a completed handover. */
  async function released(name: string): Promise<{ id: string; identityNumber: string }> {
    const identityNumber = identity(++serial);
    const created = await t
      .http()
      .post('/api/trainees')
      .auth(facility, { type: 'bearer' })
      .send({
        fullName: name,
        identityNumber,
        homeDivisionCode: '460100',
        admittedOn: addDays(today, -700),
        expectedReleaseOn: addDays(today, 5),
      })
      .expect(201);
    const id = created.body.id as string;
    await handOver(facility, id);
    return { id, identityNumber };
  }

  async function handOver(sender: string, traineeId: string): Promise<void> {
    const h = await t.http().post('/api/handovers').auth(sender, { type: 'bearer' }).send({ traineeId, releaseDate: today }).expect(201);
    await t.http().post(`/api/handovers/${h.body.id}/send`).auth(sender, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/handovers/${h.body.id}/accept`).auth(station, { type: 'bearer' }).expect(200);
    await t
      .http()
      .post(`/api/handovers/${h.body.id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({
        escortName: '陈指导员',
        receivingOfficer: '符社工',
        documents: ['诊断评估结果'],
        handoverPlace: '社区康复指导站',
        handedOverOn: today,
      })
      .expect(200);
  }

  const readmit = (token: string, body: Record<string, unknown>) =>
    t.http().post('/api/trainees/readmissions').auth(token, { type: 'bearer' }).send(body);

  it('opens a new episode on the same record: the facility holds the file, planned visits end, done ones stay', async () => {
    const p = await released('再入甲');
    const visits = await t.sql<{ id: string }>(`SELECT id FROM follow_up_visit WHERE trainee_id = $1 ORDER BY months_after`, [p.id]);
    expect(visits.length).toBeGreaterThan(1);
    // The +1 month visit happened (recorded), the rest are still planned.
    await t.sql(`UPDATE follow_up_visit SET state = 'done', visited_on = $2, contact_method = 'phone', recorded_at = now() WHERE id = $1`, [
      visits[0]!.id,
      today,
    ]);
    const people = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trainee`);
    // Life outside: an interview under way, a hire that ended, and a plan whose job goal was dropped.
    const order = await newOrder(t, { employerId: await organisationOf(t, 'employer') });
    const interview = await newPlacement(t, { orderId: order, traineeId: p.id, state: 'interview' });
    await t.sql(`INSERT INTO plan_goal (trainee_id, kind, status) VALUES ($1, 'job', 'dropped')`, [p.id]);

    const res = await readmit(facility2, {
      identityNumber: p.identityNumber.toLowerCase(),
      admittedOn: today,
      expectedReleaseOn: addDays(today, 400),
      reason: 'relapse',
    }).expect(201);
    expect(res.body).toMatchObject({ id: p.id, state: 'admitted', organisationId: facility2Id, admittedOn: today, releasedOn: null });
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trainee`))[0]!.n).toBe(people[0]!.n);

    const episodes = await t.http().get(`/api/trainees/${p.id}/episodes`).auth(facility2, { type: 'bearer' }).expect(200);
    expect(episodes.body).toEqual([
      expect.objectContaining({ number: 1, reason: 'first', releasedOn: today }),
      expect.objectContaining({
        number: 2,
        reason: 'relapse',
        admittedOn: today,
        releasedOn: null,
        expectedReleaseOn: addDays(today, 400),
      }),
    ]);
    // The station no longer follows the person; the facility that released them first reads only its frozen view.
    await t.http().get(`/api/trainees/${p.id}`).auth(station, { type: 'bearer' }).expect(404);
    const left = await t.sql<{ state: string }>(`SELECT state FROM follow_up_visit WHERE trainee_id = $1`, [p.id]);
    expect(left).toEqual([{ state: 'done' }]);
    // The interview is withdrawn without a word the employer could read; the plan is open again, reviewed within two weeks.
    const [placement] = await t.sql<{ state: string; note: string | null }>(`SELECT state, note FROM placement WHERE id = $1`, [interview]);
    expect(placement).toEqual({ state: 'withdrawn', note: null });
    const events = await t.sql<{ to_state: string; note: string | null }>(
      `SELECT to_state, note FROM placement_event WHERE placement_id = $1`,
      [interview],
    );
    expect(events).toEqual([{ to_state: 'withdrawn', note: null }]);
    const goal = await t.sql<{ status: string }>(`SELECT status FROM plan_goal WHERE trainee_id = $1`, [p.id]);
    expect(goal).toEqual([{ status: 'open' }]);
    const review = await t.sql<{ due_on: string }>(`SELECT due_on::text FROM plan_review WHERE trainee_id = $1`, [p.id]);
    expect(review).toEqual([{ due_on: addDays(today, 14) }]);
    const history = await t.http().get(`/api/trainees/${p.id}/history`).auth(facility2, { type: 'bearer' }).expect(200);
    expect(history.body.at(-1)).toMatchObject({ fromState: 'released', toState: 'admitted' });

    // The release it ended counts as re-admitted within 1, 2 and 3 years.
    const outcome = await t.sql<Record<string, unknown>>(
      `SELECT o.readmitted_1, o.readmitted_2, o.readmitted_3, e.number FROM trainee_outcome o JOIN trainee_episode e ON e.id = o.episode_id WHERE o.trainee_id = $1`,
      [p.id],
    );
    expect(outcome).toEqual([{ readmitted_1: true, readmitted_2: true, readmitted_3: true, number: 1 }]);
  });

  it('a second release gets a schedule of its own and a second outcome row', async () => {
    const p = await released('再入乙');
    await readmit(facility2, {
      identityNumber: p.identityNumber,
      admittedOn: today,
      expectedReleaseOn: addDays(today, 3),
      reason: 'violation',
    }).expect(201);
    const file = await t.http().get(`/api/trainees/${p.id}`).auth(facility2, { type: 'bearer' }).expect(200);
    expect(file.body.state).toBe('pre_release');
    await handOver(facility2, p.id);
    const schedules = await t.sql<{ number: number; n: number }>(
      `SELECT e.number, count(*)::int AS n FROM follow_up_visit v JOIN trainee_episode e ON e.id = v.episode_id WHERE v.trainee_id = $1 GROUP BY e.number ORDER BY 1`,
      [p.id],
    );
    expect(schedules.map((s) => s.number)).toEqual([2]);
    expect(schedules[0]!.n).toBeGreaterThan(1);
    const rows = await t.sql<{ number: number; readmitted_1: boolean }>(
      `SELECT e.number, o.readmitted_1 FROM trainee_outcome o JOIN trainee_episode e ON e.id = o.episode_id WHERE o.trainee_id = $1 ORDER BY 1`,
      [p.id],
    );
    expect(rows).toEqual([
      { number: 1, readmitted_1: true },
      { number: 2, readmitted_1: false },
    ]);
    const drift = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT released_on, sum(released) AS r FROM trainee_outcome_daily GROUP BY 1) d
        FULL JOIN (SELECT released_on, count(*) AS r FROM trainee_outcome GROUP BY 1) o USING (released_on)
       WHERE COALESCE(d.r, 0) <> COALESCE(o.r, 0)`,
    );
    expect(drift[0]!.n).toBe(0);
  });

  it('refuses what cannot be a re-admission, each with a message to act on', async () => {
    const p = await released('再入丙');
    const body = { identityNumber: p.identityNumber, admittedOn: today, expectedReleaseOn: addDays(today, 300), reason: 'relapse' };
    expect((await readmit(facility, { ...body, reason: 'first' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await readmit(facility, { ...body, identityNumber: '460100199002101234' }).expect(400)).body.code).toBeDefined();
    expect((await readmit(facility, { ...body, admittedOn: addDays(today, 1) }).expect(400)).body.code).toBe('ADMISSION_IN_FUTURE');
    expect((await readmit(facility, { ...body, admittedOn: addDays(today, -1) }).expect(400)).body.code).toBe('READMISSION_BEFORE_RELEASE');
    expect((await readmit(facility, { ...body, expectedReleaseOn: addDays(today, -1) }).expect(400)).body.code).toBe(
      'RELEASE_BEFORE_ADMISSION',
    );
    const unknown = await readmit(facility, { ...body, identityNumber: identity(17) }).expect(404);
    expect(unknown.body.code).toBe('READMISSION_NO_RECORD');
    expect(unknown.body.message).toMatch(/新建/);
    // Only a facility admits; a station counsellor is refused whatever the number.
    expect((await readmit(station, body).expect(403)).body.code).toBe('FACILITY_ONLY');
    await readmit(employer, body).expect(403);
    await t.http().post('/api/trainees/readmissions').send(body).expect(401);
    // Creating a second record for the same person is refused, pointing at re-admission.
    const dup = await t
      .http()
      .post('/api/trainees')
      .auth(facility, { type: 'bearer' })
      .send({
        fullName: '再入丙',
        identityNumber: p.identityNumber,
        homeDivisionCode: '460100',
        admittedOn: today,
        expectedReleaseOn: addDays(today, 300),
      })
      .expect(409);
    expect(dup.body.message).toMatch(/再次入所/);

    await readmit(facility, body).expect(201);
    const again = await readmit(facility, body).expect(409);
    expect(again.body.code).toBe('READMISSION_STILL_ADMITTED');
    // The refusals wrote nothing: two episodes, one open.
    const eps = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trainee_episode WHERE trainee_id = $1`, [p.id]);
    expect(eps[0]!.n).toBe(2);
  });

  it('two facilities admitting the same person at once: exactly one episode opens', async () => {
    const p = await released('再入丁');
    const body = { identityNumber: p.identityNumber, admittedOn: today, expectedReleaseOn: addDays(today, 300), reason: 'relapse' };
    const answers = await Promise.all([readmit(facility, body), readmit(facility2, body), readmit(facility, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const open = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM trainee_episode WHERE trainee_id = $1 AND released_on IS NULL`,
      [p.id],
    );
    expect(open[0]!.n).toBe(1);
  });

  it('audits the re-admission without the identity number, and keeps episodes from other organisations', async () => {
    const p = await released('再入戊');
    await readmit(facility2, {
      identityNumber: p.identityNumber,
      admittedOn: today,
      expectedReleaseOn: addDays(today, 300),
      reason: 'other',
    }).expect(201);
    const audit = await t.sql<{ detail: unknown }>(`SELECT detail FROM audit_log WHERE action = 'trainee.readmit' AND subject_id = $1`, [
      p.id,
    ]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(p.identityNumber.slice(0, 10));
    // The station that followed the person and an employer learn nothing of the new admission.
    await t.http().get(`/api/trainees/${p.id}/episodes`).auth(station, { type: 'bearer' }).expect(404);
    await t.http().get(`/api/trainees/${p.id}/episodes`).auth(employer, { type: 'bearer' }).expect(403);
    // The facility that released the person the first time sees the episode it knew, not the new one.
    const frozen = await t.http().get(`/api/trainees/${p.id}/episodes`).auth(facility, { type: 'bearer' }).expect(200);
    expect(frozen.body).toEqual([expect.objectContaining({ number: 1 })]);
  });
});
