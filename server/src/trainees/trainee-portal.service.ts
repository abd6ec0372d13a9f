import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/crypto/field-cipher';
import { badRequest, notFound } from '../common/domain-error';
import type { CorrectionRequest } from './correction-request.entity';
import type { CorrectionRequestDto, CreateCorrectionRequestDto, MyDataDto, ResolveCorrectionRequestDto } from './dto/portal.dto';
import { TraineePortalRepository } from './trainee-portal.repository';
import { birthDateIn } from './trainee.mapper';
import { TraineesService } from './trainees.service';

const toCorrectionDto = (c: CorrectionRequest): CorrectionRequestDto => ({
  id: c.id,
  field: c.field,
  message: c.message,
  status: c.status,
  createdAt: c.createdAt.toISOString(),
  assisted: c.assisted,
  resolvedAt: c.resolvedAt?.toISOString() ?? null,
  resolutionNote: c.resolutionNote,
});

/** The trainee's own portal: their data, and requests to correct it (PIPL Arts. 45–46). */
@Injectable()
export class TraineePortalService {
  constructor(
    private readonly trainees: TraineesService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly portal: TraineePortalRepository,
  ) {}

  /** Everything held about the signed-in trainee. Includes their own full identity number. */
  async myData(user: AuthUser, ctx: RequestContext): Promise<MyDataDto> {
    const t = await this.trainees.ownRecord(user);
    const { history, checklist, consents, handovers, corrections, accessLog } = await this.portal.personalDataOf(t.id);
    await this.audit.record({
      actor: user,
      action: 'trainee.data_export_self',
      subjectType: 'trainee',
      subjectId: t.id,
      result: 'success',
      ctx,
    });
    return {
      exportedAt: this.clock.now().toISOString(),
      record: {
        fullName: t.fullName,
        sex: t.sex,
        // Their own record: the birth date comes from their own number (only the year is stored in clear).
        birthDate: birthDateIn(this.cipher.decrypt(t.identityNumberCipher)),
        identityNumber: this.cipher.decrypt(t.identityNumberCipher),
        homeDivision: t.homeDivision?.name ?? t.homeDivisionCode,
        organisation: t.organisation?.name ?? '',
        state: t.state,
        admittedOn: t.admittedOn,
        expectedReleaseOn: t.expectedReleaseOn,
        releasedOn: t.releasedOn,
        phone: t.phone,
        educationLevel: t.educationLevel,
        workHistory: t.workHistory,
        skills: t.skills,
        preferredIndustries: t.preferredIndustries,
        preferredDivisions: t.preferredDivisions,
        wageExpectation: t.wageExpectation,
        willingToLiveOnSite: t.willingToLiveOnSite,
      },
      history,
      checklist,
      consents,
      handovers,
      correctionRequests: corrections,
      accessLog,
    };
  }

  async myCorrections(user: AuthUser): Promise<CorrectionRequestDto[]> {
    const t = await this.trainees.ownRecord(user);
    return this.corrections(t.id);
  }

  async listCorrections(user: AuthUser, traineeId: string): Promise<CorrectionRequestDto[]> {
    await this.trainees.readable(user, traineeId);
    return this.corrections(traineeId);
  }

  private async corrections(traineeId: string): Promise<CorrectionRequestDto[]> {
    const rows = await this.portal.correctionsOf(traineeId);
    return rows.map(toCorrectionDto);
  }

  /** The trainee asks; or, assisted, their counsellor asks for them (recorded as such). */
  async requestCorrection(
    user: AuthUser,
    traineeId: string | null,
    dto: CreateCorrectionRequestDto,
    ctx: RequestContext,
  ): Promise<CorrectionRequestDto> {
    const assisted = traineeId !== null;
    const id = assisted ? (await this.trainees.writable(user, traineeId), traineeId) : (await this.trainees.ownRecord(user)).id;
    const saved = await this.dataSource.transaction(async (m) => {
      const c = await this.portal.createCorrection(
        { traineeId: id, field: dto.field, message: dto.message, createdBy: user.id, assisted },
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'trainee.correction_request',
          subjectType: 'trainee',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { field: dto.field, assisted },
        },
        m,
      );
      return c;
    });
    return toCorrectionDto(saved);
  }

  async resolveCorrection(
    user: AuthUser,
    requestId: string,
    dto: ResolveCorrectionRequestDto,
    ctx: RequestContext,
  ): Promise<CorrectionRequestDto> {
    if (dto.status === 'declined' && !dto.note) {
      throw badRequest('REASON_REQUIRED.TRAINEES');
    }
    const c = await this.portal.findCorrection(requestId);
    if (!c) throw notFound('CORRECTION_REQUEST');
    await this.trainees.writable(user, c.traineeId).catch(() => {
      throw notFound('CORRECTION_REQUEST');
    });
    if (c.status !== 'open') throw badRequest('ALREADY_RESOLVED');
    await this.dataSource.transaction(async (m) => {
      await this.portal.resolveCorrection(
        requestId,
        { status: dto.status, resolvedAt: this.clock.now(), resolvedBy: user.id, resolutionNote: dto.note ?? null },
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'trainee.correction_resolve',
          subjectType: 'trainee',
          subjectId: c.traineeId,
          result: 'success',
          ctx,
          detail: { status: dto.status },
        },
        m,
      );
    });
    return toCorrectionDto((await this.portal.findCorrection(requestId))!);
  }
}
