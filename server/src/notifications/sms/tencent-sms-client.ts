import type { TencentSmsConfig } from '../../config/env';
import { authorization } from './tc3-signer';

const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const TIMEOUT_MS = 10_000;

/**
 * A send that did not succeed. `code` is the provider's code (e.g. `LimitExceeded.PhoneNumberDailyLimit`)
 * or ours for the transport (`HTTP_502`, `NETWORK`, `BAD_RESPONSE`); the message never quotes the
 * number or Tencent's own message (which may). `retryable`: worth another attempt later.
 */
export class SmsSendError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`SMS not sent: ${code}`);
    this.name = 'SmsSendError';
  }
}

/** Codes where a later attempt may succeed (Tencent's throttling and its own failures); the rest are final. */
const RETRYABLE = /^(InternalError|RequestLimitExceeded|LimitExceeded|ResourceUnavailable)/;

export interface SendSmsRequest {
  /** E.164. */
  phone: string;
  templateId: string;
  params: readonly string[];
  /** Returned by Tencent in its callbacks: our delivery id, never anything about the person. */
  sessionContext?: string;
}

interface SendSmsResponse {
  Response?: {
    Error?: { Code?: string };
    SendStatusSet?: { SerialNo?: string; Code?: string }[];
  };
}

/** Tencent Cloud SMS, API 2021-01-11, action SendSms, signed with TC3-HMAC-SHA256. */
export class TencentSmsClient {
  constructor(
    private readonly config: TencentSmsConfig,
    /** Seconds since the epoch (the Clock's, so tests can move it; Tencent refuses a skew over 5 minutes). */
    private readonly nowSeconds: () => number,
  ) {}

  /** Sends one message; the provider's serial number on success, else throws `SmsSendError`. */
  async send(req: SendSmsRequest): Promise<string> {
    const payload = JSON.stringify({
      PhoneNumberSet: [req.phone],
      SmsSdkAppId: this.config.sdkAppId,
      SignName: this.config.signName,
      TemplateId: req.templateId,
      TemplateParamSet: [...req.params],
      ...(req.sessionContext ? { SessionContext: req.sessionContext } : {}),
    });
    const url = new URL(this.config.endpoint);
    const timestamp = Math.floor(this.nowSeconds());
    const signed = { 'Content-Type': CONTENT_TYPE, Host: url.host, 'X-TC-Action': ACTION };
    const headers = {
      Authorization: authorization({
        secretId: this.config.secretId,
        secretKey: this.config.secretKey,
        service: SERVICE,
        timestamp,
        headers: signed,
        payload,
      }),
      'Content-Type': CONTENT_TYPE,
      'X-TC-Action': ACTION,
      'X-TC-Version': VERSION,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': this.config.region,
    };
    let res: Response;
    try {
      res = await fetch(`${url.origin}/`, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new SmsSendError('NETWORK', true);
    }
    if (!res.ok) throw new SmsSendError(`HTTP_${res.status}`, res.status >= 500 || res.status === 429);
    let body: SendSmsResponse;
    try {
      body = (await res.json()) as SendSmsResponse;
    } catch {
      throw new SmsSendError('BAD_RESPONSE', true);
    }
    const error = body.Response?.Error?.Code;
    if (error) throw new SmsSendError(clipCode(error), RETRYABLE.test(error));
    const status = body.Response?.SendStatusSet?.[0];
    if (!status?.Code) throw new SmsSendError('BAD_RESPONSE', true);
    if (status.Code !== 'Ok') throw new SmsSendError(clipCode(status.Code), RETRYABLE.test(status.Code));
    return (status.SerialNo ?? '').slice(0, 64);
  }
}

/** Codes are dotted identifiers; anything else is not kept. */
function clipCode(code: string): string {
  return /^[A-Za-z0-9._]{1,80}$/.test(code) ? code : 'UNKNOWN';
}
