import { createHmac, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { FieldCipher } from '../common/crypto/field-cipher';
import { badRequest, conflict, DomainError, forbidden, notFound } from '../common/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AccountCredentialsRevoked } from '../users/account.events';
import { hashPassword, verifyPassword } from '../users/password';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { MfaChallengeDto, MfaEnrolmentStartDto, MfaRecoveryCodesDto, MfaStatusDto } from './dto/mfa.dto';
import { MfaRepository } from './mfa.repository';

/**
 * What the authenticator app on the person's phone shows for this account. Neutral on purpose: a
 * phone is seen by others, and the platform's name or anything about rehabilitation must not be.
 */
export const MFA_ISSUER = '技能与就业';

/** The mfaToken of a sign-in waiting for a code: 5 minutes, at most 5 wrong codes. */
export const MFA_TOKEN_TTL_SECONDS = 300;
export const MFA_MAX_ATTEMPTS = 5;
const RECOVERY_CODE_COUNT = 10;
/** One 30-second step either side: a phone clock a little off, or a code typed as it changed. */
const EPOCH_TOLERANCE_SECONDS = 30;
/** Recovery codes: 10 of 32 characters (50 bits), no 0/O or 1/I to misread from paper. */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const MFA_TOKEN_AUDIENCE = 'jbh:mfa';

type Actor = Pick<AuthUser, 'id' | 'username' | 'role' | 'organisationId'>;
export type MfaMethod = 'totp' | 'recovery';

const codeInvalid = () => new DomainError(HttpStatus.UNAUTHORIZED, 'MFA_CODE_INVALID');

const codeReused = () => new DomainError(HttpStatus.UNAUTHORIZED, 'MFA_CODE_REUSED');

const tokenInvalid = () => new DomainError(HttpStatus.UNAUTHORIZED, 'MFA_TOKEN_INVALID');

/** Normalises a recovery code as printed (`ABCDE-FGHJK`) or typed (`abcde fghjk`). */
export const normaliseRecoveryCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * TOTP second factor (RFC 6238) for staff: enrolment, the code step of sign-in, and reset by the
 * security administrator. The secret is encrypted at rest; each accepted code's time step is kept so
 * the same code is never accepted twice; recovery codes are argon2id hashes, each used once.
 */
@Injectable()
export class MfaService {
  private readonly tokens: JwtService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: MfaRepository,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {
    // Its own key, derived from the JWT secret: an mfaToken can never pass as an access token (and
    // the reverse), whatever its claims say.
    const key = createHmac('sha256', config.jwtSecret).update('jinbuhuan/mfa-token/v1').digest();
    this.tokens = new JwtService({ secret: key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
  }

  /** Whether required accounts without a second factor are held to the enrolment pages. */
  get enforced(): boolean {
    return this.config.mfaEnforced;
  }

  isRequired(user: Pick<User, 'role' | 'permissions'>): boolean {
    return this.access.can(user, 'mfa.required') || (user.permissions ?? []).includes('identity.unmask');
  }

  isOffered(user: Pick<User, 'role' | 'permissions'>): boolean {
    return this.isRequired(user) || this.access.can(user, 'mfa.offered');
  }

  /** True when this account must enrol before it may do anything else (the access token says `mfa: 'pending'`). */
  async enrolmentPending(user: User): Promise<boolean> {
    if (!this.enforced || !this.isRequired(user)) return false;
    return !(await this.repo.isConfirmed(user.id));
  }

  /** Whether sign-in must ask this account for a code. */
  hasConfirmed(userId: string): Promise<boolean> {
    return this.repo.isConfirmed(userId);
  }

  async status(caller: AuthUser): Promise<MfaStatusDto> {
    const user = await this.account(caller.id);
    const row = await this.repo.findEnrolment(caller.id);
    const confirmedAt = row?.confirmedAt ?? null;
    return {
      offered: this.isOffered(user),
      required: this.isRequired(user),
      enrolled: confirmedAt !== null,
      confirmedAt: confirmedAt?.toISOString() ?? null,
      recoveryCodesLeft: confirmedAt ? (row?.recoveryCodeHashes.length ?? 0) : 0,
    };
  }

  /** Starts (or restarts, while unconfirmed) an enrolment: a fresh secret, shown this once. */
  async startEnrolment(caller: AuthUser, ctx: RequestContext): Promise<MfaEnrolmentStartDto> {
    const user = await this.account(caller.id);
    if (!this.isOffered(user)) throw notOffered();
    const secret = generateSecret();
    if (!(await this.repo.startEnrolment(user.id, this.cipher.encrypt(secret)))) {
      throw conflict('MFA_ALREADY_ENROLLED');
    }
    const accountName = user.username;
    const otpauthUri = generateURI({ issuer: MFA_ISSUER, label: accountName, secret });
    const qrCode = await toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    await this.audit.record({ actor: caller, action: 'mfa.enrol', subjectType: 'user', subjectId: user.id, result: 'success', ctx });
    return { secret, otpauthUri, qrCode, issuer: MFA_ISSUER, accountName };
  }

  /** The first code from the app proves it holds the secret; the recovery codes are made now, shown once. */
  async confirmEnrolment(caller: AuthUser, code: string, ctx: RequestContext): Promise<MfaRecoveryCodesDto> {
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(recoveryCodes.map((c) => hashPassword(normaliseRecoveryCode(c))));
    const outcome = await this.repo.transaction(async (manager) => {
      const row = await this.repo.findEnrolmentForUpdate(caller.id, manager);
      if (!row) return 'none' as const;
      if (row.confirmedAt) return 'confirmed' as const;
      const step = await this.matchStep(row.secretEncrypted, code);
      if (step === null) return 'wrong' as const;
      await this.repo.confirm(caller.id, step, hashes, manager);
      await this.audit.record(
        { actor: caller, action: 'mfa.confirm', subjectType: 'user', subjectId: caller.id, result: 'success', ctx },
        manager,
      );
      return 'ok' as const;
    });
    if (outcome === 'none') {
      throw badRequest('MFA_NOT_STARTED');
    }
    if (outcome === 'confirmed') {
      throw conflict('MFA_ALREADY_SET_UP');
    }
    if (outcome === 'wrong') {
      await this.audit.record({ actor: caller, action: 'mfa.confirm', subjectType: 'user', subjectId: caller.id, result: 'failure', ctx });
      throw badRequest('MFA_CODE_INVALID.MFA');
    }
    return { recoveryCodes };
  }

  /** Turns off one's own second factor with a current code; not allowed where it is required. */
  async removeOwn(caller: AuthUser, code: string, ctx: RequestContext): Promise<void> {
    const user = await this.account(caller.id);
    if (this.isRequired(user)) {
      throw forbidden('MFA_REQUIRED_FOR_ACCOUNT');
    }
    const outcome = await this.repo.transaction(async (manager) => {
      const row = await this.repo.findEnrolmentForUpdate(caller.id, manager);
      if (!row) return 'none' as const;
      const step = await this.matchStep(row.secretEncrypted, code);
      if (step === null) return 'wrong' as const;
      if (row.lastUsedStep !== null && step <= row.lastUsedStep) return 'reused' as const;
      await this.repo.deleteEnrolment(caller.id, manager);
      await this.audit.record(
        { actor: caller, action: 'mfa.remove', subjectType: 'user', subjectId: caller.id, result: 'success', ctx },
        manager,
      );
      return 'ok' as const;
    });
    if (outcome === 'none') throw notFound('TWO_STEP_VERIFICATION');
    if (outcome === 'reused') throw codeReused();
    if (outcome === 'wrong') {
      await this.audit.record({ actor: caller, action: 'mfa.remove', subjectType: 'user', subjectId: caller.id, result: 'failure', ctx });
      throw codeInvalid();
    }
  }

  /**
   * The security administrator removes someone's second factor (lost phone). Their sessions end:
   * whoever holds the account signs in again and, where it is required, enrols anew.
   */
  async reset(admin: AuthUser, userId: string, reason: string, ctx: RequestContext): Promise<void> {
    const target = await this.users.findAccount(userId);
    if (!target) throw notFound('ACCOUNT');
    const removed = await this.repo.transaction(async (manager) => {
      if (!(await this.repo.deleteEnrolment(userId, manager))) return false;
      await this.events.publish(new AccountCredentialsRevoked(userId, 'mfa_reset', manager));
      await this.audit.record(
        { actor: admin, action: 'mfa.reset', subjectType: 'user', subjectId: userId, result: 'success', ctx, detail: { reason } },
        manager,
      );
      return true;
    });
    if (!removed) {
      throw conflict('MFA_NOT_ENROLLED');
    }
  }

  /** The login answer for an account with a confirmed second factor: a single-purpose token. */
  async openChallenge(user: User): Promise<MfaChallengeDto> {
    const id = await this.repo.createChallenge(user.id, new Date(Date.now() + MFA_TOKEN_TTL_SECONDS * 1000));
    const mfaToken = await this.tokens.signAsync(
      { purpose: 'mfa' },
      { subject: user.id, jwtid: id, audience: MFA_TOKEN_AUDIENCE, expiresIn: MFA_TOKEN_TTL_SECONDS },
    );
    return { mfaRequired: true, mfaToken, expiresIn: MFA_TOKEN_TTL_SECONDS };
  }

  /**
   * Checks the second sign-in step. Returns the account id on success; otherwise counts the attempt
   * against the token (the 5th wrong one ends it), records the failure and throws.
   */
  async verifyChallenge(
    mfaToken: string,
    answer: { code?: string; recoveryCode?: string },
    ctx: RequestContext,
  ): Promise<{ userId: string; method: MfaMethod }> {
    const claims = await this.readToken(mfaToken);
    if (!claims) throw tokenInvalid();
    const method: MfaMethod = answer.recoveryCode !== undefined ? 'recovery' : 'totp';
    const outcome = await this.repo.transaction(async (manager) => {
      const challenge = await this.repo.findChallengeForUpdate(claims.jti, manager);
      if (!challenge || challenge.userId !== claims.sub || challenge.consumedAt || challenge.expiresAt <= new Date()) {
        return { kind: 'token' as const };
      }
      if (challenge.attempts >= MFA_MAX_ATTEMPTS) return { kind: 'token' as const };
      const row = await this.repo.findEnrolmentForUpdate(challenge.userId, manager);
      if (!row?.confirmedAt) return { kind: 'token' as const };
      if (method === 'recovery') {
        const wanted = normaliseRecoveryCode(answer.recoveryCode ?? '');
        for (const hash of row.recoveryCodeHashes) {
          if (await verifyPassword(hash, wanted)) {
            await this.repo.removeRecoveryCode(row.userId, hash, manager);
            await this.repo.consumeChallenge(challenge.id, manager);
            return { kind: 'ok' as const, userId: row.userId, left: row.recoveryCodeHashes.length - 1 };
          }
        }
      } else {
        const step = await this.matchStep(row.secretEncrypted, answer.code ?? '');
        if (step !== null && row.lastUsedStep !== null && step <= row.lastUsedStep) {
          const attempts = await this.repo.countAttempt(challenge.id, manager);
          return { kind: 'reused' as const, userId: row.userId, attempts };
        }
        if (step !== null) {
          await this.repo.recordStep(row.userId, step, manager);
          await this.repo.consumeChallenge(challenge.id, manager);
          return { kind: 'ok' as const, userId: row.userId, left: row.recoveryCodeHashes.length };
        }
      }
      const attempts = await this.repo.countAttempt(challenge.id, manager);
      return { kind: 'wrong' as const, userId: row.userId, attempts };
    });
    if (outcome.kind === 'token') {
      await this.audit.record({
        actor: null,
        action: 'mfa.verify',
        subjectType: 'user',
        subjectId: claims.sub,
        result: 'denied',
        ctx,
        detail: { reason: 'token_spent' },
      });
      throw tokenInvalid();
    }
    const actor = await this.actorOf(outcome.userId);
    if (outcome.kind === 'ok') {
      await this.audit.record({
        actor,
        action: method === 'recovery' ? 'mfa.recovery_used' : 'mfa.verify',
        subjectType: 'user',
        subjectId: outcome.userId,
        result: 'success',
        ctx,
        ...(method === 'recovery' ? { detail: { recoveryCodesLeft: outcome.left } } : {}),
      });
      return { userId: outcome.userId, method };
    }
    await this.audit.record({
      actor,
      action: method === 'recovery' ? 'mfa.recovery_used' : 'mfa.verify',
      subjectType: 'user',
      subjectId: outcome.userId,
      result: 'failure',
      ctx,
      detail: { reason: outcome.kind === 'reused' ? 'code_reused' : 'wrong_code', attempts: outcome.attempts },
    });
    if (outcome.attempts >= MFA_MAX_ATTEMPTS) throw tokenInvalid();
    if (outcome.kind === 'reused') throw codeReused();
    if (method === 'recovery') {
      throw new DomainError(HttpStatus.UNAUTHORIZED, 'MFA_RECOVERY_CODE_INVALID');
    }
    throw codeInvalid();
  }

  /** The time step the code belongs to (within one step of now), or null. */
  private async matchStep(secretEncrypted: Buffer, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({ secret: this.cipher.decrypt(secretEncrypted), token: code, epochTolerance: EPOCH_TOLERANCE_SECONDS });
    // A TOTP result carries the matched time step (an HOTP one would not).
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async readToken(token: string): Promise<{ sub: string; jti: string } | null> {
    try {
      const claims = await this.tokens.verifyAsync<{ sub?: string; jti?: string; purpose?: string }>(token, {
        audience: MFA_TOKEN_AUDIENCE,
      });
      return claims.purpose === 'mfa' && claims.sub && claims.jti ? { sub: claims.sub, jti: claims.jti } : null;
    } catch {
      return null;
    }
  }

  private async account(id: string): Promise<User> {
    const user = await this.users.findAccount(id);
    if (!user) throw notFound('ACCOUNT');
    return user;
  }

  private async actorOf(id: string): Promise<Actor | null> {
    const u = await this.users.findAccount(id);
    return u ? { id: u.id, username: u.username, role: u.role, organisationId: u.organisationId } : null;
  }
}

const notOffered = () => forbidden('MFA_NOT_OFFERED');

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
