#!/usr/bin/env node
// HTTP benchmark (issue 2): requests per second and latency of GET /api/health and of one
// authenticated list endpoint (GET /api/organisations), next to a bare node:http + pg server doing
// the same work — the ceiling for Node on this machine — printed as a ratio. Figures, not assertions.
//   npm run build:server && npm run bench
// BENCH_DATABASE_URL: a PostgreSQL server to use (a database is created on it); else embedded.
// BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 50).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { pgServer, recreateDatabase } from '../scripts/lib/pg-server.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const APP_PORT = 3420;
const BARE_PORT = 3421;
const SECRET = 'bench-secret-that-is-long-enough-0123456789';
const require = createRequire(import.meta.url);
const dist = join(process.cwd(), 'dist', 'server', 'src');
if (!existsSync(join(dist, 'main.js'))) {
  console.error('dist/ is missing: run `npm run build:server` first');
  process.exit(2);
}

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const server = await pgServer({ name: 'bench-pg', port: 54342 });
const url = await recreateDatabase(server, 'jbh_bench_http');
const children = [];
const stopAll = async () => {
  for (const c of children) c.kill('SIGTERM');
  await server.stop();
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

const waitFor = async (u) => {
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(u).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${u} did not come up`);
};

async function run(name, target, headers = {}) {
  // Warm up, then measure.
  await autocannon({ url: target, connections: CONNECTIONS, duration: 2, headers });
  const r = await autocannon({ url: target, connections: CONNECTIONS, duration: DURATION, headers });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

try {
  const { prepareDatabase } = require(join(dist, 'database', 'prepare.js'));
  const key = randomBytes(32);
  await prepareDatabase(url, { appRoot: process.cwd(), demoData: true, isProduction: false, fieldEncryptionKey: key });
  const env = { ...process.env, DATABASE_URL: url, JWT_SECRET: SECRET, FIELD_ENCRYPTION_KEY: key.toString('base64') };
  children.push(
    spawn(process.execPath, [join(dist, 'main.js')], {
      env: { ...env, PORT: String(APP_PORT), LOG_LEVEL: 'warn', SERVE_CLIENT: 'false', AUTH_RATE_LIMIT_PER_MINUTE: '100000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
    spawn(process.execPath, [join(process.cwd(), 'bench', 'bare-server.mjs')], {
      env: { ...env, PORT: String(BARE_PORT) },
      stdio: 'inherit',
    }),
  );
  const app = `http://127.0.0.1:${APP_PORT}`;
  const bare = `http://127.0.0.1:${BARE_PORT}`;
  await waitFor(`${app}/api/health`);
  await waitFor(`${bare}/health`);
  const login = await fetch(`${app}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Demo#2026' }),
  }).then((r) => r.json());
  // Access tokens live 15 minutes: long enough for every run here.
  const auth = { authorization: `Bearer ${login.accessToken}` };
  const list = '/organisations?page=1&pageSize=20';

  const results = [
    await run('app GET /api/health', `${app}/api/health`),
    await run('bare GET /health', `${bare}/health`),
    await run('app GET /api/organisations (authenticated)', `${app}/api${list}`, auth),
    await run('bare GET /organisations (same SQL)', `${bare}${list}`, auth),
  ];

  console.log(
    `\nHTTP benchmark — autocannon, ${CONNECTIONS} connections, ${DURATION} s each; ${cpus().length} cores shared by load, Node and PostgreSQL`,
  );
  console.log(`database: ${server.embedded ? 'embedded PostgreSQL 18' : 'BENCH_DATABASE_URL'}; Node ${process.version}\n`);
  console.log('| target | req/s | p50 ms | p99 ms |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${Math.round(r.rps).toLocaleString()} | ${r.p50} | ${r.p99} |`);
  const ratio = (a, b) => (a.rps / b.rps).toFixed(2);
  console.log(`\napp / bare, health: ${ratio(results[0], results[1])}   app / bare, authenticated list: ${ratio(results[2], results[3])}`);
} finally {
  await stopAll();
}
