import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';

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
   * Retention: deletes up to `limit` of the oldest entries older than `retentionDays`. Must run in a
   * transaction (the manager's): the flag that lets the append-only trigger pass a DELETE is set for
   * this statement only and cleared again, and the trigger still refuses any row younger than 180 days.
   */
  async pruneOlderThan(retentionDays: number, limit: number, manager: EntityManager): Promise<number> {
    await manager.query(`SET LOCAL jbh.audit_prune = 'on'`);
    const [, affected] = await manager.query<[unknown, number]>(
      `DELETE FROM audit_log WHERE id IN (
         SELECT id FROM audit_log WHERE occurred_at < now() - make_interval(days => $1) ORDER BY occurred_at LIMIT $2)`,
      [retentionDays, limit],
    );
    await manager.query(`SET LOCAL jbh.audit_prune = 'off'`);
    return affected;
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
