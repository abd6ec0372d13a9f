import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env';

const tmp = () => mkdtempSync(join(tmpdir(), 'jbh-env-'));
const key = Buffer.alloc(32, 1).toString('base64');

describe('loadConfig', () => {
  it('works out of the box in development, generating secrets into the data directory once', () => {
    const dir = tmp();
    const a = loadConfig({ JBH_DATA_DIR: dir });
    const b = loadConfig({ JBH_DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBeUndefined();
    expect(a.demoData).toBe(true);
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
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), FIELD_ENCRYPTION_KEY: key, DATABASE_URL: 'postgres://u@h/db' };
    expect(loadConfig(prod).demoData).toBe(false);
    expect(() => loadConfig({ ...prod, DEMO_DATA: 'true' })).toThrow(/DEMO_DATA/);
  });

  it('validates values and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', JBH_DATA_DIR: tmp() })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', JBH_DATA_DIR: tmp() })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short', JBH_DATA_DIR: tmp() })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEY: 'abc', JWT_SECRET: 'x'.repeat(40), JBH_DATA_DIR: tmp() })).toThrow(
      /FIELD_ENCRYPTION_KEY/,
    );
    expect(() => loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '3600', JBH_DATA_DIR: tmp() })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
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
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), FIELD_ENCRYPTION_KEY: key, DATABASE_URL: 'postgres://u@h/db' };
    for (const bad of ['ftp://school.edu.cn/v', 'school.edu.cn/verify', '//school.edu.cn/verify', 'https://s.edu.cn/v?x=1', '/a b']) {
      expect(() => loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: bad })).toThrow(/DIPLOMA_VERIFY_BASE_URL/);
    }
    expect(() => loadConfig({ ...prod, DIPLOMA_VERIFY_BASE_URL: 'http://school.edu.cn/verify' })).toThrow(/DIPLOMA_VERIFY_BASE_URL/);
    // Printed on every diploma: it must not name the platform or rehabilitation.
    for (const bad of ['https://jinbuhuan.example.cn/verify', 'https://school.edu.cn/jbh', 'https://rehab-school.cn/v']) {
      expect(() => loadConfig({ JBH_DATA_DIR: dir, DIPLOMA_VERIFY_BASE_URL: bad })).toThrow(/names neither/);
    }
  });
});
