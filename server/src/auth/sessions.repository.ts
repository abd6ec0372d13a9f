import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { RefreshSession } from './refresh-session.entity';
import { SessionRevocationsRepository } from './session-cache.repository';

/** One live session family as the my-sessions page needs it. */
export interface LiveSessionRow {
  familyId: string;
  startedAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  clientAddress: string | null;
}

/**
 * Every revocation here also announces itself (SessionRevocationsRepository.announce) in the same
 * transaction, so the session cache of every process drops the session when it commits: a method that
 * ends sessions and does not announce would let an access token work on for SESSION_CACHE_MS.
 */
@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(RefreshSession) private readonly repo: Repository<RefreshSession>,
    private readonly revocations: SessionRevocationsRepository,
  ) {}

  private of(manager?: EntityManager) {
    return manager ? manager.getRepository(RefreshSession) : this.repo;
  }

  /** Runs in the caller's transaction, or in one of its own: the revocation and its NOTIFY commit together. */
  private inTransaction<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.repo.manager.transaction(work);
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
    return this.inTransaction(manager, async (m) => {
      const res = await m
        .getRepository(RefreshSession)
        .update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: reason });
      await this.revocations.announce([{ kind: 'family', id: familyId }], m);
      return res.affected ?? 0;
    });
  }

  /** Every session of the account (but `exceptFamilyId`): announced for the whole account. */
  async revokeAllForUser(userId: string, reason: string, manager?: EntityManager, exceptFamilyId?: string): Promise<number> {
    return this.inTransaction(manager, async (m) => {
      const qb = m
        .getRepository(RefreshSession)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()', revokeReason: reason })
        .where('user_id = :userId AND revoked_at IS NULL', { userId });
      if (exceptFamilyId) qb.andWhere('family_id <> :exceptFamilyId', { exceptFamilyId });
      const res = await qb.execute();
      // Also when nothing was live: the account itself changed (disabled, new password), and a cached
      // yes for it must go whatever the rows say.
      await this.revocations.announce([{ kind: 'user', id: userId }], m);
      return res.affected ?? 0;
    });
  }

  /**
   * Used on authenticated requests (through the SessionCache), one indexed query: the session family
   * lives and its account still exists, is enabled, and has the role and organisation the access token
   * names. (It reads those `app_user` columns itself rather than asking UsersService: two round trips
   * would cost more than the rule is worth here.)
   */
  async isLive(userId: string, role: string, organisationId: string, familyId: string): Promise<boolean> {
    const rows: unknown[] = await this.repo.query(
      `SELECT 1 FROM app_user u
        WHERE u.id = $1 AND u.role = $2 AND u.organisation_id = $3 AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_session s WHERE s.family_id = $4 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())`,
      [userId, role, organisationId, familyId],
    );
    return rows.length > 0;
  }

  /**
   * The user's live families, newest use first: each family has one live row (the latest token),
   * whose `created_at` is when the family was last refreshed.
   */
  listLive(userId: string): Promise<LiveSessionRow[]> {
    return this.repo.query<LiveSessionRow[]>(
      `SELECT family_id AS "familyId", started_at AS "startedAt", created_at AS "lastUsedAt",
              user_agent AS "userAgent", client_address AS "clientAddress"
         FROM refresh_session
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC`,
      [userId],
    );
  }

  /**
   * Revokes one family of this user only: the user id is in the WHERE, so someone else's family
   * affects nothing (and the caller answers 404). Returns how many rows were revoked.
   */
  async revokeFamilyOfUser(userId: string, familyId: string, reason: string, manager?: EntityManager): Promise<number> {
    return this.inTransaction(manager, async (m) => {
      const res = await m
        .getRepository(RefreshSession)
        .update(
          { userId, familyId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
          { revokedAt: new Date(), revokeReason: reason },
        );
      if (res.affected) await this.revocations.announce([{ kind: 'family', id: familyId }], m);
      return res.affected ?? 0;
    });
  }

  /** Revokes every live family of the user but one (the caller's own); returns the families ended. */
  async revokeOtherFamilies(userId: string, keepFamilyId: string, reason: string, manager?: EntityManager): Promise<string[]> {
    return this.inTransaction(manager, async (m) => {
      const [rows] = await m.query<[{ family_id: string }[], number]>(
        `UPDATE refresh_session SET revoked_at = now(), revoke_reason = $3
          WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL AND expires_at > now()
          RETURNING family_id`,
        [userId, keepFamilyId, reason],
      );
      const families = [...new Set(rows.map((r) => r.family_id))];
      await this.revocations.announce(
        families.map((id) => ({ kind: 'family' as const, id })),
        m,
      );
      return families;
    });
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
