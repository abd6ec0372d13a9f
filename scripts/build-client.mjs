#!/usr/bin/env node
// `npm run build:client`: the web client's production build (client/dist → dist/client), with Angular's chunk
// optimizer on (NG_BUILD_OPTIMIZE_CHUNKS: esbuild's many small lazy chunks merged where they always load
// together). On a phone over HTTP/1.1 every file costs a round trip on one of six connections; merged, the
// login page's largest paint came ~0.7 s sooner under Lighthouse's mobile model (bench/README.md, Lighthouse).
// A script rather than `VAR=1 ng build` in package.json, so that it runs the same in every shell.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const client = join(dirname(fileURLToPath(import.meta.url)), '..', 'client');
const ng = createRequire(join(client, 'package.json')).resolve('@angular/cli/bin/ng.js');
const run = spawnSync(process.execPath, [ng, 'build', '--configuration', 'production', ...process.argv.slice(2)], {
  cwd: client,
  stdio: 'inherit',
  env: { ...process.env, NG_BUILD_OPTIMIZE_CHUNKS: process.env.NG_BUILD_OPTIMIZE_CHUNKS ?? '1' },
});
process.exit(run.status ?? 1);
