#!/usr/bin/env node
// Matching benchmark (issue 6, issue 17): synthetic trainees with certificates, courses in progress and
// preferences, plus open orders; p50/p95 of "top 50 for an order" and "top 20 orders for a trainee"
// through the real API, beside two references measured in the same run: the naive way (load the
// candidates into Node and score them there) and the floor (reading 50 rows by an index — in PostgreSQL
// directly, and through the API). Prints figures and the ranking/floor ratios; asserts nothing.
//   npm run build:server && node bench/matching.mjs
//   BENCH_TRAINEES=1000000 node bench/matching.mjs
// BENCH_DATABASE_URL: a PostgreSQL server to use (a database is created on it); else embedded.
// BENCH_TRAINEES (default 100000), BENCH_ORDERS (default 10000), BENCH_REQUESTS (default 100, per line),
// BENCH_NAIVE (default 10: the naive way loads every trainee, so fewer).
// BENCH_BEFORE_DIST: another build's dist/ (e.g. a copy taken before a change); it is started too, on the
// same database, and every request goes to both apps in turn, so "before" and "after" share data and load.
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { benchDatabase, login, pct, prepareWithDemoData, requireBuild, startApp } from './lib.mjs';

const TRAINEES = Number(process.env.BENCH_TRAINEES ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const NAIVE = Number(process.env.BENCH_NAIVE ?? 10);
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST ? resolve(process.env.BENCH_BEFORE_DIST) : null;
const PORT = 3411;
// Not what is measured: two-step verification (the bench signs in as the demo counsellor with a password),
// and the schedulers, which would scan the seeded trainees in the background while requests are timed.
process.env.MFA_ENFORCE ??= 'false';
process.env.JOBS_ENABLED ??= 'false';
requireBuild();

const { url, stop: stopAll, setApp } = await benchDatabase('jbh_bench_matching', 54342);

/** 40 occupations of the service and production groups, reused by trainees' certificates and orders. */
const OCCUPATIONS = `(SELECT array_agg(code ORDER BY code) AS codes FROM (SELECT code FROM occupation WHERE major_code IN ('4', '6') ORDER BY code LIMIT 40) x)`;

const SEED = [
  // Trainees: 60 % released or in the community, the rest inside with releases spread over two years.
  `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail, home_division_code,
      organisation_id, state, admitted_on, expected_release_on, released_on, preferred_divisions, preferred_industries, wage_expectation,
      willing_to_live_on_site)
   SELECT '测' || i, 'M', 1970 + i % 33, decode(md5(i::text), 'hex'), md5('m' || i) || md5('y' || i),
          lpad((i % 10000)::text, 4, '0'), d.codes[1 + i % 18], (SELECT organisation_id FROM app_user WHERE username = 'counsellor'),
          CASE WHEN i % 10 < 4 THEN 'pre_release' WHEN i % 10 < 8 THEN 'released' ELSE 'community' END,
          current_date - 1000, current_date + (i % 10 < 4)::int * (i % 700) - 30,
          CASE WHEN i % 10 >= 4 THEN current_date - (i % 900) END,
          ARRAY[d.codes[1 + (i * 7) % 18]], CASE WHEN i % 3 = 0 THEN ARRAY['餐饮'] WHEN i % 3 = 1 THEN ARRAY['制造'] ELSE '{}' END,
          3000 + (i % 8) * 500, (i % 4 <> 0)
     FROM generate_series(1, $1::int) i, (SELECT array_agg(code ORDER BY code) AS codes FROM division WHERE code <> '460300') d`,
  // 60 % consent to matching (through consent rows, so the trigger keeps the flag as in production).
  `INSERT INTO consent (trainee_id, purpose, text_version, granted_by, granted_assisted, paper_form_ref)
   SELECT id, 'job_matching', 1, (SELECT id FROM app_user WHERE username = 'counsellor'), true, 'bench'
     FROM trainee WHERE full_name LIKE '测%' AND (hashtext(id::text) % 10 + 10) % 10 < 6`,
  // Certificates: about a third hold one, some two.
  `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on)
   SELECT t.id, o.codes[1 + (abs(hashtext(t.id::text)) % 40)], 3 + abs(hashtext(t.id::text || 'l')) % 3, 'B' || row_number() OVER (),
          '琼州职业技术学校', current_date - 100
     FROM trainee t, ${OCCUPATIONS} o WHERE t.full_name LIKE '测%' AND abs(hashtext(t.id::text || 'c')) % 3 = 0`,
  `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on)
   SELECT t.id, o.codes[1 + (abs(hashtext(t.id::text || 'x')) % 40)], 5, 'C' || row_number() OVER (), '琼州职业技术学校', current_date - 50
     FROM trainee t, ${OCCUPATIONS} o WHERE t.full_name LIKE '测%' AND abs(hashtext(t.id::text || 'd')) % 10 = 0
   ON CONFLICT DO NOTHING`,
  // Open orders from the demo employers, spread over occupations and divisions.
  `INSERT INTO job_order (employer_id, title, occupation_code, headcount, required_level, diploma_wanted, division_code, wage_min, wage_max,
      board_and_lodging, start_date, deadline, state, opened_at)
   SELECT e.ids[1 + i % array_length(e.ids, 1)], '订单' || i, o.codes[1 + i % 40], 1 + i % 10, CASE WHEN i % 3 = 0 THEN NULL ELSE 5 - i % 3 END,
          i % 7 = 0, d.codes[1 + i % 18], 3500, 6000, (ARRAY['none','board','lodging','both'])[1 + i % 4], current_date + 60, current_date + 30,
          'open', now()
     FROM generate_series(1, $1::int) i, ${OCCUPATIONS} o,
          (SELECT array_agg(code ORDER BY code) AS codes FROM division WHERE code <> '460300') d,
          (SELECT array_agg(id) AS ids FROM organisation WHERE type = 'employer' AND status = 'verified') e`,
];

/** The naive way: fetch every candidate the order could consider, with their facts, and score in Node. */
async function naiveTop50(db, orderId) {
  const [o] = (await db.query(`SELECT * FROM job_order WHERE id = $1`, [orderId])).rows;
  const { rows } = await db.query(
    `SELECT t.id, t.home_division_code, t.preferred_divisions, t.willing_to_live_on_site, t.wage_expectation, t.state, t.expected_release_on,
            t.job_matching_consent, (SELECT json_agg(json_build_object('o', c.occupation_code, 'l', c.level)) FROM certificate c WHERE c.trainee_id = t.id) AS certs
       FROM trainee t`,
  );
  const w = { certificate: 30, division: 20, lodging: 5, wage: 10 };
  const scored = [];
  for (const t of rows) {
    if (!t.job_matching_consent || t.state === 'closed') continue;
    if (t.state !== 'released' && t.state !== 'community' && t.expected_release_on > o.start_date) continue;
    const best = (t.certs ?? []).filter((c) => c.o === o.occupation_code).reduce((m, c) => Math.min(m, c.l), 9);
    const cert = best === 9 ? (o.required_level ? 0 : 0.3) : !o.required_level || best <= o.required_level ? 1 : 0.5;
    const div = t.home_division_code === o.division_code || (t.preferred_divisions ?? []).includes(o.division_code) ? 1 : 0;
    const wage = t.wage_expectation <= o.wage_max ? 1 : 0;
    scored.push({
      id: t.id,
      score: cert * w.certificate + div * w.division + wage * w.wage + (t.willing_to_live_on_site ? 1 : 0.5) * w.lodging,
    });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, 50);
}

try {
  const key = await prepareWithDemoData(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const t0 = Date.now();
  await db.query(SEED[0], [TRAINEES]);
  for (const sql of SEED.slice(1, 4)) await db.query(sql);
  await db.query(SEED[4], [ORDERS]);
  // As autovacuum would have by now: statistics, and the visibility map index-only scans rely on.
  await db.query('VACUUM ANALYZE');
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const [{ trainees, consenting, certs, orders }] = (
    await db.query(`SELECT (SELECT count(*) FROM trainee)::int AS trainees, (SELECT count(*) FROM trainee WHERE job_matching_consent)::int AS consenting,
        (SELECT count(*) FROM certificate)::int AS certs, (SELECT count(*) FROM job_order WHERE state = 'open')::int AS orders`)
  ).rows;

  const app = await startApp({ url, key, port: PORT });
  const before = BEFORE_DIST ? await startApp({ url, key, port: PORT + 1, build: BEFORE_DIST }) : null;
  setApp({ stop: () => (app.stop(), before?.stop()) });
  const apps = [{ name: 'after', base: app.base }, ...(before ? [{ name: 'before', base: before.base }] : [])];
  const tokens = new Map();
  for (const a of apps) tokens.set(a.name, { authorization: `Bearer ${await login(a.base, 'counsellor')}` });
  const organisationId = (await db.query(`SELECT organisation_id FROM app_user WHERE username = 'counsellor'`)).rows[0].organisation_id;

  const orderIds = (await db.query(`SELECT id FROM job_order WHERE state = 'open' ORDER BY random() LIMIT $1`, [REQUESTS])).rows.map(
    (r) => r.id,
  );
  const traineeIds = (
    await db.query(`SELECT id FROM trainee WHERE job_matching_consent AND full_name LIKE '测%' ORDER BY random() LIMIT $1`, [REQUESTS])
  ).rows.map((r) => r.id);
  const releaseDates = (
    await db.query(`SELECT (current_date - 900 + (random() * 1600)::int)::text AS d FROM generate_series(1, $1)`, [REQUESTS])
  ).rows.map((r) => r.d);

  /** Times of `paths` on every app, sequential, the apps taking turns per request (after a short warm-up), the first to ask alternating. */
  async function measure(paths, auth = true) {
    const times = Object.fromEntries(apps.map((a) => [a.name, []]));
    for (const p of paths.slice(0, 3))
      for (const a of apps) await fetch(a.base + p, { headers: auth ? tokens.get(a.name) : {} }).then((r) => r.arrayBuffer());
    // Who asks first alternates: the first request for an order warms PostgreSQL's cache for the second,
    // which at 1,000,000 trainees (a table larger than the cache) is worth more than the change measured.
    for (const [i, p] of paths.entries())
      for (const a of i % 2 ? [...apps].reverse() : apps) {
        const s = performance.now();
        const res = await fetch(a.base + p, { headers: auth ? tokens.get(a.name) : {} });
        const body = await res.json();
        times[a.name].push(performance.now() - s);
        if (!res.ok) throw new Error(`${a.name} ${p}: ${res.status} ${JSON.stringify(body)}`);
      }
    for (const t of Object.values(times)) t.sort((x, y) => x - y);
    return times;
  }
  /** Times of one SQL statement per parameter list, straight through `pg` (parse, plan, run, rows back). */
  async function measureSql(sql, paramLists) {
    for (const p of paramLists.slice(0, 3)) await db.query(sql, p);
    const times = [];
    for (const p of paramLists) {
      const s = performance.now();
      await db.query(sql, p);
      times.push(performance.now() - s);
    }
    return times.sort((x, y) => x - y);
  }

  const load = [];
  const uptime = () => load.push(loadAverage());
  uptime();
  const top50 = await measure(orderIds.map((id) => `/api/matching/orders/${id}/candidates?pageSize=50`));
  uptime();
  const top20 = await measure(traineeIds.map((id) => `/api/matching/trainees/${id}/orders`));
  uptime();
  // The floors: 50 trainee rows read by an index (the counsellor's consenting caseload from a random release
  // date on), in PostgreSQL; and through the API, a public 50-row page read by its primary key.
  const floorSql = await measureSql(
    `SELECT id, full_name, state, expected_release_on, home_division_code FROM trainee
      WHERE organisation_id = $1 AND job_matching_consent AND state = 'pre_release' AND expected_release_on >= $2::date
      ORDER BY organisation_id, state, expected_release_on, id LIMIT 50`,
    releaseDates.map((d) => [organisationId, d]),
  );
  const floorApi = await measure(
    orderIds.map((_, i) => `/api/reference/occupations?pageSize=50&page=${1 + (i % 30)}`),
    false,
  );
  const floorAuth = await measure(orderIds.map(() => `/api/matching/weights`));
  uptime();
  const naive = [];
  for (const id of orderIds.slice(0, Math.min(NAIVE, orderIds.length))) {
    const s = performance.now();
    await naiveTop50(db, id);
    naive.push(performance.now() - s);
  }
  naive.sort((a, b) => a - b);
  uptime();
  await db.end();

  console.log(
    `\nMatching at ${trainees.toLocaleString()} trainees (${consenting.toLocaleString()} consenting), ${certs.toLocaleString()} certificates, ${orders.toLocaleString()} open orders (seeded in ${seconds} s)`,
  );
  console.log(`load average (1 min) before/after each block: ${load.join(' → ')} on ${cpus().length} CPUs\n`);
  console.log('| query | app | requests | p50 ms | p95 ms | p50 / floor | p95 / floor |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  const [fp50, fp95] = [Number(pct(floorApi.after, 50)), Number(pct(floorApi.after, 95))];
  const line = (label, name, t) =>
    console.log(
      `| ${label} | ${name} | ${t.length} | ${pct(t, 50)} | ${pct(t, 95)} | ${(Number(pct(t, 50)) / fp50).toFixed(1)}× | ${(Number(pct(t, 95)) / fp95).toFixed(1)}× |`,
    );
  for (const a of apps) line('top 50 candidates for an order (API)', a.name, top50[a.name]);
  for (const a of apps) line('top 20 open orders for a trainee (API)', a.name, top20[a.name]);
  line('top 50 the naive way (load into Node, score there; fewer parts)', '–', naive);
  for (const a of apps) line('floor: 50-row page by primary key (API, public GET /api/reference/occupations)', a.name, floorApi[a.name]);
  for (const a of apps) line('floor: one indexed row through the same guards (API, GET /api/matching/weights)', a.name, floorAuth[a.name]);
  line('floor: 50 trainee rows by an index (PostgreSQL directly, from Node through pg)', '–', floorSql);
  console.log(
    `\nRatios are against the API floor (50-row page) of the "after" app. naive / ranking at p50: ${(Number(pct(naive, 50)) / Number(pct(top50.after, 50))).toFixed(1)}×`,
  );
} finally {
  await stopAll();
}

/** The 1-minute load average, as `uptime` shows it. */
function loadAverage() {
  return loadavg()[0].toFixed(2);
}
