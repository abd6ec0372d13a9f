import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { DomainEvents } from '../common/events/domain-events';
import type { OrganisationType } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { AccountCredentialsRevoked, AccountUnlocked } from './account.events';
import type { CreateUserDto, ResetPasswordDto, SetPermissionsDto, UpdateUserDto, UserDto } from './dto/user.dto';
import type { UserQueryDto } from './dto/user-query.dto';
import type { Role } from '../common/role';
import type { User } from './user.entity';
import { assertPasswordAcceptable, hashPassword } from './password';
import { toUserDto } from './user.mapper';
import { type AccountReach, type UserWithOrganisation, UsersRepository } from './users.repository';

/** Which organisations each role belongs to. */
export const ROLE_ORGANISATION_TYPES: Record<Role, readonly OrganisationType[]> = {
  admin: ['bureau'],
  security_admin: ['bureau'],
  audit_admin: ['bureau'],
  counsellor: ['facility', 'community_station'],
  instructor: ['school', 'training_provider'],
  employer: ['employer'],
  trainee: ['facility', 'community_station'],
};

const notFoundUser = () => notFound('ACCOUNT');

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
  ) {}

  // ---- for other modules (sign-in, second factor, trainees, follow-ups): accounts by key ----

  /** The account signing in with this username (any case), or null. */
  findByUsername(username: string): Promise<User | null> {
    return this.users.findByUsername(username);
  }

  /** An account by id, or null; pass the transaction's manager when inside one. */
  findAccount(id: string, manager?: EntityManager): Promise<User | null> {
    return this.users.findById(id, manager);
  }

  /** An account with its organisation's name and type, or null. */
  findAccountWithOrganisation(id: string): Promise<UserWithOrganisation | null> {
    return this.users.findWithOrganisation(id);
  }

  /** A successful sign-in: clears the failure count and notes the time. */
  recordSuccessfulLogin(id: string): Promise<void> {
    return this.users.recordSuccessfulLogin(id);
  }

  /** Stores a new password hash (the caller checked the old password and the rule). */
  setPasswordHash(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    return this.users.update(id, { passwordHash }, manager);
  }

  /** Who hears of a station's overdue follow-up visits: its heads (`station.head`) and the system administrators. */
  escalationRecipients(stationId: string, manager: EntityManager): Promise<string[]> {
    return this.users.escalationRecipients(stationId, manager);
  }

  /** For other modules' notices: the enabled employer accounts of an organisation. */
  employerAccountIds(organisationId: string, manager?: EntityManager): Promise<string[]> {
    return this.users.employerAccountIds(organisationId, manager);
  }

  /** The system administrator sees every account; the security administrator staff accounts only. */
  async list(caller: AuthUser, q: UserQueryDto): Promise<Page<UserDto>> {
    const [rows, total] = await this.users.search(q, this.reachOf(caller));
    return pageOf(rows.map(toUserDto), total, q);
  }

  async get(caller: AuthUser, id: string): Promise<UserDto> {
    const u = await this.users.findWithOrganisation(id, this.reachOf(caller));
    if (!u) throw notFoundUser();
    return toUserDto(u);
  }

  private reachOf(caller: AuthUser): AccountReach {
    return { trainees: this.access.can(caller, 'users.trainee_accounts') };
  }

  async create(admin: AuthUser, dto: CreateUserDto, ctx: RequestContext): Promise<UserDto> {
    assertPasswordAcceptable(dto.password, dto.username);
    const org = await this.organisations.findOrganisation(dto.organisationId);
    if (!org) throw badRequest('UNKNOWN_ORGANISATION.USERS');
    if (!ROLE_ORGANISATION_TYPES[dto.role].includes(org.type)) {
      throw badRequest('ROLE_ORGANISATION_MISMATCH', { role: dto.role, type: org.type }, { allowed: ROLE_ORGANISATION_TYPES[dto.role] });
    }
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (m) => {
      const user = await this.createAccount({ ...dto, passwordHash }, m);
      await this.audit.record(
        {
          actor: admin,
          action: 'user.create',
          subjectType: 'user',
          subjectId: user.id,
          result: 'success',
          ctx,
          detail: { role: dto.role, organisationId: dto.organisationId },
        },
        m,
      );
      return user.id;
    });
    return this.get(admin, id);
  }

  /** Creates an account inside the caller's transaction; a taken username is a clear 409. */
  async createAccount(
    data: { username: string; displayName: string; role: Role; organisationId: string; phone?: string | null; passwordHash: string },
    m: EntityManager,
  ): Promise<User> {
    const username = data.username.trim().toLowerCase();
    if (await m.getRepository('app_user').existsBy({ username })) {
      throw conflict('USERNAME_TAKEN', { username });
    }
    return this.users.create({ ...data, username, phone: data.phone ?? null }, m);
  }

  /**
   * The system administrator's edit: name, phone, lockout, enabled. No role (it never changes: a
   * different power is a new account) and no permissions (the security administrator's).
   */
  async update(admin: AuthUser, id: string, dto: UpdateUserDto, ctx: RequestContext): Promise<UserDto> {
    if (dto.disabled === true && id === admin.id) {
      throw badRequest('CANNOT_DISABLE_SELF');
    }
    let username = '';
    await this.dataSource.transaction(async (m) => {
      const user = await this.users.findById(id, m);
      if (!user) throw notFoundUser();
      username = user.username;
      const patch: Partial<User> = {};
      if (dto.displayName !== undefined) patch.displayName = dto.displayName;
      if (dto.phone !== undefined) patch.phone = dto.phone;
      if (dto.unlock) Object.assign(patch, { failedLoginCount: 0, lockedUntil: null });
      if (dto.disabled !== undefined) patch.disabledAt = dto.disabled ? (user.disabledAt ?? new Date()) : null;
      if (dto.disabled === true && !user.disabledAt && this.access.can(user, 'users.keep_one_enabled')) {
        if ((await this.users.countOtherEnabled(user.role, id, m)) === 0) {
          throw conflict('LAST_ENABLED_OF_ROLE');
        }
      }
      if (Object.keys(patch).length > 0) await this.users.update(id, patch, m);
      if (dto.disabled === true) await this.events.publish(new AccountCredentialsRevoked(id, 'account_disabled', m));
      const action =
        dto.disabled === true ? 'user.disable' : dto.disabled === false ? 'user.enable' : dto.unlock ? 'user.unlock' : 'user.update';
      await this.audit.record(
        {
          actor: admin,
          action,
          subjectType: 'user',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { fields: Object.keys(dto) },
        },
        m,
      );
    });
    // "Unlock" now means: forget the sign-in throttle's failures for this account (there is no lock).
    if (dto.unlock) await this.events.publish(new AccountUnlocked(username));
    return this.get(admin, id);
  }

  /**
   * The security administrator's grant or revoke: replaces the account's permissions, with a reason,
   * audited with what was granted and what revoked. Only staff who read trainees' files (counsellors,
   * system administrators) may hold one; the security administrator cannot grant one to themselves.
   */
  async setPermissions(actor: AuthUser, id: string, dto: SetPermissionsDto, ctx: RequestContext): Promise<UserDto> {
    await this.dataSource.transaction(async (m) => {
      const visible = await this.users.findWithOrganisation(id, this.reachOf(actor));
      const user = visible && (await this.users.findById(id, m));
      if (!user) throw notFoundUser();
      if (dto.permissions.length > 0 && !this.access.can(user, 'identity.unmask.holder')) {
        throw badRequest('PERMISSION_NOT_FOR_ROLE', { permissions: dto.permissions });
      }
      const granted = dto.permissions.filter((p) => !user.permissions.includes(p));
      const revoked = user.permissions.filter((p) => !dto.permissions.includes(p));
      await this.users.update(id, { permissions: dto.permissions }, m);
      await this.audit.record(
        {
          actor,
          action: 'user.permissions',
          subjectType: 'user',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { granted, revoked, permissions: dto.permissions, reason: dto.reason },
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  /** Sets a temporary password, lifts any lockout and ends the account's sessions. */
  async resetPassword(admin: AuthUser, id: string, dto: ResetPasswordDto, ctx: RequestContext): Promise<void> {
    const user = await this.users.findById(id);
    if (!user) throw notFoundUser();
    assertPasswordAcceptable(dto.newPassword, user.username);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (m) => {
      await this.users.update(id, { passwordHash, failedLoginCount: 0, lockedUntil: null }, m);
      await this.events.publish(new AccountCredentialsRevoked(id, 'password_reset', m));
      await this.audit.record(
        { actor: admin, action: 'user.password_reset', subjectType: 'user', subjectId: id, result: 'success', ctx },
        m,
      );
    });
  }

  /**
   * Disables accounts for a reason decided elsewhere (the person's record was sealed): each account's
   * sessions end in the same transaction. Accounts already disabled are left as they are.
   */
  async disableAccounts(ids: readonly string[], m: EntityManager): Promise<void> {
    for (const id of ids) {
      await this.users.update(id, { disabledAt: new Date() }, m);
      await this.events.publish(new AccountCredentialsRevoked(id, 'account_disabled', m));
    }
  }
}
