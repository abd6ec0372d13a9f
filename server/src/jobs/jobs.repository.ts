import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { JOBS_SCHEMA } from './job-names';

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

const FAILED = `
  SELECT id, name, retry_count, created_on, completed_on, dead_letter, data,
         coalesce(output->>'message', output->'value'->>'message', output->>'value') AS error
    FROM ${JOBS_SCHEMA}.job
   WHERE state = 'failed' AND name NOT LIKE '\\_\\_pgboss\\_\\_%'`;

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

  /** Failed jobs, the latest failure first. */
  async failed(limit: number, offset: number): Promise<[FailedJobRow[], number]> {
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query<FailedJobRow[]>(`${FAILED} ORDER BY completed_on DESC, id LIMIT $1 OFFSET $2`, [limit, offset]),
      this.dataSource.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE state = 'failed' AND name NOT LIKE '\\_\\_pgboss\\_\\_%'`,
      ),
    ]);
    return [rows, n];
  }

  async failedById(id: string, m?: EntityManager): Promise<FailedJobRow | null> {
    const [row] = await (m ?? this.dataSource).query<FailedJobRow[]>(`${FAILED} AND id = $1`, [id]);
    return row ?? null;
  }
}
