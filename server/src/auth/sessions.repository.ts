import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { RefreshSession } from './refresh-session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(RefreshSession) private readonly repo: Repository<RefreshSession>) {}

  private of(manager?: EntityManager) {
    return manager ? manager.getRepository(RefreshSession) : this.repo;
  }

  async create(data: Partial<RefreshSession>, manager?: EntityManager): Promise<RefreshSession> {
    const repo = this.of(manager);
    return repo.save(repo.create(data));
  }

  /** Locks the row so two refreshes with the same token cannot both rotate it. */
  findForUpdate(id: string, manager: EntityManager): Promise<RefreshSession | null> {
    return manager.getRepository(RefreshSession).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string): Promise<RefreshSession | null> {
    return this.repo.findOneBy({ id });
  }

  async markRotated(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshSession).update({ id }, { rotatedAt: new Date(), revokedAt: new Date(), revokeReason: 'rotated' });
  }

  async revokeFamily(familyId: string, reason: string, manager?: EntityManager): Promise<number> {
    const res = await this.of(manager).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: reason });
    return res.affected ?? 0;
  }

  async revokeAllForUser(userId: string, reason: string, manager?: EntityManager, exceptFamilyId?: string): Promise<number> {
    const qb = this.of(manager)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptFamilyId) qb.andWhere('family_id <> :exceptFamilyId', { exceptFamilyId });
    const res = await qb.execute();
    return res.affected ?? 0;
  }

  /**
   * Housekeeping: deletes up to `limit` sessions that can no longer be used — expired ones, and ones
   * revoked over 30 days ago whose family has no live session left. A rotated row of a family still
   * in use is kept until it expires: presenting it again is how a stolen copy is caught.
   * Returns how many rows went.
   */
  async deleteExpired(limit: number, manager?: EntityManager): Promise<number> {
    const [, affected] = await this.of(manager).query<[unknown, number]>(
      `DELETE FROM refresh_session WHERE id IN (
         SELECT s.id FROM refresh_session s
          WHERE s.expires_at < now()
             OR (s.revoked_at < now() - interval '30 days'
                 AND NOT EXISTS (SELECT 1 FROM refresh_session l
                                  WHERE l.family_id = s.family_id AND l.revoked_at IS NULL AND l.expires_at > now()))
          LIMIT $1)`,
      [limit],
    );
    return affected;
  }
}
