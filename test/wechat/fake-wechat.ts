import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One bizsend call the fake accepted as well-formed (whatever it then answered). */
export interface ReceivedNotice {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
  /** The answer's errcode (0: delivered). */
  errcode: number;
}

interface BizsendBody {
  touser?: unknown;
  template_id?: unknown;
  page?: unknown;
  data?: Record<string, { value?: unknown }>;
}

/**
 * A local stand-in for api.weixin.qq.com: issues stable access tokens for the configured AppID and
 * secret only, refuses a bizsend without a current token (40001, as WeChat does after a token was
 * replaced or expired), answers 43101 for openids whose person did not subscribe, and exchanges web
 * authorisation codes (each valid once) for openids. Answers HTTP 200 with `errcode`, like WeChat.
 */
export class FakeWechat {
  readonly received: ReceivedNotice[] = [];
  tokenCalls = 0;
  private readonly tokens = new Set<string>();
  private readonly codes = new Map<string, string>();
  private readonly refusing = new Set<string>();
  private server: Server | undefined;

  constructor(
    private readonly appId: string,
    private readonly secret: string,
  ) {}

  /** Starts on a free port; the origin to configure (WECHAT_API_BASE). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const answer = this.answer(req, raw);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A person authorises the 服务号 in WeChat: the code their redirect carries. */
  authorise(openid: string): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, openid);
    return code;
  }

  /** This person turned the notices off (or never subscribed): 43101. */
  refuse(openid: string, refusing = true): void {
    if (refusing) this.refusing.add(openid);
    else this.refusing.delete(openid);
  }

  /** Every token issued so far stops working (as when it expires or another caller force-refreshes). */
  expireTokens(): void {
    this.tokens.clear();
  }

  private answer(req: IncomingMessage, raw: string): Record<string, unknown> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = (): Record<string, unknown> | null => {
      try {
        const parsed = JSON.parse(raw) as unknown;
        return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    };
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      const b = body();
      if (!b || b.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
      if (b.appid !== this.appId) return { errcode: 40013, errmsg: 'invalid appid' };
      if (b.secret !== this.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
      this.tokenCalls += 1;
      const token = `TOKEN_${randomBytes(12).toString('hex')}`;
      this.tokens.add(token);
      return { access_token: token, expires_in: 7200 };
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/bizsend') {
      if (!this.tokens.has(url.searchParams.get('access_token') ?? '')) return { errcode: 40001, errmsg: 'invalid credential' };
      const b = body() as BizsendBody | null;
      if (!b || typeof b.touser !== 'string' || typeof b.template_id !== 'string' || !b.data || typeof b.data !== 'object')
        return { errcode: 47001, errmsg: 'data format error' };
      const data: Record<string, string> = {};
      for (const [k, v] of Object.entries(b.data)) {
        if (typeof v?.value !== 'string' || !validValue(k, v.value)) return { errcode: 47003, errmsg: `argument invalid! data.${k}.value` };
        data[k] = v.value;
      }
      const errcode = this.refusing.has(b.touser) ? 43101 : 0;
      this.received.push({
        touser: b.touser,
        templateId: b.template_id,
        ...(typeof b.page === 'string' ? { page: b.page } : {}),
        data,
        errcode,
      });
      return errcode ? { errcode, errmsg: 'user refuse to accept the msg' } : { errcode: 0, errmsg: 'ok' };
    }
    if (req.method === 'GET' && url.pathname === '/sns/oauth2/access_token') {
      const q = url.searchParams;
      if (q.get('appid') !== this.appId || q.get('secret') !== this.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
      if (q.get('grant_type') !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
      const openid = this.codes.get(q.get('code') ?? '');
      if (!openid) return { errcode: 40029, errmsg: 'invalid code' };
      this.codes.delete(q.get('code')!);
      return { access_token: 'WEB_TOKEN', expires_in: 7200, refresh_token: 'REFRESH', openid, scope: 'snsapi_base' };
    }
    return { errcode: 40066, errmsg: 'invalid url' };
  }
}

/** WeChat's keyword types: thing ≤ 20 characters, date and time in its Chinese formats. */
function validValue(key: string, value: string): boolean {
  if (/^thing\d+$/.test(key)) return value.length > 0 && value.length <= 20;
  if (/^date\d+$/.test(key)) return /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value);
  if (/^time\d+$/.test(key)) return /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{2}:\d{2}$/.test(value);
  return false;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
