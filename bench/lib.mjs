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

/** Starts `dist/` on `port` against `url` and waits for its health check; `stop()` ends it. */
export async function startApp({ url, key, port }) {
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
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
  return { base, stop: () => child.kill('SIGTERM') };
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
