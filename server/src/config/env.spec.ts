import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env';

const tmp = () => mkdtempSync(join(tmpdir(), 'jbh-env-'));
// Generated once with `openssl rand -base64 32` / `-base64 48`: loadConfig refuses guessable ones.
const key = 'raoaNU6VJ4gUBRWVlTFto77doxTTp7J/R8glIaAZqGw=';
const jwt = 'qu1YIjsNaE3J8CIgFRiviwEfCnBGnsND8BL24hzfJGF/+jnuAdmg9zv5XXCE8qtN';
const prod = {
  NODE_ENV: 'production',
  JWT_SECRET: jwt,
  FIELD_ENCRYPTION_KEY: key,
  DATABASE_URL: 'postgres://owner@h/db',
  APP_DATABASE_URL: 'postgres://app@h/db',
};

/** The ConfigError message loadConfig throws for `env` (fails the test when it does not throw one). */
function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('works out of the box in development, generating secrets into the data directory once', () => {
    const dir = tmp();
    const a = loadConfig({ JBH_DATA_DIR: dir });
    const b = loadConfig({ JBH_DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBeUndefined();
    // Demo data only when asked for (`npm start` asks for it on the embedded database).
    expect(a.demoData).toBe(false);
    expect(a.trustProxy).toBe(false);
    expect(a.jwtSecret).toBe(b.jwtSecret);
    expect(a.fieldEncryptionKey.equals(b.fieldEncryptionKey)).toBe(true);
    expect(a.accessTokenTtlSeconds).toBeLessThanOrEqual(900);
  });

  it('refuses to start in production without its secrets, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JBH_DATA_DIR: tmp() })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', JBH_DATA_DIR: tmp() });
    } catch (e) {
      expect((e as Error).message).toMatch(/JWT_SECRET/);
      expect((e as Error).message).toMatch(/FIELD_ENCRYPTION_KEY/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('refuses demo data in production and never loads it there by default', () => {
    expect(loadConfig(prod).demoData).toBe(false);
    expect(() => loadConfig({ ...prod, DEMO_DATA: 'true' })).toThrow(/DEMO_DATA/);
    expect(() => loadConfig({ ...prod, DEMO_DATA: 'true', DEMO_DATA_ON_EXTERNAL_DATABASE: 'true' })).toThrow(/NODE_ENV=production/);
  });

  it('loads demo data only when asked, and on an external database only when asked twice', () => {
    const dir = tmp();
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      expect(loadConfig({ NODE_ENV, JBH_DATA_DIR: dir }).demoData).toBe(false);
      expect(loadConfig({ NODE_ENV, JBH_DATA_DIR: dir, DATABASE_URL: 'postgres://u@h/db' }).demoData).toBe(false);
    }
    expect(loadConfig({ JBH_DATA_DIR: dir, DEMO_DATA: 'true' }).demoData).toBe(true);
    const external = { JBH_DATA_DIR: dir, DATABASE_URL: 'postgres://u@h/db', DEMO_DATA: 'true' };
    const message = refusal(external);
    expect(message).toMatch(/DEMO_DATA=true/);
    expect(message).toMatch(/DEMO_DATA_ON_EXTERNAL_DATABASE=true/);
    expect(loadConfig({ ...external, DEMO_DATA_ON_EXTERNAL_DATABASE: 'true' }).demoData).toBe(true);
    expect(() => loadConfig({ JBH_DATA_DIR: dir, DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA must be true or false/);
  });

  it('refuses a JWT_SECRET that is short, repetitive, a placeholder or otherwise guessable, saying how to make one', () => {
    const dir = tmp();
    const weak = {
      short: 'a1B2c3D4e5F6g7H8',
      'one character': 'x'.repeat(32),
      'digits repeated': '0123456789'.repeat(4),
      placeholder: 'password'.repeat(4),
      'placeholder with noise': 'MyPassword-for-Jinbuhuan-2026!xyz',
      sequence: 'abcdefghijklmnopqrstuvwxyz0123456789',
      'few symbols': 'abcdefghij'.repeat(5),
      'typed phrase': 'change-me-please-change-me-please',
    };
    for (const [what, value] of Object.entries(weak)) {
      const message = refusal({ JBH_DATA_DIR: dir, JWT_SECRET: value });
      expect({ what, message }).toEqual({ what, message: expect.stringMatching(/^JWT_SECRET .*openssl rand -base64 48/) });
    }
    expect(refusal({ JBH_DATA_DIR: dir, JWT_SECRET: 'x'.repeat(32) })).toMatch(/only 1 different symbol/);
    expect(refusal({ JBH_DATA_DIR: dir, JWT_SECRET: 'password'.repeat(4) })).toMatch(/placeholder/);
    expect(loadConfig({ JBH_DATA_DIR: dir, JWT_SECRET: jwt }).jwtSecret).toBe(jwt);
  });

  it('accepts every secret the documented generators make (no false refusals over many tries)', () => {
    const dir = tmp();
    for (let i = 0; i < 300; i++) {
      for (const secret of [randomBytes(48).toString('base64'), randomBytes(32).toString('hex'), randomBytes(32).toString('base64url')]) {
        expect(loadConfig({ JBH_DATA_DIR: dir, JWT_SECRET: secret, METRICS_TOKEN: secret }).jwtSecret).toBe(secret);
      }
      const k = randomBytes(32);
      expect(
        loadConfig({ JBH_DATA_DIR: dir, JWT_SECRET: jwt, FIELD_ENCRYPTION_KEY: k.toString('base64') }).fieldEncryptionKey.equals(k),
      ).toBe(true);
    }
  });

  it('takes FIELD_ENCRYPTION_KEY only as strict base64 of 32 random bytes', () => {
    const dir = tmp();
    const withKey = (FIELD_ENCRYPTION_KEY: string) => ({ JBH_DATA_DIR: dir, JWT_SECRET: jwt, FIELD_ENCRYPTION_KEY });
    const bad = {
      'too short': 'abc',
      'all zero': Buffer.alloc(32).toString('base64'),
      'one byte repeated': Buffer.alloc(32, 7).toString('base64'),
      'counting bytes': Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64'),
      // Buffer.from would skip the "!" and "-" and decode what is left into another key.
      'not base64': `${key.slice(0, 10)}!${key.slice(11)}`,
      'base64url alphabet': key.replace(/\//g, '_'),
      'space inside': `${key.slice(0, 20)} ${key.slice(20)}`,
      // The last character's spare bits are not zero: decodes to the same bytes as the real key, but is not its text.
      'not canonical': `${key.slice(0, 42)}5=`,
      '33 bytes': randomBytes(33).toString('base64'),
    };
    for (const [what, value] of Object.entries(bad)) {
      const message = refusal(withKey(value));
      expect({ what, message }).toEqual({ what, message: expect.stringMatching(/^FIELD_ENCRYPTION_KEY .*openssl rand -base64 32/) });
    }
    expect(refusal(withKey('not base64!'))).toMatch(/not valid base64/);
    expect(refusal(withKey(Buffer.alloc(32).toString('base64')))).toMatch(/not random/);
    expect(refusal(withKey(randomBytes(24).toString('base64')))).toMatch(/must be 32 bytes.*got 24/);
    // Padding may be left off, and a trailing newline (from a file) does not matter.
    const expected = Buffer.from(key, 'base64');
    expect(loadConfig(withKey(key.replace(/=$/, ''))).fieldEncryptionKey.equals(expected)).toBe(true);
    expect(loadConfig(withKey(`${key}\n`)).fieldEncryptionKey.equals(expected)).toBe(true);
  });

  it('refuses a guessable or short METRICS_TOKEN', () => {
    const dir = tmp();
    expect(refusal({ JBH_DATA_DIR: dir, METRICS_TOKEN: 'x'.repeat(40) })).toMatch(/^METRICS_TOKEN .*openssl rand/);
    expect(refusal({ JBH_DATA_DIR: dir, METRICS_TOKEN: randomBytes(12).toString('base64') })).toMatch(/METRICS_TOKEN must be at least 32/);
    expect(loadConfig({ JBH_DATA_DIR: dir, METRICS_TOKEN: jwt }).metricsToken).toBe(jwt);
    expect(loadConfig({ JBH_DATA_DIR: dir, METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
  });

  it('takes TRUST_PROXY as a hop count or a list of proxies, and refuses `true` saying what to write instead', () => {
    const dir = tmp();
    const trust = (TRUST_PROXY: string) => loadConfig({ JBH_DATA_DIR: dir, TRUST_PROXY }).trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.5, 10.1.0.0/16,fd00::/8 ,loopback')).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    for (const yes of ['true', 'TRUE', 'yes']) {
      const message = refusal({ JBH_DATA_DIR: dir, TRUST_PROXY: yes });
      expect(message).toMatch(/TRUST_PROXY=true is refused/);
      expect(message).toMatch(/client writes itself/);
      expect(message).toMatch(/TRUST_PROXY=1/);
    }
    for (const bad of ['lb.internal', '10.0.0.0/33', '10.0.0.1/8/1', '11', '-1', '1.5']) {
      expect(refusal({ JBH_DATA_DIR: dir, TRUST_PROXY: bad })).toMatch(/^TRUST_PROXY must be/);
    }
  });

  it('starts with a good production configuration', () => {
    const config = loadConfig({ ...prod, TRUST_PROXY: '1', METRICS_TOKEN: randomBytes(32).toString('base64url') });
    expect(config.isProduction).toBe(true);
    expect(config.demoData).toBe(false);
    expect(config.trustProxy).toBe(1);
    expect(config.fieldEncryptionKey.length).toBe(32);
  });

  it('validates values and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', JBH_DATA_DIR: tmp() })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', JBH_DATA_DIR: tmp() })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short', JBH_DATA_DIR: tmp() })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEY: 'abc', JWT_SECRET: jwt, JBH_DATA_DIR: tmp() })).toThrow(/FIELD_ENCRYPTION_KEY/);
    expect(() => loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '3600', JBH_DATA_DIR: tmp() })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('runs background jobs outside tests by default, and bounds the queue settings', () => {
    const dev = loadConfig({ JBH_DATA_DIR: tmp() });
    expect(dev).toMatchObject({
      jobsEnabled: true,
      jobsPollIntervalMs: 2000,
      jobsFailedRetentionDays: 30,
      notificationRetryLimit: 5,
      notificationRetryDelaySeconds: 30,
    });
    expect(loadConfig({ NODE_ENV: 'test', JBH_DATA_DIR: tmp() }).jobsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', JOBS_ENABLED: 'true', JBH_DATA_DIR: tmp() }).jobsEnabled).toBe(true);
    expect(refusal({ JOBS_POLL_INTERVAL_MS: '100', JBH_DATA_DIR: tmp() })).toMatch(/JOBS_POLL_INTERVAL_MS/);
    expect(refusal({ JOBS_FAILED_RETENTION_DAYS: '0', JBH_DATA_DIR: tmp() })).toMatch(/JOBS_FAILED_RETENTION_DAYS/);
    expect(refusal({ NOTIFICATION_RETRY_LIMIT: '-1', JBH_DATA_DIR: tmp() })).toMatch(/NOTIFICATION_RETRY_LIMIT/);
    expect(refusal({ NOTIFICATION_RETRY_SECONDS: 'soon', JBH_DATA_DIR: tmp() })).toMatch(/NOTIFICATION_RETRY_SECONDS/);
  });

  it('points diploma links at the app’s own /verify unless told, and checks what it is told', () => {
    const dir = tmp();
    expect(loadConfig({ JBH_DATA_DIR: dir }).diplomaVerifyBaseUrl).toBe('/verify');
    expect(loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: 'https://zs.qzzy.edu.cn/verify/' }).diplomaVerifyBaseUrl).toBe(
      'https://zs.qzzy.edu.cn/verify',
    );
    expect(loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: '/zhengshu/cha' }).diplomaVerifyBaseUrl).toBe('/zhengshu/cha');
    expect(loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: 'http://localhost:4200/verify' }).diplomaVerifyBaseUrl).toBe(
      'http://localhost:4200/verify',
    );
    for (const bad of ['ftp://school.edu.cn/v', 'school.edu.cn/verify', '//school.edu.cn/verify', 'https://s.edu.cn/v?x=1', '/a b']) {
      expect(() => loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: bad })).toThrow(/DIPLOMA_VERIFY_BASE_URL/);
    }
    expect(() => loadConfig({ ...prod, DIPLOMA_VERIFY_BASE_URL: 'http://school.edu.cn/verify' })).toThrow(/DIPLOMA_VERIFY_BASE_URL/);
    // Printed on every diploma: it must not name the platform or rehabilitation.
    for (const bad of ['https://jinbuhuan.example.cn/verify', 'https://school.edu.cn/jbh', 'https://rehab-school.cn/v']) {
      expect(() => loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: bad })).toThrow(/names neither/);
    }
  });

  it('sends WeChat reminders only when a 服务号 is fully configured, and refuses to boot half-configured', () => {
    const dir = tmp();
    expect(loadConfig({ JBH_DATA_DIR: dir }).wechat).toEqual({ provider: 'none', official: undefined });
    const full = {
      JBH_DATA_DIR: dir,
      WECHAT_PROVIDER: 'official',
      WECHAT_APP_ID: 'wx0123456789abcdef',
      WECHAT_APP_SECRET: 'app-secret',
      WECHAT_TEMPLATE_INTERVIEW: 'tpl-interview',
      WECHAT_TEMPLATE_FAIR_DAY: 'tpl-fair',
      WECHAT_TEMPLATE_VISIT: 'tpl-visit',
      WECHAT_TEMPLATE_PLAN_STEP: 'tpl-plan',
      WECHAT_TEMPLATE_GENERIC: 'tpl-generic',
    };
    const official = loadConfig(full).wechat.official!;
    expect(official).toMatchObject({ appId: 'wx0123456789abcdef', apiBase: 'https://api.weixin.qq.com', noticeUrl: undefined });
    expect(official.templates.fair_day).toEqual({ id: 'tpl-fair', fields: ['date1', 'thing2'] });
    expect(official.templates.interview.fields).toEqual(['date1', 'time2']);
    expect(loadConfig({ ...full, WECHAT_TEMPLATE_FAIR_DAY_FIELDS: 'date3, thing5' }).wechat.official!.templates.fair_day.fields).toEqual([
      'date3',
      'thing5',
    ]);
    expect(refusal({ ...full, WECHAT_APP_SECRET: ' ', WECHAT_TEMPLATE_VISIT: undefined })).toMatch(
      /WECHAT_PROVIDER=official needs: WECHAT_APP_SECRET, WECHAT_TEMPLATE_VISIT/,
    );
    expect(refusal({ ...full, WECHAT_PROVIDER: 'qq' })).toMatch(/WECHAT_PROVIDER/);
    expect(refusal({ ...full, WECHAT_APP_ID: 'not-an-app-id' })).toMatch(/WECHAT_APP_ID/);
    // A city must go into a thing keyword, a time into a time keyword.
    expect(refusal({ ...full, WECHAT_TEMPLATE_FAIR_DAY_FIELDS: 'date1,date2' })).toMatch(/WECHAT_TEMPLATE_FAIR_DAY_FIELDS/);
    expect(refusal({ ...full, WECHAT_TEMPLATE_INTERVIEW_FIELDS: 'date1' })).toMatch(/WECHAT_TEMPLATE_INTERVIEW_FIELDS/);
    expect(refusal({ ...full, WECHAT_API_BASE: 'https://api.weixin.qq.com/cgi-bin' })).toMatch(/WECHAT_API_BASE/);
    expect(refusal({ ...full, WECHAT_NOTICE_URL: 'https://jinbuhuan.example.cn/notifications' })).toMatch(/WECHAT_NOTICE_URL/);
    expect(loadConfig({ ...full, WECHAT_NOTICE_URL: 'https://jobs.example.cn/notifications' }).wechat.official!.noticeUrl).toBe(
      'https://jobs.example.cn/notifications',
    );
  });
});
