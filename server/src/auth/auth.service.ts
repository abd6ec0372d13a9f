import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { MeDto, SessionDto } from './dto/session.dto';
import { assertPasswordAcceptable, dummyVerify, hashPassword, verifyPassword } from './password';
import { SessionsRepository } from './sessions.repository';

/** What goes into an access token. `sid` is the refresh family: revoking it kills the token too. */
export interface AccessTokenPayload {
  sub: string;
  username: string;
  role: AuthUser['role'];
  org: string;
  sid: string;
}

export interface IssuedSession extends SessionDto {
  refreshToken: string;
  refreshExpiresAt: Date;
}

const invalidCredentials = () =>
  new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', '用户名或密码不正确。', 'Wrong username or password.');

const invalidRefresh = () =>
  new DomainError(HttpStatus.UNAUTHORIZED, 'SESSION_EXPIRED', '登录已过期，请重新登录。', 'Your session has ended; please sign in again.');

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Checks a username and password with the lockout rule: after `loginMaxFailures` wrong
   * passwords in a row the account is locked for `loginLockMinutes`, and the answer says so.
   */
  async verifyCredentials(username: string, password: string, ctx: RequestContext): Promise<User> {
    const user = await this.users.findByUsername(username);
    if (!user) {
      await dummyVerify(password);
      await this.audit.record({
        actor: null,
        actorUsername: username,
        action: 'auth.login',
        result: 'failure',
        ctx,
        detail: { reason: 'unknown_user' },
      });
      throw invalidCredentials();
    }
    const actor = { id: user.id, username: user.username, role: user.role, organisationId: user.organisationId };
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.record({ actor, action: 'auth.login', result: 'denied', ctx, detail: { reason: 'locked' } });
      throw this.lockedError(user.lockedUntil);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const { failures, lockedUntil } = await this.users.recordFailedLogin(
        user.id,
        this.config.loginMaxFailures,
        this.config.loginLockMinutes,
      );
      const locked = lockedUntil !== null && lockedUntil > new Date();
      await this.audit.record({
        actor,
        action: locked ? 'auth.lockout' : 'auth.login',
        result: 'failure',
        ctx,
        detail: { reason: 'wrong_password', failures },
      });
      if (locked) throw this.lockedError(lockedUntil);
      throw invalidCredentials();
    }
    if (user.disabledAt) {
      await this.audit.record({ actor, action: 'auth.login', result: 'denied', ctx, detail: { reason: 'disabled' } });
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        'ACCOUNT_DISABLED',
        '此账号已停用，请联系管理员。',
        'This account is disabled; contact an administrator.',
      );
    }
    return user;
  }

  private lockedError(until: Date): DomainError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    return new DomainError(
      HttpStatus.LOCKED,
      'ACCOUNT_LOCKED',
      `密码连续错误${this.config.loginMaxFailures}次，账号已锁定，请${minutes}分钟后再试。`,
      `Too many wrong passwords: the account is locked. Try again in ${minutes} minute(s).`,
      { lockedUntil: until.toISOString(), minutes },
    );
  }

  /** A successful login opens a new refresh family. */
  async login(user: User, ctx: RequestContext, userAgent: string | undefined): Promise<IssuedSession> {
    await this.users.recordSuccessfulLogin(user.id);
    const issued = await this.issue(user, randomUUID(), userAgent);
    await this.audit.record({
      actor: { id: user.id, username: user.username, role: user.role, organisationId: user.organisationId },
      action: 'auth.login',
      result: 'success',
      ctx,
    });
    return issued;
  }

  /**
   * Rotates a refresh token. Presenting a token that was already rotated means someone holds a
   * copy: the whole family is revoked and everyone holding it must sign in again.
   */
  async refresh(token: string | undefined, ctx: RequestContext, userAgent: string | undefined): Promise<IssuedSession> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw invalidRefresh();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.findForUpdate(parsed.id, manager);
      if (!session || !safeEqualHex(session.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' as const };
      if (session.rotatedAt) {
        await this.sessions.revokeFamily(session.familyId, 'reuse_detected', manager);
        return { kind: 'reused' as const, session };
      }
      if (session.revokedAt || session.expiresAt <= new Date()) return { kind: 'invalid' as const };
      const user = await this.users.findById(session.userId, manager);
      if (!user || user.disabledAt) return { kind: 'invalid' as const };
      await this.sessions.markRotated(session.id, manager);
      return { kind: 'ok' as const, session, user, issued: await this.issue(user, session.familyId, userAgent, manager) };
    });
    if (outcome.kind === 'reused') {
      await this.audit.record({
        actor: null,
        action: 'auth.refresh_reuse',
        subjectType: 'user',
        subjectId: outcome.session.userId,
        result: 'denied',
        ctx,
        detail: { familyId: outcome.session.familyId },
      });
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        'SESSION_REVOKED',
        '检测到登录凭证被重复使用，为安全起见已退出所有相关登录，请重新登录。',
        'A sign-in token was used twice; for safety these sessions were ended. Please sign in again.',
      );
    }
    if (outcome.kind === 'invalid') throw invalidRefresh();
    return outcome.issued;
  }

  async logout(token: string | undefined, ctx: RequestContext): Promise<void> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return;
    const session = await this.sessions.findById(parsed.id);
    if (!session || !safeEqualHex(session.tokenHash, sha256(parsed.secret))) return;
    await this.sessions.revokeFamily(session.familyId, 'logout');
    await this.audit.record({ actor: null, action: 'auth.logout', subjectType: 'user', subjectId: session.userId, result: 'success', ctx });
  }

  async me(user: AuthUser): Promise<MeDto> {
    const u = await this.users.findWithOrganisation(user.id);
    if (!u) throw invalidRefresh();
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      organisationId: u.organisationId,
      organisationName: u.organisationName,
      organisationType: u.organisationType as MeDto['organisationType'],
      phone: u.phone,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    };
  }

  /** Changing the password ends every other session of the account. */
  async changePassword(user: AuthUser & { sid?: string }, current: string, next: string, ctx: RequestContext): Promise<void> {
    const u = await this.users.findById(user.id);
    if (!u || !(await verifyPassword(u.passwordHash, current))) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'WRONG_CURRENT_PASSWORD', '当前密码不正确。', 'The current password is wrong.');
    }
    assertPasswordAcceptable(next, u.username);
    await this.dataSource.transaction(async (manager) => {
      await this.users.update(u.id, { passwordHash: await hashPassword(next) }, manager);
      await this.sessions.revokeAllForUser(u.id, 'password_changed', manager, user.sid);
      await this.audit.record(
        { actor: user, action: 'auth.password_change', subjectType: 'user', subjectId: u.id, result: 'success', ctx },
        manager,
      );
    });
  }

  private async issue(
    user: User,
    familyId: string,
    userAgent: string | undefined,
    manager?: import('typeorm').EntityManager,
  ): Promise<IssuedSession> {
    const secret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    const session = await this.sessions.create(
      { userId: user.id, familyId, tokenHash: sha256(secret), expiresAt: refreshExpiresAt, userAgent: userAgent?.slice(0, 300) ?? null },
      manager,
    );
    const payload: AccessTokenPayload = { sub: user.id, username: user.username, role: user.role, org: user.organisationId, sid: familyId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    return {
      accessToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, organisationId: user.organisationId },
      refreshToken: `${session.id}.${secret}`,
      refreshExpiresAt,
    };
  }
}

function parseRefreshToken(token: string | undefined): { id: string; secret: string } | null {
  if (!token) return null;
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
