import { Clock } from '../../server/src/common/clock';
import { REVEALING_WORDS } from '../../server/src/notifications/trainee-notice-text';
import { PlanRemindersScheduler } from '../../server/src/plans/plan-reminders.scheduler';
import { daysFrom, newFollowUpVisit, newTrainee, newUser, organisationOf } from '../factories';
import { FakeTencentSms } from '../sms/fake-tencent-sms';
import { createTestApp, type TestApp } from '../utils/test-app';

const SECRET_ID = 'AKIDfakeTencentSmsSecretId00002';
const SECRET_KEY = 'fakeTencentSmsSecretKey-9876543210';
const TEMPLATE_IDS = { INTERVIEW: '300001', FAIR_DAY: '300002', VISIT: '300003', PLAN_STEP: '300004', GENERIC: '300005' };

/** 10:00 China time on Monday 7 December 2026: outside quiet hours, so an SMS goes at once. */
const DAY = new Date('2026-12-07T02:00:00Z');

/**
 * The SMS each reminder sends, against a local stand-in for Tencent Cloud SMS: its own template, and
 * only the date (and time) as parameters — never the step's title or the visit.
 */
describe('reminders by SMS (Tencent through a local fake)', () => {
  let t: TestApp;
  let fake: FakeTencentSms;
  let clock: Clock;
  let station: string;
  let stationToken: string;

  /** A person held by `organisationId`, with an account and a mobile number. */
  const person = async (organisationId: string, phone: string) => {
    const user = await newUser(t, { organisationId, role: 'trainee' });
    const id = await newTrainee(t, { organisationId, userId: user.id, state: 'community', releasedOn: daysFrom(-20, '2026-12-07') });
    await t.sql(`UPDATE trainee SET phone = $2 WHERE id = $1`, [id, phone]);
    return { id, userId: user.id };
  };
  const sentTo = (phone: string) => fake.received.filter((r) => r.phone === `+86${phone}`);
  const noRevealingWords = (params: string[]) => {
    for (const p of params) for (const w of REVEALING_WORDS) expect(p.toLowerCase()).not.toContain(w.toLowerCase());
  };

  beforeAll(async () => {
    fake = new FakeTencentSms(SECRET_ID, SECRET_KEY);
    const endpoint = await fake.start();
    t = await createTestApp({
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_SECRET_ID: SECRET_ID,
      TENCENT_SMS_SECRET_KEY: SECRET_KEY,
      TENCENT_SMS_SDK_APP_ID: '1400000002',
      TENCENT_SMS_SIGN_NAME: '就业服务',
      TENCENT_SMS_ENDPOINT: endpoint,
      SMS_CALLBACK_TOKEN: 'r7Vd2Lr7ZpXw4Nc9Ht1Ke6Bs3Mf5Gy0K',
      ...Object.fromEntries(Object.entries(TEMPLATE_IDS).map(([k, v]) => [`TENCENT_SMS_TEMPLATE_${k}`, v])),
    });
    clock = t.app.get(Clock);
    station = await organisationOf(t, 'station');
    stationToken = (await t.login('station')).token;
  });
  afterAll(async () => {
    clock?.travelTo(new Date());
    await t?.close();
    await fake?.stop();
  });
  beforeEach(() => clock.travelTo(DAY));

  it('a plan step due tomorrow: the plan_step template with tomorrow’s date, once', async () => {
    const phone = '13800138101';
    const p = await person(await organisationOf(t, 'counsellor'), phone);
    await t.sql(
      `INSERT INTO plan_action (trainee_id, area, title, owner, due_on) VALUES ($1, 'documents', '去戒毒所取回证件', 'trainee', '2026-12-08')`,
      [p.id],
    );
    await t.app.get(PlanRemindersScheduler).run();
    await t.app.get(PlanRemindersScheduler).run();
    const sent = sentTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ templateId: TEMPLATE_IDS.PLAN_STEP, params: ['12月8日'], signatureValid: true });
    noRevealingWords(sent[0]!.params);
    const [row] = await t.sql<{ template: string; status: string }>(`SELECT template, status FROM sms_delivery WHERE user_id = $1`, [
      p.userId,
    ]);
    expect(row).toMatchObject({ template: 'plan_step', status: 'sent' });
  });

  it('a visit appointment: the visit template with its China date and time', async () => {
    const phone = '13800138102';
    const p = await person(station, phone);
    const visitId = await newFollowUpVisit(t, {
      traineeId: p.id,
      stationId: station,
      monthsAfter: 1,
      dueOn: '2026-12-10',
      state: 'planned',
    });
    // 14:30 China time on 9 December, written in UTC.
    await t
      .http()
      .put(`/api/follow-ups/${visitId}/appointment`)
      .auth(stationToken, { type: 'bearer' })
      .send({ at: '2026-12-09T06:30:00Z' })
      .expect(200);
    // Late in the evening UTC is the next morning in China: the date is China's.
    await t
      .http()
      .put(`/api/follow-ups/${visitId}/appointment`)
      .auth(stationToken, { type: 'bearer' })
      .send({ at: '2026-12-09T23:15:00Z' })
      .expect(200);
    const sent = sentTo(phone);
    expect(sent).toMatchObject([
      { templateId: TEMPLATE_IDS.VISIT, params: ['12月9日', '14:30'], signatureValid: true },
      { templateId: TEMPLATE_IDS.VISIT, params: ['12月10日', '07:15'], signatureValid: true },
    ]);
    for (const s of sent) noRevealingWords(s.params);
    const rows = await t.sql<{ template: string; status: string }>(`SELECT template, status FROM sms_delivery WHERE user_id = $1`, [
      p.userId,
    ]);
    expect(rows).toEqual([
      { template: 'visit', status: 'sent' },
      { template: 'visit', status: 'sent' },
    ]);
  });
});
