import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { UserQueryDto } from './dto/user-query.dto';
import { User } from './user.entity';

export interface UserWithOrganisation extends User {
  organisationName: string;
  organisationType: string;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  private withManager(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.repo;
  }

  findByUsername(username: string): Promise<User | null> {
    return this.repo.findOneBy({ username: username.trim().toLowerCase() });
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.withManager(manager).findOneBy({ id });
  }

  async findWithOrganisation(id: string): Promise<UserWithOrganisation | null> {
    const row = await this.repo.createQueryBuilder('u').innerJoinAndSelect('u.organisation', 'o').where('u.id = :id', { id }).getOne();
    return row ? withOrg(row) : null;
  }

  async search(q: UserQueryDto): Promise<[UserWithOrganisation[], number]> {
    const qb = this.repo.createQueryBuilder('u').innerJoinAndSelect('u.organisation', 'o');
    if (q.organisationId) qb.andWhere('u.organisation_id = :org', { org: q.organisationId });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.q) {
      qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: `%${q.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const [rows, total] = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('u.username', 'ASC')
      // offset/limit, not skip/take: the joins are many-to-one, so TypeORM's two-query pagination buys nothing.
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
    return [rows.map(withOrg), total];
  }

  async create(data: Partial<User>, manager?: EntityManager): Promise<User> {
    const repo = this.withManager(manager);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<User>, manager?: EntityManager): Promise<void> {
    await this.withManager(manager).update({ id }, patch);
  }

  /**
   * Counts a failed login in one statement, so concurrent guesses cannot slip past the limit.
   * An expired lock starts a fresh count.
   */
  async recordFailedLogin(id: string, maxFailures: number, lockMinutes: number): Promise<{ failures: number; lockedUntil: Date | null }> {
    type Row = { failed_login_count: number; locked_until: Date | null };
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [Row[], number] = await this.repo.query(
      `UPDATE app_user SET
         failed_login_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_login_count + 1 END,
         locked_until = CASE
           WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL
           WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3)
           ELSE locked_until END
       WHERE id = $1
       RETURNING failed_login_count, locked_until`,
      [id, maxFailures, lockMinutes],
    );
    const row = rows[0]!;
    return { failures: row.failed_login_count, lockedUntil: row.locked_until };
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.repo.update({ id }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: () => 'now()' });
  }

  /** Used on every authenticated request: the account still exists, is enabled and unchanged, and the session lives. */
  async isSessionLive(userId: string, role: string, organisationId: string, familyId: string): Promise<boolean> {
    const rows: unknown[] = await this.repo.query(
      `SELECT 1 FROM app_user u
        WHERE u.id = $1 AND u.role = $2 AND u.organisation_id = $3 AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_session s WHERE s.family_id = $4 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())`,
      [userId, role, organisationId, familyId],
    );
    return rows.length > 0;
  }
}

function withOrg(u: User): UserWithOrganisation {
  return Object.assign(u, { organisationName: u.organisation?.name ?? '', organisationType: u.organisation?.type ?? '' });
}
