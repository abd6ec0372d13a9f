import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPasswordAcceptable, hashPassword } from '../auth/password';
import type { RequestContext } from '../common/auth-user';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersService } from '../users/users.service';
import type { EmployerRegistrationDto, RegisterEmployerDto } from './dto/register-employer.dto';

@Injectable()
export class EmployersService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Self-registration: the employer and its first account are created together (or not at all)
   * and stay `pending` until an admin verifies them.
   */
  async register(dto: RegisterEmployerDto, ctx: RequestContext): Promise<EmployerRegistrationDto> {
    assertPasswordAcceptable(dto.password, dto.username);
    await this.organisations.assertDivision(dto.divisionCode);
    const manualReview = this.organisations.creditCodeDecision(dto.creditCode, dto.requestManualReview === true);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (m) => {
      await this.organisations.assertCreditCodeFree(dto.creditCode, m);
      const org = await this.organisations.createInTransaction(
        {
          name: dto.organisationName,
          type: 'employer',
          divisionCode: dto.divisionCode,
          creditCode: dto.creditCode,
          status: 'pending',
          contactName: dto.contactName,
          contactPhone: dto.contactPhone,
        },
        m,
      );
      const user = await this.users.createAccount(
        {
          username: dto.username,
          displayName: dto.contactName,
          role: 'employer',
          organisationId: org.id,
          phone: dto.contactPhone,
          passwordHash,
        },
        m,
      );
      await this.audit.record(
        {
          actor: { id: user.id, username: user.username, role: 'employer', organisationId: org.id },
          action: 'employer.register',
          subjectType: 'organisation',
          subjectId: org.id,
          result: 'success',
          ctx,
          detail: manualReview ? { manualReview: true } : undefined,
        },
        m,
      );
      return { organisationId: org.id, organisationName: org.name, status: org.status, username: user.username, manualReview };
    });
  }
}
