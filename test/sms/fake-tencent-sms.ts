import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalRequest, parseAuthorization, signature, stringToSign } from '../../server/src/notifications/sms/tc3-signer';

/** One SendSms call the fake received (after the signature was checked). */
export interface ReceivedSms {
  phone: string;
  templateId: string;
  params: string[];
  signName: string;
  sdkAppId: string;
  sessionContext?: string;
  /** Whether the TC3 signature matched (a call with a bad one is answered AuthFailure.SignatureFailure). */
  signatureValid: boolean;
}

interface SendSmsBody {
  PhoneNumberSet?: string[];
  TemplateId?: string;
  TemplateParamSet?: string[];
  SignName?: string;
  SmsSdkAppId?: string;
  SessionContext?: string;
}

/**
 * A local stand-in for sms.tencentcloudapi.com: verifies each request's TC3-HMAC-SHA256 signature
 * with the same SecretId/SecretKey the app is configured with (rebuilding the canonical request from
 * the headers and body it received, as Tencent does) and answers in Tencent's format — success with a
 * SerialNo, or the error code set for a number with `failNumber`.
 */
export class FakeTencentSms {
  readonly received: ReceivedSms[] = [];
  private readonly failures = new Map<string, string>();
  private server: Server | undefined;

  constructor(
    private readonly secretId: string,
    private readonly secretKey: string,
  ) {}

  /** Starts on a free port; the endpoint to configure (TENCENT_SMS_ENDPOINT). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const answer = this.answer(req, raw);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Response: { ...answer, RequestId: randomUUID() } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Sends to this E.164 number are refused with Tencent's `code` (per-number status, as Tencent does). */
  failNumber(phone: string, code: string): void {
    this.failures.set(phone, code);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  private answer(req: IncomingMessage, raw: string): Record<string, unknown> {
    const valid = this.verify(req, raw);
    let body: SendSmsBody = {};
    try {
      body = JSON.parse(raw) as SendSmsBody;
    } catch {
      return { Error: { Code: 'InvalidParameter', Message: 'body is not JSON' } };
    }
    const phone = body.PhoneNumberSet?.[0] ?? '';
    this.received.push({
      phone,
      templateId: body.TemplateId ?? '',
      params: body.TemplateParamSet ?? [],
      signName: body.SignName ?? '',
      sdkAppId: body.SmsSdkAppId ?? '',
      sessionContext: body.SessionContext,
      signatureValid: valid,
    });
    if (!valid) return { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' } };
    if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11' || !req.headers['x-tc-region'])
      return { Error: { Code: 'InvalidAction', Message: 'unknown action or version' } };
    const failure = this.failures.get(phone);
    if (failure)
      return {
        SendStatusSet: [
          {
            SerialNo: '',
            PhoneNumber: phone,
            Fee: 0,
            SessionContext: body.SessionContext ?? '',
            Code: failure,
            Message: `refused ${phone}`,
            IsoCode: 'CN',
          },
        ],
      };
    return {
      SendStatusSet: [
        {
          SerialNo: `2433:${randomUUID()}`,
          PhoneNumber: phone,
          Fee: 1,
          SessionContext: body.SessionContext ?? '',
          Code: 'Ok',
          Message: 'send success',
          IsoCode: 'CN',
        },
      ],
    };
  }

  /** Tencent's check: same SecretId, the scope's date is the timestamp's UTC date, and the signature over what arrived. */
  private verify(req: IncomingMessage, raw: string): boolean {
    const auth = parseAuthorization(String(req.headers.authorization ?? ''));
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (!auth || auth.secretId !== this.secretId || auth.service !== 'sms' || !Number.isInteger(timestamp)) return false;
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== auth.date) return false;
    if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) return false;
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = req.headers[name];
      if (typeof value !== 'string') return false;
      headers[name] = value;
    }
    const expected = signature(
      this.secretKey,
      timestamp,
      'sms',
      stringToSign(timestamp, 'sms', canonicalRequest(req.method ?? 'POST', headers, raw)),
    );
    return expected === auth.signature;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
