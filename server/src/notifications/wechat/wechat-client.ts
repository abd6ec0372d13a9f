import type { WechatOfficialConfig } from '../../config/env';

const TIMEOUT_MS = 10_000;
/** The token is renewed this long before WeChat says it expires (a send must not race the expiry). */
const EARLY_MS = 5 * 60_000;

/**
 * A WeChat call that did not succeed. `code` is WeChat's errcode (`43101`, `40029`…) or ours for the
 * transport (`HTTP_502`, `NETWORK`, `BAD_RESPONSE`); the message never quotes WeChat's errmsg (which
 * may echo the openid) nor the openid. `retryable`: worth another attempt later.
 */
export class WechatApiError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`WeChat call failed: ${code}`);
    this.name = 'WechatApiError';
  }
}

/** WeChat's own trouble and its rate limits (-1 system busy, 45009/45011 limits): a later attempt may succeed. */
const RETRYABLE_ERRCODES = new Set([-1, 45009, 45011]);
/** The access token is invalid (another process forced a refresh) or expired: fetch one and try once more. */
const TOKEN_ERRCODES = new Set([40001, 42001]);

/** One subscription notice (服务号订阅通知, `bizsend`). */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The web page the card opens (absolute URL); none: the card does not open anything. */
  page?: string;
  /** Keyword name (`date1`, `time2`, `thing3`) → value. */
  data: Record<string, string>;
}

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  openid?: string;
}

/**
 * The WeChat Official Account (服务号) API this app uses: the stable access token
 * (`POST /cgi-bin/stable_token`, normal mode: never force-refreshed, so other processes' tokens stay
 * valid), subscription notices (`POST /cgi-bin/message/subscribe/bizsend`) and the web authorisation
 * code exchange (`GET /sns/oauth2/access_token`) that tells a person's openid.
 */
export class WechatClient {
  private token: { value: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly config: WechatOfficialConfig,
    /** Milliseconds since the epoch (the Clock's, so tests can move it past the token's expiry). */
    private readonly nowMs: () => number,
  ) {}

  /** The cached access token, fetched when there is none or it is about to expire (one fetch at a time). */
  async accessToken(): Promise<string> {
    if (this.token && this.nowMs() < this.token.until) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Sends one notice; throws `WechatApiError` (43101: the person has not subscribed or turned it off). */
  async sendSubscribe(msg: SubscribeMessage): Promise<void> {
    const body = JSON.stringify({
      touser: msg.touser,
      template_id: msg.templateId,
      ...(msg.page ? { page: msg.page } : {}),
      data: Object.fromEntries(Object.entries(msg.data).map(([k, value]) => [k, { value }])),
    });
    const send = async (token: string) =>
      this.call(`/cgi-bin/message/subscribe/bizsend?access_token=${encodeURIComponent(token)}`, { method: 'POST', body });
    const first = await send(await this.accessToken());
    if (first.errcode !== undefined && TOKEN_ERRCODES.has(first.errcode)) {
      // Once: a second refusal of a fresh token is not a token problem.
      this.token = undefined;
      return check(await send(await this.accessToken()));
    }
    return check(first);
  }

  /**
   * The openid of the person who just authorised our 服务号 in WeChat's browser (the `code` of the
   * redirect, valid 5 minutes and once). 40029/40163: the code is wrong or used.
   */
  async openidForCode(code: string): Promise<string> {
    const q = new URLSearchParams({ appid: this.config.appId, secret: this.config.appSecret, code, grant_type: 'authorization_code' });
    const answer = await this.call(`/sns/oauth2/access_token?${q.toString()}`, { method: 'GET' });
    check(answer);
    if (typeof answer.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(answer.openid)) throw new WechatApiError('BAD_RESPONSE', true);
    return answer.openid;
  }

  private async fetchToken(): Promise<string> {
    const started = this.nowMs();
    const answer = await this.call('/cgi-bin/stable_token', {
      method: 'POST',
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.config.appId,
        secret: this.config.appSecret,
        force_refresh: false,
      }),
    });
    check(answer);
    const { access_token: value, expires_in: seconds } = answer;
    if (typeof value !== 'string' || !value || typeof seconds !== 'number' || seconds <= 0) throw new WechatApiError('BAD_RESPONSE', true);
    this.token = { value, until: started + Math.max(seconds * 1000 - EARLY_MS, (seconds * 1000) / 2) };
    return value;
  }

  private async call(path: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<WechatAnswer> {
    let res: Response;
    try {
      res = await fetch(`${this.config.apiBase}${path}`, {
        method: init.method,
        ...(init.body !== undefined ? { body: init.body, headers: { 'Content-Type': 'application/json; charset=utf-8' } } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new WechatApiError('NETWORK', true);
    }
    if (!res.ok) throw new WechatApiError(`HTTP_${res.status}`, res.status >= 500 || res.status === 429);
    try {
      const body: unknown = await res.json();
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
      return body;
    } catch {
      throw new WechatApiError('BAD_RESPONSE', true);
    }
  }
}

/** WeChat answers HTTP 200 with `errcode` ≠ 0 on failure. */
function check(answer: WechatAnswer): void {
  const code = answer.errcode;
  if (code === undefined || code === 0) return;
  if (typeof code !== 'number' || !Number.isInteger(code)) throw new WechatApiError('BAD_RESPONSE', true);
  throw new WechatApiError(String(code), RETRYABLE_ERRCODES.has(code));
}
