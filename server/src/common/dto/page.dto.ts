import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * Deepest page a list serves. Without a ceiling `page=1e308` passed as an integer and reached
 * PostgreSQL as an OFFSET out of range (a 500); past a few thousand pages, filters serve people better.
 */
export const MAX_PAGE = 10_000;

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

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const pageOf = <T>(items: T[], total: number, q: PageQueryDto): Page<T> => ({ items, total, page: q.page, pageSize: q.pageSize });

/**
 * Lists that are short by nature and not paged (the fairs, the course catalogue, the checklist
 * "behind" list) still return at most this many rows, the most relevant first: no request can ask
 * the server for an unbounded answer.
 */
export const SHORT_LIST_CAP = 500;
