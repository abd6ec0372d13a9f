import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, notFound } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { SeatEngine } from '../seats/seat-engine';
import { OutcomesService } from '../outcomes/outcomes.service';
import { TraineesService } from '../trainees/trainees.service';
import { diplomaNumber, maskName, verificationCode } from './diploma-codes';
import type { ClassEnrolment } from './diploma.entities';
import { CLASS_SEATS, DiplomasRepository } from './diplomas.repository';
import { DiplomasService } from './diplomas.service';
import type { DiplomaDto, DiplomaVerificationDto, GradeDto, GraduationAuditDto } from './dto/diploma.dto';

/** A unit is passed with this score or more. */
const PASS = 60;
const notFoundEnrolment = () => notFound('ENROLMENT');

/**
 * Grades, the graduation audit, graduation and the diploma, and its public verification. Grades
 * belong to trainee × unit, so they follow a trainee who transfers at release. A diploma names the
 * school only, never where the holder studied.
 */
@Injectable()
export class GraduationService {
  constructor(
    private readonly diplomas: DiplomasRepository,
    private readonly classes: DiplomasService,
    private readonly seats: SeatEngine,
    private readonly trainees: TraineesService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outcomes: OutcomesService,
  ) {}

  async recordGrade(user: AuthUser, classId: string, dto: GradeDto, ctx: RequestContext): Promise<GraduationAuditDto> {
    const c = await this.classes.teachable(user, classId);
    const e = await this.diplomas.currentPlace(classId, dto.traineeId);
    if (!e) throw badRequest('NOT_STUDYING_IN_CLASS');
    const unit = await this.diplomas.findUnit(dto.unitId, c.programmeId);
    if (!unit) throw badRequest('UNIT_NOT_IN_PROGRAMME');
    await this.dataSource.transaction(async (m) => {
      await this.diplomas.upsertGrade(dto.traineeId, dto.unitId, dto.score, user.id, m);
      // Teaching has begun for this trainee.
      if (e.state === 'approved') await this.diplomas.activate([e.id], m);
      await this.audit.record(
        {
          actor: user,
          action: 'class.grade',
          subjectType: 'trainee',
          subjectId: dto.traineeId,
          result: 'success',
          ctx,
          detail: { unitId: dto.unitId, score: dto.score },
        },
        m,
      );
    });
    return this.graduationAudit(user, e.id);
  }

  /** Credits earned (units scored 60 or more) against the programme's requirement. */
  async graduationAudit(user: AuthUser, enrolmentId: string): Promise<GraduationAuditDto> {
    const e = await this.visibleEnrolment(user, enrolmentId);
    const info = await this.diplomas.graduationBasis(enrolmentId);
    const units = await this.transcript(e.traineeId, info.programme_id);
    const earned = units.filter((u) => u.passed).reduce((a, u) => a + u.credits, 0);
    const att = await this.diplomas.attendanceInProgramme(e.traineeId, info.programme_id);
    return {
      enrolmentId,
      traineeName: info.full_name,
      programmeName: info.programme_name,
      requiredCredits: info.required,
      earnedCredits: earned,
      units,
      missing: units.filter((u) => !u.passed).map((u) => u.name),
      eligible: earned >= info.required,
      attendanceRate: att.total > 0 ? Math.round((att.present / att.total) * 1000) / 10 : null,
    };
  }

  private async transcript(traineeId: string, programmeId: string): Promise<GraduationAuditDto['units']> {
    const rows = await this.diplomas.transcript(traineeId, programmeId);
    return rows.map((r) => ({
      unitId: r.id,
      name: r.name,
      credits: r.credits,
      score: r.score,
      passed: r.score !== null && r.score >= PASS,
    }));
  }

  /** Graduation issues the diploma: a unique number and a verification code, naming the school only. */
  async graduate(user: AuthUser, enrolmentId: string, graduatedOn: string | undefined, ctx: RequestContext): Promise<DiplomaDto> {
    const audit = await this.graduationAudit(user, enrolmentId);
    const e = await this.visibleEnrolment(user, enrolmentId);
    await this.classes.teachable(user, e.classId);
    if (e.state !== 'active' && e.state !== 'approved') throw badRequest('NOT_GRADUABLE');
    if (!audit.eligible) {
      throw badRequest(
        'CREDITS_MISSING',
        { earnedCredits: audit.earnedCredits, requiredCredits: audit.requiredCredits, missing: audit.missing.join('、') },
        { missing: audit.missing },
      );
    }
    const date = graduatedOn ?? this.clock.today();
    const id = await this.dataSource.transaction(async (m) => {
      const { programmeId } = (await this.diplomas.findClass(e.classId, m))!;
      const seq = await this.diplomas.nextDiplomaSerial(m);
      const d = await this.diplomas
        .insertDiploma(
          {
            traineeId: e.traineeId,
            programmeId,
            enrolmentId,
            number: diplomaNumber(date, seq),
            verificationCode: verificationCode(),
            graduatedOn: date,
            creditsEarned: audit.earnedCredits,
            issuedBy: user.id,
          },
          m,
        )
        .catch((err: { driverError?: { constraint?: string } }) => {
          if (err.driverError?.constraint === 'uq_diploma_trainee_programme') throw conflict('ALREADY_GRADUATED');
          throw err;
        });
      await this.diplomas.updateEnrolment(enrolmentId, { state: 'graduated' }, m);
      await this.outcomes.refresh(m, [e.traineeId]);
      await this.seats.giveBack(CLASS_SEATS, e.classId, m);
      await this.classes.tell(
        e.traineeId,
        `diploma:${d.id}`,
        ['恭喜毕业！你的中专毕业证书已颁发', 'Congratulations: your diploma has been issued'],
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'diploma.issue',
          subjectType: 'trainee',
          subjectId: e.traineeId,
          result: 'success',
          ctx,
          detail: { diplomaId: d.id },
        },
        m,
      );
      return d.id;
    });
    return this.diploma(user, id);
  }

  async diploma(user: AuthUser, id: string): Promise<DiplomaDto> {
    await this.access.requireAccess(user, 'diploma.read', id);
    const d = await this.diplomas.diplomaRow(id);
    if (!d) throw notFound('DIPLOMA');
    return {
      id: d.id,
      number: d.number,
      verificationCode: d.verification_code,
      verificationUrl: `${this.config.diplomaVerifyBaseUrl}/${d.verification_code}`,
      holderName: d.full_name,
      programmeName: d.programme_name,
      schoolName: d.school_name,
      graduatedOn: d.graduated_on,
      creditsEarned: d.credits_earned,
      transcript: await this.transcript(d.trainee_id, d.programme_id),
    };
  }

  async myDiplomas(user: AuthUser): Promise<DiplomaDto[]> {
    const t = await this.trainees.ownRecord(user);
    const ids = await this.diplomas.diplomaIdsOfTrainee(t.id);
    return Promise.all(ids.map((id) => this.diploma(user, id)));
  }

  /** Public: the school, programme, date, number and a masked name — nothing else, never a facility. */
  async verify(code: string): Promise<DiplomaVerificationDto> {
    const d = await this.diplomas.verification(code.trim().toUpperCase());
    if (!d) throw notFound('DIPLOMA_CHECK_THE_CODE');
    return {
      valid: true,
      schoolName: d.school_name,
      programmeName: d.programme_name,
      graduatedOn: d.graduated_on,
      holderMaskedName: maskName(d.full_name),
      number: d.number,
    };
  }

  // ---- access ----

  /** The enrolment, when the caller may read it (`class-enrolment.read`). */
  private async visibleEnrolment(user: AuthUser, enrolmentId: string): Promise<ClassEnrolment> {
    await this.access.requireAccess(user, 'class-enrolment.read', enrolmentId);
    const e = await this.diplomas.findEnrolment(enrolmentId);
    if (!e) throw notFoundEnrolment();
    return e;
  }
}
