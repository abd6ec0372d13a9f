import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Creates `n` trainees of the token's organisation through the API and returns their ids. */
async function makeTrainees(t: TestApp, token: string, n: number, prefix: string, serialBase: number): Promise<string[]> {
  const today = t.app.get(Clock).today();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = serialBase + i;
    const first17 = `460100${1970 + (s % 30)}${String(1 + (s % 12)).padStart(2, '0')}${String(1 + (Math.floor(s / 12) % 28)).padStart(2, '0')}${String(s % 1000).padStart(3, '0')}`;
    const res = await t
      .http()
      .post('/api/trainees')
      .auth(token, { type: 'bearer' })
      .send({
        fullName: `${prefix}${i}`,
        identityNumber: first17 + identityCheckChar(first17),
        homeDivisionCode: '460100',
        admittedOn: addDays(today, -100),
        expectedReleaseOn: addDays(today, 300),
      });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.id as string);
  }
  return ids;
}

describe('bulk enrolment from the caseload (issue 12)', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  let counsellor2: string;
  let instructorId: string;
  let today: string;
  let courseId: string;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    counsellor = (await t.login('counsellor')).token;
    counsellor2 = (await t.login('counsellor2')).token;
    instructorId = (await t.login('instructor')).userId;
    const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
    courseId = (
      await t
        .http()
        .post('/api/courses')
        .auth(admin, { type: 'bearer' })
        .send({ title: '电工（五级）', occupationCode: '6-31-01-03', level: 5, hours: 80, providerId: provider })
        .expect(201)
    ).body.id;
    const school = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'school' LIMIT 1`))[0]!.id;
    programmeId = (
      await t
        .http()
        .post('/api/programmes')
        .auth(admin, { type: 'bearer' })
        .send({ name: '电子商务', schoolId: school, requiredCredits: 4, units: [{ name: '网店运营', credits: 4 }] })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const newSession = async (capacity: number) =>
    (
      await t
        .http()
        .post(`/api/courses/${courseId}/sessions`)
        .auth(admin, { type: 'bearer' })
        .send({ startsOn: today, endsOn: addDays(today, 30), capacity, instructorId })
        .expect(201)
    ).body.id as string;

  const bulk = (sessionId: string, traineeIds: string[], token = counsellor) =>
    t.http().post(`/api/course-sessions/${sessionId}/enrolments/bulk`).auth(token, { type: 'bearer' }).send({ traineeIds });

  it('enrols a selection: seats while they last, then the waitlist; someone already in is reported, not doubled', async () => {
    const sessionId = await newSession(3);
    const ids = await makeTrainees(t, counsellor, 5, '批量', 100);
    await t
      .http()
      .post(`/api/course-sessions/${sessionId}/enrolments`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: ids[0] })
      .expect(201);
    const res = await bulk(sessionId, ids).expect(200);
    expect(res.body).toMatchObject({ enrolled: 2, waitlisted: 2, already: 1 });
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items.find((i: { traineeId: string }) => i.traineeId === ids[0])).toMatchObject({ outcome: 'already' });
    expect(
      res.body.items.every((i: { traineeName: string; enrolmentId: string }) => i.traineeName.startsWith('批量') && i.enrolmentId),
    ).toBe(true);
    const [row] = await t.sql<{ seats_taken: number; enrolled: number; live: number }>(
      `SELECT s.seats_taken,
              (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state = 'enrolled') AS enrolled,
              (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id) AS live
         FROM course_session s WHERE s.id = $1`,
      [sessionId],
    );
    expect(row).toEqual({ seats_taken: 3, enrolled: 3, live: 5 });
    const audit = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('course.enrol', 'course.waitlist') AND detail->>'bulk' = 'true'`,
    );
    expect(audit[0]!.n).toBe(4);
  });

  it('a person another facility holds in the list: 404, and nothing is written for anyone', async () => {
    const sessionId = await newSession(10);
    const mine = await makeTrainees(t, counsellor, 2, '本所', 200);
    const [theirs] = await makeTrainees(t, counsellor2, 1, '他所', 260);
    const res = await bulk(sessionId, [...mine, theirs!]);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const [row] = await t.sql<{ n: number; seats_taken: number }>(
      `SELECT (SELECT count(*)::int FROM session_enrolment WHERE session_id = $1) AS n, seats_taken FROM course_session WHERE id = $1`,
      [sessionId],
    );
    expect(row).toEqual({ n: 0, seats_taken: 0 });
    // The class track too.
    const classId = await newClass(10);
    const apply = await t
      .http()
      .post(`/api/classes/${classId}/applications/bulk`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeIds: [...mine, theirs!] });
    expect(apply.status).toBe(404);
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM class_enrolment WHERE class_id = $1`, [classId]))[0]!.n).toBe(0);
  });

  it('two bulk requests racing for the last seats never take more than the capacity', async () => {
    const sessionId = await newSession(5);
    const a = await makeTrainees(t, counsellor, 6, '甲组', 300);
    const b = await makeTrainees(t, counsellor, 6, '乙组', 400);
    const [ra, rb] = await Promise.all([bulk(sessionId, a), bulk(sessionId, b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(ra.body.enrolled + rb.body.enrolled).toBe(5);
    expect(ra.body.waitlisted + rb.body.waitlisted).toBe(7);
    const [row] = await t.sql<{ seats_taken: number; enrolled: number }>(
      `SELECT s.seats_taken, (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state = 'enrolled') AS enrolled
         FROM course_session s WHERE s.id = $1`,
      [sessionId],
    );
    expect(row).toEqual({ seats_taken: 5, enrolled: 5 });
  });

  it('single enrolments racing a bulk one for the same people: no deadlock, each person once, capacity held', async () => {
    const sessionId = await newSession(4);
    const people = await makeTrainees(t, counsellor, 6, '丙组', 700);
    const single = (traineeId: string) =>
      t.http().post(`/api/course-sessions/${sessionId}/enrolments`).auth(counsellor, { type: 'bearer' }).send({ traineeId });
    const answers = await Promise.all([bulk(sessionId, people), ...people.map(single), bulk(sessionId, [...people].reverse())]);
    // Every answer is a success or "already enrolled", never a 500.
    for (const r of answers) expect([200, 201, 409]).toContain(r.status);
    const [row] = await t.sql<{ seats_taken: number; enrolled: number; live: number }>(
      `SELECT s.seats_taken,
              (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state = 'enrolled') AS enrolled,
              (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state IN ('enrolled', 'waitlisted')) AS live
         FROM course_session s WHERE s.id = $1`,
      [sessionId],
    );
    expect(row).toEqual({ seats_taken: 4, enrolled: 4, live: 6 });
  });

  it('more than 100 people in one request: 400 with a message saying so', async () => {
    const sessionId = await newSession(5);
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const res = await bulk(sessionId, ids).expect(400);
    expect(JSON.stringify(res.body)).toMatch(/100/);
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM session_enrolment WHERE session_id = $1`, [sessionId]))[0]!.n).toBe(
      0,
    );
  });

  it('bulk class applications: applied, already, or in another class of the programme', async () => {
    const classId = await newClass(2);
    const other = await newClass(2);
    const ids = await makeTrainees(t, counsellor, 3, '学历批量', 500);
    await t.http().post(`/api/classes/${other}/applications`).auth(counsellor, { type: 'bearer' }).send({ traineeId: ids[2] }).expect(201);
    await t
      .http()
      .post(`/api/classes/${classId}/applications`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: ids[1] })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/classes/${classId}/applications/bulk`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeIds: ids })
      .expect(200);
    expect(res.body).toMatchObject({ applied: 1, already: 1, otherClass: 1 });
  });

  it('the per-trainee learning reads: the counsellor of the trainee sees both tracks; another facility gets 404', async () => {
    const [id] = await makeTrainees(t, counsellor, 1, '学习页', 600);
    const sessionId = await newSession(2);
    await bulk(sessionId, [id!]).expect(200);
    const sessions = await t.http().get(`/api/trainees/${id}/session-enrolments`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(sessions.body).toHaveLength(1);
    expect(sessions.body[0]).toMatchObject({ sessionId, state: 'enrolled', attended: 0, meetings: 0 });
    const classes = await t.http().get(`/api/trainees/${id}/class-enrolments`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(classes.body).toEqual([]);
    await t.http().get(`/api/trainees/${id}/session-enrolments`).auth(counsellor2, { type: 'bearer' }).expect(404);
    await t.http().get(`/api/trainees/${id}/class-enrolments`).auth(counsellor2, { type: 'bearer' }).expect(404);
    const audit = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'trainee.read_learning' AND subject_id = $1`,
      [id],
    );
    expect(audit[0]!.n).toBe(2);
    const open = await t.http().get('/api/course-sessions?pageSize=100').auth(counsellor, { type: 'bearer' }).expect(200);
    expect(open.body.items.some((s: { id: string }) => s.id === sessionId)).toBe(true);
  });

  async function newClass(capacity: number): Promise<string> {
    const facility = (await t.login('counsellor')).organisationId;
    const res = await t
      .http()
      .post('/api/classes')
      .auth(admin, { type: 'bearer' })
      .send({
        programmeId,
        name: `批量班${capacity}-${Math.random().toString(36).slice(2, 6)}`,
        cohortYear: 2026,
        mode: 'in_facility',
        venueOrganisationId: facility,
        capacity,
        headTeacherId: instructorId,
        startsOn: today,
        endsOn: addDays(today, 365),
      })
      .expect(201);
    return res.body.id as string;
  }
});
