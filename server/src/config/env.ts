import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  dataDir: string;
  /** Unset: an embedded PostgreSQL is started in `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  jwtSecret: string;
  /** 32-byte key for AES-256-GCM field encryption (identity numbers) and their keyed look-up hash. */
  fieldEncryptionKey: Buffer;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Load demo data into an empty database (default outside production; refused in production). */
  demoData: boolean;
  logLevel: string;
  corsOrigins: string[];
  trustProxy: boolean;
  authRateLimitPerMinute: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
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

function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 24)
    throw new ConfigError('METRICS_TOKEN must be at least 24 characters (unset it to allow only METRICS_ALLOW addresses)');
  return raw;
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

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const demoRaw = env.DEMO_DATA;
  const demoData = demoRaw === undefined || demoRaw === '' ? !isProduction : boolVar(env, 'DEMO_DATA', false);
  if (isProduction && demoData) {
    throw new ConfigError('DEMO_DATA cannot be loaded with NODE_ENV=production: the demo accounts share one published password');
  }

  const missing: string[] = [];
  let jwtSecret = env.JWT_SECRET ?? '';
  if (isProduction) {
    if (!jwtSecret) missing.push('JWT_SECRET (at least 32 characters)');
    if (!env.FIELD_ENCRYPTION_KEY) missing.push('FIELD_ENCRYPTION_KEY (32 random bytes, base64: `openssl rand -base64 32`)');
    if (!databaseUrl) missing.push('DATABASE_URL (the embedded database is for development only)');
  }
  if (missing.length > 0) {
    throw new ConfigError(`NODE_ENV=production needs: ${missing.join('; ')}`);
  }
  if (!jwtSecret) jwtSecret = devSecret(dataDir, 'jwt-secret');
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const fieldEncryptionKey = Buffer.from(env.FIELD_ENCRYPTION_KEY ?? devSecret(dataDir, 'field-encryption-key', 32), 'base64');
  if (fieldEncryptionKey.length !== 32) throw new ConfigError('FIELD_ENCRYPTION_KEY must be 32 bytes, base64-encoded');

  return {
    nodeEnv,
    isProduction,
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    appRoot,
    dataDir,
    databaseUrl,
    embeddedPgPort: intVar(env, 'JBH_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    jwtSecret,
    fieldEncryptionKey,
    accessTokenTtlSeconds: intVar(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 900),
    refreshTokenTtlDays: intVar(env, 'REFRESH_TOKEN_TTL_DAYS', 14, 1, 90),
    demoData,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: boolVar(env, 'TRUST_PROXY', false),
    authRateLimitPerMinute: intVar(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 20, 1, 100000),
    followUpMonths: followUpMonths(env.FOLLOW_UP_MONTHS),
    reportMinCell: intVar(env, 'REPORT_MIN_CELL', 5, 1, 1000),
    diplomaVerifyBaseUrl: diplomaVerifyBaseUrl(env.DIPLOMA_VERIFY_BASE_URL, isProduction),
    loginMaxFailures: 5,
    loginLockMinutes: 15,
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
  };
}
