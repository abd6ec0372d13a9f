import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { badRequest } from '../domain-error';

/**
 * Deepest page a list serves. Without a ceiling `page=1e308` passed as an integer and reached
 * PostgreSQL as an OFFSET out of range (a 500); past a few thousand pages, filters serve people better.
 */
export const MAX_PAGE = 10_000;

/**
 * Lists over big tables count at most this many matching rows (issue 17): past it the answer says
 * `totalCapped: true` and the client shows "10,000+". Counting a million rows exactly costs more than
 * the page itself and tells nobody anything a filter would not.
 */
export const COUNT_CAP = 10_000;

/** Paging parameters shared by every list endpoint. */
export class PageQueryDto {
  /** 1-based page number, at most 10,000. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  /** Rows per page, at most 100. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

/**
 * Paging for long lists (caseload, audit log, visits, notifications): besides `page`, the client may
 * send the `nextCursor` of the page it holds as `after` to get the next one by keyset — an index
 * range read, as fast on page 5,000 as on page 1. With `after`, `page` is only echoed back.
 */
export class KeysetPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'nextCursor of the previous page: continue after its last row',
    maxLength: 200,
    pattern: '^[A-Za-z0-9_-]+$',
  })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/)
  after?: string;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters, or COUNT_CAP when `totalCapped`. */
  total: number;
  page: number;
  pageSize: number;
  /** True when more than COUNT_CAP rows match and `total` is only a lower bound (lists with a cap). */
  totalCapped?: boolean;
  /** Keyset lists: pass as `after` for the next page; null on the last page. */
  nextCursor?: string | null;
}

export const pageOf = <T>(
  items: T[],
  total: number,
  q: PageQueryDto,
  keyset?: { nextCursor: string | null; totalCapped?: boolean },
): Page<T> => ({
  items,
  total,
  page: q.page,
  pageSize: q.pageSize,
  ...(keyset ?? {}),
});

/** The values of the last row's sort key and id, as an opaque URL-safe token. */
export function encodeCursor(values: readonly (string | number | boolean | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Back from a token to its values, checked against the shape the list expects ('string', 'number',
 * 'boolean'; a trailing '?' allows null). A token the server did not make is a 400, never a 500.
 */
export function decodeCursor(token: string, shape: readonly string[]): (string | number | boolean | null)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('PAGE_CURSOR_INVALID');
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw badRequest('PAGE_CURSOR_INVALID');
  values.forEach((v, i) => {
    const expected = shape[i] ?? '';
    const kind = expected.replace(/\?$/, '');
    const ok = (v === null && expected.endsWith('?')) || (typeof v === kind && (kind !== 'string' || (v as string).length <= 100));
    if (!ok) throw badRequest('PAGE_CURSOR_INVALID');
  });
  return values as (string | number | boolean | null)[];
}

/**
 * Lists that are short by nature and not paged (the fairs, the checklist
 * "behind" list) still return at most this many rows, the most relevant first: no request can ask
 * the server for an unbounded answer.
 */
export const SHORT_LIST_CAP = 500;
