import { createHash } from 'node:crypto';

/**
 * A statement pg prepares once per connection under a name (parse and plan once, then bind and
 * execute), handed to TypeORM's `query()` in place of its text. TypeORM hands it on to the pg
 * client untouched, and pg takes a `{ name, text }` config in place of a text; `toString()` gives
 * the text wherever TypeORM or a log treats it as a string.
 */
class NamedStatement {
  readonly name: string;
  constructor(readonly text: string) {
    this.name = `jbh_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
  }
  toString(): string {
    return this.text;
  }
}

/** Distinct texts named; past this a text runs unnamed (each name holds a plan on every connection). */
const MAX_NAMED = 512;
const statements = new Map<string, NamedStatement>();

/**
 * `text` as a named prepared statement, for queries a hot path runs with the same text again and again
 * (values always as parameters, never in the text). Typed as a string because that is what TypeORM's
 * `query()` declares; it reaches pg as the statement.
 */
export function named(text: string): string {
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size >= MAX_NAMED) return text;
    statements.set(text, (statement = new NamedStatement(text)));
  }
  return statement as unknown as string;
}
