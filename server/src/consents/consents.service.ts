import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { TraineesService } from '../trainees/trainees.service';
import type { ConsentText } from './consent.entity';
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
 * Consent per purpose (PIPL Arts. 14–16, 29–30): explicit, versioned, revocable, and separate for
 * each employer. Withdrawal is one UPDATE that every later read sees: it takes effect at once.
 * Rows are never deleted, so the history stays.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsRepository,
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
    const current = await this.consents.currentVersion(dto.purpose);
    if (current !== dto.textVersion) {
      throw badRequest(
        'CONSENT_TEXT_OUTDATED',
        '同意书内容已更新，请重新阅读最新版本后再确认。',
        'The consent text has changed; read the current version before agreeing.',
        { currentVersion: current },
      );
    }
    if (dto.purpose !== 'share_with_employer' && dto.employerId) {
      throw badRequest(
        'EMPLOYER_NOT_EXPECTED',
        '只有“向用人单位提供联系方式”需要选择单位。',
        'Only share_with_employer names an employer.',
      );
    }
    if (dto.employerId) {
      const employer = await this.organisations.findInScope(dto.employerId, { kind: 'all' });
      if (!employer || employer.type !== 'employer' || employer.status !== 'verified') {
        throw badRequest('UNKNOWN_EMPLOYER', '所选用人单位不存在或尚未通过审核。', 'The employer does not exist or is not verified.');
      }
    }
    await this.dataSource.transaction(async (m) => {
      if (await this.consents.findLive(id, dto.purpose, dto.employerId ?? null, m)) {
        throw conflict('CONSENT_ALREADY_GIVEN', '已经同意过了，无需重复。', 'This consent is already in place.');
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
      if (!c) throw notFound('同意记录', 'Consent');
      if (c.withdrawnAt) throw conflict('CONSENT_ALREADY_WITHDRAWN', '已经撤回了。', 'This consent was already withdrawn.');
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
}
