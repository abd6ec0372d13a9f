import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AuditChainRow } from './audit-chain';

/**
 * Writes audit entries about to be pruned to `<dir>/audit-<first seq>-<last seq>.jsonl.gz` (0600, under a
 * temporary name, synced, then renamed): the file is complete on disk before any row is deleted. A run
 * that failed after writing leaves a file the next run rewrites with the same name.
 */
export async function writeAuditArchive(dir: string, rows: AuditChainRow[]): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const first = rows[0]!.chain_seq;
  const last = rows.at(-1)!.chain_seq;
  const path = join(dir, `audit-${first.padStart(12, '0')}-${last.padStart(12, '0')}.jsonl.gz`);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(gzipSync(Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8')));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  return path;
}
