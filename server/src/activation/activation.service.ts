import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/crypto/field-cipher';
import { badRequest, conflict } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { TraineesService } from '../trainees/trainees.service';
import { assertPasswordAcceptable, hashPassword } from '../users/password';
import { UsersService } from '../users/users.service';
import { ACTIVATION_MAX_FAILURES, activationCodeHash, newActivationCode, normaliseActivationCode } from './activation-code';
import { toActivationCodeStatusDto, toIssuedActivationCodeDto } from './activation.mapper';
import { ActivationRepository } from './activation.repository';
import type { ActivateDto, ActivatedDto, ActivationCodeStatusDto, IssuedActivationCodeDto } from './dto/activation.dto';

/**
 * One answer for every refusal of a code (unknown, mistyped, expired, used, replaced, wrong birth
 * year): telling them apart would tell a guesser which part was right.
 */
const invalid = () => badRequest('ACTIVATION_INVALID');

/** Thrown inside the activation transaction to undo it, then counted against the code outside it. */
class WrongBirthYear extends Error {}

/**
 * Release-day activation codes: a counsellor of the organisation holding a trainee who has no
 * account issues a one-time code for the handover sheet; with it (and their birth year) the person
 * creates their own trainee account on their phone. Only a keyed hash of the code is stored; the
 * code is in no audit entry, log line or later answer.
 */
@Injectable()
export class ActivationService {
  constructor(
    private readonly codes: ActivationRepository,
    private readonly trainees: TraineesService,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Issues a new code (revoking a live one); the plain code is in this answer only. */
  async issue(user: AuthUser, traineeId: string, ctx: RequestContext): Promise<IssuedActivationCodeDto> {
    await this.access.requireAccess(user, 'trainee.activation', traineeId);
    const code = newActivationCode();
    const issuedAt = this.clock.now();
    const expiresAt = new Date(issuedAt.getTime() + this.config.activationCodeDays * 86_400_000);
    await this.dataSource.transaction(async (m) => {
      // The trainee row first (as activation does): an issue and an activation never wait on each other in a cycle.
      const trainee = await this.trainees.lockTrainee(traineeId, m);
      await this.access.requireAccess(user, 'trainee.activation', traineeId, m);
      if (trainee.userId) throw conflict('TRAINEE_HAS_ACCOUNT');
      const replaced = await this.codes.revokeLive(traineeId, issuedAt, m);
      await this.codes.insert({ traineeId, codeHash: activationCodeHash(this.cipher, code), issuedBy: user.id, issuedAt, expiresAt }, m);
      await this.audit.record(
        {
          actor: user,
          action: 'activation_code.issue',
          subjectType: 'trainee',
          subjectId: traineeId,
          result: 'success',
          ctx,
          detail: { expiresAt: expiresAt.toISOString(), replacedLiveCode: replaced > 0 },
        },
        m,
      );
    });
    return toIssuedActivationCodeDto(code, issuedAt, expiresAt);
  }

  /** Whether the trainee has a live, used or expired code (and an account); never the code. */
  async status(user: AuthUser, traineeId: string): Promise<ActivationCodeStatusDto> {
    await this.access.requireAccess(user, 'trainee.activation', traineeId);
    const [latest, accounts] = await Promise.all([this.codes.latest(traineeId), this.trainees.accountIds([traineeId])]);
    return toActivationCodeStatusDto(latest, accounts.length > 0, this.clock.now());
  }

  /**
   * The person's own activation: a live code and the matching birth year create the trainee's
   * account and use the code, in one transaction. The code is used by one conditional UPDATE, so of
   * two simultaneous activations with one code exactly one succeeds.
   */
  async activate(dto: ActivateDto, ctx: RequestContext): Promise<ActivatedDto> {
    // The password rule first: it says nothing about the code.
    assertPasswordAcceptable(dto.password, dto.username);
    const code = normaliseActivationCode(dto.code);
    const now = this.clock.now();
    const live = code ? await this.codes.findLive(activationCodeHash(this.cipher, code), now) : null;
    if (!live) throw invalid();
    // Hashed only for a code that exists: guesses cost no argon2 work.
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.dataSource.transaction(async (m) => {
        const trainee = await this.trainees.lockTrainee(live.traineeId, m);
        if (!(await this.codes.use(live.id, now, m))) throw invalid();
        if (trainee.birthYear !== dto.birthYear) throw new WrongBirthYear();
        if (trainee.userId) throw invalid();
        const account = await this.users.createAccount(
          {
            username: dto.username,
            displayName: trainee.fullName,
            role: 'trainee',
            organisationId: trainee.organisationId,
            phone: trainee.phone,
            passwordHash,
          },
          m,
        );
        await this.trainees.linkAccount(trainee.id, account.id, m);
        await this.audit.record(
          {
            actor: { id: account.id, username: account.username, role: account.role, organisationId: account.organisationId },
            action: 'activation_code.use',
            subjectType: 'trainee',
            subjectId: trainee.id,
            result: 'success',
            ctx,
          },
          m,
        );
        return { username: account.username };
      });
    } catch (e) {
      if (!(e instanceof WrongBirthYear)) throw e;
      // Whoever holds the sheet but not the person's facts gets a few tries, then the code is revoked.
      await this.codes.recordFailure(live.id, ACTIVATION_MAX_FAILURES, now);
      await this.audit.record({
        actor: null,
        action: 'activation_code.use',
        subjectType: 'trainee',
        subjectId: live.traineeId,
        result: 'failure',
        ctx,
        detail: { reason: 'birth_year' },
      });
      throw invalid();
    }
  }
}

/**
 * For the demo data only (it runs before the app exists, in the loader's transaction): stores a
 * code that was chosen rather than drawn, so the README can print it. Never called by the app.
 */
export async function insertDemoActivationCode(
  m: EntityManager,
  cipher: Pick<FieldCipher, 'lookupHash'>,
  c: { traineeId: string; code: string; issuedBy: string; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  const code = normaliseActivationCode(c.code);
  if (!code) throw new Error('the demo activation code is not a valid code');
  await new ActivationRepository(m.connection).insert(
    {
      traineeId: c.traineeId,
      codeHash: activationCodeHash(cipher, code),
      issuedBy: c.issuedBy,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt,
    },
    m,
  );
}
