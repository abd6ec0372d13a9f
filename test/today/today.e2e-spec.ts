import { Clock } from '../../server/src/common/clock';
import {
  daysFrom,
  newCourse,
  newCourseSession,
  newFair,
  newFollowUpVisit,
  newOrganisation,
  newSessionEnrolment,
  newTrainee,
  newUser,
  organisationOf,
  userIdOf,
} from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

interface Page<T> {
  items: T[];
  total: number;
  nextCursor?: string | null;
}
interface Visit {
  daysOverdue: number;
  stationName: string;
}

/**
 * GET /api/me/today: every count on a staff home is the number of rows of the list it opens, for
 * the same caller (same scope, same filters).
 */
describe('today (GET /api/me/today): the home counts equal the lists they open', () => {
  let t: TestApp;
  let today: string;
  const tokens: Record<string, string> = {};

  const get = async <T>(token: string, url: string): Promise<T> =>
    (await t.http().get(url).auth(token, { type: 'bearer' }).expect(200)).body as T;
  const todayOf = (token: string) => get<Record<string, unknown>>(token, '/api/me/today');
  const totalOf = async (token: string, url: string) => (await get<Page<unknown>>(token, url)).total;
  /** Every row of the `due` visit list, page after page. */
  const dueVisits = async (token: string): Promise<Visit[]> => {
    const out: Visit[] = [];
    let after: string | null | undefined;
    do {
      const page = await get<Page<Visit>>(
        token,
        `/api/follow-ups?view=due&pageSize=100${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      out.push(...page.items);
      after = page.nextCursor;
    } while (after);
    return out;
  };

  /** Every row of a page-numbered list (`Page<T>`), page after page. */
  const allOf = async <T>(token: string, url: string): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const p = await get<Page<T>>(token, `${url}${url.includes('?') ? '&' : '?'}pageSize=100&page=${page}`);
      out.push(...p.items);
      if (p.items.length === 0 || out.length >= p.total) return out;
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    for (const u of ['admin', 'counsellor', 'station', 'instructor', 'employer', 'trainee']) tokens[u] = (await t.login(u)).token;
  });
  afterAll(() => t?.close());

  it('refuses the anonymous (401), employers and trainees (403)', async () => {
    await t.http().get('/api/me/today').expect(401);
    await t.http().get('/api/me/today').auth(tokens['employer']!, { type: 'bearer' }).expect(403);
    await t.http().get('/api/me/today').auth(tokens['trainee']!, { type: 'bearer' }).expect(403);
  });

  it('station counsellor: visits due today and overdue, handovers to accept, people not reached, transfers to answer', async () => {
    const station = await organisationOf(t, 'station');
    const person = await newTrainee(t, { organisationId: station, state: 'released', releasedOn: daysFrom(-40) });
    await newFollowUpVisit(t, { traineeId: person, stationId: station, monthsAfter: 1, dueOn: today, state: 'planned' });
    await newFollowUpVisit(t, { traineeId: person, stationId: station, monthsAfter: 3, dueOn: daysFrom(-3), state: 'planned' });

    const body = await todayOf(tokens['station']!);
    expect(body['kind']).toBe('station');
    expect(body['facility']).toBeNull();
    const s = body['station'] as Record<string, number>;
    const due = await dueVisits(tokens['station']!);
    expect(s['visitsDueToday']).toBe(due.filter((v) => v.daysOverdue === 0).length);
    expect(s['visitsOverdue']).toBe(due.filter((v) => v.daysOverdue > 0).length);
    expect(s['visitsDueToday']).toBeGreaterThanOrEqual(1);
    expect(s['visitsOverdue']).toBeGreaterThanOrEqual(1);
    // The 逾期 card opens the due list narrowed to the late ones: the same number.
    expect(await totalOf(tokens['station']!, '/api/follow-ups?view=due&overdue=true')).toBe(s['visitsOverdue']);
    expect(s['handoversToAccept']).toBe(await totalOf(tokens['station']!, '/api/handovers?direction=incoming&state=sent'));
    expect(s['notReached']).toBe(await totalOf(tokens['station']!, '/api/lost-contacts'));
    expect(s['transfersToAnswer']).toBe(await totalOf(tokens['station']!, '/api/transfers?direction=incoming&state=requested'));
  });

  it("a counsellor of another station counts that station's rows, not this one's", async () => {
    const other = await newOrganisation(t, { type: 'community_station', name: '测试社区康复站·今日' });
    const { username } = await newUser(t, { organisationId: other });
    const token = (await t.login(username)).token;
    const person = await newTrainee(t, { organisationId: other, state: 'released', releasedOn: daysFrom(-40) });
    await newFollowUpVisit(t, { traineeId: person, stationId: other, monthsAfter: 1, dueOn: daysFrom(-1), state: 'planned' });

    const mine = (await todayOf(token))['station'] as Record<string, number>;
    expect(mine).toEqual({ visitsDueToday: 0, visitsOverdue: 1, handoversToAccept: 0, notReached: 0, transfersToAnswer: 0 });
    const due = await dueVisits(token);
    expect(due).toHaveLength(1);
    const theirs = (await todayOf(tokens['station']!))['station'] as Record<string, number>;
    expect(theirs['visitsOverdue']).not.toBe(mine['visitsOverdue']);
  });

  it('facility counsellor: releases within 30 days and those missing something, handovers waiting, recommendations awaiting the trainee', async () => {
    const facility = await organisationOf(t, 'counsellor');
    const behind = await newTrainee(t, { organisationId: facility, state: 'pre_release', expectedReleaseOn: daysFrom(10) });
    await t.sql(`INSERT INTO checklist_item (trainee_id, item_key) VALUES ($1, 'anti_drug'), ($1, 'mental_health')`, [behind]);
    await newTrainee(t, { organisationId: facility, state: 'pre_release', expectedReleaseOn: daysFrom(20) });

    const body = await todayOf(tokens['counsellor']!);
    expect(body['kind']).toBe('facility');
    expect(body['station']).toBeNull();
    const f = body['facility'] as Record<string, number>;
    expect(f['releasesWithin30Days']).toBe(await totalOf(tokens['counsellor']!, '/api/trainees?state=pre_release'));
    expect(f['releasesWithin30Days']).toBeGreaterThanOrEqual(2);
    const behindList = await get<unknown[]>(tokens['counsellor']!, '/api/trainees/checklists/behind');
    expect(f['releasesMissingSomething']).toBe(behindList.length);
    expect(f['releasesMissingSomething']).toBeGreaterThanOrEqual(1);
    expect(f['releasesMissingSomething']).toBeLessThanOrEqual(f['releasesWithin30Days']!);
    expect(f['handoversWaiting']).toBe(await totalOf(tokens['counsellor']!, '/api/handovers?direction=outgoing&state=sent'));
    expect(f['recommendationsAwaitingTrainee']).toBe(await totalOf(tokens['counsellor']!, '/api/placements?state=recommended'));
  });

  it("instructor: today's sessions, sessions without attendance, applications waiting in the classes they head", async () => {
    const instructorId = await userIdOf(t, 'instructor');
    const school = await organisationOf(t, 'instructor');
    const courseId = await newCourse(t, { providerId: school, title: '今日测试课程' });
    const sessionId = await newCourseSession(t, { courseId, startsOn: daysFrom(-2), endsOn: daysFrom(5) });
    await t.sql(`UPDATE course_session SET instructor_id = $1 WHERE id = $2`, [instructorId, sessionId]);
    const person = await newTrainee(t, { organisationId: await organisationOf(t, 'counsellor') });
    const enrolmentId = await newSessionEnrolment(t, { sessionId, traineeId: person, createdBy: await userIdOf(t, 'counsellor') });

    const token = tokens['instructor']!;
    const body = await todayOf(token);
    expect(body['kind']).toBe('instructor');
    const i = body['instructor'] as Record<string, number>;

    // The teaching page's sessions: the catalogue's, those the instructor teaches.
    const courses = await allOf<{ id: string }>(token, '/api/courses');
    const sessions = (
      await Promise.all(
        courses.map((c) =>
          get<{ sessions: { instructorId: string | null; startsOn: string; endsOn: string }[] }>(token, `/api/courses/${c.id}`),
        ),
      )
    ).flatMap((c) => c.sessions.filter((s) => s.instructorId === instructorId));
    expect(i['sessionsToday']).toBe(sessions.filter((s) => s.startsOn <= today && s.endsOn >= today).length);
    expect(i['sessionsToday']).toBeGreaterThanOrEqual(1);
    expect(i['attendanceMissing']).toBeGreaterThanOrEqual(1);

    // Attendance taken: one fewer.
    await t.sql(`INSERT INTO session_attendance (enrolment_id, meeting_on, present, recorded_by) VALUES ($1, $2, true, $3)`, [
      enrolmentId,
      daysFrom(-1),
      instructorId,
    ]);
    expect(((await todayOf(token))['instructor'] as Record<string, number>)['attendanceMissing']).toBe(i['attendanceMissing']! - 1);

    // Applications: the `applied` rows of the rosters of the classes the instructor may open.
    const classes = await allOf<{ id: string }>(token, '/api/classes');
    const rosters = await Promise.all(classes.map((c) => allOf<{ state: string }>(token, `/api/classes/${c.id}/enrolments`)));
    expect(i['approvalsWaiting']).toBe(rosters.flat().filter((e) => e.state === 'applied').length);
  });

  it('admin: overdue visits per station, employers to verify, fairs this month', async () => {
    const body = await todayOf(tokens['admin']!);
    expect(body['kind']).toBe('admin');
    const a = body['admin'] as {
      overdueVisitsByStation: { stationId: string; stationName: string; overdue: number }[];
      fairsThisMonth: number;
      employersToVerify: number;
    };
    const byName = new Map<string, number>();
    for (const v of await dueVisits(tokens['admin']!))
      if (v.daysOverdue > 0) byName.set(v.stationName, (byName.get(v.stationName) ?? 0) + 1);
    expect(new Map(a.overdueVisitsByStation.map((s) => [s.stationName, s.overdue]))).toEqual(byName);
    expect(a.overdueVisitsByStation.length).toBeGreaterThanOrEqual(1);
    // Each row opens that station's late visits: the same number.
    for (const s of a.overdueVisitsByStation)
      expect(await totalOf(tokens['admin']!, `/api/follow-ups?view=due&overdue=true&stationId=${s.stationId}`)).toBe(s.overdue);
    await t.http().get('/api/follow-ups?view=due&overdue=yes').auth(tokens['admin']!, { type: 'bearer' }).expect(400);
    expect(a.employersToVerify).toBe(await totalOf(tokens['admin']!, '/api/organisations?type=employer&status=pending'));
    expect(a.employersToVerify).toBeGreaterThanOrEqual(1);
    // Fairs this month: the rows of GET /fairs?month= (a fair next month is not one of them).
    const month = new Date().toISOString().slice(0, 7);
    const admin = await t.sql<{ id: string; organisation_id: string }>(`SELECT id, organisation_id FROM app_user WHERE username = 'admin'`);
    const before = a.fairsThisMonth;
    await newFair(t, { venueOrganisationId: admin[0]!.organisation_id, createdBy: admin[0]!.id, fairDate: `${month}-28` });
    await newFair(t, { venueOrganisationId: admin[0]!.organisation_id, createdBy: admin[0]!.id, fairDate: daysFrom(40) });
    const after = (await todayOf(tokens['admin']!))['admin'] as { fairsThisMonth: number };
    expect(after.fairsThisMonth).toBe(before + 1);
    const listed = await t.http().get(`/api/fairs?month=${month}`).auth(tokens['admin']!, { type: 'bearer' }).expect(200);
    expect(listed.body).toHaveLength(after.fairsThisMonth);
    const bad = await t.http().get('/api/fairs?month=2026-13').auth(tokens['admin']!, { type: 'bearer' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('YYYY-MM');
  });
});
