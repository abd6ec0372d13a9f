// A TLS + HTTP/2 front for the Lighthouse bench: what a deployment puts before the app (nginx with
// `listen 443 ssl http2`, see docs/operations.md), reduced to a pass-through proxy. The app itself speaks
// HTTP/1.1; a phone reaches it through such a front. Lighthouse's network model charges every file a round
// trip over six HTTP/1.1 connections but lets many small files share one warm HTTP/2 connection, so the
// same build scores differently behind the two; the bench reports both (LH_FRONT=h1,h2).
//
// The certificate is self-signed for 127.0.0.1, made by openssl for this run and trusted by nothing:
// Chromium runs with --ignore-certificate-errors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Headers HTTP/2 forbids (connection-specific), dropped from the app's answers. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'jbh-h2-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the front on a free port of 127.0.0.1, forwarding to `target` (http://127.0.0.1:port). */
export async function startH2Front(target) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http2.createSecureServer({ ...selfSignedCertificate(), allowHTTP1: true }, (req, res) => {
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!name.startsWith(':') && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    // As nginx's `proxy_set_header Host $host`: the app checks a state-changing request's Origin against it.
    headers.host = req.headers[':authority'] ?? req.headers.host ?? upstream.host;
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (answer) => {
        const back = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) back[name] = value;
        res.writeHead(answer.statusCode ?? 502, back);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    base: `https://127.0.0.1:${port}`,
    stop: () =>
      new Promise((ok) => {
        agent.destroy();
        server.close(() => ok());
      }),
  };
}

// `node bench/h2-front.mjs http://127.0.0.1:3000`: the front as a process of its own, which prints its address
// and runs until it is stopped (lighthouse.mjs starts it so, to lower its CPU priority apart from the browser's).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const front = await startH2Front(process.argv[2]);
  console.log(front.base);
  const stop = () => void front.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  // Started by lighthouse.mjs with a pipe for stdin: it closes when that process ends, even if it is killed.
  if (process.env.H2_FRONT_STDIN_IS_PARENT === '1') process.stdin.once('end', stop).resume();
}
