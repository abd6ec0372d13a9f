import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { creditCodeProblem } from '../common/check-digits';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { ReferenceService } from '../reference/reference.service';
import type {
  CreateOrganisationDto,
  EmployerDecisionDto,
  OrganisationDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { toOrganisationDto } from './organisation.mapper';
import type { Organisation } from './organisation.entity';
import { type OrganisationScope, OrganisationsRepository } from './organisations.repository';

/** The organisations the caller reaches: all (admins), else their own (the access policy decides which). */
export const organisationScope = (access: AccessService, user: AuthUser): OrganisationScope => {
  const organisationId = access.organisationOf(user);
  return organisationId ? { kind: 'own', organisationId } : { kind: 'all' };
};

const notFoundOrg = () => notFound('ORGANISATION');

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, q: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    const [rows, total] = await this.organisations.search(q, organisationScope(this.access, user));
    return pageOf(
      rows.map((r) => toOrganisationDto(r, r.divisionName)),
      total,
      q,
    );
  }

  async get(user: AuthUser, id: string): Promise<OrganisationDto> {
    const org = await this.organisations.findInScope(id, organisationScope(this.access, user));
    if (!org) throw notFoundOrg();
    return toOrganisationDto(org);
  }

  async create(admin: AuthUser, dto: CreateOrganisationDto, ctx: RequestContext): Promise<OrganisationDto> {
    await this.assertDivision(dto.divisionCode);
    if (dto.type !== 'employer' && dto.creditCode === undefined && dto.overrideCreditCode) {
      throw badRequest('OVERRIDE_WITHOUT_CODE');
    }
    const override = dto.creditCode ? this.creditCodeDecision(dto.creditCode, dto.overrideCreditCode === true) : false;
    const id = await this.dataSource.transaction(async (m) => {
      if (dto.creditCode) await this.assertCreditCodeFree(dto.creditCode, m);
      const org = await this.organisations.create(
        {
          name: dto.name,
          type: dto.type,
          divisionCode: dto.divisionCode,
          creditCode: dto.creditCode ?? null,
          creditCodeOverride: override,
          // An admin creating an employer has verified it in doing so.
          status: dto.type === 'employer' ? 'verified' : 'active',
          verifiedAt: dto.type === 'employer' ? new Date() : null,
          verifiedBy: dto.type === 'employer' ? admin.id : null,
          contactName: dto.contactName ?? null,
          contactPhone: dto.contactPhone ?? null,
        },
        m,
      );
      await this.audit.record(
        {
          actor: admin,
          action: 'organisation.create',
          subjectType: 'organisation',
          subjectId: org.id,
          result: 'success',
          ctx,
          detail: { type: dto.type, ...(override ? { creditCodeOverride: true, reason: dto.overrideReason } : {}) },
        },
        m,
      );
      return org.id;
    });
    return this.get(admin, id);
  }

  async update(admin: AuthUser, id: string, dto: UpdateOrganisationDto, ctx: RequestContext): Promise<OrganisationDto> {
    if (dto.divisionCode) await this.assertDivision(dto.divisionCode);
    await this.dataSource.transaction(async (m) => {
      const org = await this.organisations.findForUpdate(id, m);
      if (!org) throw notFoundOrg();
      if (dto.status && org.type === 'employer') {
        throw badRequest('EMPLOYER_STATUS_BY_DECISION');
      }
      if (dto.status === 'inactive' && org.type === 'bureau') {
        throw badRequest('BUREAU_ALWAYS_ACTIVE');
      }
      await this.organisations.update(id, dto, m);
      await this.audit.record(
        {
          actor: admin,
          action: 'organisation.update',
          subjectType: 'organisation',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { fields: Object.keys(dto) },
        },
        m,
      );
    });
    return this.get(admin, id);
  }

  /** An admin verifies or rejects a self-registered employer. Overriding a failing code is audited with its reason. */
  async decideEmployer(admin: AuthUser, id: string, dto: EmployerDecisionDto, ctx: RequestContext): Promise<OrganisationDto> {
    await this.dataSource.transaction(async (m) => {
      const org = await this.organisations.findForUpdate(id, m);
      if (!org) throw notFoundOrg();
      if (org.type !== 'employer') {
        throw badRequest('NOT_AN_EMPLOYER');
      }
      if (dto.decision === 'verify') {
        const override = this.creditCodeDecision(org.creditCode ?? '', dto.overrideCreditCode === true);
        await this.organisations.update(
          id,
          { status: 'verified', statusReason: null, verifiedAt: new Date(), verifiedBy: admin.id, creditCodeOverride: override },
          m,
        );
        await this.audit.record(
          {
            actor: admin,
            action: override ? 'organisation.verify_override' : 'organisation.verify',
            subjectType: 'organisation',
            subjectId: id,
            result: 'success',
            ctx,
            detail: override ? { creditCodeOverride: true, reason: dto.reason } : undefined,
          },
          m,
        );
      } else {
        await this.organisations.update(
          id,
          { status: 'rejected', statusReason: dto.reason ?? null, verifiedAt: null, verifiedBy: null },
          m,
        );
        await this.audit.record(
          {
            actor: admin,
            action: 'organisation.reject',
            subjectType: 'organisation',
            subjectId: id,
            result: 'success',
            ctx,
            detail: { reason: dto.reason },
          },
          m,
        );
      }
    });
    return this.get(admin, id);
  }

  /** Returns whether the code is accepted only by override; refuses a failing code without one. */
  creditCodeDecision(creditCode: string, override: boolean): boolean {
    const problem = creditCodeProblem(creditCode);
    if (!problem) return false;
    if (override) return true;
    throw problem === 'format'
      ? badRequest('CREDIT_CODE_INVALID', { problem })
      : badRequest('CREDIT_CODE_INVALID.ORGANISATIONS', { problem });
  }

  async assertDivision(code: string): Promise<void> {
    if (!(await this.reference.divisionExists(code))) {
      throw badRequest('UNKNOWN_DIVISION', { code });
    }
  }

  async assertCreditCodeFree(creditCode: string, m?: EntityManager): Promise<void> {
    if (await this.organisations.creditCodeTaken(creditCode, m)) {
      throw conflict('CREDIT_CODE_TAKEN');
    }
  }

  /** An organisation (with its division) by id, or null: for other modules checking what they link to. */
  /** The community stations a person can be handed or transferred to (a directory: names and divisions only). */
  async activeStations(): Promise<{ id: string; name: string; divisionCode: string; divisionName: string }[]> {
    return (await this.organisations.activeStations()).map((r) => ({
      id: r.id,
      name: r.name,
      divisionCode: r.division_code,
      divisionName: r.division_name,
    }));
  }

  findOrganisation(id: string, m?: EntityManager): Promise<Organisation | null> {
    return this.organisations.findInScope(id, { kind: 'all' }, m);
  }

  /** Whether the organisation is an employer whose registration was verified (the only kind a trainee may share with). */
  isVerifiedEmployer(id: string, m?: EntityManager): Promise<boolean> {
    return this.organisations.isVerifiedEmployer(id, m);
  }

  createInTransaction(data: Partial<Organisation>, m: EntityManager): Promise<Organisation> {
    return this.organisations.create(data, m);
  }
}
