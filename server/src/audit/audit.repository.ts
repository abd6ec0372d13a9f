import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';
import { AUDIT_CHAIN_COLUMNS, type AuditChainRow } from './audit-chain';
import { cursorTimestamp, pageRows, pageWithTotalSql, readCursor } from '../common/page-sql';

/**
 * An entry as the list reads it, with its keyset position to the microsecond. Like the entity read by
 * TypeORM, it never holds the chain's columns (`select: false` there, not selected here).
 */
export type AuditListRow = AuditEntry & { cursorAt: string };

const AUDIT_LIST_COLUMNS = `a.id, a.occurred_at AS "occurredAt", a.actor_id AS "actorId", a.actor_username AS "actorUsername",
  a.actor_role AS "actorRole", a.actor_organisation_id AS "actorOrganisationId", a.action, a.subject_type AS "subjectType",
  a.subject_id AS "subjectId", a.result, a.request_id AS "requestId", a.ip, a.detail`;

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>) {}

  /** With a manager, the entry commits or rolls back with the change it records. */
  async insert(entry: Partial<AuditEntry>, manager?: EntityManager): Promise<void> {
    const target = manager ? manager.getRepository(AuditEntry) : this.repo;
    await target.insert(entry as Parameters<Repository<AuditEntry>['insert']>[0]);
  }

  /**
   * One page of the log, newest first, and a total capped at COUNT_CAP, in one statement (issue 17).
   * With `after` (a cursor from `cursorOf`) the page continues after that entry by keyset — a range of
   * idx_audit_log_occurred_at_id, as fast deep in the log as at its start; else `page` is an offset.
   * Reads `pageSize + 1` rows: the extra one says whether there is a next page.
   */
  async search(q: AuditQueryDto): Promise<{ rows: AuditListRow[]; matching: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.actor) {
      const actor = `$${params.push(q.actor.toLowerCase())}`;
      where.push(`(a.actor_username = ${actor} OR a.actor_id::text = ${actor})`);
    }
    if (q.action) where.push(`a.action LIKE $${params.push(`${q.action.replace(/[%_]/g, '\\$&')}%`)}`);
    if (q.subjectType) where.push(`a.subject_type = $${params.push(q.subjectType)}`);
    if (q.subjectId) where.push(`a.subject_id = $${params.push(q.subjectId)}`);
    if (q.result) where.push(`a.result = $${params.push(q.result)}`);
    if (q.from) where.push(`a.occurred_at >= $${params.push(q.from)}::timestamptz`);
    if (q.to) where.push(`a.occurred_at < $${params.push(q.to)}::timestamptz`);
    let keyset: string | undefined;
    if (q.after) {
      const [at, id] = readCursor(q.after, ['timestamp', 'bigint']);
      keyset = `(a.occurred_at, a.id) < ($${params.push(at)}::timestamp AT TIME ZONE 'UTC', $${params.push(id)}::bigint)`;
    }
    const rows = await this.repo.query<(AuditListRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${AUDIT_LIST_COLUMNS}, ${cursorTimestamp('a.occurred_at')} AS "cursorAt"`,
        from: 'FROM audit_log a',
        where,
        keyset,
        order: 'a.occurred_at DESC, a.id DESC',
        outerOrder: 'page."occurredAt" DESC, page.id DESC',
        limit: q.pageSize + 1,
        offset: q.after ? 0 : (q.page - 1) * q.pageSize,
        capped: true,
      }),
      params,
    );
    const [items, matching] = pageRows(rows, 'id');
    return { rows: items, matching };
  }

  /** The `after` of the page that follows this row. */
  static readonly cursorOf = (row: AuditListRow): [string, string] => [row.cursorAt, row.id];

  /**
   * Retention, step 1: the oldest entries of the chain, up to `limit`, as long as each is past both
   * `retentionDays` and the 180-day floor (a prefix: the chain is pruned from its start only).
   */
  async prunablePrefix(retentionDays: number, limit: number, manager: EntityManager): Promise<AuditChainRow[]> {
    const rows = await manager.query<(AuditChainRow & { past: boolean })[]>(
      `SELECT ${AUDIT_CHAIN_COLUMNS}, occurred_at < now() - make_interval(days => greatest($1::int, 180)) AS past
         FROM audit_log ORDER BY audit_log.chain_seq LIMIT $2`,
      [retentionDays, limit],
    );
    const cut = rows.findIndex((r) => !r.past);
    return (cut === -1 ? rows : rows.slice(0, cut)).map(({ past: _past, ...row }) => row);
  }

  /**
   * Retention, step 2: deletes the chain up to `throughSeq` through the database's own
   * `audit_log_prune` (SECURITY DEFINER: the app's role may not DELETE audit rows), which refuses
   * anything younger than 180 days and records the last deleted hash as the chain's new anchor.
   */
  async pruneThrough(throughSeq: string, retentionDays: number, manager: EntityManager): Promise<number> {
    const [{ deleted }] = await manager.query<[{ deleted: number }]>('SELECT audit_log_prune($1, $2) AS deleted', [
      throughSeq,
      retentionDays,
    ]);
    return deleted;
  }

  /** Whether `action` was recorded with `result` in the last `hours` hours (by the database's clock). */
  async recordedWithin(action: string, result: string, hours: number, manager?: EntityManager): Promise<boolean> {
    const target = manager ?? this.repo.manager;
    const rows = await target.query<unknown[]>(
      `SELECT 1 FROM audit_log WHERE action = $1 AND result = $2 AND occurred_at > now() - make_interval(hours => $3) LIMIT 1`,
      [action, result, hours],
    );
    return rows.length > 0;
  }
}
