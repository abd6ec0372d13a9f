import { execFileSync } from 'node:child_process';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The built web client's files, compressed once at build time (scripts/precompress.mjs) and sent as they
 * are. A client directory of its own, made here, so the spec does not need the real build.
 */
describe('the web client files, compressed at build time', () => {
  let t: TestApp;
  let dir: string;
  // Script-like text, well over the 1 KiB below which nothing is compressed.
  const script = Array.from({ length: 400 }, (_, i) => `export const f${i} = (a) => a * ${i} + "金不换";`).join('\n');
  const small = 'export const x = 1;';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jbh-client-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><jbh-root></jbh-root></body></html>');
    writeFileSync(join(dir, 'main-ABCD1234.js'), script);
    writeFileSync(join(dir, 'chunk-SMALL123.js'), small);
    mkdirSync(join(dir, 'sign-in'));
    writeFileSync(join(dir, 'sign-in', 'index.html'), '<!doctype html><title>sign in</title>');
    execFileSync(process.execPath, [resolve('scripts/precompress.mjs'), dir], { stdio: 'pipe' });
    t = await createTestApp({ SERVE_CLIENT: 'true', CLIENT_DIST_DIR: dir });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A real request (the compressed bytes as sent: supertest would decompress them, and inject cannot run here). */
  const get = async (url: string, acceptEncoding?: string) => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return new Promise<{ statusCode: number; headers: IncomingHttpHeaders; rawPayload: Buffer; body: string }>((done, fail) => {
      const req = httpGet(
        { host: '127.0.0.1', port, path: url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => {
            const rawPayload = Buffer.concat(parts);
            done({ statusCode: res.statusCode ?? 0, headers: res.headers, rawPayload, body: rawPayload.toString() });
          });
          res.on('error', fail);
        },
      );
      req.on('error', fail);
    });
  };

  it('the build writes a brotli and a gzip copy of a file over 1 KiB, none of a smaller one', () => {
    expect(readdirSync(dir).sort()).toEqual(
      ['chunk-SMALL123.js', 'index.html', 'main-ABCD1234.js', 'main-ABCD1234.js.br', 'main-ABCD1234.js.gz', 'sign-in'].sort(),
    );
  });

  it('sends the brotli copy to a browser that takes it, and the same script comes out', async () => {
    const res = await get('/main-ABCD1234.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    // A hashed bundle never changes: cached for a year, whichever encoding.
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    // The build's copy itself, byte for byte: not compressed again on the fly (brotli quality 4).
    expect(res.rawPayload.equals(readFileSync(join(dir, 'main-ABCD1234.js.br')))).toBe(true);
  });

  it('sends the gzip copy to one that takes only gzip, and the file itself to one that takes neither', async () => {
    const gz = await get('/main-ABCD1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    expect(gz.rawPayload.equals(readFileSync(join(dir, 'main-ABCD1234.js.gz')))).toBe(true);
    const plain = await get('/main-ABCD1234.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('a file with no copy is compressed on the fly, as before, and arrives whole', async () => {
    const res = await get('/chunk-SMALL123.js', 'br');
    expect(res.statusCode).toBe(200);
    const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
    expect(body).toBe(small);
  });

  it('the copies are not addresses of their own, and a path cannot climb out of the directory', async () => {
    expect((await get('/main-ABCD1234.js.br', 'br')).statusCode).toBe(404);
    expect((await get('/main-ABCD1234.js.gz')).statusCode).toBe(404);
    for (const climb of ['/..%2f..%2fetc%2fpasswd', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd.js']) {
      const res = await get(climb, 'identity');
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toContain('root:');
    }
  });

  it('a page address still answers the app, and an unknown file a JSON 404', async () => {
    const page = await get('/trainees/42', 'br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const missing = await get('/chunk-NOPE1234.js', 'br');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).code).toBe('NOT_FOUND');
  });
});
