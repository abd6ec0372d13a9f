import { admin, createTestApp, type TestApp } from '../utils/test-app';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 {status: ok} without a token while the database answers', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('echoes a well-formed x-request-id', async () => {
    const res = await t.http().get('/api/health').set('x-request-id', 'lb-req-12345678').expect(200);
    expect(res.headers['x-request-id']).toBe('lb-req-12345678');
  });

  it('sends security headers and no CORS by default', async () => {
    const res = await t.http().get('/api/health').set('origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a JSON 404 for unknown API routes', async () => {
    const res = await t.http().get('/api/no-such-thing').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('refuses bodies over the limit with 413', async () => {
    const big = { username: 'x', password: 'y'.repeat(t.config.bodyLimitBytes + 10) };
    const res = await t.http().post('/api/auth/login').send(big);
    expect(res.status).toBe(413);
  });

  it('lists every route in the OpenAPI document, each tagged', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const doc = res.body as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) expect(op.tags?.length).toBeGreaterThan(0);
    await t
      .http()
      .get('/api/docs')
      .expect((r) => expect([200, 301, 302]).toContain(r.status));
  });

  it('answers 503 when the database is gone', async () => {
    const other = await createTestApp();
    const dbName = new URL(other.databaseUrl).pathname.slice(1);
    await other.http().get('/api/health').expect(200);
    await other.http().get('/api/health/ready').expect(200);
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [dbName]);
    });
    const res = await other.http().get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable' });
    // Liveness asks nothing of the database: the process is fine, so it must not be restarted.
    expect((await other.http().get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await other.http().get('/api/health/ready').expect(503);
    expect(ready.body).toEqual({ status: 'unavailable', checks: { database: 'unavailable', migrations: 'unknown' } });
    await other.close().catch(() => undefined);
  });
});
