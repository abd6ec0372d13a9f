import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { JOBS_SCHEMA } from './job-names';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

/** A failed job as the administrator's list reads it from pg-boss's job table. */
export interface FailedJobRow {
  id: string;
  name: string;
  retry_count: number;
  created_on: Date;
  completed_on: Date | null;
  /** The last attempt's error text (pg-boss keeps `{ message }`, or `{ value }` for its own). */
  error: string | null;
  dead_letter: string | null;
  data: Record<string, unknown> | null;
}

const FAILED_COLUMNS = `id, name, retry_count, created_on, completed_on, dead_letter, data,
         coalesce(output->>'message', output->'value'->>'message', output->>'value') AS error`;
const FAILED_FROM = `FROM ${JOBS_SCHEMA}.job`;
const FAILED_WHERE = [`state = 'failed'`, `name NOT LIKE '\\_\\_pgboss\\_\\_%'`];
const FAILED = `SELECT ${FAILED_COLUMNS} ${FAILED_FROM} WHERE ${FAILED_WHERE.join(' AND ')}`;

/**
 * SQL on pg-boss's tables. pg-boss's own statements (sending a job, retrying one) run through
 * `connection()`, on the app's pool or the caller's transaction; the rest is read here.
 */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * pg-boss's `db` option: its SQL on this manager's connection (the caller's transaction), else on the
   * app's pool. Good for the statements whose result is a SELECT or an INSERT … RETURNING (send,
   * retry): TypeORM answers an UPDATE or DELETE with [rows, count] instead of the rows.
   */
  connection(m?: EntityManager): PgBoss.Db {
    const target = m ?? this.dataSource;
    return { executeSql: async (text: string, values: unknown[]) => ({ rows: await target.query<unknown[]>(text, values) }) };
  }

  /** Failed jobs, the latest failure first, and how many there are: one statement (issue 17). */
  async failed(limit: number, offset: number): Promise<[FailedJobRow[], number]> {
    const rows = await this.dataSource.query<(FailedJobRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: FAILED_COLUMNS,
        from: FAILED_FROM,
        where: FAILED_WHERE,
        order: 'completed_on DESC, id',
        outerOrder: 'page.completed_on DESC, page.id',
        limit,
        offset,
      }),
    );
    return pageRows(rows, 'id');
  }

  async failedById(id: string, m?: EntityManager): Promise<FailedJobRow | null> {
    const [row] = await (m ?? this.dataSource).query<FailedJobRow[]>(`${FAILED} AND id = $1`, [id]);
    return row ?? null;
  }
}
