#!/usr/bin/env node
// `npm test`: every test, in order — server unit, end-to-end (real PostgreSQL), operations (real
// processes), client unit, browser.
// Uses TEST_DATABASE_URL when set, else an embedded PostgreSQL. Stops at the first failing stage.
// Each stage has a time limit: a stage that hangs (a build that printed its summary and never exits,
// a test runner kept alive by an open handle) fails here with its name instead of eating CI's budget.
import { spawn } from 'node:child_process';

const minutes = (n) => n * 60_000;
const jest = (config) => ['node', ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '-c', config]];
const stages = [
  ['server unit tests (jest)', ...jest('jest.unit.cjs'), minutes(10)],
  ['end-to-end tests (jest + supertest, real PostgreSQL)', ...jest('jest.e2e.cjs'), minutes(40)],
  ['server build (for the process tests)', 'npm', ['run', '-s', 'build:server'], minutes(5)],
  ['operations tests (the built server as real processes)', ...jest('jest.ops.cjs'), minutes(15)],
  ['client unit tests (ng test, Vitest)', 'npm', ['run', '-s', 'test:client'], minutes(10)],
  ['client production build (for the browser tests)', 'npm', ['run', '-s', 'build:client'], minutes(10)],
  // 36 suites; 30–40 min on a slow 2-core host. With the steps before it, 55 stays well inside CI's 90.
  ['browser tests (Playwright + Chromium)', ...jest('jest.browser.cjs'), minutes(55)],
];

/** Runs one stage in its own process group, so a time-out stops the stage and everything it started. */
function run(cmd, args, limit) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings=ExperimentalWarning`.trim() },
    });
    const stopGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    // Ctrl-C or CI cancelling `npm test` stops the running stage too.
    const forward = (signal) => () => stopGroup(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt).on('SIGTERM', onTerm);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), 10_000).unref();
    }, limit);
    child.on('exit', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', onInt).off('SIGTERM', onTerm);
      resolve({ ok: code === 0 && !timedOut, timedOut });
    });
  });
}

const results = [];
for (const [name, cmd, args, limit] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { ok, timedOut } = await run(cmd, args, limit);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (timedOut) console.error(`\n${name}: did not finish within ${limit / 60_000} min; stopped.`);
  results.push([name, ok, secs, timedOut]);
  if (!ok) break;
}
console.log('\n=== summary ===');
for (const [name, ok, secs, timedOut] of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${secs} s${timedOut ? ', timed out' : ''})`);
}
const failed = results.filter(([, ok]) => !ok).length;
process.exit(failed === 0 && results.length === stages.length ? 0 : 1);
