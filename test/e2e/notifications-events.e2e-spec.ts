import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { FairRemindersScheduler } from '../../server/src/fairs/fair-reminders.scheduler';
import { FollowUpsService } from '../../server/src/follow-ups/follow-ups.service';
import { TRAINEE_NOTICES } from '../../server/src/notifications/trainee-notice-text';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

interface Notice {
  user_id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  link: string | null;
}

describe('notifications of events: handover requests and answers, visits due today, the fair reminder', () => {
  let t: TestApp;
  let clock: Clock;
  let today: string;
  let facility: { token: string; userId: string; organisationId: string };
  let station: { token: string; userId: string; organisationId: string };
  let admin: string;

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    put: (url: string, body: object = {}) => t.http().put(url).auth(token, { type: 'bearer' }).send(body),
  });
  const notices = (where: string, params: unknown[]) =>
    t.sql<Notice>(`SELECT user_id, kind, title_zh, title_en, link FROM notification WHERE ${where} ORDER BY user_id`, params);
  const idsOf = (sql: string, params: unknown[] = []) => t.sql<{ id: string }>(sql, params).then((rows) => rows.map((r) => r.id).sort());

  /** A facility-A trainee from 海口 in pre-release (release in 10 days), with no handover yet. */
  async function preRelease(name: string, serial: number): Promise<string> {
    const first17 = `460100198705${String(10 + serial).padStart(2, '0')}${String(600 + serial).padStart(3, '0')}`;
    const res = await as(facility.token)
      .post('/api/trainees', {
        fullName: name,
        identityNumber: first17 + identityCheckChar(first17),
        homeDivisionCode: '460100',
        admittedOn: addDays(today, -700),
        expectedReleaseOn: addDays(today, 10),
      })
      .expect(201);
    return res.body.id as string;
  }

  async function sentHandover(name: string, serial: number): Promise<string> {
    const traineeId = await preRelease(name, serial);
    const h = await as(facility.token).post('/api/handovers', { traineeId, releaseDate: today }).expect(201);
    await as(facility.token).post(`/api/handovers/${h.body.id}/send`).expect(200);
    return h.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
    facility = await t.login('counsellor');
    station = await t.login('station');
    admin = (await t.login('admin')).token;
  });
  afterAll(() => {
    clock.travelTo(new Date());
    return t.close();
  });

  it('offers each role the groups that can reach it', async () => {
    const groups = async (username: string) =>
      (
        await as((await t.login(username)).token)
          .get('/api/notifications/preferences')
          .expect(200)
      ).body.groups.map((g: { group: string }) => g.group);
    expect(await groups('counsellor')).toEqual(['followUps', 'handovers']);
    expect(await groups('employer')).toEqual(['jobs', 'fairs']);
    expect(await groups('instructor')).toEqual([]);
  });

  it('a sent handover asks every counsellor of the receiving station, once; the answer goes back to the sender’s counsellors', async () => {
    const id = await sentHandover('通知甲', 1);
    // Sending again is refused and notifies nobody twice.
    await as(facility.token).post(`/api/handovers/${id}/send`).expect(400);
    const stationCounsellors = await idsOf(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'counsellor' AND disabled_at IS NULL`,
      [station.organisationId],
    );
    const asked = await notices(`kind = 'handover.requested' AND link = $1`, [`/handovers/${id}`]);
    expect(asked.map((n) => n.user_id).sort()).toEqual(stationCounsellors);
    expect(asked.filter((n) => n.user_id === station.userId)).toHaveLength(1);
    expect(asked[0]!.title_zh).toContain('通知甲');
    // Nobody but those counsellors heard of it.
    const roles = await t.sql<{ role: string }>(
      `SELECT DISTINCT u.role FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.dedupe_key LIKE $1`,
      [`handover.%:${id}`],
    );
    expect(roles.map((r) => r.role)).toEqual(['counsellor']);
    const inbox = await as(station.token).get('/api/notifications').expect(200);
    expect(
      inbox.body.items.filter((n: { kind: string; link: string }) => n.kind === 'handover.requested' && n.link === `/handovers/${id}`),
    ).toHaveLength(1);

    await as(station.token).post(`/api/handovers/${id}/accept`).expect(200);
    const answered = await notices(`kind = 'handover.accepted' AND link = $1`, [`/handovers/${id}`]);
    const facilityCounsellors = await idsOf(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'counsellor' AND disabled_at IS NULL`,
      [facility.organisationId],
    );
    expect(answered.map((n) => n.user_id).sort()).toEqual(facilityCounsellors);
    expect(answered.map((n) => n.user_id)).toContain(facility.userId);
  });

  it('a counsellor who turned handovers off gets no request; a rejection carries its reason to the sender', async () => {
    await as(station.token)
      .put('/api/notifications/preferences', { mutedGroups: ['handovers'] })
      .expect(200);
    const id = await sentHandover('通知乙', 2);
    expect(await notices(`kind = 'handover.requested' AND link = $1 AND user_id = $2`, [`/handovers/${id}`, station.userId])).toEqual([]);
    await as(station.token).post(`/api/handovers/${id}/reject`, { reason: '户籍已迁往三亚' }).expect(200);
    const back = await notices(`kind = 'handover.rejected' AND user_id = $1 AND link = $2`, [facility.userId, `/handovers/${id}`]);
    expect(back).toHaveLength(1);
    expect(back[0]!.title_zh).toContain('户籍已迁往三亚');
    await as(station.token).put('/api/notifications/preferences', { mutedGroups: [] }).expect(200);
  });

  it('on its due date a visit is announced to the counsellor who will make it, once', async () => {
    const h = await as(facility.token)
      .post('/api/handovers', { traineeId: await preRelease('通知丙', 3), releaseDate: today })
      .expect(201);
    await as(facility.token).post(`/api/handovers/${h.body.id}/send`).expect(200);
    await as(station.token).post(`/api/handovers/${h.body.id}/accept`).expect(200);
    await as(station.token)
      .post(`/api/handovers/${h.body.id}/complete`, {
        escortName: '陈指导员',
        receivingOfficer: '符社工',
        documents: ['解除强制隔离戒毒证明书'],
        handoverPlace: '海口市社区康复指导站',
        handedOverOn: today,
      })
      .expect(200);
    const [visit] = await t.sql<{ id: string; due_on: string }>(
      `SELECT v.id, v.due_on::text AS due_on FROM follow_up_visit v WHERE v.handover_id = $1 ORDER BY v.due_on LIMIT 1`,
      [h.body.id],
    );
    const service = t.app.get(FollowUpsService);
    const key = `follow_up.due:${visit!.id}`;
    clock.travelTo(new Date(`${addDays(visit!.due_on, -1)}T09:00:00+08:00`));
    await service.remindDueToday();
    expect(await notices('dedupe_key = $1', [key])).toEqual([]);
    clock.travelTo(new Date(`${visit!.due_on}T09:00:00+08:00`));
    expect(await service.remindDueToday()).toBeGreaterThan(0);
    await service.remindDueToday();
    const sent = await notices('dedupe_key = $1', [key]);
    expect(sent.map((n) => n.user_id)).toEqual([station.userId]);
    expect(sent[0]).toMatchObject({ kind: 'follow_up.due', link: '/follow-ups' });
    clock.travelTo(new Date());
  });

  it('the day before a fair, each registered trainee and each employer with an approved booth is reminded once; never of the venue', async () => {
    const fairDate = addDays(today, 3);
    const created = await as(admin)
      .post('/api/fairs', {
        title: '秋季订单式就业推介会',
        fairDate,
        startsAt: '09:00',
        endsAt: '15:00',
        boothCapacity: 4,
        venueOrganisationId: facility.organisationId,
      })
      .expect(201);
    const fair = created.body.id as string;
    await as(admin).post(`/api/fairs/${fair}/publish`).expect(200);
    const employer = await t.login('employer');
    const employer2 = await t.login('employer2');
    const orderOf = async (username: string) =>
      (
        await t.sql<{ id: string }>(
          `SELECT o.id FROM job_order o JOIN app_user u ON u.organisation_id = o.employer_id WHERE u.username = $1 AND o.state = 'open' LIMIT 1`,
          [username],
        )
      )[0]!.id;
    const booth = await as(employer.token)
      .post(`/api/fairs/${fair}/booths`, { orderIds: [await orderOf('employer')] })
      .expect(201);
    await as(admin).post(`/api/fair-booths/${booth.body.id}/decision`, { decision: 'approve' }).expect(200);
    // employer2 applies and is not approved: no reminder for them.
    await as(employer2.token)
      .post(`/api/fairs/${fair}/booths`, { orderIds: [await orderOf('employer2')] })
      .expect(201);
    const trainee = await t.login('trainee');
    const [{ id: traineeId }] = (await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE user_id = $1`, [trainee.userId])) as [
      { id: string },
    ];
    await as(facility.token)
      .post(`/api/fairs/${fair}/registrations`, { traineeIds: [traineeId] })
      .expect(201);

    const scheduler = t.app.get(FairRemindersScheduler);
    const reminders = () => notices(`kind = 'fair.reminder' AND link = $1`, [`/fairs/${fair}`]);
    clock.travelTo(new Date(`${addDays(fairDate, -2)}T10:00:00+08:00`));
    await scheduler.run();
    expect(await reminders()).toEqual([]);

    clock.travelTo(new Date(`${addDays(fairDate, -1)}T10:00:00+08:00`));
    expect(await scheduler.run()).toBeGreaterThanOrEqual(2);
    await scheduler.run();
    const sent = await reminders();
    expect(sent.map((n) => n.user_id).sort()).toEqual([trainee.userId, employer.userId].sort());

    const [{ name: venue }] = (await t.sql<{ name: string }>(`SELECT name FROM organisation WHERE id = $1`, [facility.organisationId])) as [
      { name: string },
    ];
    for (const n of sent) {
      expect(`${n.title_zh} ${n.title_en}`).not.toContain(venue);
      expect(`${n.title_zh} ${n.title_en}`).not.toMatch(/戒毒|station|facility/i);
    }
    // The employer is told where; the trainee gets the fixed text of the kind, which names no place at all.
    expect(sent.find((n) => n.user_id === employer.userId)!.title_zh).toContain('海口市');
    expect(sent.find((n) => n.user_id === trainee.userId)).toMatchObject({
      title_zh: TRAINEE_NOTICES['fair.reminder']!.zh,
      title_en: TRAINEE_NOTICES['fair.reminder']!.en,
    });
    const employerInbox = await as(employer.token).get('/api/notifications').expect(200);
    expect(JSON.stringify(employerInbox.body)).not.toContain(venue);

    // A trainee who turned fairs off is not reminded of the next one.
    await as(trainee.token)
      .put('/api/notifications/preferences', { mutedGroups: ['fairs'] })
      .expect(200);
    await t.sql(`DELETE FROM notification WHERE kind = 'fair.reminder'`);
    await scheduler.run();
    expect((await reminders()).map((n) => n.user_id)).toEqual([employer.userId]);
    clock.travelTo(new Date());
  });
});
