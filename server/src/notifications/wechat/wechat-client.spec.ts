import type { WechatOfficialConfig } from '../../config/env';
import { WechatApiError, WechatClient } from './wechat-client';

const CONFIG: WechatOfficialConfig = {
  appId: 'wx0123456789abcdef',
  appSecret: 'secret-0123456789',
  apiBase: 'https://wechat.test',
  templates: {
    interview: { id: 'T1', fields: ['date1', 'time2'] },
    fair_day: { id: 'T2', fields: ['date1', 'thing2'] },
    visit: { id: 'T3', fields: ['date1', 'time2'] },
    plan_step: { id: 'T4', fields: ['date1'] },
    generic: { id: 'T5', fields: ['date1'] },
  },
  noticeUrl: undefined,
};

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
}

/** A scripted WeChat: each answer is taken in turn; every call is written down. */
function fakeWechat(answers: object[]): { calls: Call[]; restore: () => void } {
  const calls: Call[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
    });
    const answer = answers.shift();
    if (!answer) return Promise.reject(new Error('no more answers'));
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } }));
  };
  return { calls, restore: () => (globalThis.fetch = original) };
}

const TOKEN = (n: number) => ({ access_token: `TOKEN-${n}`, expires_in: 7200 });
const OK = { errcode: 0, errmsg: 'ok' };
const MSG = { touser: 'oOPENID', templateId: 'T1', data: { date1: '2026年12月9日', time2: '14:30' } };

describe('WechatClient', () => {
  let now: number;
  let fake: ReturnType<typeof fakeWechat> | undefined;
  const client = () => new WechatClient(CONFIG, () => now);
  beforeEach(() => (now = Date.UTC(2026, 11, 7, 2)));
  afterEach(() => fake?.restore());

  it('gets a stable token in normal mode and sends with it, in WeChat’s format', async () => {
    fake = fakeWechat([TOKEN(1), OK]);
    await client().sendSubscribe({ ...MSG, page: 'https://jobs.example.cn/notifications' });
    const [token, send] = fake.calls;
    expect(token).toMatchObject({ method: 'POST', path: '/cgi-bin/stable_token' });
    expect(token!.body).toEqual({ grant_type: 'client_credential', appid: CONFIG.appId, secret: CONFIG.appSecret, force_refresh: false });
    expect(send).toMatchObject({ method: 'POST', path: '/cgi-bin/message/subscribe/bizsend' });
    expect(send!.query.get('access_token')).toBe('TOKEN-1');
    expect(send!.body).toEqual({
      touser: 'oOPENID',
      template_id: 'T1',
      page: 'https://jobs.example.cn/notifications',
      data: { date1: { value: '2026年12月9日' }, time2: { value: '14:30' } },
    });
  });

  it('caches the token until shortly before it expires, then fetches another', async () => {
    fake = fakeWechat([TOKEN(1), OK, OK, TOKEN(2), OK]);
    const c = client();
    await c.sendSubscribe(MSG);
    now += 60 * 60_000; // an hour later: still valid
    await c.sendSubscribe(MSG);
    now += 56 * 60_000; // 1 h 56 min after it was issued: within the last 5 minutes of its 2 hours
    await c.sendSubscribe(MSG);
    expect(fake.calls.map((c) => c.path.split('/').at(-1))).toEqual(['stable_token', 'bizsend', 'bizsend', 'stable_token', 'bizsend']);
    expect(fake.calls.at(-1)!.query.get('access_token')).toBe('TOKEN-2');
  });

  it('asks for one token when many sends start together', async () => {
    fake = fakeWechat([TOKEN(1), OK, OK, OK]);
    const c = client();
    await Promise.all([c.sendSubscribe(MSG), c.sendSubscribe(MSG), c.sendSubscribe(MSG)]);
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(1);
  });

  it.each([40001, 42001])('on errcode %i refreshes the token once and sends again', async (errcode) => {
    fake = fakeWechat([TOKEN(1), { errcode, errmsg: 'access_token is invalid or not latest' }, TOKEN(2), OK]);
    await client().sendSubscribe(MSG);
    expect(fake.calls.map((c) => c.query.get('access_token'))).toEqual([null, 'TOKEN-1', null, 'TOKEN-2']);
    // Never force_refresh: that would invalidate the token other processes hold.
    expect(fake.calls[2]!.body).toMatchObject({ force_refresh: false });
  });

  it('refreshes only once: a second token refusal is an error', async () => {
    fake = fakeWechat([TOKEN(1), { errcode: 40001 }, TOKEN(2), { errcode: 40001 }]);
    await expect(client().sendSubscribe(MSG)).rejects.toMatchObject({ code: '40001' });
    expect(fake.calls).toHaveLength(4);
  });

  it('says 43101 (not subscribed) is final, WeChat’s busy and limits are worth retrying', async () => {
    fake = fakeWechat([
      TOKEN(1),
      { errcode: 43101, errmsg: 'user refuse to accept the msg rid: oOPENID' },
      { errcode: -1 },
      { errcode: 45009 },
    ]);
    const c = client();
    const refused = await c.sendSubscribe(MSG).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WechatApiError);
    expect(refused).toMatchObject({ code: '43101', retryable: false });
    // WeChat's errmsg (which may echo the openid) is not carried.
    expect((refused as Error).message).not.toContain('oOPENID');
    await expect(c.sendSubscribe(MSG)).rejects.toMatchObject({ code: '-1', retryable: true });
    await expect(c.sendSubscribe(MSG)).rejects.toMatchObject({ code: '45009', retryable: true });
  });

  it('a token refused (wrong secret) is an error, and nothing is cached', async () => {
    fake = fakeWechat([{ errcode: 40125, errmsg: 'invalid appsecret' }, TOKEN(1), OK]);
    const c = client();
    await expect(c.sendSubscribe(MSG)).rejects.toMatchObject({ code: '40125' });
    await c.sendSubscribe(MSG);
    expect(fake.calls.map((c) => c.path.split('/').at(-1))).toEqual(['stable_token', 'stable_token', 'bizsend']);
  });

  it('exchanges a web authorisation code for the openid', async () => {
    fake = fakeWechat([
      { access_token: 'WEB', expires_in: 7200, refresh_token: 'R', openid: 'oAbC_123-x', scope: 'snsapi_base' },
      { errcode: 40029 },
    ]);
    const c = client();
    await expect(c.openidForCode('CODE1')).resolves.toBe('oAbC_123-x');
    const [call] = fake.calls;
    expect(call).toMatchObject({ method: 'GET', path: '/sns/oauth2/access_token' });
    expect(Object.fromEntries(call!.query)).toEqual({
      appid: CONFIG.appId,
      secret: CONFIG.appSecret,
      code: 'CODE1',
      grant_type: 'authorization_code',
    });
    await expect(c.openidForCode('USED')).rejects.toMatchObject({ code: '40029', retryable: false });
  });
});
