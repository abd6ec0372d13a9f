import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageRows, pageWithTotalSql } from '../common/page-sql';
import type { JobLimitKind, JobLimitRule } from './job-limit-rule.entity';
import { prefixesOf, type ReleaseFacts } from './job-limits.rules';

const COLUMNS = `id, occupation_prefix AS "occupationPrefix", kind, waiting_years AS "waitingYears",
  during_supervision AS "duringSupervision", legal_reference AS "legalReference", summary_zh AS "summaryZh",
  summary_en AS "summaryEn", active, created_by AS "createdBy", updated_by AS "updatedBy", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

export interface JobLimitValues {
  occupationPrefix: string;
  kind: JobLimitKind;
  waitingYears: number | null;
  duringSupervision: boolean;
  legalReference: string;
  summaryZh: string;
  summaryEn: string;
  active: boolean;
}

/**
 * The rules table, in plain SQL through the data source (the table is tiny and read on every
 * evaluation), and the one read this module makes of another's table: see `releaseFacts`.
 */
@Injectable()
export class JobLimitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager) {
    return m ?? this.dataSource.manager;
  }

  /**
   * One page of the rules table and the number of rules it pages through, in one statement (issue 17),
   * by occupation code, kind, when added, then id (two rules added in one transaction share a time).
   */
  async page(includeInactive: boolean, limit: number, offset: number): Promise<[JobLimitRule[], number]> {
    const rows = await this.q().query<(JobLimitRule & { page_total: number })[]>(
      pageWithTotalSql({
        select: COLUMNS,
        from: 'FROM job_limit_rule',
        where: includeInactive ? [] : ['active'],
        order: 'occupation_prefix, kind, created_at, id',
        outerOrder: 'page."occupationPrefix", page.kind, page."createdAt", page.id',
        limit,
        offset,
      }),
    );
    return pageRows(rows, 'id');
  }

  async findById(id: string, m?: EntityManager, lock = false): Promise<JobLimitRule | null> {
    const rows = await this.q(m).query<JobLimitRule[]>(`SELECT ${COLUMNS} FROM job_limit_rule WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async insert(v: JobLimitValues, by: string, m: EntityManager): Promise<string> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO job_limit_rule (occupation_prefix, kind, waiting_years, during_supervision, legal_reference, summary_zh,
         summary_en, active, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [v.occupationPrefix, v.kind, v.waitingYears, v.duringSupervision, v.legalReference, v.summaryZh, v.summaryEn, v.active, by],
    );
    return rows[0]!.id;
  }

  async update(id: string, v: JobLimitValues, by: string, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE job_limit_rule SET occupation_prefix = $2, kind = $3, waiting_years = $4, during_supervision = $5,
         legal_reference = $6, summary_zh = $7, summary_en = $8, active = $9, updated_by = $10, updated_at = now()
       WHERE id = $1`,
      [id, v.occupationPrefix, v.kind, v.waitingYears, v.duringSupervision, v.legalReference, v.summaryZh, v.summaryEn, v.active, by],
    );
  }

  /** Active rules whose prefix covers this occupation code (an index-free read: the table has a handful of rows). */
  activeFor(code: string, m?: EntityManager): Promise<JobLimitRule[]> {
    return this.q(m).query(`SELECT ${COLUMNS} FROM job_limit_rule WHERE active AND occupation_prefix = ANY($1::varchar[]) ORDER BY id`, [
      prefixesOf(code),
    ]);
  }

  allActive(m?: EntityManager): Promise<JobLimitRule[]> {
    return this.q(m).query(`SELECT ${COLUMNS} FROM job_limit_rule WHERE active ORDER BY occupation_prefix, id`);
  }

  /**
   * State and release dates of these trainees, nothing else. Read here (not through TraineesService,
   * which has no such method yet) so that evaluation runs inside the caller's transaction; callers
   * have already checked their access to the ids.
   */
  async releaseFacts(ids: string[], m?: EntityManager): Promise<ReleaseFacts[]> {
    if (ids.length === 0) return [];
    return this.q(m).query(
      `SELECT id, state, to_char(released_on, 'YYYY-MM-DD') AS "releasedOn", to_char(expected_release_on, 'YYYY-MM-DD') AS "expectedReleaseOn"
         FROM trainee WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
