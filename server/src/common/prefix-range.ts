/**
 * The bounds of "starts with `prefix`" as a range of strings in code-point (byte) order: every string
 * that starts with the prefix is `>= from` and `< to`, and no other string is. `to` is null when the
 * last code point has no successor (U+10FFFF): then only the lower bound can be used as a range.
 *
 * Why not `LIKE 'prefix%'`: under row-level security (the trainee table's sealing policy) PostgreSQL
 * may evaluate only leakproof operators before the policy, and LIKE is not leakproof, so it cannot
 * become an index condition; the pattern comparisons `~>=~` / `~<~` are leakproof, use the same
 * `varchar_pattern_ops` index, and need no escaping of `%` and `_`.
 */
export function prefixRange(prefix: string): { from: string; to: string | null } {
  const points = [...prefix];
  const last = points.pop();
  if (last === undefined) return { from: '', to: null };
  const code = last.codePointAt(0)!;
  if (code === 0x10ffff) return { from: prefix, to: null };
  // U+D800–DFFF are surrogates, never in a string PostgreSQL stores: the successor of U+D7FF is U+E000.
  const next = code === 0xd7ff ? 0xe000 : code + 1;
  return { from: prefix, to: points.join('') + String.fromCodePoint(next) };
}
