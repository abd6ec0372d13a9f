import { createTestDatabase, TEST_ENV } from '../utils/test-app';
import { loadConfig } from '../../server/src/config/env';
import { call, serverEnv, signIn, startServer, waitFor, type ServerProcess } from './server-process';
import { TcpProxy } from './tcp-proxy';

/**
 * The database goes away under a running server (through a proxy the test controls): people stay
 * signed in, every route answers 503 with Retry-After (never 401, never a hang), and the server
 * recovers by itself when the database is back.
 */
describe('database faults (a real server process behind a switchable proxy)', () => {
  let server: ServerProcess;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  let session: { token: string; cookie: string };

  beforeAll(async () => {
    const db = await createTestDatabase(loadConfig({ ...TEST_ENV }));
    drop = db.drop;
    const target = new URL(db.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = Object.assign(new URL(db.url), { host: `127.0.0.1:${proxy.port}` }).href;
    server = await startServer(
      serverEnv({ DATABASE_URL: viaProxy, DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '2000', SHUTDOWN_TIMEOUT_MS: '5000' }),
    );
    session = await signIn(server.url);
  });

  afterAll(async () => {
    server?.proc.kill('SIGTERM');
    await server?.exited;
    await proxy?.stop();
    await drop?.();
  });

  it('answers 503 with Retry-After on a stopped database, keeps the session, and recovers by itself', async () => {
    await proxy.stop();

    const list = await call(`${server.url}/api/organisations`, { token: session.token });
    expect(list.status).toBe(503);
    expect(list.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(list.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(list.body.message).toMatch(/稍后再试/);

    const refresh = await call(`${server.url}/api/auth/refresh`, { method: 'POST', cookie: session.cookie });
    expect(refresh.status).toBe(503);
    // The cookie is not cleared: the browser keeps its session for when the database is back.
    expect(refresh.headers.getSetCookie().join(';')).not.toMatch(/jbh_refresh=;/);

    const login = await call(`${server.url}/api/auth/login`, { method: 'POST', body: { username: 'admin', password: 'Demo#2026' } });
    expect(login.status).toBe(503);

    await proxy.start();
    const back = await waitFor('the organisations list to answer again', async () => {
      const r = await call(`${server.url}/api/organisations`, { token: session.token });
      return r.status === 200 ? r : undefined;
    });
    expect(back.status).toBe(200);
    // The refresh token survived the outage: the same cookie still works.
    const again = await call(`${server.url}/api/auth/refresh`, { method: 'POST', cookie: session.cookie });
    expect(again.status).toBe(200);
    session = {
      token: again.body.accessToken,
      cookie: again.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
  });

  it('answers 503 within the statement timeout on a frozen database, and recovers when it thaws', async () => {
    proxy.freeze();
    try {
      const frozen = await Promise.all([
        call(`${server.url}/api/organisations`, { token: session.token, timeoutMs: 20_000 }),
        call(`${server.url}/api/auth/login`, { method: 'POST', body: { username: 'admin', password: 'Demo#2026' }, timeoutMs: 20_000 }),
      ]);
      for (const r of frozen) {
        expect(r.status).toBe(503);
        // DB_STATEMENT_TIMEOUT_MS=2000 (+1 s for the client's own timer): well under the 20 s+ hang of before.
        expect(r.ms).toBeLessThan(6000);
      }
    } finally {
      proxy.thaw();
    }
    const back = await waitFor('the organisations list to answer after the thaw', async () => {
      const r = await call(`${server.url}/api/organisations`, { token: session.token });
      return r.status === 200 ? r : undefined;
    });
    expect(back.status).toBe(200);
  });

  it('keeps answering health/live while the database is away', async () => {
    await proxy.stop();
    try {
      const live = await call(`${server.url}/api/health/live`);
      expect(live.status).toBe(200);
      const ready = await call(`${server.url}/api/health/ready`);
      expect(ready.status).toBe(503);
    } finally {
      await proxy.start();
    }
    await waitFor('ready again', async () => (await call(`${server.url}/api/health/ready`)).status === 200);
  });

  it('a refresh token that is actually bad still ends the session (cookie cleared, 401)', async () => {
    const bad = await call(`${server.url}/api/auth/refresh`, { method: 'POST', cookie: 'jbh_refresh=not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.headers.getSetCookie().join(';')).toMatch(/jbh_refresh=;/);
  });
});
