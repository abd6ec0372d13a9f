import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { UserQueryDto } from './dto/user-query.dto';
import { type Role, User } from './user.entity';

/** Which accounts a lookup may return. */
export interface AccountReach {
  trainees: boolean;
}

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

  /** `reach.trainees: false` leaves trainees' accounts out (the access policy says who sees them). */
  async findWithOrganisation(id: string, reach: AccountReach = { trainees: true }): Promise<UserWithOrganisation | null> {
    const qb = this.repo.createQueryBuilder('u').innerJoinAndSelect('u.organisation', 'o').where('u.id = :id', { id });
    if (!reach.trainees) qb.andWhere(`u.role <> 'trainee'`);
    const row = await qb.getOne();
    return row ? withOrg(row) : null;
  }

  async search(q: UserQueryDto, reach: AccountReach = { trainees: true }): Promise<[UserWithOrganisation[], number]> {
    const qb = this.repo.createQueryBuilder('u').innerJoinAndSelect('u.organisation', 'o');
    if (!reach.trainees) qb.andWhere(`u.role <> 'trainee'`);
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

  /**
   * Enabled accounts of a role other than `exceptId`. Locks every enabled account of the role (in id
   * order, so concurrent callers queue rather than deadlock): two admins disabling the last two
   * auditors at once cannot both pass.
   */
  async countOtherEnabled(role: Role, exceptId: string, manager: EntityManager): Promise<number> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE role = $1 AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
      [role],
    );
    return rows.filter((r) => r.id !== exceptId).length;
  }

  async create(data: Partial<User>, manager?: EntityManager): Promise<User> {
    const repo = this.withManager(manager);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<User>, manager?: EntityManager): Promise<void> {
    await this.withManager(manager).update({ id }, patch);
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
