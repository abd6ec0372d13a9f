import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { maskName } from '../../server/src/diplomas/diplomas.service';
import { createTestApp, type TestApp } from '../utils/test-app';
import { newCourse, newCourseSession, newSessionEnrolment, newTrainee, organisationOf, userIdOf } from '../factories';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Creates `n` facility-A trainees through the API and returns their ids. */
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

describe('skills courses: capacity, waitlist, assessment, certificates', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  let instructor: string;
  let instructorId: string;
  let today: string;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    counsellor = (await t.login('counsellor')).token;
    const i = await t.login('instructor');
    instructor = i.token;
    instructorId = i.userId;
    const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
    const course = await t
      .http()
      .post('/api/courses')
      .auth(admin, { type: 'bearer' })
      .send({ title: '电工（五级）', occupationCode: '6-31-01-03', level: 5, hours: 80, providerId: provider })
      .expect(201);
    expect(course.body).toMatchObject({ occupationName: '电工', levelName: '五级/初级工' });
    courseId = course.body.id;
    const bad = await t
      .http()
      .post('/api/courses')
      .auth(admin, { type: 'bearer' })
      .send({ title: '未知职业', occupationCode: '9-99-99-99', level: 5, hours: 8, providerId: provider })
      .expect(400);
    expect(bad.body.code).toBe('UNKNOWN_OCCUPATION');
  });
  afterAll(() => t.close());

  it('200 simultaneous enrolments into a session of 30: exactly 30 seats, the rest waitlisted in order, and the database agrees', async () => {
    const session = await t
      .http()
      .post(`/api/courses/${courseId}/sessions`)
      .auth(admin, { type: 'bearer' })
      .send({ startsOn: today, endsOn: addDays(today, 30), capacity: 30, instructorId })
      .expect(201);
    const trainees = await makeTrainees(t, counsellor, 200, '并发', 300);
    const results = await Promise.all(
      trainees.map((traineeId) =>
        t.http().post(`/api/course-sessions/${session.body.id}/enrolments`).auth(counsellor, { type: 'bearer' }).send({ traineeId }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const states = results.map((r) => r.body.state as string);
    expect(states.filter((s) => s === 'enrolled')).toHaveLength(30);
    expect(states.filter((s) => s === 'waitlisted')).toHaveLength(170);
    const [row] = await t.sql<{ seats_taken: number; enrolled: number }>(
      `SELECT s.seats_taken, (SELECT count(*)::int FROM session_enrolment e WHERE e.session_id = s.id AND e.state = 'enrolled') AS enrolled
         FROM course_session s WHERE s.id = $1`,
      [session.body.id],
    );
    expect(row).toEqual({ seats_taken: 30, enrolled: 30 });
    const again = await t
      .http()
      .post(`/api/course-sessions/${session.body.id}/enrolments`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: trainees[0] })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_ENROLLED');
  });

  it('a freed seat promotes the first on the waitlist, who is told', async () => {
    const session = await t
      .http()
      .post(`/api/courses/${courseId}/sessions`)
      .auth(admin, { type: 'bearer' })
      .send({ startsOn: today, endsOn: addDays(today, 30), capacity: 1, instructorId })
      .expect(201);
    const [first] = await makeTrainees(t, counsellor, 1, '先到', 700);
    const liming = (
      await t.sql<{ id: string }>(`SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`)
    )[0]!.id;
    const a = await t
      .http()
      .post(`/api/course-sessions/${session.body.id}/enrolments`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: first })
      .expect(201);
    const trainee = await t.login('trainee');
    const b = await t
      .http()
      .post('/api/trainees/me/session-enrolments')
      .auth(trainee.token, { type: 'bearer' })
      .send({ sessionId: session.body.id })
      .expect(201);
    expect(b.body).toMatchObject({ state: 'waitlisted', waitlistPosition: 1, traineeId: liming });
    await t.http().post(`/api/session-enrolments/${a.body.id}/withdrawal`).auth(counsellor, { type: 'bearer' }).expect(200);
    const mine = await t.http().get('/api/trainees/me/session-enrolments').auth(trainee.token, { type: 'bearer' }).expect(200);
    expect(mine.body.find((e: { id: string }) => e.id === b.body.id)).toMatchObject({ state: 'enrolled' });
    const inbox = await t.http().get('/api/notifications').auth(trainee.token, { type: 'bearer' }).expect(200);
    expect(inbox.body.unread).toBeGreaterThanOrEqual(1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'enrolment.promoted', read: false });
    const read = await t.http().post('/api/notifications/read').auth(trainee.token, { type: 'bearer' }).expect(200);
    expect(read.body.unread).toBe(0);
  });

  it('the instructor records attendance and assessment; passing issues a certificate on the trainee’s profile', async () => {
    const session = await t
      .http()
      .post(`/api/courses/${courseId}/sessions`)
      .auth(admin, { type: 'bearer' })
      .send({ startsOn: addDays(today, -20), endsOn: addDays(today, 10), capacity: 5, instructorId, passMark: 60 })
      .expect(201);
    const [pass, fail] = await makeTrainees(t, counsellor, 2, '考核', 800);
    const e1 = await t
      .http()
      .post(`/api/course-sessions/${session.body.id}/enrolments`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: pass })
      .expect(201);
    const e2 = await t
      .http()
      .post(`/api/course-sessions/${session.body.id}/enrolments`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: fail })
      .expect(201);
    const att = await t
      .http()
      .put(`/api/course-sessions/${session.body.id}/attendance`)
      .auth(instructor, { type: 'bearer' })
      .send({
        meetingOn: addDays(today, -1),
        records: [
          { enrolmentId: e1.body.id, present: true },
          { enrolmentId: e2.body.id, present: false },
        ],
      })
      .expect(200);
    expect(att.body.find((e: { id: string }) => e.id === e1.body.id)).toMatchObject({ attended: 1, meetings: 1 });
    await t
      .http()
      .put(`/api/course-sessions/${session.body.id}/attendance`)
      .auth(instructor, { type: 'bearer' })
      .send({ meetingOn: addDays(today, 3), records: [] })
      .expect(400);
    await t
      .http()
      .put(`/api/session-enrolments/${e1.body.id}/assessment`)
      .auth(instructor, { type: 'bearer' })
      .send({ theoryScore: 101, practicalScore: 50 })
      .expect(400);
    const passed = await t
      .http()
      .put(`/api/session-enrolments/${e1.body.id}/assessment`)
      .auth(instructor, { type: 'bearer' })
      .send({ theoryScore: 75, practicalScore: 82 })
      .expect(200);
    expect(passed.body.state).toBe('passed');
    const failed = await t
      .http()
      .put(`/api/session-enrolments/${e2.body.id}/assessment`)
      .auth(instructor, { type: 'bearer' })
      .send({ theoryScore: 80, practicalScore: 55 })
      .expect(200);
    expect(failed.body.state).toBe('failed');
    await t
      .http()
      .put(`/api/session-enrolments/${e1.body.id}/assessment`)
      .auth(instructor, { type: 'bearer' })
      .send({ theoryScore: 90, practicalScore: 90 })
      .expect(400);
    const certs = await t.http().get(`/api/trainees/${pass}/certificates`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(certs.body).toHaveLength(1);
    expect(certs.body[0]).toMatchObject({ occupationName: '电工', level: 5, issuer: '海南匠心职业技能培训学校' });
    expect(certs.body[0].number).toMatch(/^JBH-C-\d{4}-\d{6}$/);
    expect(await t.http().get(`/api/trainees/${fail}/certificates`).auth(counsellor, { type: 'bearer' }).expect(200)).toHaveProperty(
      'body',
      [],
    );
  });
});

describe('diploma track: enrolment, grades, graduation audit, diploma, public verification', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  let instructor: string;
  let instructorId: string;
  let programmeId: string;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    counsellor = (await t.login('counsellor')).token;
    const i = await t.login('instructor');
    instructor = i.token;
    instructorId = i.userId;
    const school = i.organisationId;
    const short = await t
      .http()
      .post('/api/programmes')
      .auth(admin, { type: 'bearer' })
      .send({ name: '电子商务', schoolId: school, requiredCredits: 30, units: [{ name: '网店运营', credits: 10 }] })
      .expect(400);
    expect(short.body.code).toBe('NOT_ENOUGH_CREDITS');
    const p = await t
      .http()
      .post('/api/programmes')
      .auth(admin, { type: 'bearer' })
      .send({
        name: '电子商务',
        schoolId: school,
        requiredCredits: 20,
        units: [
          { name: '网店运营', credits: 10 },
          { name: '物流基础', credits: 6 },
          { name: '商务礼仪', credits: 4 },
          { name: '选修：直播', credits: 4 },
        ],
      })
      .expect(201);
    programmeId = p.body.id;
  });
  afterAll(() => t.close());

  async function newClass(capacity: number, mode: 'in_facility' | 'distance' = 'in_facility') {
    const facility = (await t.login('counsellor')).organisationId;
    const res = await t
      .http()
      .post('/api/classes')
      .auth(admin, { type: 'bearer' })
      .send({
        programmeId,
        name: `电商班${capacity}-${mode}`,
        cohortYear: 2026,
        mode,
        ...(mode === 'in_facility' ? { venueOrganisationId: facility } : {}),
        capacity,
        headTeacherId: instructorId,
        startsOn: today,
        endsOn: addDays(today, 365),
      })
      .expect(201);
    return res.body.id as string;
  }

  it('200 simultaneous approvals into a class of 30: exactly 30, the rest refused with a clear message; the database agrees', async () => {
    const classId = await newClass(30);
    const trainees = await makeTrainees(t, counsellor, 200, '学历', 1000);
    const applications = [];
    for (const traineeId of trainees) {
      applications.push(
        (await t.http().post(`/api/classes/${classId}/applications`).auth(counsellor, { type: 'bearer' }).send({ traineeId }).expect(201))
          .body.id as string,
      );
    }
    const results = await Promise.all(
      applications.map((id) =>
        t.http().post(`/api/class-enrolments/${id}/decision`).auth(instructor, { type: 'bearer' }).send({ decision: 'approve' }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(170);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'CLASS_FULL' && /已满/.test(r.body.message))).toBe(true);
    const [row] = await t.sql<{ seats_taken: number; approved: number }>(
      `SELECT c.seats_taken, (SELECT count(*)::int FROM class_enrolment e WHERE e.class_id = c.id AND e.state = 'approved') AS approved FROM diploma_class c WHERE c.id = $1`,
      [classId],
    );
    expect(row).toEqual({ seats_taken: 30, approved: 30 });
    // The refused can be waitlisted; a withdrawal promotes the first of them.
    const firstRefused = applications[results.findIndex((r) => r.status === 409)]!;
    const w = await t
      .http()
      .post(`/api/class-enrolments/${firstRefused}/decision`)
      .auth(instructor, { type: 'bearer' })
      .send({ decision: 'waitlist' })
      .expect(200);
    expect(w.body).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    const anApproved = applications[results.findIndex((r) => r.status === 200)]!;
    await t
      .http()
      .post(`/api/class-enrolments/${anApproved}/withdrawal`)
      .auth(counsellor, { type: 'bearer' })
      .send({ reason: '身体原因' })
      .expect(200);
    const promoted = await t.http().get(`/api/class-enrolments/${firstRefused}/audit`).auth(counsellor, { type: 'bearer' }).expect(200);
    expect(promoted.body.enrolmentId).toBe(firstRefused);
    const list = await t.http().get(`/api/classes/${classId}/enrolments`).auth(instructor, { type: 'bearer' }).expect(200);
    expect(list.body.items.find((e: { id: string }) => e.id === firstRefused).state).toBe('approved');
    await t
      .http()
      .post(`/api/class-enrolments/${applications.at(-1)}/decision`)
      .auth(instructor, { type: 'bearer' })
      .send({ decision: 'reject' })
      .expect(400);
  });

  it('one class per programme at a time: a second application in the same programme is refused with what to do instead', async () => {
    const first = await newClass(5);
    const second = await newClass(6);
    const [traineeId] = await makeTrainees(t, counsellor, 1, '一专', 1);
    await t.http().post(`/api/classes/${first}/applications`).auth(counsellor, { type: 'bearer' }).send({ traineeId }).expect(201);
    const again = await t
      .http()
      .post(`/api/classes/${second}/applications`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_IN_PROGRAMME' });
    expect(again.body.message).toContain('转班');
  });

  it('grades follow the trainee through a transfer at release; the audit names what is missing; graduation issues a diploma', async () => {
    const classId = await newClass(5);
    const distance = await newClass(50, 'distance');
    const [tid] = await makeTrainees(t, counsellor, 1, '毕业', 1500);
    const app = await t
      .http()
      .post(`/api/classes/${classId}/applications`)
      .auth(counsellor, { type: 'bearer' })
      .send({ traineeId: tid })
      .expect(201);
    await t
      .http()
      .post(`/api/class-enrolments/${app.body.id}/decision`)
      .auth(admin, { type: 'bearer' })
      .send({ decision: 'approve' })
      .expect(200);
    const programme = await t.http().get(`/api/programmes/${programmeId}`).auth(instructor, { type: 'bearer' }).expect(200);
    const unit = (name: string) => programme.body.units.find((u: { name: string }) => u.name === name).id as string;
    await t
      .http()
      .put(`/api/classes/${classId}/grades`)
      .auth(instructor, { type: 'bearer' })
      .send({ traineeId: tid, unitId: unit('网店运营'), score: 88 })
      .expect(200);
    const audit1 = await t
      .http()
      .put(`/api/classes/${classId}/grades`)
      .auth(instructor, { type: 'bearer' })
      .send({ traineeId: tid, unitId: unit('物流基础'), score: 52 })
      .expect(200);
    expect(audit1.body).toMatchObject({ earnedCredits: 10, requiredCredits: 20, eligible: false });
    expect(audit1.body.missing).toEqual(expect.arrayContaining(['物流基础', '商务礼仪', '选修：直播']));
    const early = await t
      .http()
      .post(`/api/class-enrolments/${app.body.id}/graduation`)
      .auth(instructor, { type: 'bearer' })
      .send({})
      .expect(400);
    expect(early.body.code).toBe('CREDITS_MISSING');

    // Released mid-programme: the enrolment transfers to the distance class and study continues.
    const moved = await t
      .http()
      .post(`/api/class-enrolments/${app.body.id}/transfer`)
      .auth(counsellor, { type: 'bearer' })
      .send({ toClassId: distance })
      .expect(200);
    expect(moved.body).toMatchObject({ state: 'active', classId: distance });
    await t
      .http()
      .put(`/api/classes/${distance}/grades`)
      .auth(instructor, { type: 'bearer' })
      .send({ traineeId: tid, unitId: unit('商务礼仪'), score: 70 })
      .expect(200);
    const audit2 = await t
      .http()
      .put(`/api/classes/${distance}/grades`)
      .auth(instructor, { type: 'bearer' })
      .send({ traineeId: tid, unitId: unit('物流基础'), score: 66 })
      .expect(200);
    expect(audit2.body).toMatchObject({ earnedCredits: 20, eligible: true, missing: ['选修：直播'] });

    const diploma = await t
      .http()
      .post(`/api/class-enrolments/${moved.body.id}/graduation`)
      .auth(instructor, { type: 'bearer' })
      .send({})
      .expect(201);
    expect(diploma.body).toMatchObject({
      holderName: '毕业0',
      programmeName: '电子商务',
      schoolName: '琼州职业技术学校',
      creditsEarned: 20,
    });
    expect(diploma.body.verificationCode).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    // Printed and shown to whoever verifies it: no platform prefix; the link is this app's /verify unless configured.
    expect(diploma.body.number).toMatch(/^ZZ-\d{4}-\d{5}$/);
    expect(diploma.body.verificationUrl).toBe(`/verify/${diploma.body.verificationCode}`);
    expect(JSON.stringify(diploma.body)).not.toMatch(/戒毒所|指导站/);
    await t.http().post(`/api/class-enrolments/${moved.body.id}/graduation`).auth(instructor, { type: 'bearer' }).send({}).expect(400);

    // Public verification: no login, nothing beyond the listed fields.
    const v = await t.http().get(`/api/diploma-verifications/${diploma.body.verificationCode.toLowerCase()}`).expect(200);
    expect(Object.keys(v.body).sort()).toEqual(['graduatedOn', 'holderMaskedName', 'number', 'programmeName', 'schoolName', 'valid']);
    expect(v.body).toMatchObject({ valid: true, holderMaskedName: '毕**', schoolName: '琼州职业技术学校', number: diploma.body.number });
    expect(JSON.stringify(v.body)).not.toMatch(/戒毒|指导站|社区|4601/);
    await t.http().get('/api/diploma-verifications/NOPE23456789').expect(404);
  });

  it('a trainee sees their class, their grades audit and the demo diploma verifies publicly', async () => {
    const trainee = await t.login('trainee');
    const mine = await t.http().get('/api/trainees/me/class-enrolments').auth(trainee.token, { type: 'bearer' }).expect(200);
    expect(mine.body[0]).toMatchObject({ programmeName: '中餐烹饪', state: 'active' });
    const audit = await t.http().get(`/api/class-enrolments/${mine.body[0].id}/audit`).auth(trainee.token, { type: 'bearer' }).expect(200);
    expect(audit.body).toMatchObject({ earnedCredits: 30, requiredCredits: 40, eligible: false });
    const demo = await t.http().get('/api/diploma-verifications/DEMO7K2M9PQX').expect(200);
    expect(demo.body.schoolName).toBe('琼州职业技术学校');
  });

  it('masks names for the public: one character for the family name, two for compound ones', () => {
    expect(maskName('李明')).toBe('李*');
    expect(maskName('王小红')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
  });
});

/**
 * Issue 12: the catalogue, the classes, the programmes, the open sessions and both rosters answer a
 * `Page<T>` (page and total from one statement), in a stable order, within the same access as before.
 */
describe('learning lists answer a page at a time', () => {
  let t: TestApp;
  let admin: string;
  let counsellor: string;
  let instructor: string;
  let instructorId: string;
  let today: string;
  interface Page<T = { id: string }> {
    items: T[];
    total: number;
    page: number;
    pageSize: number;
  }
  const get = async <T = { id: string }>(token: string, url: string, status = 200): Promise<Page<T>> =>
    (await t.http().get(url).auth(token, { type: 'bearer' }).expect(status)).body as Page<T>;
  const ids = (p: Page) => p.items.map((r) => r.id);
  const count = async (sql: string, params: unknown[] = []) => (await t.sql<{ n: number }>(sql, params))[0]!.n;

  /** Page 1 and page 2 differ, the total is `total` on both, and the pages together are the single big page in its order. */
  async function expectPaged(token: string, url: string, total: number): Promise<void> {
    const join = url.includes('?') ? '&' : '?';
    const size = Math.max(1, Math.floor(total / 2) - 1);
    const one = await get(token, `${url}${join}page=1&pageSize=${size}`);
    const two = await get(token, `${url}${join}page=2&pageSize=${size}`);
    const all = await get(token, `${url}${join}page=1&pageSize=100`);
    expect(one).toMatchObject({ total, page: 1, pageSize: size });
    expect(two).toMatchObject({ total, page: 2, pageSize: size });
    expect(one.items).toHaveLength(size);
    expect(two.items).toHaveLength(Math.min(size, total - size));
    expect(ids(one).some((id) => ids(two).includes(id))).toBe(false);
    expect(all.items).toHaveLength(total);
    expect([...ids(one), ...ids(two)]).toEqual(ids(all).slice(0, ids(one).length + ids(two).length));
    // Past the end: no rows, the total still told.
    const past = await get(token, `${url}${join}page=500&pageSize=${size}`);
    expect(past).toMatchObject({ items: [], total });
  }

  /** The paging parameters are checked: 400 with a message naming the limit, never a 500. */
  async function expectBadPagingRefused(token: string, url: string): Promise<void> {
    const join = url.includes('?') ? '&' : '?';
    for (const [query, message] of [
      ['pageSize=101', 'pageSize must not be greater than 100'],
      ['page=0', 'page must not be less than 1'],
      ['page=abc', 'page must be an integer number'],
    ] as const) {
      const res = await t.http().get(`${url}${join}${query}`).auth(token, { type: 'bearer' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.messageEn).toContain(message);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    counsellor = (await t.login('counsellor')).token;
    const i = await t.login('instructor');
    instructor = i.token;
    instructorId = i.userId;
  });
  afterAll(() => t.close());

  it('GET /api/courses: pages with the total, filters kept (q, level), bad paging 400, employers still 403', async () => {
    const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
    // Equal sort keys (same occupation, level, title): only the id orders them, and the pages still never overlap.
    for (let n = 0; n < 7; n++) await newCourse(t, { providerId: provider, title: '分页课程' });
    await newCourse(t, { providerId: provider, title: '分页课程', level: 4 });
    await expectPaged(counsellor, '/api/courses?q=分页课程', 8);
    await expectPaged(admin, '/api/courses', await count(`SELECT count(*)::int AS n FROM course`));
    expect((await get(counsellor, '/api/courses?q=分页课程&level=4')).total).toBe(1);
    expect((await get(counsellor, '/api/courses?q=分页')).total).toBe(8);
    await expectBadPagingRefused(counsellor, '/api/courses');
    await t
      .http()
      .get('/api/courses')
      .auth((await t.login('employer')).token, { type: 'bearer' })
      .expect(403);
    expect((await get((await t.login('trainee')).token, '/api/courses?q=分页课程')).total).toBe(8);
  });

  it('GET /api/programmes: pages with the total and a q filter; bad paging 400; employers 403', async () => {
    const school = (await t.login('instructor')).organisationId;
    for (const name of ['分页专业甲', '分页专业乙', '分页专业丙']) {
      await t
        .http()
        .post('/api/programmes')
        .auth(admin, { type: 'bearer' })
        .send({ name, schoolId: school, requiredCredits: 4, units: [{ name: '单元', credits: 4 }] })
        .expect(201);
    }
    await expectPaged(admin, '/api/programmes', await count(`SELECT count(*)::int AS n FROM programme`));
    const found = await get<{ id: string; units: unknown[] }>(counsellor, '/api/programmes?q=分页专业');
    expect(found.total).toBe(3);
    expect(found.items.every((p) => p.units.length === 1)).toBe(true);
    await expectBadPagingRefused(admin, '/api/programmes');
    await t
      .http()
      .get('/api/programmes')
      .auth((await t.login('employer')).token, { type: 'bearer' })
      .expect(403);
  });

  it('GET /api/classes: pages within what each may see (instructors their own), filters q, programmeId, open; bad paging 400', async () => {
    const [programme] = await t.sql<{ id: string }>(`SELECT id FROM programme ORDER BY name LIMIT 1`);
    for (let n = 0; n < 4; n++) {
      await t.sql(
        `INSERT INTO diploma_class (programme_id, name, cohort_year, mode, capacity, head_teacher_id, starts_on, ends_on)
         VALUES ($1, '分页班', 2026, 'distance', 30, $2, $3::date, $4::date)`,
        [programme!.id, n < 3 ? instructorId : null, today, n === 3 ? addDays(today, -1) : addDays(today, 300)],
      );
    }
    const all = await count(`SELECT count(*)::int AS n FROM diploma_class`);
    await expectPaged(admin, '/api/classes', all);
    await expectPaged(counsellor, '/api/classes', all);
    // Instructors: only the classes they head (the access policy, unchanged).
    const headed = await count(`SELECT count(*)::int AS n FROM diploma_class WHERE head_teacher_id = $1`, [instructorId]);
    expect(headed).toBeGreaterThanOrEqual(3);
    const mine = await get<{ id: string; headTeacherId: string }>(instructor, '/api/classes?pageSize=100');
    expect(mine.total).toBe(headed);
    expect(mine.items.every((c) => c.headTeacherId === instructorId)).toBe(true);
    await expectPaged(instructor, '/api/classes', headed);
    expect((await get(counsellor, '/api/classes?q=分页班')).total).toBe(4);
    expect((await get(counsellor, '/api/classes?q=分页班&open=true')).total).toBe(3);
    expect((await get(counsellor, `/api/classes?programmeId=${programme!.id}`)).total).toBe(
      await count(`SELECT count(*)::int AS n FROM diploma_class WHERE programme_id = $1`, [programme!.id]),
    );
    await expectBadPagingRefused(counsellor, '/api/classes');
    await t.http().get('/api/classes?programmeId=nope').auth(counsellor, { type: 'bearer' }).expect(400);
    await t
      .http()
      .get('/api/classes')
      .auth((await t.login('trainee')).token, { type: 'bearer' })
      .expect(403);
  });

  it('GET /api/classes/:id/enrolments: the roster pages; counsellors count only the trainees they hold', async () => {
    const [programme] = await t.sql<{ id: string }>(`SELECT id FROM programme ORDER BY name LIMIT 1`);
    const [klass] = await t.sql<{ id: string }>(
      `INSERT INTO diploma_class (programme_id, name, cohort_year, mode, capacity, head_teacher_id, starts_on, ends_on)
       VALUES ($1, '分页名单班', 2026, 'distance', 30, $2, $3::date, $4::date) RETURNING id`,
      [programme!.id, instructorId, today, addDays(today, 300)],
    );
    const facility = await organisationOf(t, 'counsellor');
    const other = await organisationOf(t, 'counsellor2');
    const by = await userIdOf(t, 'counsellor');
    for (let n = 0; n < 9; n++) {
      const traineeId = await newTrainee(t, { organisationId: n < 6 ? facility : other });
      await t.sql(`INSERT INTO class_enrolment (class_id, trainee_id, state, applied_by) VALUES ($1, $2, 'applied', $3)`, [
        klass!.id,
        traineeId,
        by,
      ]);
    }
    const url = `/api/classes/${klass!.id}/enrolments`;
    await expectPaged(admin, url, 9);
    await expectPaged(instructor, url, 9);
    await expectPaged(counsellor, url, 6);
    expect((await get((await t.login('counsellor2')).token, `${url}?pageSize=100`)).total).toBe(3);
    await expectBadPagingRefused(instructor, url);
    await t.http().get(`/api/classes/${klass!.id}/enrolments?page=0`).auth(admin, { type: 'bearer' }).expect(400);
    await t
      .http()
      .get(url)
      .auth((await t.login('trainee')).token, { type: 'bearer' })
      .expect(403);
  });

  it('GET /api/course-sessions: the open sessions page, soonest first, searchable; instructors still 403', async () => {
    const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
    const course = await newCourse(t, { providerId: provider, title: '分页场次课程' });
    for (let n = 0; n < 5; n++) await newCourseSession(t, { courseId: course, startsOn: addDays(today, 10), endsOn: addDays(today, 40) });
    await newCourseSession(t, { courseId: course, startsOn: addDays(today, -40), endsOn: addDays(today, -1) });
    const open = await count(`SELECT count(*)::int AS n FROM course_session WHERE ends_on >= $1::date`, [today]);
    await expectPaged(counsellor, '/api/course-sessions', open);
    const all = await get<{ startsOn: string }>(admin, '/api/course-sessions?pageSize=100');
    expect(all.items.map((s) => s.startsOn)).toEqual([...all.items.map((s) => s.startsOn)].sort());
    await expectPaged(counsellor, '/api/course-sessions?q=分页场次', 5);
    await expectBadPagingRefused(counsellor, '/api/course-sessions');
    await t.http().get('/api/course-sessions').auth(instructor, { type: 'bearer' }).expect(403);
  });

  it('GET /api/course-sessions/:id/enrolments: the list pages; counsellors count only the trainees they hold', async () => {
    const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
    const course = await newCourse(t, { providerId: provider, title: '分页名单课程' });
    const session = await newCourseSession(t, { courseId: course, startsOn: today, endsOn: addDays(today, 30) });
    await t.sql(`UPDATE course_session SET instructor_id = $1 WHERE id = $2`, [instructorId, session]);
    const facility = await organisationOf(t, 'counsellor');
    const other = await organisationOf(t, 'counsellor2');
    const by = await userIdOf(t, 'counsellor');
    for (let n = 0; n < 7; n++) {
      const traineeId = await newTrainee(t, { organisationId: n < 4 ? facility : other });
      await newSessionEnrolment(t, { sessionId: session, traineeId, createdBy: by, state: n % 2 ? 'waitlisted' : 'enrolled' });
    }
    const url = `/api/course-sessions/${session}/enrolments`;
    await expectPaged(admin, url, 7);
    await expectPaged(instructor, url, 7);
    await expectPaged(counsellor, url, 4);
    // Seated first, then the waitlist.
    const states = (await get<{ id: string; state: string }>(admin, `${url}?pageSize=100`)).items.map((e) => e.state);
    expect(states).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled', 'waitlisted', 'waitlisted', 'waitlisted']);
    await expectBadPagingRefused(instructor, url);
    await t
      .http()
      .get(url)
      .auth((await t.login('trainee')).token, { type: 'bearer' })
      .expect(403);
  });
});
