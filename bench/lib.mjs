// What the data benchmarks (trainees, matching, reports) share: the built app, started against a
// prepared database, and a way to sign in. Each script seeds its own data and prints its own table.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pgServer, recreateDatabase } from '../scripts/lib/pg-server.mjs';

const require = createRequire(import.meta.url);
export const dist = join(process.cwd(), 'dist', 'server', 'src');

/** Stops the process when the build is missing: the benchmarks measure `dist/`, they do not build it. */
export function requireBuild() {
  if (!existsSync(join(dist, 'main.js'))) {
    console.error('dist/ is missing: run `npm run build:server` first');
    process.exit(2);
  }
}

/** Migrations, reference data and the demo data, as the app does at start; returns the field key used. */
export async function prepareWithDemoData(url) {
  const { prepareDatabase } = require(join(dist, 'database', 'prepare.js'));
  const key = randomBytes(32);
  await prepareDatabase(url, { appRoot: process.cwd(), demoData: true, isProduction: false, fieldEncryptionKey: key });
  return key;
}

const BENCH_APP_ROLE = 'jbh_bench_app';

/**
 * The app's own database role, as production runs (APP_DATABASE_URL): not the owner, so row-level
 * security (sealed records) applies to every query measured. BENCH_AS=owner measures as the owner
 * instead, for a before/after of that cost. The app grants the role its rights at start.
 */
async function appRoleUrl(url) {
  if (process.env.BENCH_AS === 'owner') return undefined;
  const pg = require('pg');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const password = randomBytes(12).toString('hex');
    await db.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${BENCH_APP_ROLE}') THEN CREATE ROLE ${BENCH_APP_ROLE} LOGIN; END IF;
       END $$`,
    );
    await db.query(`ALTER ROLE ${BENCH_APP_ROLE} PASSWORD '${password}'`);
    const app = new URL(url);
    app.username = BENCH_APP_ROLE;
    app.password = password;
    return app.toString();
  } finally {
    await db.end();
  }
}

/**
 * Starts `dist/` (or `build`, another build's dist/ directory: BENCH_BEFORE_DIST) on `port` against `url`
 * (connecting as the app's role unless BENCH_AS=owner) and waits for its health check; `stop()` ends it,
 * `role` says which role the app connected as.
 */
export async function startApp({ url, key, port, build }) {
  const appUrl = await appRoleUrl(url);
  const main = build ? join(build, 'server', 'src', 'main.js') : join(dist, 'main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      ...(appUrl ? { APP_DATABASE_URL: appUrl } : {}),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SERVE_CLIENT: 'false',
      FIELD_ENCRYPTION_KEY: key.toString('base64'),
      // Random: the app refuses a guessable secret.
      JWT_SECRET: randomBytes(48).toString('base64'),
      // The demo data is already there (prepareWithDemoData): the app is not to load it again.
      DEMO_DATA: 'false',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop: () => child.kill('SIGTERM'),
    role: appUrl ? `${BENCH_APP_ROLE} (the app's role: row-level security on)` : 'the owner (BENCH_AS=owner)',
  };
}

/** An access token for a demo account. */
export async function login(base, username) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo#2026' }),
  });
  if (!r.ok) throw new Error(`login ${username}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()).accessToken;
}

/** The p-th percentile of sorted times, to one decimal. */
export const pct = (times, p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);

/**
 * A fresh database `name` on BENCH_DATABASE_URL's server, or on a throw-away embedded PostgreSQL on
 * `port`; `stop()` stops the app (once `setApp` gave it) and the server. Ctrl-C stops both too.
 */
export async function benchDatabase(name, port) {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const server = await pgServer({ name: 'bench-pg', port });
  const url = await recreateDatabase(server, name);
  let app;
  const stop = async () => {
    app?.stop();
    await server.stop();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  return { url, stop, setApp: (a) => (app = a), embedded: Boolean(server.embedded) };
}
