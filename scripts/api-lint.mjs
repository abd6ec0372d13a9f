#!/usr/bin/env node
// npm run api:lint → Spectral (the OpenAPI and OWASP API Security rulesets, configured in .spectral.yaml)
// on the server's OpenAPI document, built in memory from dist/ (run `npm run build:server` first).
// Fails on any error; warnings are printed and counted. `--json` prints the raw results instead.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { buildOpenApiDocument } from './openapi-document.mjs';

const require = createRequire(import.meta.url);
const { Spectral, Document } = spectralCore;
const { Json } = spectralParsers;
// The CLI's own loader (`spectral lint --ruleset`): YAML rulesets, `extends` of npm packages, overrides.
const { getRuleset } = require('@stoplight/spectral-cli/dist/services/linter/utils/getRuleset.js');
const SEVERITY = ['error', 'warning', 'info', 'hint'];

const document = await buildOpenApiDocument();
const spectral = new Spectral();
spectral.setRuleset(await getRuleset(join(process.cwd(), '.spectral.yaml')));
// The overrides in .spectral.yaml name the document as `openapi.json` (the committed copy's file name).
const source = join(process.cwd(), 'openapi.json');
const results = await spectral.run(new Document(JSON.stringify(document, null, 2), Json, source));

const lines = [];
if (process.argv.includes('--json')) {
  lines.push(JSON.stringify(results, null, 2));
} else {
  const counts = new Map();
  for (const r of results) {
    const key = `${SEVERITY[r.severity]} ${r.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (r.severity === 0) lines.push(`error ${r.code} at #/${r.path.join('/')}: ${r.message}`);
  }
  for (const [key, n] of [...counts].sort()) lines.push(`${String(n).padStart(5)}  ${key}`);
}
const errors = results.filter((r) => r.severity === 0).length;
const warnings = results.filter((r) => r.severity === 1).length;
console.error(`api:lint: ${errors} error(s), ${warnings} warning(s)`);
// Exit only once stdout is written: a pipe takes 64 KB at a time.
process.stdout.write(lines.join('\n') + '\n', () => process.exit(errors > 0 ? 1 : 0));
