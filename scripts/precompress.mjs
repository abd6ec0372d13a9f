// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside each text file of the built web
// client, where the copy is smaller. The server sends them as they are (@fastify/static `preCompressed`)
// instead of compressing each answer on the fly at brotli quality 4: the best ratio costs seconds per
// file, paid once here rather than per request, and a cheap phone on a slow network downloads ~15% less
// script before its first screen (bench/README.md, "Files compressed once, at build time").
//
//   node scripts/precompress.mjs [dir]        (default dist/client/browser; run by npm run build:client)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? join('dist', 'client', 'browser');
const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest|xml)$/i;
/** Below this a compressed copy saves less than its headers cost (the server's on-the-fly threshold too). */
const MIN_BYTES = 1024;

function* files(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && TEXT.test(entry.name)) yield path;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const path of files(dir)) {
  const size = statSync(path).size;
  if (size < MIN_BYTES) continue;
  const body = readFileSync(path);
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = gzipSync(body, { level: 9 });
  if (br.length < size) writeFileSync(`${path}.br`, br);
  if (gz.length < size) writeFileSync(`${path}.gz`, gz);
  count += 1;
  before += size;
  after += Math.min(br.length, size);
}
console.log(`precompressed ${count} files in ${dir}: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB with brotli`);
