import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The one place that reads process.env. Everything is validated at boot so a misconfigured
 * deployment fails fast with a message that names the variable, instead of failing on the
 * first request that needs it.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  /** Absolute project root: built client, reference data and the embedded database live under it. */
  appRoot: string;
  /** The built web client served at `/` (CLIENT_DIST_DIR; default `dist/client/browser` under appRoot). */
  clientDir: string;
  dataDir: string;
  /** Unset: an embedded PostgreSQL is started in `<dataDir>/pg`. The owner: runs migrations and boot work. */
  databaseUrl: string | undefined;
  /**
   * The role the running app connects as (APP_DATABASE_URL): may read and write the app's tables but
   * only INSERT and SELECT the audit log. Unset with DATABASE_URL: the app runs as the owner (refused in
   * production). The embedded database creates its own.
   */
  appDatabaseUrl: string | undefined;
  /**
   * Two-step verification required for admins and holders of identity.unmask (MFA_ENFORCE, default
   * true; false under NODE_ENV=test so tests choose): without it they reach only the enrolment pages.
   */
  mfaEnforced: boolean;
  embeddedPgPort: number;
  jwtSecret: string;
  /** 32-byte key for AES-256-GCM field encryption (identity numbers) and their keyed look-up hash. */
  fieldEncryptionKey: Buffer;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /**
   * Load demo data into an empty database (DEMO_DATA, default false; `npm start` turns it on for the
   * embedded database). With DATABASE_URL it also needs DEMO_DATA_ON_EXTERNAL_DATABASE=true; refused in production.
   */
  demoData: boolean;
  logLevel: string;
  corsOrigins: string[];
  /**
   * Which X-Forwarded-For entries to believe (TRUST_PROXY): false (none, default), a number of proxy
   * hops in front of the app, or the proxies' addresses/CIDRs. Never "everything": the left-most entry is written by the client.
   */
  trustProxy: false | number | string[];
  authRateLimitPerMinute: number;
  bodyLimitBytes: number;
  serveClient: boolean;
  /** Months after release at which the station visits (FOLLOW_UP_MONTHS, default 1,3,6,12,24,36). */
  followUpMonths: number[];
  /** k for outcome reports (REPORT_MIN_CELL, default 5): a share over fewer than k people, or with a numerator or complement of 1…k−1, is withheld. */
  reportMinCell: number;
  /**
   * Where a printed diploma's QR code and link send a verifier (DIPLOMA_VERIFY_BASE_URL, default
   * `/verify` on the app's own origin): the code is appended as one more path segment. Set it to
   * the partner school's domain so nothing on the diploma points at this platform.
   */
  diplomaVerifyBaseUrl: string;
  /** Longest wait for a new database connection (DB_CONNECT_TIMEOUT_MS, default 5000): a dead database answers 503, not a hang. */
  dbConnectTimeoutMs: number;
  /** Longest a query may run (DB_STATEMENT_TIMEOUT_MS, default 15000): enforced by PostgreSQL and, for a frozen server, by the client. */
  dbStatementTimeoutMs: number;
  /** On SIGTERM, how long in-flight requests may finish before the process exits anyway (SHUTDOWN_TIMEOUT_MS, default 10000). */
  shutdownTimeoutMs: number;
  /** Bearer token that opens /api/metrics from any address (METRICS_TOKEN, unset: only the allow-listed addresses). */
  metricsToken: string | undefined;
  /** Client addresses that may read /api/metrics without the token (METRICS_ALLOW, default loopback). */
  metricsAllow: string[];
  /** Audit entries older than this many days are pruned by the housekeeping job (AUDIT_RETENTION_DAYS, default 1095, at least 180). */
  auditRetentionDays: number;
  /**
   * Background jobs on the pg-boss queue (JOBS_ENABLED, default true; false under NODE_ENV=test so tests
   * run the jobs themselves). Off: no scheduled jobs run in this process and notices are handed to the
   * transports in the event's transaction, as before the queue.
   */
  jobsEnabled: boolean;
  /** How often an idle worker asks the queue for work (JOBS_POLL_INTERVAL_MS, default 2000, at least 500). */
  jobsPollIntervalMs: number;
  /** How many days a failed job stays listed for the administrator to retry (JOBS_FAILED_RETENTION_DAYS, default 30). */
  jobsFailedRetentionDays: number;
  /** Retries of a notice's delivery after its first attempt (NOTIFICATION_RETRY_LIMIT, default 5); then the dead-letter queue. */
  notificationRetryLimit: number;
  /** First retry delay of a delivery, doubled at each further retry (NOTIFICATION_RETRY_SECONDS, default 30). */
  notificationRetryDelaySeconds: number;
  /**
   * A request taking at least this many milliseconds is logged at `warn` (SLOW_REQUEST_MS, default 1000);
   * faster ones only at `debug`, failed ones (5xx) at `error`. A log line per request cost more than the
   * request itself on the busiest routes.
   */
  slowRequestMs: number;
  /**
   * How long a positive "this session is live" answer is reused without asking PostgreSQL (SESSION_CACHE_MS,
   * default 5000, 0 = ask on every request). A revocation evicts it at once in every process (LISTEN/NOTIFY).
   */
  sessionCacheMs: number;
  /** Processes serving the port (CLUSTER_WORKERS, default 1): more than 1 forks that many workers with node:cluster. */
  clusterWorkers: number;
  /** Unreachable follow-up attempts in a row after which a person counts as lost contact (失联) (LOST_CONTACT_ATTEMPTS, default 3, 1–20). */
  lostContactAttempts: number;
  /** Reminders by SMS (SMS_PROVIDER, default none: the logging transport only). See `smsConfig`. */
  sms: SmsConfig;
  /** Reminders as WeChat subscription notices (WECHAT_PROVIDER, default none). See `wechatConfig`. */
  wechat: WechatConfig;
  /** Days a release-day activation code works after it is issued (ACTIVATION_CODE_DAYS, default 30, 1–365). */
  activationCodeDays: number;
  /** 封存: years after a case is closed before its record is sealed (0: at the next run after closing). */
  sealAfterYears: number;
  /** Years after sealing before the retention schedule erases the person's details (aggregates stay). */
  retentionSealedYears: number;
}

/** The SMS templates a provider must know (their ids at the provider: TENCENT_SMS_TEMPLATE_<KEY>). */
export const SMS_TEMPLATE_KEYS = ['interview', 'fair_day', 'visit', 'plan_step', 'generic'] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** https://sms.tencentcloudapi.com unless TENCENT_SMS_ENDPOINT says otherwise (tests: a local fake). */
  endpoint: string;
  /** TENCENT_SMS_REGION, default ap-guangzhou (required by API 2021-01-11). */
  region: string;
  templateIds: Record<SmsTemplateKey, string>;
}

export interface SmsConfig {
  provider: 'none' | 'tencent';
  /** Set exactly when provider is tencent. */
  tencent: TencentSmsConfig | undefined;
  /**
   * Shared secret in the reply webhook's URL (SMS_CALLBACK_TOKEN, at least 32 characters): Tencent does
   * not sign its reply callback, so without the token anyone could opt a number out. Unset: the webhook answers 404.
   */
  callbackToken: string | undefined;
}

export class ConfigError extends Error {}

function followUpMonths(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [1, 3, 6, 12, 24, 36];
  const months = raw.split(',').map((s) => Number(s.trim()));
  if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 120) || new Set(months).size !== months.length)
    throw new ConfigError(`FOLLOW_UP_MONTHS must be distinct whole months between 1 and 120, comma-separated (got "${raw}")`);
  return months.sort((a, b) => a - b);
}

/** A diploma link must not name the platform or rehabilitation: it is printed on every diploma. */
const NAMES_REHAB = /jbh|jinbuhuan|rehab|jiedu|戒毒|金不换|康复|强制隔离/i;

function diplomaVerifyBaseUrl(raw: string | undefined, isProduction: boolean): string {
  if (raw === undefined || raw.trim() === '') return '/verify';
  const value = raw.trim().replace(/\/+$/, '');
  const problem = (why: string) =>
    new ConfigError(`DIPLOMA_VERIFY_BASE_URL must be an https:// URL or a path starting with /${why ? ` ${why}` : ''} (got "${raw}")`);
  if (value.startsWith('/') && !value.startsWith('//')) {
    if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(value)) throw problem('made of plain path segments');
  } else {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw problem('');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !isProduction)) throw problem('(http:// only outside production)');
    if (url.search || url.hash || url.username || url.password) throw problem('without query, fragment or credentials');
  }
  if (NAMES_REHAB.test(value)) throw problem('that names neither this platform nor rehabilitation: it is printed on every diploma');
  return value;
}

type Env = Record<string, string | undefined>;

function appDatabaseUrl(env: Env, databaseUrl: string | undefined, isProduction: boolean): string | undefined {
  const raw = env.APP_DATABASE_URL || undefined;
  if (raw && !/^postgres(ql)?:\/\//.test(raw)) throw new ConfigError('APP_DATABASE_URL must be a postgres:// or postgresql:// URL');
  if (raw && !databaseUrl) throw new ConfigError('APP_DATABASE_URL needs DATABASE_URL (the owner that runs migrations) beside it');
  if (isProduction && databaseUrl && !raw) {
    throw new ConfigError(
      'NODE_ENV=production needs APP_DATABASE_URL: the app must not connect as the owner of the schema, or it could rewrite its own audit trail (see docs/operations.md, "Database roles")',
    );
  }
  if (raw && databaseUrl && new URL(raw).username === new URL(databaseUrl).username) {
    throw new ConfigError('APP_DATABASE_URL must name another role than DATABASE_URL (the owner)');
  }
  return raw;
}

const MAKE_SECRET = 'make one with `openssl rand -base64 48`';

/**
 * Words that mark a value someone typed or copied from an example rather than generated. Five
 * letters or more, so a random base64 string contains one by chance far less than once in a million.
 */
const PLACEHOLDER_WORDS = [
  'password',
  'passw0rd',
  'secret',
  'changeme',
  'example',
  'default',
  'qwerty',
  'letmein',
  '123456',
  'jinbuhuan',
  'admin',
];

/**
 * Why `values` (characters of a secret, or bytes of a key) cannot be random, or null. Three
 * estimates, each cheap and explainable: how many different symbols occur (`xxxx…`, `0123456789`
 * repeated), the Shannon entropy of their frequencies times the length (under 128 bits is guessable
 * however it was made), and how much of it is runs (`aaaa`, `abcd`, `9876`).
 */
function lowEntropy(values: readonly number[], minDistinct: number): string | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size < minDistinct)
    return `it uses only ${counts.size} different ${counts.size === 1 ? 'symbol' : 'symbols'} (at least ${minDistinct} expected)`;
  let bitsPerSymbol = 0;
  for (const n of counts.values()) bitsPerSymbol -= (n / values.length) * Math.log2(n / values.length);
  const bits = Math.floor(bitsPerSymbol * values.length);
  if (bits < 128) return `its estimated entropy is ${bits} bits (at least 128 expected)`;
  let steps = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - values[i - 1]!) <= 1) steps++;
  // A random string has about 5 % such neighbours (base64), 19 % (hex); a run or sequence has most.
  if (steps * 2 > values.length - 1) return 'it is mostly repeated or consecutive characters';
  return null;
}

/**
 * A signing secret or token: at least `minLength` characters, and not guessable. Hex needs fewer
 * distinct symbols (it has only 16): a 64-digit `openssl rand -hex 32` lacks one of them a fifth of the time.
 */
function checkSecret(name: string, value: string, minLength: number): string {
  const refuse = (why: string) => new ConfigError(`${name} ${why}: ${MAKE_SECRET}`);
  if (value.length < minLength) throw refuse(`must be at least ${minLength} characters (got ${value.length})`);
  const lower = value.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) throw refuse(`looks like a placeholder, not a generated secret (it contains "${word}")`);
  const problem = lowEntropy(
    Array.from(value, (c) => c.codePointAt(0)!),
    /^[0-9a-f]+$/i.test(value) ? 12 : 16,
  );
  if (problem) throw refuse(`is too easy to guess: ${problem}`);
  return value;
}

const MAKE_KEY = 'make one with `openssl rand -base64 32` (and keep it safe: the identity numbers cannot be read without it)';

/**
 * The field-encryption key: strict base64 of exactly 32 random bytes. `Buffer.from(…, 'base64')`
 * silently skips characters that are not base64, so a typo would make a different, shorter key:
 * the text must survive the round trip unchanged.
 */
function fieldEncryptionKey(raw: string): Buffer {
  const refuse = (why: string) => new ConfigError(`FIELD_ENCRYPTION_KEY ${why}: ${MAKE_KEY}`);
  const text = raw.trim();
  const padded = text.replace(/=+$/, '').padEnd(Math.ceil(text.replace(/=+$/, '').length / 4) * 4, '=');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(padded) || Buffer.from(padded, 'base64').toString('base64') !== padded)
    throw refuse('is not valid base64 (only A–Z, a–z, 0–9, + and /, with = padding at the end)');
  const key = Buffer.from(padded, 'base64');
  if (key.length !== 32) throw refuse(`must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  const problem = lowEntropy([...key], 16);
  if (problem) throw refuse(`is not random: ${problem}`);
  return key;
}

function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  return checkSecret('METRICS_TOKEN', raw, 32);
}

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `false`, a hop count, or the proxies' addresses. `true` is refused: it makes the
 * left-most X-Forwarded-For entry the client, and that entry is whatever the client wrote — rate
 * limits and audit addresses could be forged by anyone.
 */
function trustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || /^(false|no|0)$/i.test(value)) return false;
  if (/^(true|yes)$/i.test(value))
    throw new ConfigError(
      'TRUST_PROXY=true is refused: it would trust the left-most X-Forwarded-For address, which the client writes itself, ' +
        'so anyone could forge the address that rate limits and the audit log see. Write the number of proxies in front of ' +
        'the app (TRUST_PROXY=1 for one load balancer) or their addresses (TRUST_PROXY=10.0.0.0/8,192.168.1.5)',
    );
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a number of proxy hops between 1 and 10 (got "${raw}")`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!TRUST_PROXY_NAMES.includes(entry) && (family === 0 || !prefixOk || extra !== undefined))
      throw new ConfigError(
        `TRUST_PROXY must be false, a number of proxy hops (1 for one load balancer) or a comma-separated list of proxy addresses or CIDRs (${TRUST_PROXY_NAMES.join(', ')} also allowed); "${entry}" is none of these`,
      );
  }
  return entries;
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

/**
 * Outside production a missing secret is generated once and kept in the data directory, so a
 * newcomer's `npm start` works and sessions survive a restart. In production it must be given.
 */
function devSecret(dataDir: string, file: string, bytes = 48): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(bytes).toString(bytes === 32 ? 'base64' : 'base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const isProduction = nodeEnv === 'production';
  const appRoot = resolve(env.JBH_APP_ROOT ?? cwd);
  const dataDirRaw = env.JBH_DATA_DIR ?? '.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(appRoot, dataDirRaw);
  // A second client build (a branch's, a test's) can be served without touching the main one.
  const clientDir = resolve(appRoot, env.CLIENT_DIST_DIR ?? join('dist', 'client', 'browser'));

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  // Demo data only when asked for: its accounts share one published password, so a deploy that forgot
  // NODE_ENV must not get them. `npm start` asks for it on the embedded database (scripts/start.mjs).
  const demoData = boolVar(env, 'DEMO_DATA', false);
  if (isProduction && demoData) {
    throw new ConfigError('DEMO_DATA cannot be loaded with NODE_ENV=production: the demo accounts share one published password');
  }
  if (demoData && databaseUrl && !boolVar(env, 'DEMO_DATA_ON_EXTERNAL_DATABASE', false)) {
    throw new ConfigError(
      'DEMO_DATA=true with DATABASE_URL also needs DEMO_DATA_ON_EXTERNAL_DATABASE=true: an external database is usually a real ' +
        'installation, and the demo accounts share one published password. Set both only for a throw-away database',
    );
  }

  const missing: string[] = [];
  let jwtSecret = env.JWT_SECRET ?? '';
  if (isProduction) {
    if (!jwtSecret) missing.push('JWT_SECRET (at least 32 random characters: `openssl rand -base64 48`)');
    if (!env.FIELD_ENCRYPTION_KEY) missing.push('FIELD_ENCRYPTION_KEY (32 random bytes, base64: `openssl rand -base64 32`)');
    if (!databaseUrl) missing.push('DATABASE_URL (the embedded database is for development only)');
  }
  if (missing.length > 0) {
    throw new ConfigError(`NODE_ENV=production needs: ${missing.join('; ')}`);
  }
  if (!jwtSecret) jwtSecret = devSecret(dataDir, 'jwt-secret');
  jwtSecret = checkSecret('JWT_SECRET', jwtSecret, 32);
  const fieldKey = fieldEncryptionKey(env.FIELD_ENCRYPTION_KEY || devSecret(dataDir, 'field-encryption-key', 32));

  return {
    nodeEnv,
    isProduction,
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    appRoot,
    clientDir,
    dataDir,
    databaseUrl,
    appDatabaseUrl: appDatabaseUrl(env, databaseUrl, isProduction),
    mfaEnforced: boolVar(env, 'MFA_ENFORCE', nodeEnv !== 'test'),
    embeddedPgPort: intVar(env, 'JBH_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    jwtSecret,
    fieldEncryptionKey: fieldKey,
    accessTokenTtlSeconds: intVar(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 900),
    refreshTokenTtlDays: intVar(env, 'REFRESH_TOKEN_TTL_DAYS', 14, 1, 90),
    demoData,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: trustProxy(env.TRUST_PROXY),
    authRateLimitPerMinute: intVar(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 20, 1, 100000),
    followUpMonths: followUpMonths(env.FOLLOW_UP_MONTHS),
    reportMinCell: intVar(env, 'REPORT_MIN_CELL', 5, 1, 1000),
    diplomaVerifyBaseUrl: diplomaVerifyBaseUrl(env.DIPLOMA_VERIFY_BASE_URL, isProduction),
    bodyLimitBytes: intVar(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 50 * 1_048_576),
    serveClient: boolVar(env, 'SERVE_CLIENT', true),
    dbConnectTimeoutMs: intVar(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    dbStatementTimeoutMs: intVar(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    shutdownTimeoutMs: intVar(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    metricsAllow: (env.METRICS_ALLOW ?? '127.0.0.1,::1,::ffff:127.0.0.1')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    auditRetentionDays: intVar(env, 'AUDIT_RETENTION_DAYS', 1095, 180, 36_500),
    jobsEnabled: boolVar(env, 'JOBS_ENABLED', nodeEnv !== 'test'),
    jobsPollIntervalMs: intVar(env, 'JOBS_POLL_INTERVAL_MS', 2000, 500, 60_000),
    jobsFailedRetentionDays: intVar(env, 'JOBS_FAILED_RETENTION_DAYS', 30, 1, 365),
    notificationRetryLimit: intVar(env, 'NOTIFICATION_RETRY_LIMIT', 5, 0, 20),
    notificationRetryDelaySeconds: intVar(env, 'NOTIFICATION_RETRY_SECONDS', 30, 1, 3600),
    slowRequestMs: intVar(env, 'SLOW_REQUEST_MS', 1000, 1, 3_600_000),
    sessionCacheMs: intVar(env, 'SESSION_CACHE_MS', 5000, 0, 60_000),
    clusterWorkers: intVar(env, 'CLUSTER_WORKERS', 1, 1, 64),
    lostContactAttempts: intVar(env, 'LOST_CONTACT_ATTEMPTS', 3, 1, 20),
    sms: smsConfig(env),
    wechat: wechatConfig(env),
    activationCodeDays: intVar(env, 'ACTIVATION_CODE_DAYS', 30, 1, 365),
    sealAfterYears: intVar(env, 'SEAL_AFTER_YEARS', 3, 0, 20),
    retentionSealedYears: intVar(env, 'RETENTION_SEALED_YEARS', 10, 1, 100),
  };
}

/**
 * SMS_PROVIDER=tencent needs every TENCENT_SMS_* value (one template id per SMS_TEMPLATE_KEYS): a
 * missing one fails the boot, not the first reminder at 08:00.
 */
export function smsConfig(env: Env): SmsConfig {
  const provider = (env.SMS_PROVIDER ?? 'none').trim() || 'none';
  if (provider !== 'none' && provider !== 'tencent') throw new ConfigError(`SMS_PROVIDER must be tencent or none (got "${provider}")`);
  const rawToken = env.SMS_CALLBACK_TOKEN?.trim();
  const callbackToken = rawToken ? checkSecret('SMS_CALLBACK_TOKEN', rawToken, 32) : undefined;
  if (provider === 'none') return { provider, tencent: undefined, callbackToken };
  const missing: string[] = [];
  const need = (name: string): string => {
    const v = env[name]?.trim() ?? '';
    if (!v) missing.push(name);
    return v;
  };
  const secretId = need('TENCENT_SMS_SECRET_ID');
  const secretKey = need('TENCENT_SMS_SECRET_KEY');
  const sdkAppId = need('TENCENT_SMS_SDK_APP_ID');
  const signName = need('TENCENT_SMS_SIGN_NAME');
  const templateIds = Object.fromEntries(SMS_TEMPLATE_KEYS.map((k) => [k, need(`TENCENT_SMS_TEMPLATE_${k.toUpperCase()}`)])) as Record<
    SmsTemplateKey,
    string
  >;
  if (missing.length > 0) throw new ConfigError(`SMS_PROVIDER=tencent needs: ${missing.join(', ')}`);
  // The signature is what the recipient's phone shows as the sender: it must not name the programme.
  if (NAMES_REHAB.test(signName))
    throw new ConfigError('TENCENT_SMS_SIGN_NAME must not name the platform or rehabilitation: every recipient reads it');
  const endpoint = (env.TENCENT_SMS_ENDPOINT?.trim() || 'https://sms.tencentcloudapi.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(endpoint))
    throw new ConfigError(`TENCENT_SMS_ENDPOINT must be an origin such as https://sms.tencentcloudapi.com (got "${endpoint}")`);
  const region = env.TENCENT_SMS_REGION?.trim() || 'ap-guangzhou';
  return { provider, tencent: { secretId, secretKey, sdkAppId, signName, endpoint, region, templateIds }, callbackToken };
}

/**
 * A WeChat subscription template's keyword names, in the order of the reminder's parameters (the
 * SMS template's slots): WeChat numbers a template's keywords itself (`date3`, `thing5`), so they are
 * configurable; the type prefix must match the slot (date → date, time → time, city → thing).
 */
export interface WechatTemplate {
  id: string;
  fields: string[];
}

export interface WechatOfficialConfig {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com unless WECHAT_API_BASE says otherwise (tests: a local fake). */
  apiBase: string;
  templates: Record<SmsTemplateKey, WechatTemplate>;
  /**
   * The web page a notice's card opens (WECHAT_NOTICE_URL, an absolute https URL, e.g. the inbox on the
   * app's public address); unset: the card opens nothing. Never a notice's own link (it may name the event).
   */
  noticeUrl: string | undefined;
}

export interface WechatConfig {
  provider: 'none' | 'official';
  /** Set exactly when provider is official. */
  official: WechatOfficialConfig | undefined;
}

/** The slots each reminder template takes (as in sms-templates.ts; the generic one carries the notice's date). */
export const WECHAT_TEMPLATE_SLOTS: Record<SmsTemplateKey, readonly ('date' | 'time' | 'city')[]> = {
  interview: ['date', 'time'],
  fair_day: ['date', 'city'],
  visit: ['date', 'time'],
  plan_step: ['date'],
  generic: ['date'],
};
const WECHAT_FIELD_TYPES = { date: /^date\d{1,2}$/, time: /^time\d{1,2}$/, city: /^thing\d{1,2}$/ } as const;

/**
 * WECHAT_PROVIDER=official (a 服务号) needs WECHAT_APP_ID, WECHAT_APP_SECRET and a template id per
 * reminder template (WECHAT_TEMPLATE_<KEY>; keyword names WECHAT_TEMPLATE_<KEY>_FIELDS, comma
 * separated, default date1,time2 …): a missing one fails the boot, not the first reminder.
 */
export function wechatConfig(env: Env): WechatConfig {
  const provider = (env.WECHAT_PROVIDER ?? 'none').trim() || 'none';
  if (provider !== 'none' && provider !== 'official') throw new ConfigError(`WECHAT_PROVIDER must be official or none (got "${provider}")`);
  if (provider === 'none') return { provider, official: undefined };
  const missing: string[] = [];
  const need = (name: string): string => {
    const v = env[name]?.trim() ?? '';
    if (!v) missing.push(name);
    return v;
  };
  const appId = need('WECHAT_APP_ID');
  const appSecret = need('WECHAT_APP_SECRET');
  const templates = Object.fromEntries(
    SMS_TEMPLATE_KEYS.map((k) => {
      const name = `WECHAT_TEMPLATE_${k.toUpperCase()}`;
      const slots = WECHAT_TEMPLATE_SLOTS[k];
      const given = env[`${name}_FIELDS`]?.trim();
      const fields = given ? given.split(',').map((f) => f.trim()) : slots.map((s, i) => `${s === 'city' ? 'thing' : s}${i + 1}`);
      if (fields.length !== slots.length || fields.some((f, i) => !WECHAT_FIELD_TYPES[slots[i]!].test(f)))
        throw new ConfigError(`${name}_FIELDS must name ${slots.length} keyword(s) of types ${slots.join(', ')} (e.g. date1,thing2)`);
      return [k, { id: need(name), fields }];
    }),
  ) as Record<SmsTemplateKey, WechatTemplate>;
  if (missing.length > 0) throw new ConfigError(`WECHAT_PROVIDER=official needs: ${missing.join(', ')}`);
  if (!/^wx[0-9a-f]{16}$/i.test(appId)) throw new ConfigError('WECHAT_APP_ID must be an AppID such as wx0123456789abcdef');
  const apiBase = (env.WECHAT_API_BASE?.trim() || 'https://api.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(apiBase))
    throw new ConfigError(`WECHAT_API_BASE must be an origin such as https://api.weixin.qq.com (got "${apiBase}")`);
  const noticeUrl = env.WECHAT_NOTICE_URL?.trim() || undefined;
  if (noticeUrl && (!/^https:\/\/[^\s]+$/.test(noticeUrl) || NAMES_REHAB.test(noticeUrl)))
    throw new ConfigError('WECHAT_NOTICE_URL must be an https URL that names neither the platform nor rehabilitation');
  return { provider, official: { appId, appSecret, apiBase, templates, noticeUrl } };
}
