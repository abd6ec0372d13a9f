import pg from 'pg';
import { admin } from '../utils/test-app';
import { call, newDataDir, removeDataDirs, run, serverEnv, startServer } from './server-process';

/**
 * Issue 16, "fail-closed configuration", with the built server as a real process: a configuration
 * that would weaken the installation stops the start with exit 78 and a sentence naming the variable
 * and what to do (no stack), and a deploy that forgets a setting gets no demo accounts.
 */

const STRONG_KEY = 'raoaNU6VJ4gUBRWVlTFto77doxTTp7J/R8glIaAZqGw=';

/** Runs the server with `extra` on an unreachable database: every case here must stop before connecting. */
async function refused(extra: Record<string, string | undefined>): Promise<string> {
  const { code, output } = await run(
    serverEnv({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never',
      DEMO_DATA: undefined,
      DEMO_DATA_ON_EXTERNAL_DATABASE: undefined,
      ...extra,
    }),
    undefined,
    30_000,
  );
  expect({ code, output }).toEqual({ code: 78, output: expect.stringContaining('Jinbuhuan cannot start: ') });
  // A sentence for the operator, not a stack trace.
  expect(output).not.toMatch(/\n\s+at /);
  expect(output).not.toMatch(/undefined/);
  return output;
}

describe('fail-closed configuration (the built server as a real process)', () => {
  afterAll(() => removeDataDirs());

  it('refuses TRUST_PROXY=true, explaining why and what to write instead', async () => {
    const output = await refused({ TRUST_PROXY: 'true' });
    expect(output).toMatch(/TRUST_PROXY=true is refused/);
    expect(output).toMatch(/X-Forwarded-For/);
    expect(output).toMatch(/TRUST_PROXY=1/);
  });

  it('refuses guessable secrets, naming the variable and how to make a good one', async () => {
    expect(await refused({ JWT_SECRET: 'x'.repeat(32) })).toMatch(/JWT_SECRET is too easy to guess.*openssl rand -base64 48/);
    expect(await refused({ JWT_SECRET: 'password-for-the-jwt-secret-2026!' })).toMatch(/JWT_SECRET looks like a placeholder/);
    expect(await refused({ FIELD_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') })).toMatch(
      /FIELD_ENCRYPTION_KEY is not random.*openssl rand -base64 32/,
    );
    // One mistyped character: Buffer.from(…, 'base64') would have skipped it and made another key.
    expect(await refused({ FIELD_ENCRYPTION_KEY: `${STRONG_KEY.slice(0, 10)}!${STRONG_KEY.slice(11)}` })).toMatch(
      /FIELD_ENCRYPTION_KEY is not valid base64/,
    );
    expect(await refused({ METRICS_TOKEN: 'metrics'.repeat(5) })).toMatch(/METRICS_TOKEN is too easy to guess/);
  });

  it('refuses demo data on an external database unless asked twice, and always in production', async () => {
    const output = await refused({ DEMO_DATA: 'true' });
    expect(output).toMatch(/DEMO_DATA=true/);
    expect(output).toMatch(/DEMO_DATA_ON_EXTERNAL_DATABASE=true/);
    expect(await refused({ NODE_ENV: 'production', DEMO_DATA: 'true', DEMO_DATA_ON_EXTERNAL_DATABASE: 'true' })).toMatch(
      /DEMO_DATA cannot be loaded with NODE_ENV=production/,
    );
  });

  it('a fresh external database without DEMO_DATA (NODE_ENV forgotten) gets no demo accounts', async () => {
    const name = `jbh_fail_closed_${process.pid}_${Date.now().toString(36)}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = (process.env.JBH_TEST_URL_PATTERN as string).replace('__DB__', name);
    const db = new pg.Client({ connectionString: url });
    try {
      const server = await startServer(
        serverEnv({ DATABASE_URL: url, NODE_ENV: undefined, DEMO_DATA: undefined, DEMO_DATA_ON_EXTERNAL_DATABASE: undefined }),
      );
      try {
        expect(server.output()).not.toMatch(/loaded demo data/);
        const signIn = await call(`${server.url}/api/auth/login`, { method: 'POST', body: { username: 'admin', password: 'Demo#2026' } });
        expect(signIn.status).toBe(401);
      } finally {
        server.proc.kill('SIGTERM');
        await server.exited;
      }
      await db.connect();
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE username = 'admin'`);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await db.end().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });

  it('`npm start` on the embedded database still loads the demo, as the README promises', async () => {
    const dataDir = newDataDir();
    const env = serverEnv({
      DATABASE_URL: undefined,
      DEMO_DATA: undefined,
      DEMO_DATA_ON_EXTERNAL_DATABASE: undefined,
      NODE_ENV: undefined,
      JBH_DATA_DIR: dataDir,
      JBH_EMBEDDED_PG_PORT: '55430',
      SERVE_CLIENT: 'false',
    });
    // It rebuilds dist/ first when sources are newer (as on a newcomer's first start): allow for that.
    const server = await startServer(env, { command: ['node', 'scripts/start.mjs'], timeoutMs: 400_000 });
    try {
      expect(server.output()).toMatch(/loaded demo data/);
      const signIn = await call(`${server.url}/api/auth/login`, { method: 'POST', body: { username: 'admin', password: 'Demo#2026' } });
      expect(signIn.status).toBe(200);
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  }, 420_000);
});
