#!/usr/bin/env node
// `npm start`: build what is out of date, then run the server in this same process, so a signal sent
// to `npm start` (SIGTERM from a service manager, Ctrl-C) reaches the server itself and it stops cleanly.
// A newcomer's first start builds everything; later starts build only when sources are newer than dist/.
// `--build-only` builds what is stale and exits (used by `npm run backup` / `npm run restore`).
// `npm run start:prod` never builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();

/** Newest modification time of any file under the given paths (0 if none exists). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return latest;
}

const mtime = (path) => (existsSync(join(root, path)) ? statSync(join(root, path)).mtimeMs : 0);

const targets = [
  {
    name: 'server',
    script: 'build:server',
    output: 'dist/server/src/main.js',
    sources: ['server/src', 'migrations', 'tsconfig.json', 'server/tsconfig.json', 'nest-cli.json', 'package-lock.json'],
  },
  {
    name: 'web client',
    script: 'build:client',
    // The sign-in page is built last (npm run build:client): its page says both builds finished.
    output: 'dist/client/browser/sign-in/index.html',
    sources: [
      'client/src',
      'client/public',
      'client/angular.json',
      'client/tsconfig.json',
      'client/tsconfig.app.json',
      'client/tsconfig.sign-in.json',
      'package-lock.json',
    ],
  },
];

for (const target of targets) {
  // The web client is not needed to run a backup, nor when this process does not serve it.
  if (target.name === 'web client' && (process.argv.includes('--build-only') || /^(0|false|no)$/i.test(process.env.SERVE_CLIENT ?? '')))
    continue;
  const built = mtime(target.output);
  if (built > 0 && built >= newest(target.sources)) continue;
  console.log(
    built === 0 ? `Building the ${target.name} (first start; later starts skip this)…` : `The ${target.name} sources changed: rebuilding…`,
  );
  const result = spawnSync('npm', ['run', '-s', target.script], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nBuilding the ${target.name} failed (npm run ${target.script}); see the messages above.`);
    process.exit(result.status ?? 1);
  }
}

// Demo data is off unless asked for (a forgotten setting must never create the demo accounts on a real
// installation), but a newcomer's `npm start` on the embedded database should show the demo world, as
// the README promises: ask for it here when DEMO_DATA is not set, no DATABASE_URL is given (the embedded
// database) and this is not production. Set DEMO_DATA=false to start with an empty installation.
if (process.env.DEMO_DATA === undefined && !process.env.DATABASE_URL && process.env.NODE_ENV !== 'production') {
  process.env.DEMO_DATA = 'true';
}

if (!process.argv.includes('--build-only')) await import(pathToFileURL(join(root, 'dist/server/src/main.js')).href);
