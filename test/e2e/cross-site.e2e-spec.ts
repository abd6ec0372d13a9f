import request from 'supertest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

/**
 * Issue 16, "fail-closed configuration": what another website can make a victim's browser send, and
 * what a client can write into X-Forwarded-For. Requests without Origin / Sec-Fetch-Site (curl,
 * servers, supertest) are not from a browser page and pass as before.
 */

const HOST = 'jbh.example.cn';
const credentials = { username: 'counsellor', password: DEMO_PASSWORD };

/** A POST /api/auth/login with the given headers and a request id to find its audit entry by. */
function login(t: TestApp, headers: Record<string, string>, body: unknown = credentials) {
  let req = request(t.app.getHttpServer()).post('/api/auth/login');
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req.send(body as object);
}

let seq = 0;
const requestId = () => `cross-site-${process.pid}-${++seq}`;

async function auditIp(t: TestApp, id: string): Promise<string | null | undefined> {
  const [row] = await t.sql<{ ip: string | null }>(`SELECT ip FROM audit_log WHERE request_id = $1`, [id]);
  return row ? row.ip : undefined;
}

describe('cross-site requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('sign-in takes JSON only', () => {
    it('answers a form post to /api/auth/login with 415 and signs nobody in', async () => {
      const id = requestId();
      const res = await request(t.app.getHttpServer())
        .post('/api/auth/login')
        .set('x-request-id', id)
        .type('form')
        .send(`username=counsellor&password=${encodeURIComponent(DEMO_PASSWORD)}`);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', messageEn: expect.stringMatching(/application\/json/) });
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await auditIp(t, id)).toBeUndefined();
    });

    it('refuses text/plain and multipart bodies (what an HTML form can send) on every /api/auth route', async () => {
      for (const path of ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/auth/password']) {
        const plain = await request(t.app.getHttpServer()).post(path).set('content-type', 'text/plain').send(JSON.stringify(credentials));
        expect({ path, status: plain.status }).toEqual({ path, status: 415 });
        const multipart = await request(t.app.getHttpServer()).post(path).field('username', 'counsellor');
        expect({ path, status: multipart.status }).toEqual({ path, status: 415 });
      }
    });

    it('still takes JSON (with a charset) and body-less refresh and logout', async () => {
      const res = await request(t.app.getHttpServer())
        .post('/api/auth/login')
        .set('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(credentials));
      expect(res.status).toBe(200);
      // As the web client sends them: a POST without a body, hence without a Content-Type.
      await request(t.app.getHttpServer()).post('/api/auth/refresh').expect(401);
      await request(t.app.getHttpServer()).post('/api/auth/logout').expect(204);
    });
  });

  describe('state-changing requests a browser marks as cross-site', () => {
    it('refuses a POST with a foreign Origin with 403 CROSS_SITE_REQUEST, before the handler runs', async () => {
      const id = requestId();
      const res = await login(t, { host: HOST, origin: 'https://evil.example', 'x-request-id': id });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'CROSS_SITE_REQUEST', messageEn: expect.stringMatching(/another website/) });
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await auditIp(t, id)).toBeUndefined();
    });

    it('refuses Sec-Fetch-Site: cross-site, and same-site from another origin', async () => {
      expect((await login(t, { host: HOST, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await login(t, { host: HOST, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status).toBe(403);
      const sibling = await login(t, { host: HOST, 'sec-fetch-site': 'same-site', origin: 'https://blog.example.cn' });
      expect(sibling.status).toBe(403);
      expect(sibling.body.code).toBe('CROSS_SITE_REQUEST');
    });

    it('refuses an opaque Origin (sandboxed frames, file://) and a foreign port or scheme', async () => {
      expect((await login(t, { host: HOST, origin: 'null' })).status).toBe(403);
      expect((await login(t, { host: HOST, origin: `https://${HOST}:8443` })).status).toBe(403);
      expect((await login(t, { host: `${HOST}:3000`, origin: `https://${HOST}` })).status).toBe(403);
    });

    it('refuses PUT, PATCH and DELETE too, even with a valid token (the checks come first)', async () => {
      const { token } = await t.login('admin');
      const org = '/api/organisations/00000000-0000-0000-0000-000000000000';
      // DELETE of an organisation is no route at all: refused all the same, before routing matters.
      const writes = [
        ['put', '/api/notifications/preferences'],
        ['patch', org],
        ['delete', org],
      ] as const;
      for (const [method, path] of writes) {
        const server = request(t.app.getHttpServer());
        const res = await server[method](path)
          .set('host', HOST)
          .set('origin', 'https://evil.example')
          .auth(token, { type: 'bearer' })
          .send({});
        expect({ method, status: res.status, code: res.body.code }).toEqual({ method, status: 403, code: 'CROSS_SITE_REQUEST' });
      }
    });

    it('lets a same-origin request through, with or without Sec-Fetch-Site, and a default port written out', async () => {
      expect((await login(t, { host: HOST, origin: `https://${HOST}` })).status).toBe(200);
      expect((await login(t, { host: HOST, origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect((await login(t, { host: `${HOST}:443`, origin: `https://${HOST}` })).status).toBe(200);
      expect((await login(t, { host: 'localhost:4200', origin: 'http://localhost:4200', 'sec-fetch-site': 'same-origin' })).status).toBe(
        200,
      );
    });

    it('lets requests without Origin or Sec-Fetch-Site through (curl, servers), and never blocks reads', async () => {
      expect((await login(t, {})).status).toBe(200);
      expect((await login(t, { 'sec-fetch-site': 'none' })).status).toBe(200);
      const read = await request(t.app.getHttpServer())
        .get('/api/health')
        .set('origin', 'https://evil.example')
        .set('sec-fetch-site', 'cross-site');
      expect(read.status).toBe(200);
    });
  });

  describe('with CORS_ORIGINS', () => {
    let c: TestApp;
    beforeAll(async () => {
      c = await createTestApp({ CORS_ORIGINS: 'https://partner.example.cn' });
    });
    afterAll(() => c.close());

    it('lets a listed origin write cross-site, and still refuses any other', async () => {
      const listed = await login(c, { host: HOST, origin: 'https://partner.example.cn', 'sec-fetch-site': 'cross-site' });
      expect(listed.status).toBe(200);
      const other = await login(c, { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(other.status).toBe(403);
    });
  });
});

/**
 * The client address that rate limits and the audit log see. Each proxy appends the address it saw
 * on the right of X-Forwarded-For; everything to the left of what our proxies wrote came from the
 * client and is ignored. (The test's own connection, from 127.0.0.1, plays the outermost proxy.)
 */
describe('forged X-Forwarded-For', () => {
  /** Sign-out without a session: 204, counted by the auth rate limit (AUTH_RATE_LIMIT_PER_MINUTE), no lockout involved. */
  const logout = (t: TestApp, xff: string) => request(t.app.getHttpServer()).post('/api/auth/logout').set('x-forwarded-for', xff);

  async function loginIp(t: TestApp, xff: string): Promise<string | null | undefined> {
    const id = requestId();
    await login(t, { 'x-forwarded-for': xff, 'x-request-id': id }).expect(200);
    return auditIp(t, id);
  }

  describe('without TRUST_PROXY', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('ignores the header: the address is the connection’s', async () => {
      expect(await loginIp(t, '203.0.113.66')).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    });
  });

  describe('TRUST_PROXY=1 (one load balancer)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: '1', AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(() => t.close());

    it('audits the address the load balancer saw, whatever the client wrote before it', async () => {
      expect(await loginIp(t, '198.51.100.9')).toBe('198.51.100.9');
      expect(await loginIp(t, '10.9.9.9, 198.51.100.9')).toBe('198.51.100.9');
      expect(await loginIp(t, '1.2.3.4, 5.6.7.8, 198.51.100.9')).toBe('198.51.100.9');
    });

    it('rate-limits that address: a new forged left-most entry on every request does not reset the count', async () => {
      for (let i = 1; i <= 3; i++) expect((await logout(t, `192.0.2.${i}, 203.0.113.7`)).status).toBe(204);
      const limited = await logout(t, '192.0.2.99, 203.0.113.7');
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
      // Another client behind the same load balancer has its own count.
      expect((await logout(t, '192.0.2.1, 203.0.113.8')).status).toBe(204);
    });
  });

  describe('TRUST_PROXY as a list of proxies', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: 'loopback,10.0.0.0/8', AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(() => t.close());

    it('skips the listed proxies from the right and stops at the first address that is not one', async () => {
      expect(await loginIp(t, '198.51.100.20')).toBe('198.51.100.20');
      expect(await loginIp(t, '198.51.100.20, 10.1.2.3')).toBe('198.51.100.20');
      expect(await loginIp(t, '10.0.0.1, 6.6.6.6, 198.51.100.20, 10.1.2.3')).toBe('198.51.100.20');
    });

    it('rate-limits that address whatever is forged to its left', async () => {
      for (let i = 1; i <= 3; i++) expect((await logout(t, `192.0.2.${i}, 203.0.113.9, 10.0.0.7`)).status).toBe(204);
      expect((await logout(t, '10.0.0.1, 203.0.113.9, 10.0.0.7')).status).toBe(429);
      expect((await logout(t, '203.0.113.10, 10.0.0.7')).status).toBe(204);
    });
  });
});
