#!/usr/bin/env node
// `npm test`: every test, in order — server unit, end-to-end (real PostgreSQL), operations (real
// processes), client unit, browser.
// Uses TEST_DATABASE_URL when set, else an embedded PostgreSQL. Stops at the first failing stage.
import { spawnSync } from 'node:child_process';

const jest = (config) => ['node', ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '-c', config]];
const stages = [
  ['server unit tests (jest)', ...jest('jest.unit.cjs')],
  ['end-to-end tests (jest + supertest, real PostgreSQL)', ...jest('jest.e2e.cjs')],
  ['server build (for the process tests)', 'npm', ['run', '-s', 'build:server']],
  ['operations tests (the built server as real processes)', ...jest('jest.ops.cjs')],
  ['client unit tests (ng test, Vitest)', 'npm', ['run', '-s', 'test:client']],
  ['client production build (for the browser tests)', 'npm', ['run', '-s', 'build:client']],
  ['browser tests (Playwright + Chromium)', ...jest('jest.browser.cjs')],
];

const results = [];
for (const [name, cmd, args] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings=ExperimentalWarning`.trim() },
  });
  results.push([name, r.status === 0, ((Date.now() - started) / 1000).toFixed(1)]);
  if (r.status !== 0) break;
}
console.log('\n=== summary ===');
for (const [name, ok, secs] of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${secs} s)`);
const failed = results.filter(([, ok]) => !ok).length;
process.exit(failed === 0 && results.length === stages.length ? 0 : 1);
