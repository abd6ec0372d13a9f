import { parseArgs } from 'node:util';
import pg from 'pg';
import { AUDIT_CHAIN_COLUMNS, type AuditChainRow, ChainVerifier } from '../audit/audit-chain';
import type { CliContext } from './cli';
import { withDatabase } from './cli';

export const AUDIT_VERIFY_USAGE = `Usage: npm run audit:verify -- [--expect <seq>:<hash>]
  Checks every link of the audit log's hash chain and prints the head (write it down: a later run
  with --expect <seq>:<hash> proves that entry, and so everything before it, is unchanged).`;

export interface AuditVerification {
  ok: boolean;
  checked: number;
  head: { seq: string; hash: string };
  anchor: { seq: string; hash: string };
  firstBreak?: { seq: string; why: string };
  expected?: { seq: string; hash: string; found: string | null };
}

/** Reads the chain in pages by chain_seq (constant memory at any size) and checks each link. */
export async function verifyAuditChain(url: string, expect?: { seq: string; hash: string }): Promise<AuditVerification> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [head] = (
      await client.query<{ seq: string; hash: string; pseq: string; phash: string }>(
        `SELECT seq::text AS seq, encode(hash, 'hex') AS hash, pruned_through_seq::text AS pseq, encode(pruned_through_hash, 'hex') AS phash
           FROM audit_chain_head WHERE id = 1`,
      )
    ).rows;
    if (!head) throw new Error('audit_chain_head is missing: the AuditChain migration has not run');
    const verifier = new ChainVerifier(head.phash, BigInt(head.pseq));
    let after = head.pseq;
    let found: string | null = null;
    for (;;) {
      const { rows } = await client.query<AuditChainRow>(
        `SELECT ${AUDIT_CHAIN_COLUMNS} FROM audit_log WHERE chain_seq > $1 ORDER BY audit_log.chain_seq LIMIT 5000`,
        [after],
      );
      for (const row of rows) {
        if (expect && row.chain_seq === expect.seq) found = row.hash;
        if (!verifier.add(row)) break;
      }
      if (verifier.broken || rows.length < 5000) break;
      after = rows.at(-1)!.chain_seq;
    }
    await client.query('COMMIT');
    // The head must be the last entry: rows deleted from the end would otherwise go unnoticed.
    let firstBreak = verifier.broken;
    if (!firstBreak && verifier.lastHash !== head.hash) firstBreak = { seq: head.seq, why: 'missing-or-reordered' };
    const expected = expect ? { ...expect, found } : undefined;
    return {
      ok: !firstBreak && (!expected || expected.found === expected.hash),
      checked: verifier.checked,
      head: { seq: head.seq, hash: head.hash },
      anchor: { seq: head.pseq, hash: head.phash },
      ...(firstBreak ? { firstBreak } : {}),
      ...(expected ? { expected } : {}),
    };
  } finally {
    await client.end();
  }
}

const WHY: Record<string, string> = {
  altered: 'its content does not match its hash (the entry was changed)',
  'missing-or-reordered': 'it does not follow the entry before it (entries were removed, inserted or reordered)',
  'not-linked-to-anchor': 'it does not follow the last pruned entry (entries were removed from the start)',
};

export async function runAuditVerify(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { expect: { type: 'string' } }, strict: true });
  let expect: { seq: string; hash: string } | undefined;
  if (values.expect) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(values.expect);
    if (!m) {
      ctx.err(`--expect must be <seq>:<64 hex digits>, as printed by an earlier run\n\n${AUDIT_VERIFY_USAGE}`);
      return 64;
    }
    expect = { seq: m[1]!, hash: m[2]! };
  }
  const result = await withDatabase(ctx, (url) => verifyAuditChain(url, expect));
  ctx.out(`Checked ${result.checked} audit entries (from #${BigInt(result.anchor.seq) + 1n}).`);
  if (result.firstBreak) {
    ctx.err(`BROKEN at entry #${result.firstBreak.seq}: ${WHY[result.firstBreak.why] ?? result.firstBreak.why}.`);
  }
  if (result.expected && result.expected.found !== result.expected.hash) {
    ctx.err(
      result.expected.found === null
        ? `Entry #${result.expected.seq} given with --expect is no longer in the log.`
        : `Entry #${result.expected.seq} has hash ${result.expected.found}, not the ${result.expected.hash} recorded earlier: the chain was rewritten.`,
    );
  }
  ctx.out(`Head: ${result.head.seq}:${result.head.hash}`);
  if (result.ok) ctx.out('The audit chain is intact.');
  return result.ok ? 0 : 2;
}
