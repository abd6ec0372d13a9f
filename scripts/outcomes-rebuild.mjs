#!/usr/bin/env node
// `npm run outcomes:rebuild`: recomputes the outcome reports' tables — `trainee_outcome` (one row per
// released trainee), `trainee_outcome_daily` (its sums per release day and group) and `order_outcome` (one
// row per order and person in its funnel) — from handovers, placements, certificates, diplomas, 订单班
// enrolments and follow-up visits, with the built server's own code
// (OutcomesService.rebuild). The app keeps them current on every write; run this after loading data
// around the app (an import by SQL, a restore from before the tables existed), after changing what a
// column means, or when `--check` finds a difference. It works in batches of 5,000 trainees, one
// transaction each, so the app may keep running (a write to an outcome waits for the batch in hand).
//
//   npm run outcomes:rebuild              rebuild, then check
//   npm run outcomes:rebuild -- --check   only compare the tables with the live sources (changes nothing)
//
// Database: DATABASE_URL, else the embedded server on the data directory (as `npm run backup`).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'server', 'src');
require('reflect-metadata');
const { main, withDatabase } = require(join(dist, 'ops', 'cli.js'));
const { dataSourceOptions } = require(join(dist, 'database', 'data-source-options.js'));
const { standaloneOutcomesService } = require(join(dist, 'outcomes', 'outcomes.service.js'));
const { DataSource } = require('typeorm');

const USAGE = `Usage: npm run outcomes:rebuild -- [--check]
  Recomputes the outcome reports' per-person table and its daily sums from the live records, in batches.
  --check  only counts the rows that differ from the live records (exit code 1 when any does)`;

/** Trainees whose row differs from the live computation (or is missing, or should not be there), in batches of ids. */
async function differences(ds, outcomes) {
  let bad = 0;
  const key = (r) => JSON.stringify(r);
  for (let after = null; ;) {
    const ids = (await ds.query(`SELECT id FROM trainee WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT 5000`, [after])).map(
      (r) => r.id,
    );
    if (!ids.length) break;
    const [stored, live] = await ds.transaction('REPEATABLE READ', (m) => Promise.all([outcomes.stored(m, ids), outcomes.live(m, ids)]));
    const want = new Map(live.map((r) => [r.trainee_id, key(r)]));
    const have = new Map(stored.map((r) => [r.trainee_id, key(r)]));
    bad += ids.filter((id) => want.get(id) !== have.get(id)).length;
    after = ids.at(-1);
  }
  return bad;
}

await main(
  async (argv, ctx) => {
    if (argv.includes('--help') || argv.includes('-h')) {
      ctx.out(USAGE);
      return 0;
    }
    const unknown = argv.filter((a) => a !== '--check');
    if (unknown.length) {
      ctx.err(`Unknown argument ${unknown[0]}\n\n${USAGE}`);
      return 64;
    }
    return withDatabase(ctx, async (url) => {
      const ds = new DataSource(dataSourceOptions(url));
      await ds.initialize();
      const outcomes = standaloneOutcomesService();
      try {
        if (!argv.includes('--check')) {
          const t0 = Date.now();
          const n = await outcomes.rebuild(ds, (done) => process.stdout.write(`\r${done.toLocaleString()} trainees…`));
          ctx.out(`\rRebuilt the outcome table over ${n.toLocaleString()} trainees in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
        }
        const rows = await differences(ds, outcomes);
        const days = await ds.transaction((m) => outcomes.dailyDrift(m));
        const orders = await ds.transaction('REPEATABLE READ', (m) => outcomes.orderDrift(m));
        ctx.out(
          `Check: ${rows} trainee row(s) differ from the live records; ${days} daily sum(s) differ from the rows; ` +
            `${orders} order funnel row(s) differ from the live records.`,
        );
        return rows || days || orders ? 1 : 0;
      } finally {
        await ds.destroy();
      }
    });
  },
  'Outcome table rebuild',
  USAGE,
);
