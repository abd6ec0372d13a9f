import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), step by step as Tencent's "Signature v3"
 * page describes it, so each step can be checked against the page's worked example
 * (`tc3-signer.spec.ts`) and the fake server in the tests can verify what the client signed.
 */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** The headers that take part in the signature: lower-case names, trimmed lower-case values, sorted by name. */
export function canonicalHeaders(headers: Record<string, string>): { canonical: string; signed: string } {
  const entries = Object.entries(headers)
    .map(([k, v]) => [k.trim().toLowerCase(), v.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { canonical: entries.map(([k, v]) => `${k}:${v}\n`).join(''), signed: entries.map(([k]) => k).join(';') };
}

/** Step 1: the canonical request (POST to `/`, no query string, JSON body). */
export function canonicalRequest(method: string, headers: Record<string, string>, payload: string): string {
  const { canonical, signed } = canonicalHeaders(headers);
  return [method.toUpperCase(), '/', '', canonical, signed, sha256Hex(payload)].join('\n');
}

/** The UTC date of the timestamp: Tencent reads the scope's date in UTC+0, whatever the caller's zone. */
export const utcDate = (timestamp: number): string => new Date(timestamp * 1000).toISOString().slice(0, 10);

export const credentialScope = (timestamp: number, service: string): string => `${utcDate(timestamp)}/${service}/tc3_request`;

/** Step 2: the string to sign. */
export function stringToSign(timestamp: number, service: string, canonical: string): string {
  return [TC3_ALGORITHM, String(timestamp), credentialScope(timestamp, service), sha256Hex(canonical)].join('\n');
}

/** Step 3: the derived key chain and the signature (hex). */
export function signature(secretKey: string, timestamp: number, service: string, toSign: string): string {
  const secretDate = hmac(`TC3${secretKey}`, utcDate(timestamp));
  const secretService = hmac(secretDate, service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return createHmac('sha256', secretSigning).update(toSign, 'utf8').digest('hex');
}

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The product's short name, the first label of its host (`sms`, `cvm`). */
  service: string;
  timestamp: number;
  /** The headers to sign (at least content-type and host), exactly as they are sent. */
  headers: Record<string, string>;
  payload: string;
}

/** Step 4: the Authorization header. */
export function authorization(input: Tc3Input): string {
  const canonical = canonicalRequest('POST', input.headers, input.payload);
  const sig = signature(input.secretKey, input.timestamp, input.service, stringToSign(input.timestamp, input.service, canonical));
  const { signed } = canonicalHeaders(input.headers);
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope(input.timestamp, input.service)}, SignedHeaders=${signed}, Signature=${sig}`;
}

/** An Authorization header taken apart (the fake server in the tests verifies requests with it). */
export function parseAuthorization(
  header: string,
): { secretId: string; date: string; service: string; signedHeaders: string[]; signature: string } | null {
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!m) return null;
  return { secretId: m[1]!, date: m[2]!, service: m[3]!, signedHeaders: m[4]!.split(';'), signature: m[5]! };
}
