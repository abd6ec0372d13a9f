import { COUNT_CAP, encodeCursor } from './dto/page.dto';
import { DomainError } from './domain-error';
import { cappedTotal, keysetPage, pageRows, pageWithTotalSql, readCursor } from './page-sql';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError && e.code === 'PAGE_CURSOR_INVALID';
  }
  return false;
};

describe('one statement for a page and its total', () => {
  it('joins the page to the count, so an empty page still says the total', () => {
    const sql = String(
      pageWithTotalSql({
        select: 'o.id',
        from: 'FROM t o',
        where: ['o.a = $1'],
        order: 'o.id',
        outerOrder: 'page.id',
        limit: 5,
        offset: 10,
      }),
    );
    expect(sql).toMatch(/FROM total LEFT JOIN page ON true ORDER BY page\.id$/);
    expect(sql).toContain('SELECT count(*)::int AS n FROM t o WHERE o.a = $1');
    expect(pageRows([{ id: null, page_total: 42 }], 'id')).toEqual([[], 42]);
    expect(pageRows([], 'id')).toEqual([[], 0]);
    expect(pageRows([{ id: 'a', x: 1, page_total: 2, page_sort: 9 }], 'id')).toEqual([[{ id: 'a', x: 1 }], 2]);
  });

  it('counts a capped list only up to COUNT_CAP + 1, and keeps the keyset out of the count', () => {
    const sql = String(
      pageWithTotalSql({
        select: 'a.id',
        from: 'FROM a',
        where: ['a.x = 1'],
        keyset: 'a.id < 7',
        order: 'a.id DESC',
        outerOrder: 'page.id DESC',
        limit: 21,
        offset: 0,
        capped: true,
      }),
    );
    expect(sql).toContain(`SELECT count(*)::int AS n FROM (SELECT 1 FROM a WHERE a.x = 1 LIMIT ${COUNT_CAP + 1}) capped`);
    expect(sql).toContain('WHERE a.x = 1 AND a.id < 7');
    expect(cappedTotal(COUNT_CAP + 1)).toEqual({ total: COUNT_CAP, totalCapped: true });
    expect(cappedTotal(COUNT_CAP)).toEqual({ total: COUNT_CAP, totalCapped: false });
  });

  it('names the statement of a first page only, so paging by number does not use up the named statements', () => {
    const spec = { select: 'o.id', from: 'FROM t o', where: [], order: 'o.id', outerOrder: 'page.id', limit: 20 };
    const first = pageWithTotalSql({ ...spec, offset: 0 }) as unknown;
    expect(typeof first).toBe('object');
    expect((first as { name: string }).name).toMatch(/^jbh_/);
    expect(pageWithTotalSql({ ...spec, offset: 0 })).toBe(first);
    expect(typeof pageWithTotalSql({ ...spec, offset: 40 })).toBe('string');
  });

  it('gives a next cursor only when the extra row shows there is a next page', () => {
    const rows = [{ id: '3' }, { id: '2' }, { id: '1' }];
    expect(keysetPage(rows, 2, (r) => [r.id])).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor(['2']) });
    expect(keysetPage(rows, 3, (r) => [r.id])).toEqual({ items: rows, nextCursor: null });
  });
});

describe('readCursor', () => {
  it('reads back what the server wrote', () => {
    const at = '2026-12-05T04:15:09.123456';
    expect(readCursor(encodeCursor([at, '12']), ['timestamp', 'bigint'])).toEqual([at, '12']);
    expect(readCursor(encodeCursor([null, '00000000-0000-4000-8000-000000000001']), ['date?', 'uuid'])).toEqual([
      null,
      '00000000-0000-4000-8000-000000000001',
    ]);
  });

  it.each([
    ['garbage', ['timestamp', 'bigint']],
    [encodeCursor(['2026-02-30T00:00:00.000000', '1']), ['timestamp', 'bigint']],
    [encodeCursor(['2026-01-01T24:00:00.000000', '1']), ['timestamp', 'bigint']],
    [encodeCursor(['2026-01-01T00:00:00.000000', '0']), ['timestamp', 'bigint']],
    [encodeCursor(['2026-01-01T00:00:00.000000', '1234567890123456789']), ['timestamp', 'bigint']],
    [encodeCursor(['2026-01-01', 'x']), ['date', 'uuid']],
    [encodeCursor([null, '00000000-0000-4000-8000-000000000001']), ['date', 'uuid']],
  ] as const)('refuses %s with PAGE_CURSOR_INVALID', (token, kinds) => {
    expect(refused(() => readCursor(token, kinds))).toBe(true);
  });
});
