// Lighthouse on the built client (issue 12): Performance, Accessibility, CLS, TBT and LCP of the login
// page, the trainee's home, the counsellor's caseload and the admin's reports, with the mobile and the
// desktop presets, in Debian's chromium. Figures, not assertions.
//
//   node bench/lighthouse.mjs                    starts the built app (dist/server + dist/client) on a fresh
//                                                database with the demo data, measures, stops everything
//   node bench/lighthouse.mjs http://host:port   measures an app that is already running (demo accounts,
//                                                MFA_ENFORCE=false for the counsellor and the admin)
//
// Env: BENCH_SERVER_DIR (the built server, default dist/server/src), CLIENT_DIST_DIR (default
// dist/client/browser), BENCH_DATABASE_URL (else an embedded PostgreSQL), LH_PRESETS (mobile,desktop),
// LH_PAGES (login,trainee,caseload,reports), LH_RUNS (runs per page and preset, the median is shown; 1),
// LH_FRONT (h1,h2: the app as it answers, HTTP/1.1, and behind a TLS + HTTP/2 front as deployed, h2-front.mjs),
// CHROME_PATH (/usr/bin/chromium), LH_JSON_DIR (keep each report's JSON there, e.g. for the layout-shifts audit). Lighthouse is not a dependency: a local install is used when there is
// one, else `npx --yes lighthouse@12`.
//
// LH_SERVER_ELSEWHERE (1; 0 to measure as before): the app, the HTTP/2 front and Lighthouse itself run at the
// lowest CPU priority (nice 19), Chromium at the usual one. On a machine of few cores they would otherwise take
// turns with the page's main thread, whose tasks then last longer than their work; Lighthouse's simulation
// multiplies each task's length by four. A phone has the page's main thread to itself and the server is far
// away. Lighthouse's variability guide counts other programs on the machine among the largest sources of error
// and asks for two dedicated cores at least (four recommended); this is the nearest one machine gets.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDatabase } from './lib.mjs';

const require = createRequire(import.meta.url);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PRESETS = (process.env.LH_PRESETS ?? 'mobile,desktop').split(',');
const RUNS = Number(process.env.LH_RUNS ?? 1);
const FRONTS = (process.env.LH_FRONT ?? 'h1,h2').split(',');
const PASSWORD = 'Demo#2026';
const SERVER_ELSEWHERE = process.env.LH_SERVER_ELSEWHERE !== '0';

/** Gives a helper process (the app, the front, Lighthouse) the lowest CPU priority, so the browser runs first. */
function behindTheBrowser(pid) {
  if (!SERVER_ELSEWHERE || !pid) return;
  try {
    setPriority(pid, 19);
  } catch {
    // Gone already, or not ours: it runs at its usual priority.
  }
}

/** The TLS + HTTP/2 front (h2-front.mjs) in a process of its own, so that it can run behind the browser. */
async function startH2FrontProcess(target) {
  // Its stdin is a pipe from this process: when this process ends, however it ends, the front ends too.
  const child = spawn(process.execPath, [fileURLToPath(new URL('./h2-front.mjs', import.meta.url)), target], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, H2_FRONT_STDIN_IS_PARENT: '1' },
  });
  behindTheBrowser(child.pid);
  const base = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(out.trim());
    });
    child.once('exit', (code) => fail(new Error(`the HTTP/2 front exited (${code}) before it listened`)));
  });
  return {
    base,
    stop: () =>
      new Promise((ok) => {
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/** What is measured: the page, and who is signed in (null: nobody). */
const ALL_PAGES = [
  { name: 'login', path: '/login', user: null },
  { name: 'trainee', path: '/', user: 'trainee' },
  { name: 'caseload', path: '/trainees', user: 'counsellor' },
  { name: 'reports', path: '/reports', user: 'admin' },
];
const wanted = (process.env.LH_PAGES ?? ALL_PAGES.map((p) => p.name).join(',')).split(',');
const PAGES = ALL_PAGES.filter((p) => wanted.includes(p.name));

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** The built app, serving the built client, on a fresh database with the demo data. */
async function startBuiltApp() {
  const serverDir = resolve(process.env.BENCH_SERVER_DIR ?? join('dist', 'server', 'src'));
  const clientDir = resolve(process.env.CLIENT_DIST_DIR ?? join('dist', 'client', 'browser'));
  if (!existsSync(join(serverDir, 'main.js')) || !existsSync(join(clientDir, 'index.html'))) {
    console.error(`not built: need ${join(serverDir, 'main.js')} and ${join(clientDir, 'index.html')} (npm run build)`);
    process.exit(2);
  }
  const db = await benchDatabase('jbh_bench_lighthouse', 54351);
  const key = randomBytes(32);
  const { prepareDatabase } = require(join(serverDir, 'database', 'prepare.js'));
  await prepareDatabase(db.url, { appRoot: process.cwd(), demoData: true, isProduction: false, fieldEncryptionKey: key });
  const port = await freePort();
  const child = spawn(process.execPath, [join(serverDir, 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SERVE_CLIENT: 'true',
      CLIENT_DIST_DIR: clientDir,
      FIELD_ENCRYPTION_KEY: key.toString('base64'),
      JWT_SECRET: randomBytes(48).toString('base64'),
      DEMO_DATA: 'false',
      // The demo admin and counsellor have no second factor enrolled: signed in, they would see only the enrolment page.
      MFA_ENFORCE: 'false',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  behindTheBrowser(child.pid);
  db.setApp({ stop: () => child.kill('SIGTERM') });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, stop: db.stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await db.stop();
  throw new Error('the app did not answer /api/health within 60 s');
}

/** Chromium with a fresh profile and a DevTools port, for one Lighthouse run. */
async function launchChromium() {
  const dir = mkdtempSync(join(tmpdir(), 'jbh-lh-'));
  const port = await freePort();
  const child = spawn(CHROME_PATH, [...CHROME_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${dir}`, 'about:blank'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/json/version`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r).once('error', r));
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // A helper process of chromium still writing: the directory is in tmp, leave it.
      }
    },
  };
}

/**
 * Signs `username` in inside that Chromium, as the login page would: the refresh cookie (httpOnly, path
 * /api/auth) and the session hint in localStorage (without it the app does not try to restore). Done
 * from `/api/health`, so no page of the app is cached before Lighthouse loads it.
 */
async function signInInBrowser(cdpPort, base, username) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
  try {
    const page = await browser.contexts()[0].newPage();
    await page.goto(`${base}/api/health`);
    const status = await page.evaluate(
      async ([user, password]) => {
        const r = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user, password }),
        });
        if (r.ok) globalThis.localStorage.setItem('jbh.signedIn', '1');
        return r.status;
      },
      [username, PASSWORD],
    );
    if (status !== 200) throw new Error(`sign-in as ${username}: HTTP ${status}`);
    await page.close();
  } finally {
    // Disconnects; the browser stays up for Lighthouse.
    await browser.close().catch(() => undefined);
  }
}

/** Lighthouse's CLI: the local one when installed, else through npx (it is not a dependency of the app). */
function lighthouse(url, preset, cdpPort) {
  const local = join(process.cwd(), 'node_modules', '.bin', 'lighthouse');
  const [cmd, pre] = existsSync(local) ? [local, []] : ['npx', ['--yes', 'lighthouse@12']];
  const args = [
    ...pre,
    url,
    `--port=${cdpPort}`,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility',
    // The profile is fresh for every run; keeping storage keeps the sign-in (the cache is empty anyway).
    '--disable-storage-reset',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
  ];
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    behindTheBrowser(child.pid);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      try {
        ok(JSON.parse(out));
      } catch {
        fail(new Error(`lighthouse exited ${code}: ${err.slice(-2000)}`));
      }
    });
  });
}

/** One Lighthouse run in a fresh Chromium; a run whose trace Lighthouse could not record (NO_NAVSTART, now and then) is run again, twice at most. */
async function measure(base, page, preset, attempt = 1) {
  try {
    return await measureOnce(base, page, preset);
  } catch (e) {
    if (attempt >= 3 || !/NO_NAVSTART|NO_FCP|PROTOCOL_TIMEOUT/.test(String(e?.message))) throw e;
    process.stderr.write('r');
    return measure(base, page, preset, attempt + 1);
  }
}

async function measureOnce(base, page, preset) {
  const chrome = await launchChromium();
  try {
    if (page.user) await signInInBrowser(chrome.port, base, page.user);
    const lhr = await lighthouse(`${base}${page.path}`, preset, chrome.port);
    if (lhr.runtimeError) throw new Error(`${page.name} ${preset}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    await chrome.stop();
  }
}

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-sync',
  // The h2 front's certificate is self-signed for this run (h2-front.mjs).
  '--ignore-certificate-errors',
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function figures(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? NaN) * 100),
    cls: audit('cumulative-layout-shift'),
    tbt: audit('total-blocking-time'),
    lcp: audit('largest-contentful-paint'),
  };
}

async function main() {
  if (!existsSync(CHROME_PATH)) {
    console.error(`no chromium at ${CHROME_PATH} (apt-get install -y chromium, or set CHROME_PATH)`);
    process.exit(2);
  }
  const given = process.argv[2];
  const app = given ? { base: given.replace(/\/$/, ''), stop: async () => undefined } : await startBuiltApp();
  const rows = [];
  if (process.env.LH_JSON_DIR) mkdirSync(process.env.LH_JSON_DIR, { recursive: true });
  try {
    for (const front of FRONTS) {
      const via = front === 'h2' ? await startH2FrontProcess(app.base) : { base: app.base, stop: async () => undefined };
      try {
        for (const page of PAGES) {
          for (const preset of PRESETS) {
            const runs = [];
            for (let i = 0; i < RUNS; i++) {
              const lhr = await measure(via.base, page, preset);
              // A page that fails sends its visitor elsewhere (/login without a session, the home page after an
              // error in the route): its figures would be another page's.
              const ended = new URL(lhr.finalDisplayedUrl).pathname;
              if (ended !== page.path) throw new Error(`${page.name}: ended on ${ended}, not ${page.path}`);
              if (process.env.LH_JSON_DIR)
                writeFileSync(join(process.env.LH_JSON_DIR, `${page.name}-${preset}-${front}-${i + 1}.json`), JSON.stringify(lhr));
              runs.push(figures(lhr));
              process.stderr.write('.');
            }
            const pick = (k) => median(runs.map((r) => r[k]));
            rows.push({
              page: page.name,
              preset,
              front,
              performance: pick('performance'),
              accessibility: pick('accessibility'),
              cls: pick('cls').toFixed(3),
              'tbt ms': Math.round(pick('tbt')),
              'lcp ms': Math.round(pick('lcp')),
            });
          }
        }
      } finally {
        await via.stop();
      }
    }
  } finally {
    await app.stop();
  }
  process.stderr.write('\n');
  // An app given by address was started by someone else: only the front and Lighthouse are reniced then.
  const placement = !SERVER_ELSEWHERE
    ? 'everything at the same priority'
    : given
      ? 'front and Lighthouse at nice 19 (the app as it was started)'
      : 'app, front and Lighthouse at nice 19';
  console.log(`Lighthouse 12, ${CHROME_PATH}, ${RUNS} run(s) per cell (median), ${placement}, ${new Date().toISOString()}`);
  console.table(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
