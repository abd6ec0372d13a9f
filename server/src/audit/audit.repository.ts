import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';
import { AUDIT_CHAIN_COLUMNS, type AuditChainRow } from './audit-chain';

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>) {}

  /** With a manager, the entry commits or rolls back with the change it records. */
  async insert(entry: Partial<AuditEntry>, manager?: EntityManager): Promise<void> {
    const target = manager ? manager.getRepository(AuditEntry) : this.repo;
    await target.insert(entry as Parameters<Repository<AuditEntry>['insert']>[0]);
  }

  async search(q: AuditQueryDto): Promise<[AuditEntry[], number]> {
    const qb = this.repo.createQueryBuilder('a');
    if (q.actor) qb.andWhere('(a.actor_username = :actor OR a.actor_id::text = :actor)', { actor: q.actor.toLowerCase() });
    if (q.action) qb.andWhere('a.action LIKE :action', { action: `${q.action.replace(/[%_]/g, '\\$&')}%` });
    if (q.subjectType) qb.andWhere('a.subject_type = :subjectType', { subjectType: q.subjectType });
    if (q.subjectId) qb.andWhere('a.subject_id = :subjectId', { subjectId: q.subjectId });
    if (q.result) qb.andWhere('a.result = :result', { result: q.result });
    if (q.from) qb.andWhere('a.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.occurred_at < :to', { to: q.to });
    return (
      qb
        .orderBy('a.occurred_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        // offset/limit, not skip/take: the joins are many-to-one, so TypeORM's two-query pagination buys nothing.
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .getManyAndCount()
    );
  }

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
