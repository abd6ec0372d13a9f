import { Clock } from '../../server/src/common/clock';
import { REVEALING_WORDS, TRAINEE_NOTICES } from '../../server/src/notifications/trainee-notice-text';
import { PlanRemindersScheduler } from '../../server/src/plans/plan-reminders.scheduler';
import { daysFrom, newFollowUpVisit, newOrganisation, newTrainee, newUser, organisationOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The two reminders a person gets: the day before a step of their own plan is due (the daily
 * `plan-reminders` job), and a time a station counsellor booked with them for a visit
 * (`PUT/DELETE /api/follow-ups/{id}/appointment`). Both reach the person in fixed, neutral words.
 */
describe('reminders: plan steps due tomorrow, visit appointments', () => {
  let t: TestApp;
  let clock: Clock;
  let scheduler: PlanRemindersScheduler;
  let station: string;
  let facility: string;
  const tokens: Record<string, string> = {};

  /** The person's notices of a kind, as stored. */
  const notices = (userId: string, kind: string) =>
    t.sql<{ title_zh: string; title_en: string; link: string | null; dedupe_key: string }>(
      `SELECT title_zh, title_en, link, dedupe_key FROM notification WHERE user_id = $1 AND kind = $2 ORDER BY created_at, id`,
      [userId, kind],
    );

  /** A person with a sign-in account, held by `organisationId` (released 20 days ago). */
  const person = async (organisationId: string) => {
    const user = await newUser(t, { organisationId, role: 'trainee' });
    const id = await newTrainee(t, { organisationId, userId: user.id, state: 'community', releasedOn: daysFrom(-20) });
    return { id, userId: user.id, username: user.username };
  };

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    scheduler = t.app.get(PlanRemindersScheduler);
    station = await organisationOf(t, 'station');
    facility = await organisationOf(t, 'counsellor');
    for (const u of ['station', 'counsellor', 'counsellor2', 'admin', 'employer', 'trainee']) tokens[u] = (await t.login(u)).token;
  });
  afterAll(async () => {
    clock?.travelTo(new Date());
    await t?.close();
  });

  describe('plan steps due tomorrow (the plan-reminders job)', () => {
    /** A plan step of `traineeId`, straight in the table. */
    const step = async (traineeId: string, s: { owner: string; dueOn: string | null; status?: string }) => {
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO plan_action (trainee_id, area, title, owner, due_on, status, done_at)
         VALUES ($1, 'documents', '补办身份证（在戒毒所时遗失）', $2, $3, $4, $5) RETURNING id`,
        [traineeId, s.owner, s.dueOn, s.status ?? 'open', s.status === 'done' ? new Date() : null],
      );
      return row!.id;
    };

    it('reminds the person of each of their own open steps due tomorrow, once, in neutral words', async () => {
      const tomorrow = daysFrom(1, clock.today());
      const me = await person(facility);
      const mine1 = await step(me.id, { owner: 'trainee', dueOn: tomorrow });
      const mine2 = await step(me.id, { owner: 'trainee', dueOn: tomorrow });
      // Not these: the counsellor's and the station's steps, a done one, a cancelled one, one due later or today.
      await step(me.id, { owner: 'counsellor', dueOn: tomorrow });
      await step(me.id, { owner: 'station', dueOn: tomorrow });
      await step(me.id, { owner: 'trainee', dueOn: tomorrow, status: 'done' });
      await step(me.id, { owner: 'trainee', dueOn: tomorrow, status: 'cancelled' });
      await step(me.id, { owner: 'trainee', dueOn: daysFrom(2, clock.today()) });
      await step(me.id, { owner: 'trainee', dueOn: clock.today() });
      await step(me.id, { owner: 'trainee', dueOn: null });
      // Someone without an account is reminded of nothing (and the job does not fail on them).
      const noAccount = await newTrainee(t, { organisationId: facility });
      await step(noAccount, { owner: 'trainee', dueOn: tomorrow });

      await scheduler.run();
      await scheduler.run(); // twice: nobody is reminded twice

      const got = await notices(me.userId, 'plan.step_due');
      expect(got.map((n) => n.dedupe_key).sort()).toEqual(
        [`plan.step_due:${mine1}:${tomorrow}`, `plan.step_due:${mine2}:${tomorrow}`].sort(),
      );
      for (const n of got) {
        expect(n).toMatchObject({
          title_zh: TRAINEE_NOTICES['plan.step_due']!.zh,
          title_en: TRAINEE_NOTICES['plan.step_due']!.en,
          link: '/me/plan',
        });
        // The step's title (staff's words) never reaches the person's notice.
        expect(n.title_zh).not.toContain('身份证');
        for (const w of REVEALING_WORDS) expect(`${n.title_zh} ${n.title_en}`.toLowerCase()).not.toContain(w.toLowerCase());
      }

      // The person reads them in their inbox.
      const inbox = await t
        .http()
        .get('/api/notifications')
        .auth((await t.login(me.username)).token, { type: 'bearer' })
        .expect(200);
      expect(inbox.body.items.filter((i: { kind: string }) => i.kind === 'plan.step_due')).toHaveLength(2);
    });

    it('a step moved to another day is reminded again the day before it', async () => {
      const me = await person(facility);
      const id = await step(me.id, { owner: 'trainee', dueOn: daysFrom(1, clock.today()) });
      await scheduler.run();
      const later = daysFrom(5, clock.today());
      await t.sql(`UPDATE plan_action SET due_on = $2 WHERE id = $1`, [id, later]);
      clock.travelTo(new Date(Date.parse(`${daysFrom(4, clock.today())}T02:00:00Z`)));
      try {
        await scheduler.run();
      } finally {
        clock.travelTo(new Date());
      }
      expect((await notices(me.userId, 'plan.step_due')).map((n) => n.dedupe_key)).toEqual([
        `plan.step_due:${id}:${daysFrom(1, clock.today())}`,
        `plan.step_due:${id}:${later}`,
      ]);
    });

    it('a person who turned reminders off is not reminded', async () => {
      const me = await person(facility);
      await step(me.id, { owner: 'trainee', dueOn: daysFrom(1, clock.today()) });
      const token = (await t.login(me.username)).token;
      const prefs = await t
        .http()
        .put('/api/notifications/preferences')
        .auth(token, { type: 'bearer' })
        .send({ mutedGroups: ['reminders'] });
      expect(prefs.status).toBe(200);
      expect(prefs.body.groups.find((g: { group: string }) => g.group === 'reminders')).toMatchObject({ enabled: false });
      await scheduler.run();
      expect(await notices(me.userId, 'plan.step_due')).toEqual([]);
    });
  });

  describe('visit appointments', () => {
    /** A planned visit of a person held by the station. */
    const plannedVisit = async (withAccount = true) => {
      const p = withAccount
        ? await person(station)
        : { id: await newTrainee(t, { organisationId: station, state: 'community', releasedOn: daysFrom(-20) }), userId: '', username: '' };
      const visitId = await newFollowUpVisit(t, {
        traineeId: p.id,
        stationId: station,
        monthsAfter: 1,
        dueOn: daysFrom(10),
        state: 'planned',
      });
      return { ...p, visitId };
    };
    const put = (token: string | null, visitId: string, body: object) => {
      const req = t.http().put(`/api/follow-ups/${visitId}/appointment`);
      return (token ? req.auth(token, { type: 'bearer' }) : req).send(body);
    };
    const del = (token: string | null, visitId: string) => {
      const req = t.http().delete(`/api/follow-ups/${visitId}/appointment`);
      return token ? req.auth(token, { type: 'bearer' }) : req;
    };
    const hoursFromNow = (h: number) => new Date(clock.now().getTime() + h * 3_600_000);

    it('books a time: the visit shows it, the person is told in fixed words, the booking is audited', async () => {
      const v = await plannedVisit();
      const at = hoursFromNow(50);
      at.setUTCSeconds(0, 0);
      const res = await put(tokens.station!, v.visitId, { at: at.toISOString() }).expect(200);
      expect(res.body).toMatchObject({ id: v.visitId, state: 'planned', appointmentAt: at.toISOString() });
      // The same instant written with China's offset is the same booking: one notice.
      const china = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
      await put(tokens.station!, v.visitId, { at: china }).expect(200);

      const got = await notices(v.userId, 'follow_up.visit_appointment');
      expect(got).toEqual([
        {
          title_zh: TRAINEE_NOTICES['follow_up.visit_appointment']!.zh,
          title_en: TRAINEE_NOTICES['follow_up.visit_appointment']!.en,
          link: '/me',
          dedupe_key: `follow_up.visit_appointment:${v.visitId}:${at.toISOString()}`,
        },
      ]);
      for (const w of REVEALING_WORDS) expect(`${got[0]!.title_zh} ${got[0]!.title_en}`.toLowerCase()).not.toContain(w.toLowerCase());

      const read = await t.http().get(`/api/follow-ups/${v.visitId}`).auth(tokens.station!, { type: 'bearer' }).expect(200);
      expect(read.body.appointmentAt).toBe(at.toISOString());
      const list = await t
        .http()
        .get(`/api/follow-ups?view=upcoming&traineeId=${v.id}`)
        .auth(tokens.station!, { type: 'bearer' })
        .expect(200);
      expect(list.body.items[0]).toMatchObject({ id: v.visitId, appointmentAt: at.toISOString() });

      const audit = await t.sql<{ action: string; subject_id: string }>(
        `SELECT action, subject_id FROM audit_log WHERE action = 'follow_up.appointment' AND detail->>'visitId' = $1`,
        [v.visitId],
      );
      expect(audit).toHaveLength(2);
      expect(audit[0]!.subject_id).toBe(v.id);
    });

    it('a new time is told again; clearing it tells nobody and shows no appointment', async () => {
      const v = await plannedVisit();
      await put(tokens.station!, v.visitId, { at: hoursFromNow(30).toISOString() }).expect(200);
      await put(tokens.station!, v.visitId, { at: hoursFromNow(54).toISOString() }).expect(200);
      expect(await notices(v.userId, 'follow_up.visit_appointment')).toHaveLength(2);
      const cleared = await del(tokens.station!, v.visitId).expect(200);
      expect(cleared.body.appointmentAt).toBeNull();
      expect(await notices(v.userId, 'follow_up.visit_appointment')).toHaveLength(2);
      const [row] = await t.sql<{ appointment_at: Date | null }>(`SELECT appointment_at FROM follow_up_visit WHERE id = $1`, [v.visitId]);
      expect(row!.appointment_at).toBeNull();
    });

    it('a person without an account: the time is booked, no one is told', async () => {
      const v = await plannedVisit(false);
      await put(tokens.station!, v.visitId, { at: hoursFromNow(30).toISOString() }).expect(200);
      const n = await t.sql(`SELECT 1 FROM notification WHERE kind = 'follow_up.visit_appointment' AND dedupe_key LIKE $1`, [
        `%${v.visitId}%`,
      ]);
      expect(n).toEqual([]);
    });

    it('a bad time is a 400 that says what is wrong; nothing is booked', async () => {
      const v = await plannedVisit();
      const cases: [object, string][] = [
        [{ at: hoursFromNow(-1).toISOString() }, 'APPOINTMENT_IN_PAST'],
        [{ at: hoursFromNow(91 * 24).toISOString() }, 'APPOINTMENT_TOO_FAR'],
        [{ at: '2027-02-30T10:00:00+08:00' }, 'APPOINTMENT_TIME_INVALID'],
        [{ at: '2027-01-05T25:00:00+08:00' }, 'APPOINTMENT_TIME_INVALID'],
        [{ at: '2027-01-05T10:00:00' }, 'VALIDATION_FAILED'], // no offset: whose 10 o'clock?
        [{ at: 'tomorrow' }, 'VALIDATION_FAILED'],
        [{ at: 1767225600000 }, 'VALIDATION_FAILED'],
        [{}, 'VALIDATION_FAILED'],
        [{ at: hoursFromNow(30).toISOString(), note: 'x' }, 'VALIDATION_FAILED'],
      ];
      for (const [body, code] of cases) {
        const res = await put(tokens.station!, v.visitId, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
        expect(res.body.message).toEqual(expect.any(String));
        expect(res.body.messageEn).toEqual(expect.any(String));
      }
      const tooFar = await put(tokens.station!, v.visitId, { at: hoursFromNow(91 * 24).toISOString() });
      expect(tooFar.body.messageEn).toContain('90 days');
      const noOffset = await put(tokens.station!, v.visitId, { at: '2027-01-05T10:00:00' });
      expect(noOffset.body.messageEn).toContain('offset');
      expect(await notices(v.userId, 'follow_up.visit_appointment')).toEqual([]);
      const [row] = await t.sql<{ appointment_at: Date | null }>(`SELECT appointment_at FROM follow_up_visit WHERE id = $1`, [v.visitId]);
      expect(row!.appointment_at).toBeNull();
    });

    it('a recorded visit cannot be booked (409), and a malformed id is a 400', async () => {
      const p = await person(station);
      const done = await newFollowUpVisit(t, { traineeId: p.id, stationId: station, monthsAfter: 1, dueOn: daysFrom(-3), state: 'done' });
      const res = await put(tokens.station!, done, { at: hoursFromNow(30).toISOString() });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'ALREADY_RECORDED' });
      await put(tokens.station!, 'not-a-uuid', { at: hoursFromNow(30).toISOString() }).expect(400);
      expect(await notices(p.userId, 'follow_up.visit_appointment')).toEqual([]);
    });

    it('another station’s (or a facility’s) visit is a 404, also for a visit that does not exist', async () => {
      const v = await plannedVisit();
      for (const who of ['counsellor', 'counsellor2']) {
        const a = await put(tokens[who]!, v.visitId, { at: hoursFromNow(30).toISOString() });
        expect({ who, status: a.status, code: a.body.code }).toEqual({ who, status: 404, code: 'NOT_FOUND' });
        // Even with a bad time: the answer does not tell the visit exists.
        const b = await put(tokens[who]!, v.visitId, { at: hoursFromNow(-30).toISOString() });
        expect({ who, status: b.status }).toEqual({ who, status: 404 });
        const c = await del(tokens[who]!, v.visitId);
        expect({ who, status: c.status }).toEqual({ who, status: 404 });
      }
      // A station's counsellor of another station.
      const otherStation = await newUser(t, { organisationId: await newOrganisation(t, { type: 'community_station' }) });
      const other = (await t.login(otherStation.username)).token;
      await put(other, v.visitId, { at: hoursFromNow(30).toISOString() }).expect(404);
      await put(tokens.station!, '6c1f1d8e-0a3e-4a1e-9c55-2f1f2a4b5c6d', { at: hoursFromNow(30).toISOString() }).expect(404);
      expect(await notices(v.userId, 'follow_up.visit_appointment')).toEqual([]);
    });

    it('401 without a token; 403 for admins, employers and trainees (the person too)', async () => {
      const v = await plannedVisit();
      await put(null, v.visitId, { at: hoursFromNow(30).toISOString() }).expect(401);
      await del(null, v.visitId).expect(401);
      const self = (await t.login(v.username)).token;
      for (const token of [tokens.admin!, tokens.employer!, tokens.trainee!, self]) {
        await put(token, v.visitId, { at: hoursFromNow(30).toISOString() }).expect(403);
        await del(token, v.visitId).expect(403);
      }
      expect(await notices(v.userId, 'follow_up.visit_appointment')).toEqual([]);
    });
  });
});
