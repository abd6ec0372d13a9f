import { Clock } from '../../server/src/common/clock';
import { NotificationDeliveries } from '../../server/src/notifications/notification-deliveries';
import { DeliveryDeferred } from '../../server/src/notifications/notification-transport';
import { SmsTransport } from '../../server/src/notifications/sms/sms-transport';
import { TencentSmsClient } from '../../server/src/notifications/sms/tencent-sms-client';
import { REVEALING_WORDS } from '../../server/src/notifications/trainee-notice-text';
import { newNotification, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { FakeTencentSms } from './fake-tencent-sms';

const SECRET_ID = 'AKIDfakeTencentSmsSecretId00001';
const SECRET_KEY = 'fakeTencentSmsSecretKey-0123456789';
const TOKEN = 'q8Vd2Lr7ZpXw4Nc9Ht1Ke6Bs3Mf5Gy0J';
const TEMPLATE_IDS = { INTERVIEW: '200001', FAIR_DAY: '200002', VISIT: '200003', PLAN_STEP: '200004', GENERIC: '200005' };

/** 10:00 and 22:30 China time on a Monday. */
const DAY = new Date('2026-12-07T02:00:00Z');
const NIGHT = new Date('2026-12-07T14:30:00Z');

const TRAINEE_PHONE = '13800138001';

describe('SMS reminders (Tencent Cloud SMS through a local fake)', () => {
  let t: TestApp;
  let fake: FakeTencentSms;
  let traineeId: string;
  let traineeToken: string;
  let clock: Clock;
  let deliveries: NotificationDeliveries;
  let transport: SmsTransport;
  let cityName: string;

  const rows = (userId: string) =>
    t.sql<{
      id: string;
      template: string;
      status: string;
      provider_serial: string | null;
      error_code: string | null;
      not_before: Date | null;
      notification_id: string | null;
    }>(`SELECT * FROM sms_delivery WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
  const rowOf = async (notificationId: string) =>
    (
      await t.sql<{ status: string; template: string; provider_serial: string | null; error_code: string | null; not_before: Date | null }>(
        `SELECT status, template, provider_serial, error_code, not_before FROM sms_delivery WHERE notification_id = $1`,
        [notificationId],
      )
    )[0];
  /** A notice in the inbox and its SMS delivery job run as the queue's worker would run it. */
  const remind = async (userId: string, kind: string, params?: Record<string, string>) => {
    const notificationId = await newNotification(t, { userId, kind });
    await deliveries.deliver({ notificationId, transport: 'sms', ...(params ? { params: JSON.stringify(params) } : {}) });
    return notificationId;
  };
  /** `null`: no token at all. */
  const reply = (body: object, token: string | null = TOKEN) =>
    t
      .http()
      .post(`/api/sms/replies${token === null ? '' : `?token=${encodeURIComponent(token)}`}`)
      .send(body);

  beforeAll(async () => {
    fake = new FakeTencentSms(SECRET_ID, SECRET_KEY);
    const endpoint = await fake.start();
    t = await createTestApp({
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_SECRET_ID: SECRET_ID,
      TENCENT_SMS_SECRET_KEY: SECRET_KEY,
      TENCENT_SMS_SDK_APP_ID: '1400000001',
      TENCENT_SMS_SIGN_NAME: '就业服务',
      TENCENT_SMS_ENDPOINT: endpoint,
      SMS_CALLBACK_TOKEN: TOKEN,
      ...Object.fromEntries(Object.entries(TEMPLATE_IDS).map(([k, v]) => [`TENCENT_SMS_TEMPLATE_${k}`, v])),
    });
    traineeId = await userIdOf(t, 'trainee');
    await t.sql(`UPDATE trainee SET phone = $2 WHERE user_id = $1`, [traineeId, TRAINEE_PHONE]);
    traineeToken = (await t.login('trainee')).token;
    clock = t.app.get(Clock);
    deliveries = t.app.get(NotificationDeliveries);
    transport = t.app.get(SmsTransport);
    const [division] = await t.sql<{ name: string }>(`SELECT name FROM division WHERE code = '460100'`);
    cityName = division!.name;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });
  beforeEach(() => {
    clock.travelTo(DAY);
    fake.clearFailures();
  });

  it('sends a reminder through Tencent, signed, with the template and its parameters only', async () => {
    const before = fake.received.length;
    const id = await remind(traineeId, 'placement.interview', { at: '2026-12-09T06:30:00Z' });
    const sent = fake.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      phone: `+86${TRAINEE_PHONE}`,
      templateId: TEMPLATE_IDS.INTERVIEW,
      params: ['12月9日', '14:30'],
      signName: '就业服务',
      sdkAppId: '1400000001',
      signatureValid: true,
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', template: 'interview', error_code: null });
    expect(row!.provider_serial).toMatch(/^2433:/);
    // The session context Tencent echoes back is our row id, nothing about the person.
    expect(sent[0]!.sessionContext).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names a fair day by its city from the reference data, and a plan step by its date', async () => {
    const before = fake.received.length;
    await remind(traineeId, 'fair.reminder', { date: '2026-12-08', divisionCode: '460100' });
    await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
    const [fair, plan] = fake.received.slice(before);
    expect(fair).toMatchObject({ templateId: TEMPLATE_IDS.FAIR_DAY, params: ['12月8日', cityName] });
    expect(plan).toMatchObject({ templateId: TEMPLATE_IDS.PLAN_STEP, params: ['12月20日'] });
    for (const p of [...fair!.params, ...plan!.params])
      for (const w of REVEALING_WORDS) expect(p.toLowerCase()).not.toContain(w.toLowerCase());
  });

  it('sends the generic text when the parameters are missing or not of the controlled vocabulary', async () => {
    const before = fake.received.length;
    const id = await remind(traineeId, 'fair.reminder', { date: '2026-12-08', divisionCode: '戒毒所' });
    expect(fake.received.slice(before)).toMatchObject([{ templateId: TEMPLATE_IDS.GENERIC, params: [] }]);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', template: 'generic' });
  });

  it('sends nothing for kinds that are not reminders', async () => {
    const before = fake.received.length;
    const id = await remind(traineeId, 'placement.offer');
    expect(fake.received.length).toBe(before);
    expect(await rowOf(id)).toBeUndefined();
  });

  it('in quiet hours defers to 08:00 China time: nothing sent, the job put back to start then', async () => {
    clock.travelTo(NIGHT);
    const before = fake.received.length;
    const id = await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
    expect(fake.received.length).toBe(before);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'deferred' });
    expect(new Date(row!.not_before!).toISOString()).toBe('2026-12-08T00:00:00.000Z');
    const jobs = await t.sql<{ start_after: Date }>(
      `SELECT start_after FROM pgboss.job WHERE name = 'notification-delivery' AND data->>'notificationId' = $1`,
      [id],
    );
    expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual(['2026-12-08T00:00:00.000Z']);
    // The transport itself says so with the typed error (the queue's worker turns it into the later job).
    await expect(
      transport.deliver({ userId: traineeId, kind: 'plan.step_due', titleZh: '', titleEn: '', link: null, notificationId: id }),
    ).rejects.toBeInstanceOf(DeliveryDeferred);
    // At 08:00 the same job sends it, and the same row says so.
    clock.travelTo(new Date('2026-12-08T00:00:00Z'));
    await deliveries.deliver({ notificationId: id, transport: 'sms', params: JSON.stringify({ date: '2026-12-20' }) });
    expect(fake.received.length).toBe(before + 1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent' });
  });

  it('in an event transaction (no queue) never throws: a night reminder is recorded as deferred', async () => {
    clock.travelTo(NIGHT);
    const before = (await rows(traineeId)).length;
    await expect(
      transport.deliver({ userId: traineeId, kind: 'plan.step_due', titleZh: '', titleEn: '', link: null }),
    ).resolves.toBeUndefined();
    const all = await rows(traineeId);
    expect(all.length).toBe(before + 1);
    expect(all.at(-1)).toMatchObject({ status: 'deferred', notification_id: null });
  });

  it('records a provider error code: retried when Tencent may succeed later, final otherwise', async () => {
    fake.failNumber(`+86${TRAINEE_PHONE}`, 'LimitExceeded.PhoneNumberDailyLimit');
    const n1 = await newNotification(t, { userId: traineeId, kind: 'plan.step_due' });
    await expect(
      deliveries.deliver({ notificationId: n1, transport: 'sms', params: JSON.stringify({ date: '2026-12-20' }) }),
    ).rejects.toThrow('SMS not sent: LimitExceeded.PhoneNumberDailyLimit');
    expect(await rowOf(n1)).toMatchObject({ status: 'failed', error_code: 'LimitExceeded.PhoneNumberDailyLimit' });
    fake.failNumber(`+86${TRAINEE_PHONE}`, 'InvalidParameterValue.IncorrectPhoneNumber');
    const n2 = await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
    expect(await rowOf(n2)).toMatchObject({ status: 'failed', error_code: 'InvalidParameterValue.IncorrectPhoneNumber' });
    // The retry after the limit clears sends, on the same row.
    fake.clearFailures();
    await deliveries.deliver({ notificationId: n1, transport: 'sms', params: JSON.stringify({ date: '2026-12-20' }) });
    expect(await rowOf(n1)).toMatchObject({ status: 'sent', error_code: null });
  });

  it('the fake refuses a request signed with another key (the signature is really checked)', async () => {
    const cfg = t.config.sms.tencent!;
    const forged = new TencentSmsClient({ ...cfg, secretKey: 'not-the-secret-key' }, () => Date.now() / 1000);
    await expect(forged.send({ phone: '+8613800138009', templateId: TEMPLATE_IDS.GENERIC, params: [] })).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      retryable: false,
    });
    expect(fake.received.at(-1)?.signatureValid).toBe(false);
    const honest = new TencentSmsClient(cfg, () => Date.now() / 1000);
    await expect(honest.send({ phone: '+8613800138009', templateId: TEMPLATE_IDS.GENERIC, params: [] })).resolves.toMatch(/^2433:/);
  });

  it('skips a user without a phone number, and records why', async () => {
    const adminId = await userIdOf(t, 'admin');
    await t.sql(`UPDATE app_user SET phone = NULL WHERE id = $1`, [adminId]);
    const before = fake.received.length;
    const id = await remind(adminId, 'plan.step_due', { date: '2026-12-20' });
    expect(fake.received.length).toBe(before);
    expect(await rowOf(id)).toMatchObject({ status: 'no_phone' });
  });

  it('keeps no phone number in sms_delivery', async () => {
    const columns = await t.sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'sms_delivery'`,
    );
    expect(columns.map((c) => c.column_name).filter((c) => /phone|mobile|text|body/.test(c))).toEqual([]);
    const leaked = await t.sql(`SELECT 1 FROM sms_delivery s WHERE s::text LIKE $1`, [`%${TRAINEE_PHONE.slice(3)}%`]);
    expect(leaked).toEqual([]);
    const optOuts = await t.sql(`SELECT 1 FROM sms_opt_out s WHERE s::text LIKE $1`, [`%${TRAINEE_PHONE.slice(3)}%`]);
    expect(optOuts).toEqual([]);
  });

  describe('opt-out by reply, and the way back in', () => {
    it('a forged reply (no token, wrong token) is the 404 of an unknown address and changes nothing', async () => {
      const count = async () => Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM sms_opt_out`))[0]!.n);
      const before = await count();
      const unknown = await t.http().post('/api/no-such-route').send({});
      for (const token of [null, '', 'wrong', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toLowerCase()]) {
        const res = await reply({ mobile: TRAINEE_PHONE, nationcode: '86', text: 'TD' }, token);
        // Everything but the request id, which differs per request.
        const body = { ...(res.body as Record<string, unknown>), requestId: undefined };
        const unknownBody = { ...(unknown.body as Record<string, unknown>), requestId: undefined };
        expect({ token, status: res.status, body }).toEqual({ token, status: 404, body: unknownBody });
      }
      // Not even a malformed body tells a forger the route exists.
      expect((await reply({ nonsense: true }, 'wrong')).status).toBe(404);
      expect(await count()).toBe(before);
    });

    it('answers the same for a known number, an unknown one and a text that is not a stop word', async () => {
      const answers = [];
      for (const body of [
        { mobile: '13900000000', nationcode: '86', text: 'TD', sign: '就业服务', time: 1765000000, extend: '' },
        { mobile: TRAINEE_PHONE, nationcode: '86', text: '好的，收到', sign: '就业服务', time: 1765000000 },
      ]) {
        const res = await reply(body);
        answers.push({ status: res.status, body: res.body });
      }
      expect(answers).toEqual([
        { status: 200, body: { result: 0, errmsg: 'OK' } },
        { status: 200, body: { result: 0, errmsg: 'OK' } },
      ]);
    });

    it('400 for a malformed reply with the right token', async () => {
      const res = await reply({ mobile: 13800138001, text: ['TD'] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('SMS_REPLY_INVALID');
    });

    it('a TD reply stops the next SMS; turning reminders back on restores it', async () => {
      const me = await t.http().get('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).expect(200);
      expect(me.body).toEqual({ enabled: true, hasPhone: true });

      const res = await reply({ mobile: TRAINEE_PHONE, nationcode: '86', text: ' td ', sign: '就业服务', time: 1765000000 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ result: 0, errmsg: 'OK' });

      const before = fake.received.length;
      const stopped = await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
      expect(fake.received.length).toBe(before);
      expect(await rowOf(stopped)).toMatchObject({ status: 'opted_out' });
      expect((await t.http().get('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).expect(200)).body).toEqual({
        enabled: false,
        hasPhone: true,
      });

      const on = await t.http().put('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).send({ enabled: true }).expect(200);
      expect(on.body).toEqual({ enabled: true, hasPhone: true });
      const resumed = await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
      expect(fake.received.length).toBe(before + 1);
      expect(await rowOf(resumed)).toMatchObject({ status: 'sent' });

      // And off by the setting, too.
      await t.http().put('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).send({ enabled: false }).expect(200);
      expect(await rowOf(await remind(traineeId, 'plan.step_due', { date: '2026-12-20' }))).toMatchObject({ status: 'opted_out' });
      await t.http().put('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).send({ enabled: true }).expect(200);
    });

    it('the preference route: 401 without a token, 400 on bad input, 400 without a phone', async () => {
      await t.http().get('/api/notifications/sms').expect(401);
      await t.http().put('/api/notifications/sms').send({ enabled: true }).expect(401);
      const bad = await t.http().put('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).send({ enabled: 'yes' });
      expect(bad.status).toBe(400);
      const extra = await t
        .http()
        .put('/api/notifications/sms')
        .auth(traineeToken, { type: 'bearer' })
        .send({ enabled: true, phone: '13900000000' });
      expect(extra.status).toBe(400);
      const adminId = await userIdOf(t, 'admin');
      await t.sql(`UPDATE app_user SET phone = NULL WHERE id = $1`, [adminId]);
      const admin = await t.login('admin');
      expect((await t.http().get('/api/notifications/sms').auth(admin.token, { type: 'bearer' }).expect(200)).body).toEqual({
        enabled: true,
        hasPhone: false,
      });
      const noPhone = await t.http().put('/api/notifications/sms').auth(admin.token, { type: 'bearer' }).send({ enabled: false });
      expect(noPhone.status).toBe(400);
      expect(noPhone.body.code).toBe('SMS_NO_PHONE');
    });

    it("one user's setting never touches another's number", async () => {
      const other = await userIdOf(t, 'trainee2');
      await t.sql(`UPDATE trainee SET phone = '13800138002' WHERE user_id = $1`, [other]);
      await t.http().put('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).send({ enabled: false }).expect(200);
      expect(await rowOf(await remind(other, 'plan.step_due', { date: '2026-12-20' }))).toMatchObject({ status: 'sent' });
      await t.http().put('/api/notifications/sms').auth(traineeToken, { type: 'bearer' }).send({ enabled: true }).expect(200);
    });
  });
});
