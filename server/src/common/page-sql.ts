import { COUNT_CAP, decodeCursor, encodeCursor } from './dto/page.dto';
import { badRequest } from './domain-error';
import { named } from './named-statement';

/**
 * One statement for a page and its total (issue 17): the page and the count are two CTEs, and the
 * answer is the count LEFT JOINed to the page. A `count(*) OVER ()` alone would return no row — and
 * so no total — for an empty page or a page past the end; the join always returns at least the count.
 *
 * - `select`: the page's columns, `from`: FROM … (joins included), `where`: the filters (may be empty);
 * - `countFrom`: FROM … for the count when the page's joins do not change how many rows match
 *   (defaults to `from`);
 * - `order`: ORDER BY of the page, in the query's own terms; `outerOrder`: the same order in the page's
 *   output column names (a CTE's row order is not kept through the join without it);
 * - `keyset`: a predicate only the page uses (rows after the cursor): the total counts every row
 *   that matches the filters;
 * - `capped`: count at most COUNT_CAP + 1 rows (tables that grow without bound);
 * - `alsoCount`: more scalar subqueries the answer needs besides the page (an unread count), each
 *   returned as `page_<name>` on every row.
 *
 * Rows come back with `page_total` on each, and one row of NULL page columns when the page is empty:
 * read them with `pageRows()`.
 *
 * A first page (offset 0, and every keyset page) is a named prepared statement (`named()`): its text
 * repeats (values are parameters), and PostgreSQL parsing and planning this join of CTEs on every request
 * cost more than the rest of a short list request did (bench/README.md). LIMIT and OFFSET stay literals,
 * so each plan knows them; a later page by number runs unnamed, so paging through a long list does not
 * use up `named()`'s bound with one text per page number.
 */
export function pageWithTotalSql(p: {
  select: string;
  from: string;
  countFrom?: string;
  where: string[];
  keyset?: string;
  order: string;
  outerOrder: string;
  limit: number;
  offset: number;
  capped?: boolean;
  alsoCount?: Record<string, string>;
}): string {
  const where = p.where.length ? `WHERE ${p.where.join(' AND ')}` : '';
  const pageWhere = [...p.where, ...(p.keyset ? [p.keyset] : [])];
  const count = p.capped
    ? `SELECT count(*)::int AS n FROM (SELECT 1 ${p.countFrom ?? p.from} ${where} LIMIT ${COUNT_CAP + 1}) capped`
    : `SELECT count(*)::int AS n ${p.countFrom ?? p.from} ${where}`;
  const also = Object.entries(p.alsoCount ?? {});
  const alsoSelect = also.map(([name, sql]) => `, (${sql}) AS page_${name}`).join('');
  const alsoOut = also.map(([name]) => `total.page_${name}, `).join('');
  const text = `WITH page AS (SELECT ${p.select} ${p.from} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
      ORDER BY ${p.order} LIMIT ${p.limit} OFFSET ${p.offset}),
    total AS (SELECT counted.n${alsoSelect} FROM (${count}) counted)
    SELECT total.n AS page_total, ${alsoOut}page.* FROM total LEFT JOIN page ON true ORDER BY ${p.outerOrder}`;
  return p.offset === 0 ? named(text) : text;
}

/**
 * The rows and the total of a `pageWithTotalSql` answer; `idColumn` is never NULL in a real row.
 * Columns named `page_…` are the query's own (a sort key the outer ORDER BY needs under a unique name)
 * and are dropped.
 */
export function pageRows<T extends object>(rows: (T & { page_total: number })[], idColumn: keyof T): [T[], number] {
  const first = rows[0];
  if (!first) return [[], 0];
  // The kept column names are read once for the page, not once per row (this ran per row at ~4 % of a
  // list request's CPU under load, bench/README.md).
  const keep = Object.keys(first).filter((k) => !k.startsWith('page_'));
  const items: T[] = [];
  for (const r of rows) {
    if (r[idColumn] === null) continue;
    const item: Record<string, unknown> = {};
    for (const k of keep) item[k] = (r as Record<string, unknown>)[k];
    items.push(item as T);
  }
  return [items, first.page_total];
}

/** A capped total as the answer says it: COUNT_CAP and `totalCapped` when more rows match. */
export function cappedTotal(n: number): { total: number; totalCapped: boolean } {
  return n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/**
 * Keyset pages read `pageSize + 1` rows: the extra one only says whether there is a next page, so the
 * last page says `nextCursor: null` instead of leading to an empty one.
 */
export function keysetPage<T>(rows: T[], pageSize: number, cursorOf: (last: T) => (string | number | boolean | null)[]) {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > pageSize && last ? encodeCursor(cursorOf(last)) : null };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SQL that renders a timestamptz for a cursor, to the microsecond (a JS Date keeps only milliseconds). */
export const cursorTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Back from a cursor to SQL-safe values: every value is checked, so PostgreSQL never sees one it would refuse (a 500). */
export function readCursor(token: string, kinds: readonly ('timestamp' | 'date' | 'date?' | 'uuid' | 'bigint')[]): (string | null)[] {
  const values = decodeCursor(
    token,
    kinds.map((k) => (k.endsWith('?') ? 'string?' : 'string')),
  ) as (string | null)[];
  values.forEach((v, i) => {
    const kind = kinds[i];
    if (v === null) return; // decodeCursor allowed null only where the kind does
    const ok =
      kind === 'timestamp'
        ? TIMESTAMP.test(v) && isRealDate(v.slice(0, 10))
        : kind === 'date' || kind === 'date?'
          ? DATE.test(v) && isRealDate(v)
          : kind === 'uuid'
            ? UUID.test(v)
            : /^[1-9]\d{0,17}$/.test(v);
    if (!ok) throw badRequest('PAGE_CURSOR_INVALID');
  });
  return values;
}

/** 2026-02-30 matches the pattern but is no date: PostgreSQL would refuse it. */
function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd && d.getUTCFullYear() >= 1;
}
