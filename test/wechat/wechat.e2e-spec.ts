import { Clock } from '../../server/src/common/clock';
import { NotificationDeliveries } from '../../server/src/notifications/notification-deliveries';
import { DeliveryDeferred } from '../../server/src/notifications/notification-transport';
import { REVEALING_WORDS } from '../../server/src/notifications/trainee-notice-text';
import { WechatTransport } from '../../server/src/notifications/wechat/wechat-transport';
import { newNotification, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { FakeWechat } from './fake-wechat';

const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'fake-wechat-app-secret-0123456789';
const TEMPLATE_IDS = {
  INTERVIEW: 'tplInterview01',
  FAIR_DAY: 'tplFairDay01',
  VISIT: 'tplVisit01',
  PLAN_STEP: 'tplPlan01',
  GENERIC: 'tplGeneric01',
};
const NOTICE_URL = 'https://jobs.example.cn/notifications';

/** 10:00 and 22:30 China time on a Monday. */
const DAY = new Date('2026-12-07T02:00:00Z');
const NIGHT = new Date('2026-12-07T14:30:00Z');

const TRAINEE_OPENID = 'oTrainee_0000000000000000001';

describe('WeChat reminders (服务号 subscription notices through a local fake)', () => {
  let t: TestApp;
  let fake: FakeWechat;
  let clock: Clock;
  let deliveries: NotificationDeliveries;
  let transport: WechatTransport;
  let traineeId: string;
  let traineeToken: string;
  let trainee2Token: string;
  let cityName: string;

  const rowOf = async (notificationId: string) =>
    (
      await t.sql<{ status: string; template: string; error_code: string | null; not_before: Date | null }>(
        `SELECT status, template, error_code, not_before FROM wechat_delivery WHERE notification_id = $1`,
        [notificationId],
      )
    )[0];
  /** A notice in the inbox and its WeChat delivery job run as the queue's worker would run it. */
  const remind = async (userId: string, kind: string, params?: Record<string, string>) => {
    const notificationId = await newNotification(t, { userId, kind });
    await deliveries.deliver({ notificationId, transport: 'wechat', ...(params ? { params: JSON.stringify(params) } : {}) });
    return notificationId;
  };
  const api = (method: 'get' | 'post' | 'delete', token: string | null, body?: object) => {
    const req = t.http()[method]('/api/wechat/binding');
    if (token) void req.auth(token, { type: 'bearer' });
    return body ? req.send(body) : req;
  };
  const bind = async (token: string, openid: string) => api('post', token, { code: fake.authorise(openid) }).expect(200);

  beforeAll(async () => {
    fake = new FakeWechat(APP_ID, APP_SECRET);
    const base = await fake.start();
    t = await createTestApp({
      WECHAT_PROVIDER: 'official',
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_API_BASE: base,
      WECHAT_NOTICE_URL: NOTICE_URL,
      ...Object.fromEntries(Object.entries(TEMPLATE_IDS).map(([k, v]) => [`WECHAT_TEMPLATE_${k}`, v])),
    });
    clock = t.app.get(Clock);
    deliveries = t.app.get(NotificationDeliveries);
    transport = t.app.get(WechatTransport);
    traineeId = await userIdOf(t, 'trainee');
    traineeToken = (await t.login('trainee')).token;
    trainee2Token = (await t.login('trainee2')).token;
    const [division] = await t.sql<{ name: string }>(`SELECT name FROM division WHERE code = '460100'`);
    cityName = division!.name;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });
  beforeEach(() => clock.travelTo(DAY));

  describe('binding my account', () => {
    it('401 without a token, on every route', async () => {
      for (const method of ['get', 'post', 'delete'] as const) {
        const res = await api(method, null, method === 'post' ? { code: 'abc' } : undefined);
        expect({ method, status: res.status, code: res.body.code }).toEqual({ method, status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it('400 for a code that is not a code, or one WeChat does not know (or already used)', async () => {
      for (const body of [{}, { code: '' }, { code: 42 }, { code: 'a b' }, { code: 'x'.repeat(129) }]) {
        const res = await api('post', traineeToken, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      }
      const unknown = await api('post', traineeToken, { code: 'nosuchcode0123' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('WECHAT_CODE_INVALID');
      const code = fake.authorise('oSomeone_000000000000000009');
      await api('post', trainee2Token, { code }).expect(200);
      const reused = await api('post', traineeToken, { code });
      expect(reused.status).toBe(400);
      expect(reused.body.code).toBe('WECHAT_CODE_INVALID');
      await api('delete', trainee2Token).expect(204);
    });

    it('binds with the code of WeChat’s authorisation; answers say bound, never the openid', async () => {
      const before = await api('get', traineeToken).expect(200);
      expect(before.body).toEqual({ available: true, bound: false, boundAt: null });
      const res = await bind(traineeToken, TRAINEE_OPENID);
      expect(res.body).toMatchObject({ available: true, bound: true });
      // The Clock's time (moved to DAY by the test), give or take the request's own duration.
      expect(Math.abs(new Date(res.body.boundAt as string).getTime() - DAY.getTime())).toBeLessThan(60_000);
      const after = await api('get', traineeToken).expect(200);
      expect(after.body).toMatchObject({ bound: true });
      expect(JSON.stringify([res.body, after.body])).not.toContain(TRAINEE_OPENID);
      const [row] = await t.sql<{ openid: string }>(`SELECT openid FROM wechat_binding WHERE user_id = $1`, [traineeId]);
      expect(row?.openid).toBe(TRAINEE_OPENID);
      const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_log WHERE action = 'wechat.bind' AND subject_id = $1`, [
        traineeId,
      ]);
      expect(audit.length).toBeGreaterThan(0);
    });

    it('another user’s binding is unreachable: not shown, not removable, not takeable', async () => {
      await bind(traineeToken, TRAINEE_OPENID);
      // There is no route naming a user: each caller sees and changes their own account only.
      expect((await api('get', trainee2Token).expect(200)).body).toMatchObject({ bound: false });
      await api('delete', trainee2Token).expect(204);
      expect((await api('get', traineeToken).expect(200)).body).toMatchObject({ bound: true });
      // Someone who gets hold of the trainee's WeChat code flow for their own account cannot steal the binding.
      const taken = await api('post', trainee2Token, { code: fake.authorise(TRAINEE_OPENID) });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('WECHAT_BOUND_ELSEWHERE');
      expect(JSON.stringify(taken.body)).not.toContain(TRAINEE_OPENID);
      expect((await api('get', trainee2Token).expect(200)).body).toMatchObject({ bound: false });
      const [row] = await t.sql<{ user_id: string }>(`SELECT user_id FROM wechat_binding WHERE openid = $1`, [TRAINEE_OPENID]);
      expect(row?.user_id).toBe(traineeId);
    });

    it('unbinding stops reminders; binding again restores them', async () => {
      await bind(traineeToken, TRAINEE_OPENID);
      await api('delete', traineeToken).expect(204);
      expect((await api('get', traineeToken).expect(200)).body).toEqual({ available: true, bound: false, boundAt: null });
      const before = fake.received.length;
      const id = await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
      expect(fake.received.length).toBe(before);
      expect(await rowOf(id)).toMatchObject({ status: 'unbound' });
      await bind(traineeToken, TRAINEE_OPENID);
    });
  });

  describe('reminders', () => {
    beforeAll(async () => {
      await t.sql(`DELETE FROM wechat_binding WHERE user_id = $1`, [traineeId]);
      await bind(traineeToken, TRAINEE_OPENID);
    });
    beforeEach(() => fake.refuse(TRAINEE_OPENID, false));

    it('delivers a reminder to the bound WeChat: the template, dates and times only, the inbox as the page', async () => {
      const before = fake.received.length;
      const id = await remind(traineeId, 'placement.interview', { at: '2026-12-09T06:30:00Z' });
      expect(fake.received.slice(before)).toEqual([
        {
          touser: TRAINEE_OPENID,
          templateId: TEMPLATE_IDS.INTERVIEW,
          page: NOTICE_URL,
          data: { date1: '2026年12月9日', time2: '14:30' },
          errcode: 0,
        },
      ]);
      expect(await rowOf(id)).toMatchObject({ status: 'sent', template: 'interview', error_code: null });
    });

    it('names a fair day by its city from the reference data; no value carries a rehab word', async () => {
      const before = fake.received.length;
      await remind(traineeId, 'fair.reminder', { date: '2026-12-08', divisionCode: '460100' });
      await remind(traineeId, 'fair.reminder', { date: '2026-12-08', divisionCode: '戒毒所' });
      const [fair, generic] = fake.received.slice(before);
      expect(fair).toMatchObject({ templateId: TEMPLATE_IDS.FAIR_DAY, data: { date1: '2026年12月8日', thing2: cityName } });
      // Not of the controlled vocabulary: the generic notice, dated today.
      expect(generic).toMatchObject({ templateId: TEMPLATE_IDS.GENERIC, data: { date1: '2026年12月7日' } });
      for (const v of [...Object.values(fair!.data), ...Object.values(generic!.data)])
        for (const w of REVEALING_WORDS) expect(v.toLowerCase()).not.toContain(w.toLowerCase());
    });

    it('sends nothing for kinds that are not reminders', async () => {
      const before = fake.received.length;
      const id = await remind(traineeId, 'placement.offer');
      expect(fake.received.length).toBe(before);
      expect(await rowOf(id)).toBeUndefined();
    });

    it('in quiet hours defers to 08:00 China time, then sends on the same row', async () => {
      clock.travelTo(NIGHT);
      const before = fake.received.length;
      const id = await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
      expect(fake.received.length).toBe(before);
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'deferred' });
      expect(new Date(row!.not_before!).toISOString()).toBe('2026-12-08T00:00:00.000Z');
      const jobs = await t.sql<{ start_after: Date }>(
        `SELECT start_after FROM pgboss.job WHERE name = 'notification-delivery' AND data->>'notificationId' = $1 AND data->>'transport' = 'wechat'`,
        [id],
      );
      expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual(['2026-12-08T00:00:00.000Z']);
      await expect(
        transport.deliver({ userId: traineeId, kind: 'plan.step_due', titleZh: '', titleEn: '', link: null, notificationId: id }),
      ).rejects.toBeInstanceOf(DeliveryDeferred);
      clock.travelTo(new Date('2026-12-08T00:00:00Z'));
      await deliveries.deliver({ notificationId: id, transport: 'wechat', params: JSON.stringify({ date: '2026-12-20' }) });
      expect(fake.received.slice(before)).toMatchObject([{ templateId: TEMPLATE_IDS.PLAN_STEP, data: { date1: '2026年12月20日' } }]);
      expect(await rowOf(id)).toMatchObject({ status: 'sent' });
    });

    it('43101 (not subscribed, or turned off) is recorded and not retried', async () => {
      fake.refuse(TRAINEE_OPENID);
      const before = fake.received.length;
      // The job completes (no throw: the queue would only ask again in vain).
      const id = await remind(traineeId, 'placement.interview', { at: '2026-12-09T06:30:00Z' });
      expect(fake.received.slice(before)).toMatchObject([{ errcode: 43101 }]);
      expect(await rowOf(id)).toMatchObject({ status: 'refused', error_code: '43101' });
      // Run again (a duplicate job): WeChat is not asked again.
      fake.refuse(TRAINEE_OPENID, false);
      await deliveries.deliver({ notificationId: id, transport: 'wechat', params: JSON.stringify({ at: '2026-12-09T06:30:00Z' }) });
      expect(fake.received.length).toBe(before + 1);
      expect(await rowOf(id)).toMatchObject({ status: 'refused' });
    });

    it('skips a user who has not bound a WeChat, and records why', async () => {
      const adminId = await userIdOf(t, 'admin');
      const before = fake.received.length;
      const id = await remind(adminId, 'plan.step_due', { date: '2026-12-20' });
      expect(fake.received.length).toBe(before);
      expect(await rowOf(id)).toMatchObject({ status: 'unbound' });
    });

    it('reuses its access token, and fetches a new one once when WeChat says it is no longer valid', async () => {
      await remind(traineeId, 'plan.step_due', { date: '2026-12-20' });
      const tokens = fake.tokenCalls;
      await remind(traineeId, 'plan.step_due', { date: '2026-12-21' });
      expect(fake.tokenCalls).toBe(tokens);
      fake.expireTokens();
      const before = fake.received.length;
      const id = await remind(traineeId, 'plan.step_due', { date: '2026-12-22' });
      expect(fake.tokenCalls).toBe(tokens + 1);
      expect(fake.received.slice(before)).toMatchObject([{ errcode: 0, data: { date1: '2026年12月22日' } }]);
      expect(await rowOf(id)).toMatchObject({ status: 'sent' });
    });

    it('in an event transaction (no queue) never throws: a night reminder is recorded as deferred', async () => {
      clock.travelTo(NIGHT);
      await expect(
        transport.deliver({ userId: traineeId, kind: 'plan.step_due', titleZh: '', titleEn: '', link: null }),
      ).resolves.toBeUndefined();
      const [last] = await t.sql<{ status: string; notification_id: string | null }>(
        `SELECT status, notification_id FROM wechat_delivery WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [traineeId],
      );
      expect(last).toEqual({ status: 'deferred', notification_id: null });
    });

    it('keeps no openid and no text in wechat_delivery', async () => {
      const columns = await t.sql<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'wechat_delivery'`,
      );
      expect(columns.map((c) => c.column_name).filter((c) => /openid|text|body|value|data/.test(c))).toEqual([]);
      expect(await t.sql(`SELECT 1 FROM wechat_delivery d WHERE d::text LIKE $1`, [`%${TRAINEE_OPENID}%`])).toEqual([]);
    });
  });
});
