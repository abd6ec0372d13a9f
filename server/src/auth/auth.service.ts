import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { MeDto, SessionDto } from './dto/session.dto';
import { assertPasswordAcceptable, dummyVerify, hashPassword, verifyPassword } from '../users/password';
import { SessionsRepository } from './sessions.repository';
import { AltchaChallengeService } from './throttle/altcha-challenge.service';
import { SignInThrottleService } from './throttle/sign-in-throttle.service';
import type { MfaChallengeDto, MfaLoginDto } from '../mfa/dto/mfa.dto';
import { MfaService } from '../mfa/mfa.service';
import { maskAddress, sessionIdleError, sessionMaxAgeError, STAFF_IDLE_MINUTES, staffSessionEnd } from './sessions.service';

/** What goes into an access token. `sid` is the refresh family: revoking it kills the token too. */
export interface AccessTokenPayload {
  sub: string;
  username: string;
  role: AuthUser['role'];
  org: string;
  sid: string;
  /** Present only while an account that must have a second factor has none: it may only enrol. */
  mfa?: 'pending';
}

export interface IssuedSession extends SessionDto {
  refreshToken: string;
  refreshExpiresAt: Date;
}

const invalidCredentials = () => new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS');

/** Neutral on purpose: the same for any username, existing or not, so it tells nothing about accounts. */
const challengeRequired = () => new DomainError(HttpStatus.UNAUTHORIZED, 'CHALLENGE_REQUIRED');

const invalidRefresh = () => new DomainError(HttpStatus.UNAUTHORIZED, 'SESSION_EXPIRED');

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly mfa: MfaService,
    private readonly access: AccessService,
    private readonly throttle: SignInThrottleService,
    private readonly challenges: AltchaChallengeService,
  ) {}

  /**
   * Checks a username and password under sign-in throttling (no lockout). Every attempt is counted
   * for the account and the client address before the password is looked at; inside a wait (after
   * repeated failures) the answer is CHALLENGE_REQUIRED unless the attempt carries a solved ALTCHA
   * challenge, which is always let through — an attacker's guesses can slow an account down, never
   * keep its owner out. Unknown user, wrong password and a disabled account with a wrong password
   * get one answer after the same work; so do throttled known and unknown names. Only the right
   * password learns that an account is disabled.
   */
  async verifyCredentials(username: string, password: string, ctx: RequestContext, altcha?: string): Promise<User> {
    const solved = await this.challenges.redeem(altcha);
    const claim = await this.throttle.claim(username, ctx.ip, solved);
    if (!claim) {
      // Nothing here depends on whether the account exists; the password check's cost is paid anyway.
      await dummyVerify(password);
      await this.audit.record({
        actor: null,
        actorUsername: username,
        action: 'auth.login',
        result: 'denied',
        ctx,
        detail: { reason: 'challenge_required', challengeFailed: altcha !== undefined },
      });
      throw challengeRequired();
    }
    const user = await this.users.findByUsername(username);
    if (!user) {
      await dummyVerify(password);
      await this.audit.record({
        actor: null,
        actorUsername: username,
        action: 'auth.login',
        result: 'failure',
        ctx,
        detail: { reason: 'unknown_user', failures: claim.accountFailures, challengeSolved: solved },
      });
      throw invalidCredentials();
    }
    const actor = { id: user.id, username: user.username, role: user.role, organisationId: user.organisationId };
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.audit.record({
        actor,
        action: 'auth.login',
        result: 'failure',
        ctx,
        detail: { reason: 'wrong_password', failures: claim.accountFailures, challengeSolved: solved },
      });
      throw invalidCredentials();
    }
    await this.throttle.succeeded(claim);
    if (user.disabledAt) {
      await this.audit.record({ actor, action: 'auth.login', result: 'denied', ctx, detail: { reason: 'disabled' } });
      throw new DomainError(HttpStatus.FORBIDDEN, 'ACCOUNT_DISABLED');
    }
    return user;
  }

  /**
   * The right password opens a new refresh family — unless the account has a confirmed second
   * factor: then the answer is a single-purpose mfaToken and the session waits for `completeMfa`.
   */
  async login(user: User, ctx: RequestContext, userAgent: string | undefined): Promise<IssuedSession | MfaChallengeDto> {
    if (await this.mfa.hasConfirmed(user.id)) return this.mfa.openChallenge(user);
    return this.openSession(user, ctx, userAgent);
  }

  /** The second sign-in step: a code (or a recovery code) for the mfaToken, then the session. */
  async completeMfa(dto: MfaLoginDto, ctx: RequestContext, userAgent: string | undefined): Promise<IssuedSession> {
    if ((dto.code === undefined) === (dto.recoveryCode === undefined)) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'MFA_ANSWER_REQUIRED');
    }
    const { userId, method } = await this.mfa.verifyChallenge(dto.mfaToken, dto, ctx);
    const user = await this.users.findAccount(userId);
    // Disabled between the password and the code: no session.
    if (!user || user.disabledAt) throw invalidRefresh();
    return this.openSession(user, ctx, userAgent, method);
  }

  private async openSession(
    user: User,
    ctx: RequestContext,
    userAgent: string | undefined,
    mfa?: 'totp' | 'recovery',
  ): Promise<IssuedSession> {
    await this.users.recordSuccessfulLogin(user.id);
    const issued = await this.issue(user, randomUUID(), userAgent, undefined, { ctx });
    await this.audit.record({
      actor: { id: user.id, username: user.username, role: user.role, organisationId: user.organisationId },
      action: 'auth.login',
      result: 'success',
      ctx,
      ...(mfa ? { detail: { mfa } } : {}),
    });
    return issued;
  }

  /**
   * Rotates a refresh token. Presenting a token that was already rotated means someone holds a
   * copy: the whole family is revoked and everyone holding it must sign in again. A staff session
   * also ends when unused for STAFF_IDLE_MINUTES or STAFF_MAX_SESSION_HOURS after sign-in (see
   * `staffSessionEnd`); trainees' and employers' sessions keep the plain refresh lifetime.
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
      if (session.revokedAt) return { kind: 'invalid' as const };
      const user = await this.users.findAccount(session.userId, manager);
      if (!user || user.disabledAt) return { kind: 'invalid' as const };
      // Checked before expiry so an over-age staff session is told why (and audited), not just "expired".
      const now = new Date();
      const ended = this.access.can(user, 'session.staff_limits')
        ? staffSessionEnd({ startedAt: session.startedAt, lastUsedAt: session.createdAt }, now)
        : null;
      if (ended) {
        await this.sessions.revokeFamily(session.familyId, ended === 'idle' ? 'idle_timeout' : 'max_age', manager);
        return ended === 'idle' ? { kind: 'idle' as const, session, user } : { kind: 'max_age' as const, session, user };
      }
      if (session.expiresAt <= now) return { kind: 'invalid' as const };
      await this.sessions.markRotated(session.id, manager);
      const issued = await this.issue(user, session.familyId, userAgent, manager, { startedAt: session.startedAt, ctx });
      return { kind: 'ok' as const, session, user, issued };
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
      throw new DomainError(HttpStatus.UNAUTHORIZED, 'SESSION_REVOKED');
    }
    if (outcome.kind === 'idle' || outcome.kind === 'max_age') {
      const { user, session } = outcome;
      await this.audit.record({
        actor: { id: user.id, username: user.username, role: user.role, organisationId: user.organisationId },
        action: outcome.kind === 'idle' ? 'auth.idle_timeout' : 'auth.session_max_age',
        subjectType: 'user',
        subjectId: user.id,
        result: 'success',
        ctx,
        detail: {
          familyId: session.familyId,
          startedAt: session.startedAt.toISOString(),
          lastUsedAt: session.createdAt.toISOString(),
          ...(outcome.kind === 'idle' ? { idleMinutes: STAFF_IDLE_MINUTES } : {}),
        },
      });
      throw outcome.kind === 'idle' ? sessionIdleError() : sessionMaxAgeError();
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
    const u = await this.users.findAccountWithOrganisation(user.id);
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
    const u = await this.users.findAccount(user.id);
    if (!u || !(await verifyPassword(u.passwordHash, current))) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'WRONG_CURRENT_PASSWORD');
    }
    assertPasswordAcceptable(next, u.username);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPasswordHash(u.id, await hashPassword(next), manager);
      await this.sessions.revokeAllForUser(u.id, 'password_changed', manager, user.sid);
      await this.audit.record(
        { actor: user, action: 'auth.password_change', subjectType: 'user', subjectId: u.id, result: 'success', ctx },
        manager,
      );
    });
  }

  /**
   * Stores a new refresh token of `familyId` and signs its access token. `more` is optional so
   * existing callers keep working: `startedAt` carries the family's sign-in time across rotations
   * (a new family starts now), `ctx` gives the client address kept (masked) for the sessions page.
   */
  private async issue(
    user: User,
    familyId: string,
    userAgent: string | undefined,
    manager?: EntityManager,
    more: { startedAt?: Date; ctx?: RequestContext } = {},
  ): Promise<IssuedSession> {
    const secret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    const session = await this.sessions.create(
      {
        userId: user.id,
        familyId,
        tokenHash: sha256(secret),
        expiresAt: refreshExpiresAt,
        userAgent: userAgent?.slice(0, 300) ?? null,
        startedAt: more.startedAt ?? new Date(),
        clientAddress: maskAddress(more.ctx?.ip),
      },
      manager,
    );
    const payload: AccessTokenPayload = { sub: user.id, username: user.username, role: user.role, org: user.organisationId, sid: familyId };
    // Looked up on every issue (sign-in and refresh), so enrolling lifts the limit at the next refresh.
    if (await this.mfa.enrolmentPending(user)) payload.mfa = 'pending';
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    return {
      accessToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, organisationId: user.organisationId },
      refreshToken: `${session.id}.${secret}`,
      refreshExpiresAt,
      ...(payload.mfa ? { mfa: payload.mfa } : {}),
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
