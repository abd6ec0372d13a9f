#!/usr/bin/env node
// Outcome reports benchmark (issue 7): BENCH_TRAINEES released trainees (default 100,000) spread over the
// demo facilities and stations and four years of releases, each with a completed handover, and the
// records the reports read: certificates, diplomas, hires, follow-up visits with employment and
// abstinence, order classes, fair registrations. The seed writes those tables directly, as an import would,
// so the outcome table the cohort reports count (trainee_outcome and its daily sums, issue 17) is then
// rebuilt with the app's own code (`npm run outcomes:rebuild` does the same), and its time printed.
// p50/p95 of every dashboard query through the API, as an admin (the whole province) and as a station
// counsellor. Prints figures; asserts nothing.
//   npm run build:server && node bench/reports.mjs
//   BENCH_TRAINEES=1000000 node bench/reports.mjs   (a million: seeding and the rebuild take minutes)
// BENCH_DATABASE_URL: a PostgreSQL server to use (a database is created on it); else embedded.
// BENCH_TRAINEES (default 100000), BENCH_REQUESTS (default 20 per query).
// BENCH_BEFORE_DIST: another build's dist/ (e.g. a worktree of an earlier commit, built); it is started too,
// on the same database, and every request goes to both apps in turn (the first to ask alternating), so
// "before" and "after" share data and load. The database is prepared and the tables rebuilt by dist/.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { benchDatabase, dist, login, pct, prepareWithDemoData, requireBuild, startApp } from './lib.mjs';

const TRAINEES = Number(process.env.BENCH_TRAINEES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
// BENCH_PORT: where the app listens (default 3412; another benchmark may hold it).
const PORT = Number(process.env.BENCH_PORT ?? 3412);
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST ? resolve(process.env.BENCH_BEFORE_DIST) : null;
requireBuild();

const { url, stop: stopAll, setApp } = await benchDatabase('jbh_bench_reports', 54343);

const ORGS = `(SELECT (SELECT array_agg(id ORDER BY name) FROM organisation WHERE type = 'facility') AS facilities,
                      (SELECT array_agg(id ORDER BY name) FROM organisation WHERE type = 'community_station') AS stations,
                      (SELECT array_agg(code ORDER BY code) FROM division WHERE code <> '460300') AS divisions,
                      (SELECT id FROM app_user WHERE username = 'admin') AS admin) g`;
const OCCUPATIONS = `(SELECT array_agg(code ORDER BY code) AS codes FROM (SELECT code FROM occupation WHERE major_code IN ('4', '6') ORDER BY code LIMIT 40) x) oc`;

const SEED = [
  // Released trainees: releases spread evenly over the last four years, each held by a station now.
  `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail, home_division_code,
      organisation_id, state, admitted_on, expected_release_on, released_on)
   SELECT '报' || i, 'M', 1970 + i % 33, decode(md5(i::text), 'hex'), md5('r' || i) || md5('p' || i),
          lpad((i % 10000)::text, 4, '0'), g.divisions[1 + i % 18], g.stations[1 + i % array_length(g.stations, 1)], 'community',
          current_date - (i % 1460) - 700, current_date - (i % 1460), current_date - (i % 1460)
     FROM generate_series(1, $1::int) i, ${ORGS}`,
  `INSERT INTO handover (trainee_id, from_organisation_id, to_organisation_id, state, release_date, created_by, completed_at, handed_over_on)
   SELECT t.id, g.facilities[1 + abs(hashtext(t.id::text)) % array_length(g.facilities, 1)], t.organisation_id, 'completed', t.released_on, g.admin,
          t.released_on, t.released_on
     FROM trainee t, ${ORGS} WHERE t.full_name LIKE '报%'`,
  // 45 % hold a certificate.
  `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on)
   SELECT t.id, oc.codes[1 + abs(hashtext(t.id::text)) % 40], 5, 'R' || row_number() OVER (), '琼州职业技术学校', t.released_on - 30
     FROM trainee t, ${OCCUPATIONS} WHERE t.full_name LIKE '报%' AND abs(hashtext(t.id::text || 'c')) % 20 < 9`,
  // 15 % graduate with a diploma (through a class enrolment, as in production).
  `WITH k AS (SELECT id, programme_id FROM diploma_class LIMIT 1),
   e AS (
     INSERT INTO class_enrolment (class_id, trainee_id, applied_by, state)
     SELECT k.id, t.id, (SELECT id FROM app_user WHERE username = 'admin'), 'graduated'
       FROM trainee t, k WHERE t.full_name LIKE '报%' AND abs(hashtext(t.id::text || 'd')) % 20 < 3
     RETURNING id, trainee_id, class_id)
   INSERT INTO diploma (trainee_id, programme_id, enrolment_id, number, verification_code, graduated_on, credits_earned, issued_by)
   SELECT e.trainee_id, k.programme_id, e.id, 'RD' || row_number() OVER (), substr(md5(e.id::text), 1, 12), current_date - 10, 60,
          (SELECT id FROM app_user WHERE username = 'admin')
     FROM e, k`,
  // 2,000 orders opened over four years, a fifth of them with an order class.
  `INSERT INTO job_order (employer_id, title, occupation_code, headcount, division_code, start_date, deadline, state, opened_at)
   SELECT e.ids[1 + i % array_length(e.ids, 1)], '订单' || i, oc.codes[1 + i % 40], 20, '460100', current_date - (i % 1460) + 30,
          current_date - (i % 1460) + 20, CASE WHEN i % 1460 < 60 THEN 'open' ELSE 'closed' END, now() - make_interval(days => i % 1460)
     FROM generate_series(1, 2000) i, ${OCCUPATIONS},
          (SELECT array_agg(id) AS ids FROM organisation WHERE type = 'employer' AND status = 'verified') e`,
  `INSERT INTO course_session (course_id, starts_on, ends_on, capacity, order_id)
   SELECT (SELECT id FROM course LIMIT 1), o.start_date - 60, o.start_date - 10, 30, o.id FROM job_order o WHERE o.title LIKE '订单%' AND o.headcount = 20
      AND abs(hashtext(o.id::text)) % 5 = 0`,
  `INSERT INTO session_enrolment (session_id, trainee_id, state, created_by)
   SELECT s.id, t.id, 'passed', (SELECT id FROM app_user WHERE username = 'admin')
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM course_session WHERE order_id IS NOT NULL) s
     JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM trainee WHERE full_name LIKE '报%') t ON t.n % 400 = s.n % 400 AND t.n <= 12000`,
  // 35 % hired on one of the orders, a quarter of those hires ended after four months.
  `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source, recommended_by, hired_on, ended_on)
   SELECT o.ids[1 + abs(hashtext(t.id::text || 'o')) % 2000], t.id, 'hired', 'B' || row_number() OVER (), 'counsellor',
          (SELECT id FROM app_user WHERE username = 'admin'), t.released_on + 20,
          CASE WHEN abs(hashtext(t.id::text || 'e')) % 4 = 0 AND t.released_on + 140 < current_date THEN t.released_on + 140 END
     FROM trainee t, (SELECT array_agg(id ORDER BY id) AS ids FROM job_order WHERE headcount = 20) o
    WHERE t.full_name LIKE '报%' AND abs(hashtext(t.id::text || 'h')) % 20 < 7`,
  // The follow-up schedule for every trainee; visits already due were done (80 %), missed or unreachable.
  `INSERT INTO follow_up_visit (trainee_id, station_id, months_after, due_on, state, visited_on, contact_method, employment_status, recorded_at)
   SELECT t.id, t.organisation_id, m, (t.released_on + make_interval(months => m))::date,
          CASE WHEN (t.released_on + make_interval(months => m))::date > current_date THEN 'planned'
               WHEN abs(hashtext(t.id::text || m)) % 10 < 8 THEN 'done' ELSE 'unreachable' END,
          CASE WHEN (t.released_on + make_interval(months => m))::date <= current_date AND abs(hashtext(t.id::text || m)) % 10 < 8
               THEN (t.released_on + make_interval(months => m))::date END,
          CASE WHEN (t.released_on + make_interval(months => m))::date <= current_date AND abs(hashtext(t.id::text || m)) % 10 < 8 THEN 'phone' END,
          CASE WHEN (t.released_on + make_interval(months => m))::date <= current_date AND abs(hashtext(t.id::text || m)) % 10 < 8
               THEN (ARRAY['employed','self_employed','studying','unemployed'])[1 + abs(hashtext(t.id::text || m || 'w')) % 4] END,
          CASE WHEN (t.released_on + make_interval(months => m))::date <= current_date THEN now() END
     FROM trainee t, unnest(ARRAY[1, 3, 6, 12, 24, 36]) m WHERE t.full_name LIKE '报%'`,
  `INSERT INTO follow_up_abstinence (visit_id, status, basis)
   SELECT v.id, CASE WHEN abs(hashtext(v.id::text)) % 100 < 92 THEN 'abstinent' ELSE 'relapsed' END,
          CASE WHEN abs(hashtext(v.id::text || 'b')) % 3 = 0 THEN 'self_reported' ELSE 'test_verified' END
     FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
    WHERE v.state = 'done' AND v.months_after IN (12, 24, 36) AND t.full_name LIKE '报%'`,
  // A fair a month for four years; 30 registrations each, two thirds came.
  `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, created_by, state)
   SELECT '招聘会' || i, current_date - i * 30, '09:00', '12:00', g.facilities[1 + i % array_length(g.facilities, 1)], 20, g.admin, 'closed'
     FROM generate_series(1, 48) i, ${ORGS}`,
  `INSERT INTO fair_registration (fair_id, trainee_id, code, candidate_code, registered_by, checked_in_at)
   SELECT f.id, t.id, substr(md5(f.id::text || t.id::text), 1, 8), 'F' || row_number() OVER (), (SELECT id FROM app_user WHERE username = 'admin'),
          CASE WHEN t.n % 3 <> 0 THEN f.fair_date + time '09:30' END
     FROM (SELECT id, fair_date, row_number() OVER (ORDER BY id) AS n FROM job_fair WHERE title LIKE '招聘会%') f
     JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM trainee WHERE full_name LIKE '报%') t ON t.n % 48 = f.n % 48 AND t.n <= 1440`,
];

try {
  const key = await prepareWithDemoData(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const t0 = Date.now();
  await db.query(SEED[0], [TRAINEES]);
  for (const sql of SEED.slice(1)) await db.query(sql);
  // As autovacuum would have by now: statistics, and the visibility map index-only scans rely on.
  await db.query('VACUUM ANALYZE');
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);

  // The outcome table from what was seeded, by the rebuild `npm run outcomes:rebuild` runs.
  const require = createRequire(import.meta.url);
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(join(dist, 'database', 'data-source-options.js'));
  const { standaloneOutcomesService } = require(join(dist, 'outcomes', 'outcomes.service.js'));
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const t1 = Date.now();
  await standaloneOutcomesService().rebuild(ds);
  const rebuildSeconds = ((Date.now() - t1) / 1000).toFixed(1);
  await ds.destroy();
  await db.query('VACUUM ANALYZE trainee_outcome, trainee_outcome_daily, order_outcome, order_outcome_sums');
  const [table] = (
    await db.query(
      `SELECT (SELECT count(*) FROM trainee_outcome)::int AS people, (SELECT count(*) FROM trainee_outcome_daily)::int AS days,
         (SELECT count(*) FROM order_outcome)::int AS order_rows`,
    )
  ).rows;
  const [counts] = (
    await db.query(`SELECT (SELECT count(*) FROM trainee WHERE released_on IS NOT NULL)::int AS released,
        (SELECT count(*) FROM certificate)::int AS certificates, (SELECT count(*) FROM diploma)::int AS diplomas,
        (SELECT count(*) FROM placement WHERE hired_on IS NOT NULL)::int AS hires, (SELECT count(*) FROM follow_up_visit)::int AS visits,
        (SELECT count(*) FROM follow_up_abstinence)::int AS abstinence, (SELECT count(*) FROM job_order)::int AS orders,
        (SELECT count(*) FROM fair_registration)::int AS registrations`)
  ).rows;
  await db.end();

  // The admin would otherwise get an enrolment-only (MFA pending) session: the bench measures the reports.
  process.env.MFA_ENFORCE ??= 'false';
  const app = await startApp({ url, key, port: PORT });
  const before = BEFORE_DIST ? await startApp({ url, key, port: PORT + 1, build: BEFORE_DIST }) : null;
  setApp({ stop: () => (app.stop(), before?.stop()) });
  const apps = [{ name: 'after', base: app.base }, ...(before ? [{ name: 'before', base: before.base }] : [])];
  for (const a of apps) {
    a.as = {
      admin: { authorization: `Bearer ${await login(a.base, 'admin')}` },
      station: { authorization: `Bearer ${await login(a.base, 'station')}` },
    };
  }

  /** Times of `path` on every app, sequential, the apps taking turns per request (the first to ask alternating). */
  async function measure(path, who) {
    const times = Object.fromEntries(apps.map((a) => [a.name, []]));
    for (let i = 0; i < 2; i++) for (const a of apps) await fetch(a.base + path, { headers: a.as[who] }).then((r) => r.arrayBuffer());
    for (let i = 0; i < REQUESTS; i++)
      for (const a of i % 2 ? [...apps].reverse() : apps) {
        const s = performance.now();
        const res = await fetch(a.base + path, { headers: a.as[who] });
        const body = await res.arrayBuffer();
        times[a.name].push(performance.now() - s);
        if (!res.ok) throw new Error(`${a.name} ${path}: ${res.status} ${Buffer.from(body).toString()}`);
      }
    for (const t of Object.values(times)) t.sort((x, y) => x - y);
    return times;
  }
  // Cohort reports are over one release year (default: last year) or quarter; a counsellor's by quarter.
  const lastYear = new Date().getFullYear() - 1;
  const cases = [
    ['motto by facility, last year (admin)', '/api/reports/motto?groupBy=facility', 'admin'],
    ['motto by release quarter (admin)', `/api/reports/motto?groupBy=cohort_quarter&cohort=${lastYear}`, 'admin'],
    ['motto by division, one quarter (admin)', `/api/reports/motto?groupBy=division&cohort=${lastYear}Q2`, 'admin'],
    ['abstinence by station (admin)', `/api/reports/abstinence?groupBy=station&cohort=${lastYear - 1}`, 'admin'],
    ['order funnel (admin)', '/api/reports/order-funnel', 'admin'],
    ['fair funnel (admin)', '/api/reports/fair-funnel', 'admin'],
    ['motto, own station (counsellor)', `/api/reports/motto?cohort=${lastYear}`, 'station'],
    ['abstinence, own station (counsellor)', `/api/reports/abstinence?cohort=${lastYear - 1}`, 'station'],
    ['order funnel, own station (counsellor)', '/api/reports/order-funnel', 'station'],
    ['workbook, all four (admin)', '/api/reports/outcomes.xlsx', 'admin'],
  ];
  const rows = [];
  const load = [loadavg()[0].toFixed(2)];
  for (const [label, path, who] of cases) rows.push([label, await measure(path, who)]);
  load.push(loadavg()[0].toFixed(2));

  console.log(
    `\nReports at ${counts.released.toLocaleString()} released trainees: ${counts.certificates.toLocaleString()} certificates, ${counts.diplomas.toLocaleString()} diplomas, ` +
      `${counts.hires.toLocaleString()} hires, ${counts.visits.toLocaleString()} follow-up visits (${counts.abstinence.toLocaleString()} with abstinence), ` +
      `${counts.orders.toLocaleString()} orders, ${counts.registrations.toLocaleString()} fair registrations (seeded in ${seconds} s)`,
  );
  console.log(
    `Outcome tables rebuilt in ${rebuildSeconds} s: ${table.people.toLocaleString()} people, ${table.days.toLocaleString()} daily sums, ` +
      `${table.order_rows.toLocaleString()} order funnel rows; the app connects as ${app.role}; load average (1 min) ${load.join(' → ')}\n`,
  );
  console.log('| report | app | requests | p50 ms | p95 ms |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const [label, byApp] of rows)
    for (const [name, times] of Object.entries(byApp))
      console.log(`| ${label} | ${name} | ${times.length} | ${pct(times, 50)} | ${pct(times, 95)} |`);
} finally {
  await stopAll();
}
