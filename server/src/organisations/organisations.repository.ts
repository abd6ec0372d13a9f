import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { OrganisationQueryDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';

/** Who is asking: admins see every organisation; everyone else only their own. */
export type OrganisationScope = { kind: 'all' } | { kind: 'own'; organisationId: string };

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectRepository(Organisation) private readonly repo: Repository<Organisation>) {}

  private of(manager?: EntityManager) {
    return manager ? manager.getRepository(Organisation) : this.repo;
  }

  async findInScope(id: string, scope: OrganisationScope, manager?: EntityManager): Promise<Organisation | null> {
    if (scope.kind === 'own' && scope.organisationId !== id) return null;
    return this.of(manager).findOne({ where: { id }, relations: { division: true } });
  }

  /** Locks the row for a decision, so two admins cannot decide the same employer at once. */
  findForUpdate(id: string, manager: EntityManager): Promise<Organisation | null> {
    return manager.getRepository(Organisation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  search(q: OrganisationQueryDto, scope: OrganisationScope): Promise<[Organisation[], number]> {
    const qb = this.repo.createQueryBuilder('o').leftJoinAndSelect('o.division', 'd');
    if (scope.kind === 'own') qb.andWhere('o.id = :own', { own: scope.organisationId });
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.divisionCode) qb.andWhere('o.division_code = :div', { div: q.divisionCode });
    if (q.q) {
      const term = q.q.trim().replace(/[%_\\]/g, '\\$&');
      qb.andWhere('(o.name ILIKE :any OR o.credit_code LIKE :prefix)', { any: `%${term}%`, prefix: `${term.toUpperCase()}%` });
    }
    return (
      qb
        .orderBy('o.type', 'ASC')
        .addOrderBy('o.division_code', 'ASC')
        .addOrderBy('o.name', 'ASC')
        // offset/limit, not skip/take: the joins are many-to-one, so TypeORM's two-query pagination buys nothing.
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .getManyAndCount()
    );
  }

  async create(data: Partial<Organisation>, manager?: EntityManager): Promise<Organisation> {
    const repo = this.of(manager);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<Organisation>, manager?: EntityManager): Promise<void> {
    await this.of(manager).update({ id }, patch);
  }

  /** Whether the organisation is an employer whose registration was verified. */
  isVerifiedEmployer(id: string, manager?: EntityManager): Promise<boolean> {
    return this.of(manager).existsBy({ id, type: 'employer', status: 'verified' });
  }

  creditCodeTaken(creditCode: string, manager?: EntityManager): Promise<boolean> {
    return this.of(manager).existsBy({ creditCode });
  }
}
