import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { notFound } from '../common/domain-error';
import { type PageQueryDto, pageOf } from '../common/dto/page.dto';
import type { FailedJobDto, FailedJobPageDto } from './dto/failed-job.dto';
import { jobErrorText } from './job-errors';
import { JobQueue } from './job-queue';
import { type FailedJobRow, JobsRepository } from './jobs.repository';

/** A payload value that may be shown: a uuid, or a short lower-case code (a transport's name). */
const SHOWN_REF = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z][a-z0-9_.-]{0,39})$/i;

function refsOf(data: Record<string, unknown> | null): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value === 'string' && SHOWN_REF.test(value) && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(key)) refs[key] = value;
  }
  return refs;
}

function toDto(row: FailedJobRow): FailedJobDto {
  return {
    id: row.id,
    name: row.name,
    attempts: row.retry_count + 1,
    lastError: row.error === null ? null : jobErrorText(row.error),
    createdAt: row.created_on.toISOString(),
    failedAt: row.completed_on?.toISOString() ?? null,
    deadLetter: row.dead_letter,
    refs: refsOf(row.data),
  };
}

/** The failed background jobs, for the system administrator to see and retry. */
@Injectable()
export class JobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsRepository,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async failed(q: PageQueryDto): Promise<FailedJobPageDto> {
    const [rows, total] = await this.jobs.failed(q.pageSize, (q.page - 1) * q.pageSize);
    return pageOf(rows.map(toDto), total, q);
  }

  /** One more attempt for a failed job (a worker picks it up); recorded in the audit log. */
  async retry(admin: AuthUser, id: string, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const job = await this.jobs.failedById(id, m);
      if (!job || !(await this.queue.retry(job.name, id, m))) throw notFound('JOB');
      await this.audit.record(
        { actor: admin, action: 'job.retry', subjectType: 'job', subjectId: id, result: 'success', ctx, detail: { queue: job.name } },
        m,
      );
    });
  }
}
