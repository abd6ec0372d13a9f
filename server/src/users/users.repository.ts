import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import type { UserQueryDto } from './dto/user-query.dto';
import type { Role } from '../common/role';
import { User } from './user.entity';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

/** The account columns the list shows, named as the entity's properties (the mapper reads those). */
const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role, u.organisation_id AS "organisationId", u.phone,
  u.permissions, u.disabled_at AS "disabledAt", u.locked_until AS "lockedUntil", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt"`;

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

  /** One page and the exact total in one statement (issue 17): accounts are few, so the count is exact. */
  async search(q: UserQueryDto, reach: AccountReach = { trainees: true }): Promise<[UserWithOrganisation[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (!reach.trainees) where.push(`u.role <> 'trainee'`);
    if (q.organisationId) where.push(`u.organisation_id = $${params.push(q.organisationId)}`);
    if (q.role) where.push(`u.role = $${params.push(q.role)}`);
    if (q.q) {
      const term = `$${params.push(`%${q.q.replace(/[%_\\]/g, '\\$&')}%`)}`;
      where.push(`(u.username ILIKE ${term} OR u.display_name ILIKE ${term})`);
    }
    const rows = await this.repo.query<(UserWithOrganisation & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${USER_COLUMNS}, o.name AS "organisationName", o.type AS "organisationType"`,
        from: 'FROM app_user u JOIN organisation o ON o.id = u.organisation_id',
        where,
        order: 'o.name, u.username',
        outerOrder: 'page."organisationName", page.username',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
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

  /**
   * Who hears of a station's overdue follow-up visit: its enabled heads (`station.head`) and the
   * bureau's enabled system administrators.
   */
  async escalationRecipients(stationId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE disabled_at IS NULL AND (role = 'admin' OR (organisation_id = $1 AND 'station.head' = ANY (permissions)))`,
      [stationId],
    );
    return rows.map((r) => r.id);
  }

  /** The enabled employer accounts of an organisation (to tell them of a decision). */
  async employerAccountIds(organisationId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.repo.manager)
      .getRepository(User)
      .find({ select: { id: true }, where: { organisationId, role: 'employer', disabledAt: IsNull() } });
    return rows.map((r) => r.id);
  }
}

function withOrg(u: User): UserWithOrganisation {
  return Object.assign(u, { organisationName: u.organisation?.name ?? '', organisationType: u.organisation?.type ?? '' });
}
