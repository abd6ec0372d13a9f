import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { OrganisationQueryDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';
import type { OrganisationFields } from './organisation.mapper';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

/**
 * The columns the list shows and nothing more (every column read is parsed on every row: a timestamp
 * nobody shows, or the division as a JSON object, cost more than the row's mapping), named as the
 * entity's properties; the division's name as `divisionName`.
 */
const ORGANISATION_COLUMNS = `o.id, o.name, o.type, o.division_code AS "divisionCode", o.credit_code AS "creditCode",
  o.credit_code_override AS "creditCodeOverride", o.status, o.status_reason AS "statusReason", o.contact_name AS "contactName",
  o.contact_phone AS "contactPhone", o.verified_at AS "verifiedAt", o.created_at AS "createdAt", d.name AS "divisionName"`;

/** A row of the list: what `toOrganisationDto` reads, the division by its name. */
export type OrganisationListRow = OrganisationFields & { divisionName: string | null };

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

  /** One page and the exact total in one statement (issue 17): organisations are few, the count is exact. */
  async search(q: OrganisationQueryDto, scope: OrganisationScope): Promise<[OrganisationListRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (scope.kind === 'own') where.push(`o.id = $${params.push(scope.organisationId)}`);
    if (q.type) where.push(`o.type = $${params.push(q.type)}`);
    if (q.status) where.push(`o.status = $${params.push(q.status)}`);
    if (q.divisionCode) where.push(`o.division_code = $${params.push(q.divisionCode)}`);
    if (q.q) {
      const term = q.q.trim().replace(/[%_\\]/g, '\\$&');
      where.push(`(o.name ILIKE $${params.push(`%${term}%`)} OR o.credit_code LIKE $${params.push(`${term.toUpperCase()}%`)})`);
    }
    const rows = await this.repo.query<(OrganisationListRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: ORGANISATION_COLUMNS,
        from: 'FROM organisation o LEFT JOIN division d ON d.code = o.division_code',
        countFrom: 'FROM organisation o',
        where,
        order: 'o.type, o.division_code, o.name',
        outerOrder: 'page.type, page."divisionCode", page.name',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
  }

  /** Every active community station with its division's name, by division then name. */
  activeStations(): Promise<{ id: string; name: string; division_code: string; division_name: string }[]> {
    return this.repo.query(
      `SELECT o.id, o.name, o.division_code, d.name AS division_name FROM organisation o JOIN division d ON d.code = o.division_code
        WHERE o.type = 'community_station' AND o.status = 'active' ORDER BY o.division_code, o.name`,
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
