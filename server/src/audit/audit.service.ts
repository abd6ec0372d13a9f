import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { type Page, pageOf } from '../common/dto/page.dto';
import type { AuditResult } from './audit-entry.entity';
import { toAuditEntryDto } from './audit.mapper';
import { writeAuditArchive } from './audit-archive';
import { AuditRepository } from './audit.repository';
import { cappedTotal, keysetPage } from '../common/page-sql';
import type { AuditEntryDto } from './dto/audit-entry.dto';
import type { AuditQueryDto } from './dto/audit-query.dto';

export interface AuditEvent {
  /** Null for events without a signed-in actor (failed logins, public registration). */
  actor: Pick<AuthUser, 'id' | 'username' | 'role' | 'organisationId'> | null;
  /** For failed logins: the username that was tried. */
  actorUsername?: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  result: AuditResult;
  ctx?: RequestContext;
  detail?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Pass the transaction's manager so the entry is written with (and only with) the change. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.audit.insert(
      {
        actorId: event.actor?.id ?? null,
        actorUsername: event.actor?.username ?? event.actorUsername?.slice(0, 40) ?? null,
        actorRole: event.actor?.role ?? null,
        actorOrganisationId: event.actor?.organisationId ?? null,
        action: event.action,
        subjectType: event.subjectType ?? null,
        subjectId: event.subjectId ?? null,
        result: event.result,
        requestId: event.ctx?.requestId ?? null,
        ip: event.ctx?.ip ?? null,
        detail: event.detail ?? null,
      },
      manager,
    );
  }

  /** A page of the log with a capped total and the cursor of the next page (one statement). */
  async search(q: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    const { rows, matching } = await this.audit.search(q);
    const { items, nextCursor } = keysetPage(rows, q.pageSize, AuditRepository.cursorOf);
    const { total, totalCapped } = cappedTotal(matching);
    return pageOf(items.map(toAuditEntryDto), total, q, { nextCursor, totalCapped });
  }

  /**
   * Deletes one batch of the oldest entries past the retention period, after writing them to an
   * archive file (`<archiveDir>/audit-<first>-<last>.jsonl.gz`, with their hashes, so the archive
   * itself can be checked and joins the chain where the database's part begins).
   */
  async prune(retentionDays: number, limit: number, manager: EntityManager, archiveDir: string): Promise<number> {
    const rows = await this.audit.prunablePrefix(retentionDays, limit, manager);
    const last = rows.at(-1);
    if (!last) return 0;
    await writeAuditArchive(archiveDir, rows);
    return this.audit.pruneThrough(last.chain_seq, retentionDays, manager);
  }

  /** Whether `action` was recorded with `result` in the last `hours` hours. */
  recordedWithin(action: string, result: AuditResult, hours: number, manager?: EntityManager): Promise<boolean> {
    return this.audit.recordedWithin(action, result, hours, manager);
  }
}
