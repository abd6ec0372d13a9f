import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPasswordAcceptable, hashPassword } from '../users/password';
import type { RequestContext } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersService } from '../users/users.service';
import type { EmployerRegistrationDto, RegisterEmployerDto } from './dto/register-employer.dto';

/** Thrown inside the transaction to roll it back when the username turns out to be taken. */
class UsernameTaken extends Error {}

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
   *
   * A taken username gets exactly the answer a free one gets (nothing is written, the attempt is
   * audited): this public form must not tell anyone which usernames exist — staff accounts such as
   * `admin` included. The person who really registered can sign in; one who cannot is told, on the
   * confirmation page, to try another username.
   */
  async register(dto: RegisterEmployerDto, ctx: RequestContext): Promise<EmployerRegistrationDto> {
    assertPasswordAcceptable(dto.password, dto.username);
    await this.organisations.assertDivision(dto.divisionCode);
    const manualReview = this.organisations.creditCodeDecision(dto.creditCode, dto.requestManualReview === true);
    const passwordHash = await hashPassword(dto.password);
    // Built from the request alone, so it cannot differ between a free and a taken username.
    const receipt: EmployerRegistrationDto = {
      organisationName: dto.organisationName,
      status: 'pending',
      username: dto.username,
      manualReview,
    };
    try {
      await this.dataSource.transaction(async (m) => {
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
        const user = await this.users
          .createAccount(
            {
              username: dto.username,
              displayName: dto.contactName,
              role: 'employer',
              organisationId: org.id,
              phone: dto.contactPhone,
              passwordHash,
            },
            m,
          )
          .catch((e: unknown) => {
            throw isUsernameTaken(e) ? new UsernameTaken() : e;
          });
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
      });
    } catch (e) {
      // Also a registration racing another one for the same username (the unique index answers).
      if (!(e instanceof UsernameTaken) && !isUsernameUniqueViolation(e)) throw e;
      await this.audit.record({
        actor: null,
        actorUsername: dto.username,
        action: 'employer.register',
        result: 'denied',
        ctx,
        detail: { reason: 'username_taken' },
      });
    }
    return receipt;
  }
}

const isUsernameTaken = (e: unknown): boolean => e instanceof DomainError && e.code === 'USERNAME_TAKEN';

const isUsernameUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && (e.driverError as { constraint?: string } | undefined)?.constraint === 'uq_app_user_username';
