import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Paging parameters shared by every list endpoint. */
export class PageQueryDto {
  /** 1-based page number. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
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
