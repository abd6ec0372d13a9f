#!/usr/bin/env node
// npm run migration:generate -- AddOrders   → migrations/<epoch>-AddOrders.ts, appended to migrations/index.ts
// npm run migration:check                  → fails when the entities differ from what the migrations build
// Both run all migrations into a scratch database first (TEST_DATABASE_URL's server, or an embedded one).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { pgServer, recreateDatabase } from './lib/pg-server.mjs';

const check = process.argv.includes('--check');
const name = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!check && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(2);
}

/** migrations/index.ts lists every migration class in timestamp order. */
function writeIndex() {
  const files = readdirSync('migrations')
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]));
  const classes = files.map((f) => [/export class (\w+)/.exec(readFileSync(`migrations/${f}`, 'utf8'))[1], f.replace(/\.ts$/, '')]);
  writeFileSync(
    'migrations/index.ts',
    classes.map(([c, f]) => `import { ${c} } from './${f}';\n`).join('') +
      '\n/** Every migration, in order. Rewritten by `npm run migration:generate -- Name`. */\n' +
      `export const allMigrations = [${classes.map(([c]) => c).join(', ')}];\n`,
  );
}

const server = await pgServer({ name: 'scratch-pg', port: 54330 });
let status = 1;
try {
  // The index follows the folder (a removed, unmerged migration drops out of it).
  if (!check) writeIndex();
  const url = await recreateDatabase(server, 'jbh_migration_scratch');
  const env = { ...process.env, DATABASE_URL: url, TS_NODE_PROJECT: 'server/tsconfig.json', TS_NODE_TRANSPILE_ONLY: '1' };
  const cli = (args) =>
    spawnSync('node', ['node_modules/typeorm/cli-ts-node-commonjs.js', ...args, '-d', 'server/src/database/data-source.ts'], {
      env,
      stdio: 'inherit',
    });
  if (cli(['migration:run']).status !== 0) throw new Error('running the existing migrations failed');
  if (check) {
    const r = cli(['migration:generate', 'migrations/Drift', '--check', '--dryrun']);
    status = r.status ?? 1;
    if (status !== 0)
      console.error('\nmigration drift: entities differ from migrations/. Run `npm run migration:generate -- Name` and commit it.');
    else console.log('migration check: entities and migrations agree');
  } else {
    const before = new Set(readdirSync('migrations'));
    const r = cli(['migration:generate', `migrations/${name}`, '--pretty']);
    status = r.status ?? 1;
    if (readdirSync('migrations').some((f) => !before.has(f))) {
      writeIndex();
      console.log('migrations/index.ts updated — read the new migration, check its down(), then run npm run format');
    }
  }
} finally {
  await server.stop();
}
process.exit(status);
