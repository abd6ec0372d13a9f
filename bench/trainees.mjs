#!/usr/bin/env node
// Caseload and roster-import benchmark (issues 3 and 17): the caseload at 100,000 trainees (or
// BENCH_TRAINEES=1000000), the deep page by OFFSET and by keyset cursor, the Excel export, and a
// 10,000-row Excel import (dry run and commit). Prints figures; asserts nothing.
//   npm run build:server && node bench/trainees.mjs
// BENCH_DATABASE_URL: a PostgreSQL server to use (a database is created on it); else embedded.
// BENCH_TRAINEES (default 100000), BENCH_IMPORT_ROWS (default 10000; 0 skips the import),
// BENCH_REQUESTS (default 200), BENCH_EXPORTS (default 3; 0 skips the export).
import { loadavg } from 'node:os';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { benchDatabase, login, pct, prepareWithDemoData, requireBuild, startApp } from './lib.mjs';

const TRAINEES = Number(process.env.BENCH_TRAINEES ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 3);
/** Rows per seeding statement: a million in one statement holds one huge transaction for minutes. */
const SEED_BATCH = 100_000;
const PORT = 3410;
requireBuild();

const { url, stop: stopAll, setApp, embedded } = await benchDatabase('jbh_bench_trainees', 54342);

/**
 * Synthetic trainees `$1`..`$2` straight into the table; the cipher column gets random bytes (never
 * read here). Three in five have a live job-matching consent: the flag is written here and the consent
 * rows below are inserted without the trigger, which would otherwise update each trainee once more.
 */
const SEED_SQL = `
  INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail,
    home_division_code, organisation_id, state, admitted_on, expected_release_on, job_matching_consent)
  SELECT (ARRAY['王','李','张','刘','陈','杨','黄','吴','符','林'])[1 + i % 10] || '测' || i,
         CASE WHEN i % 5 = 0 THEN 'F' ELSE 'M' END, 1970 + i % 33,
         decode(md5(i::text), 'hex'), md5('bench' || i) || md5('x' || i), lpad((i % 10000)::text, 4, '0'),
         d.codes[1 + i % 18], (SELECT organisation_id FROM app_user WHERE username = 'counsellor'),
         CASE WHEN i % 10 < 8 THEN 'admitted' ELSE 'pre_release' END,
         current_date - (i % 700), current_date + 31 + (i % 700), i % 5 < 3
    FROM generate_series($1::int, $2::int) AS i, (SELECT array_agg(code ORDER BY code) AS codes FROM division) d`;

function identityNumber(i) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `460200${1960 + (i % 40)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  return first17 + '10X98765432'[[...first17].reduce((s, c, k) => s + Number(c) * W[k], 0) % 11];
}

try {
  const key = await prepareWithDemoData(url);

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const t0 = Date.now();
  for (let from = 1; from <= TRAINEES; from += SEED_BATCH) {
    await db.query(SEED_SQL, [from, Math.min(TRAINEES, from + SEED_BATCH - 1)]);
  }
  // The flag is already set; session_replication_role skips the consent trigger (and the foreign-key
  // checks, which hold by construction).
  await db.query(`SET session_replication_role = replica`);
  await db.query(
    `INSERT INTO consent (trainee_id, purpose, text_version, granted_by)
     SELECT id, 'job_matching', 1, (SELECT id FROM app_user WHERE username = 'counsellor') FROM trainee
      WHERE full_name LIKE '_测%' AND job_matching_consent`,
  );
  await db.query(`SET session_replication_role = DEFAULT`);
  // One in fifty sealed (封存): row-level security hides them from the app's role, as in production.
  await db.query(`UPDATE trainee SET sealed_at = now() WHERE full_name LIKE '_测%' AND split_part(full_name, '测', 2)::int % 50 = 0`);
  // As autovacuum would after such a load: statistics, and the visibility map index-only scans need.
  await db.query('VACUUM ANALYZE');
  const seeded = Date.now() - t0;
  const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM trainee')).rows;
  await db.end();

  // The demo counsellor holds identity.unmask, so would get an enrolment-only session: the bench
  // measures the caseload, not the TOTP step (bench/lib.mjs passes the environment through).
  process.env.MFA_ENFORCE ??= 'false';
  const app = setApp(await startApp({ url, key, port: PORT }));
  const { base } = app;
  const auth = { authorization: `Bearer ${await login(base, 'counsellor')}` };

  async function measure(name, path) {
    for (let i = 0; i < 10; i++) await fetch(base + path, { headers: auth }).then((r) => r.arrayBuffer());
    const times = [];
    let body;
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const res = await fetch(base + path, { headers: auth });
      body = await res.json();
      times.push(performance.now() - s);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    }
    times.sort((a, b) => a - b);
    const rows = `${body.total.toLocaleString()}${body.totalCapped ? '+' : ''}`;
    return { name, p50: pct(times, 50), p95: pct(times, 95), rows, load: loadavg()[0].toFixed(2) };
  }

  const day = (d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const results = [
    await measure('first page, sorted by expected release', '/api/trainees?pageSize=20'),
    await measure('state = pre_release', '/api/trainees?state=pre_release&pageSize=20'),
    await measure('release window of 30 days', `/api/trainees?releaseFrom=${day(60)}&releaseTo=${day(90)}&pageSize=20`),
    await measure('consented to job matching', '/api/trainees?jobMatchingConsent=granted&pageSize=20'),
    await measure('name prefix', `/api/trainees?q=${encodeURIComponent('王测1')}&pageSize=20`),
    await measure('page 1,000 sorted by name (OFFSET)', '/api/trainees?page=1000&pageSize=20&sort=name'),
  ];
  // The same page reached by keyset: the cursor page 999 hands out, as the client sends it going forward.
  const p999 = await fetch(`${base}/api/trainees?page=999&pageSize=20&sort=name`, { headers: auth }).then((r) => r.json());
  if (p999.nextCursor) {
    const after = encodeURIComponent(p999.nextCursor);
    results.push(await measure('page 1,000 sorted by name (keyset `after`)', `/api/trainees?after=${after}&pageSize=20&sort=name`));
  }

  console.log(
    `\nCaseload — ${n.toLocaleString()} trainees in one facility (seeded in ${(seeded / 1000).toFixed(1)} s), ${REQUESTS} sequential requests each`,
  );
  console.log(
    `database: ${embedded ? 'embedded PostgreSQL 18' : 'BENCH_DATABASE_URL'}; the app connects as ${app.role}; Node ${process.version}\n`,
  );
  console.log('| query | matching rows | p50 ms | p95 ms | load (1 min) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.rows} | ${r.p50} | ${r.p95} | ${r.load} |`);

  // The Excel export of one filter: every row the counsellor may see with it (the server caps the rows).
  const exportTimes = [];
  let exportNote = '';
  for (let i = 0; i < EXPORTS; i++) {
    const s = performance.now();
    const res = await fetch(`${base}/api/trainees/export?state=pre_release`, { headers: auth });
    const bytes = (await res.arrayBuffer()).byteLength;
    exportTimes.push(performance.now() - s);
    exportNote = res.ok ? `${(bytes / 1024).toFixed(0)} KB .xlsx` : `HTTP ${res.status}`;
  }
  exportTimes.sort((a, b) => a - b);
  if (EXPORTS > 0) {
    console.log(
      `\nExport, state = pre_release: median ${pct(exportTimes, 50)} ms of ${EXPORTS} (${exportNote}), load ${loadavg()[0].toFixed(2)}`,
    );
  }
  if (IMPORT_ROWS > 0) await rosterImport(base, auth);
} finally {
  await stopAll();
}

/** A roster built from the real template, dry run then import. */
async function rosterImport(base, auth) {
  const tplRes = await fetch(`${base}/api/trainees/import/template`, { headers: auth });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await tplRes.arrayBuffer());
  const ws = wb.worksheets[0];
  ws.spliceRows(2, 1);
  for (let i = 0; i < IMPORT_ROWS; i++) {
    ws.addRow([`导入${i}`, identityNumber(i), '三亚市', '2025-01-01', '2027-06-01', '13800001111', '初中', '电工、焊工', 4000, '是', '']);
  }
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const upload = async (dryRun) => {
    const form = new FormData();
    form.append('file', new Blob([file]), 'roster.xlsx');
    const s = performance.now();
    const res = await fetch(`${base}/api/trainees/import?dryRun=${dryRun}`, { method: 'POST', headers: auth, body: form });
    const body = await res.json();
    return { ms: performance.now() - s, body, status: res.status };
  };
  const dry = await upload(true);
  const commit = await upload(false);

  console.log(`\nRoster import — ${IMPORT_ROWS.toLocaleString()} rows (${(file.length / 1024).toFixed(0)} KB .xlsx)\n`);
  console.log('| step | seconds | result |');
  console.log('| --- | ---: | --- |');
  console.log(
    `| dry run (parse, check every row) | ${(dry.ms / 1000).toFixed(2)} | ${dry.status}: ${dry.body.valid} valid, ${dry.body.problems?.length} problems |`,
  );
  console.log(
    `| import (check again, write all in one transaction) | ${(commit.ms / 1000).toFixed(2)} | ${commit.status}: ${commit.body.imported} imported |`,
  );
  if (dry.status !== 200 || commit.body.imported !== IMPORT_ROWS) {
    console.error('import did not complete:', JSON.stringify(commit.body).slice(0, 500));
    process.exitCode = 1;
  }
}
