import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import type { MessageKey } from '../common/messages/catalogue';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { OrganisationsService } from '../organisations/organisations.service';
import { TraineesService } from '../trainees/trainees.service';
import type { ConsentPurpose, ConsentText } from './consent.entity';
import { ConsentsRepository, type ConsentWithEmployer } from './consents.repository';
import type { ConsentDto, ConsentTextDto, GrantConsentDto } from './dto/consent.dto';

const toTextDto = (t: ConsentText): ConsentTextDto => ({
  purpose: t.purpose,
  version: t.version,
  textZh: t.textZh,
  textEn: t.textEn,
  publishedAt: t.publishedAt.toISOString(),
});

const toConsentDto = (c: ConsentWithEmployer): ConsentDto => ({
  id: c.id,
  purpose: c.purpose,
  employerId: c.employerId,
  employerName: c.employerName,
  textVersion: c.textVersion,
  grantedAt: c.grantedAt.toISOString(),
  grantedAssisted: c.grantedAssisted,
  paperFormRef: c.paperFormRef,
  withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
  withdrawnAssisted: c.withdrawnAssisted,
  live: c.withdrawnAt === null,
});

/**
 * Where a trainee is put forward to an employer (their name and phone released to it): accepting a
 * recommendation, or confirming an intent at a fair. The rule is the same; the words of a refusal
 * name the act.
 */
export type PutForwardOccasion = 'placement.accept' | 'fair.intent';

/** What the trainee (or their counsellor, from the signed paper form) sends with the act. */
export interface ShareConsentAnswer {
  /** The `share_with_employer` text version read. */
  textVersion: number | undefined;
  /** The signed paper form's reference, when a counsellor acts for the trainee. */
  paperFormRef: string | undefined;
  /** A counsellor acting for the trainee (`trainee.assist`). */
  assisted: boolean;
}

/** How a refusal to put someone forward is worded, per occasion (catalogue keys). */
const PUT_FORWARD_WORDING = {
  'placement.accept': { paperForm: 'PAPER_FORM_REQUIRED', outdated: 'CONSENT_TEXT_OUTDATED' },
  'fair.intent': { paperForm: 'PAPER_FORM_REQUIRED.FAIR_INTENT', outdated: 'CONSENT_TEXT_OUTDATED.FAIR_INTENT' },
} as const satisfies Record<PutForwardOccasion, { paperForm: MessageKey; outdated: MessageKey }>;

/**
 * Consent per purpose (PIPL Arts. 14–16, 29–30): explicit, versioned, revocable, and separate for
 * each employer. Withdrawal is one UPDATE that every later read sees: it takes effect at once.
 * Rows are never deleted, so the history stays.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async texts(): Promise<ConsentTextDto[]> {
    return (await this.consents.currentTexts()).map(toTextDto);
  }

  async mine(user: AuthUser): Promise<ConsentDto[]> {
    const t = await this.trainees.ownRecord(user);
    return (await this.consents.forTrainee(t.id)).map(toConsentDto);
  }

  async forTrainee(user: AuthUser, traineeId: string): Promise<ConsentDto[]> {
    await this.trainees.readable(user, traineeId);
    return (await this.consents.forTrainee(traineeId)).map(toConsentDto);
  }

  /** The trainee grants (traineeId null), or a counsellor records it from a paper form (assisted). */
  async grant(
    user: AuthUser,
    traineeId: string | null,
    dto: GrantConsentDto & { paperFormRef?: string },
    ctx: RequestContext,
  ): Promise<ConsentDto[]> {
    const assisted = traineeId !== null;
    const id = assisted ? (await this.trainees.writable(user, traineeId), traineeId) : (await this.trainees.ownRecord(user)).id;
    await this.assertCurrentText(dto.purpose, dto.textVersion, 'CONSENT_TEXT_OUTDATED');
    if (dto.purpose !== 'share_with_employer' && dto.employerId) {
      throw badRequest('EMPLOYER_NOT_EXPECTED');
    }
    if (dto.employerId) {
      if (!(await this.organisations.isVerifiedEmployer(dto.employerId))) {
        throw badRequest('UNKNOWN_EMPLOYER');
      }
    }
    await this.dataSource.transaction(async (m) => {
      if (await this.consents.findLive(id, dto.purpose, dto.employerId ?? null, m)) {
        throw conflict('CONSENT_ALREADY_GIVEN');
      }
      await this.consents.insert(
        {
          traineeId: id,
          purpose: dto.purpose,
          employerId: dto.employerId ?? null,
          textVersion: dto.textVersion,
          grantedBy: user.id,
          grantedAssisted: assisted,
          paperFormRef: dto.paperFormRef ?? null,
        },
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'consent.grant',
          subjectType: 'trainee',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { purpose: dto.purpose, employerId: dto.employerId, version: dto.textVersion, assisted },
        },
        m,
      );
    });
    return (await this.consents.forTrainee(id)).map(toConsentDto);
  }

  async withdraw(user: AuthUser, traineeId: string | null, consentId: string, ctx: RequestContext): Promise<ConsentDto[]> {
    const assisted = traineeId !== null;
    const id = assisted ? (await this.trainees.writable(user, traineeId), traineeId) : (await this.trainees.ownRecord(user)).id;
    await this.dataSource.transaction(async (m) => {
      const c = await this.consents.findForUpdate(consentId, id, m);
      if (!c) throw notFound('CONSENT');
      if (c.withdrawnAt) throw conflict('CONSENT_ALREADY_WITHDRAWN');
      await this.consents.withdraw(consentId, user.id, assisted, m);
      await this.audit.record(
        {
          actor: user,
          action: 'consent.withdraw',
          subjectType: 'trainee',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { purpose: c.purpose, employerId: c.employerId, assisted },
        },
        m,
      );
    });
    return (await this.consents.forTrainee(id)).map(toConsentDto);
  }

  // ——— putting a trainee forward to an employer (placements and fairs) ———

  /**
   * May this trainee be put forward to an employer with this answer? A counsellor acting for them
   * names the paper form the trainee signed, and the text read is the current `share_with_employer`
   * version. Refuses with PAPER_FORM_REQUIRED or CONSENT_TEXT_OUTDATED (worded for the occasion).
   */
  async assertMayPutForward(occasion: PutForwardOccasion, answer: ShareConsentAnswer): Promise<void> {
    const wording = PUT_FORWARD_WORDING[occasion];
    if (answer.assisted && !answer.paperFormRef) throw badRequest(wording.paperForm);
    await this.assertCurrentText('share_with_employer', answer.textVersion, wording.outdated);
  }

  /**
   * Records the trainee's consent to share name and phone with this employer (PIPL Art. 23), in the
   * caller's transaction, unless a live one is in place already. Check `assertMayPutForward` first.
   */
  async grantShareWithEmployer(
    traineeId: string,
    employerId: string,
    answer: ShareConsentAnswer,
    actor: AuthUser,
    m: EntityManager,
  ): Promise<void> {
    if (await this.consents.findLive(traineeId, 'share_with_employer', employerId, m)) return;
    await this.consents.insert(
      {
        traineeId,
        purpose: 'share_with_employer',
        employerId,
        textVersion: answer.textVersion!,
        grantedBy: actor.id,
        grantedAssisted: answer.assisted,
        paperFormRef: answer.paperFormRef ?? null,
      },
      m,
    );
  }

  /** The text read must be the purpose's current version. */
  private async assertCurrentText(
    purpose: ConsentPurpose,
    version: number | undefined,
    outdated: 'CONSENT_TEXT_OUTDATED' | 'CONSENT_TEXT_OUTDATED.FAIR_INTENT',
  ): Promise<void> {
    const current = await this.consents.currentVersion(purpose);
    if (current !== version) throw badRequest(outdated, { currentVersion: current });
  }
}
