import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/crypto/field-cipher';
import { badRequest, conflict, DomainError } from '../common/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { UsersService } from '../users/users.service';
import type { EpisodeDto, ReadmitTraineeDto } from './dto/episode.dto';
import type { TraineeDto } from './dto/trainee.dto';
import { assertIdentityNumber } from './identity-number';
import { assertTransition } from './trainee-lifecycle';
import { daysBetween } from './trainee.mapper';
import { TraineeReadmitted } from './trainee-readmitted.event';
import { PRE_RELEASE_DAYS, TraineesService } from './trainees.service';
import { TraineesRepository } from './trainees.repository';

/** A person's admissions (episodes): the history, and a re-admission opening the next one. */
@Injectable()
export class EpisodesService {
  constructor(
    private readonly trainees: TraineesRepository,
    private readonly lifecycle: TraineesService,
    private readonly users: UsersService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  /**
   * 再次入所: a person the platform already knows is admitted again. One record, a new episode: the
   * admitting facility now holds the file, the state goes back to admitted (or pre-release when the
   * release is near), and what belonged to the life outside ends with it (TraineeReadmitted's
   * listeners). Found only by the full identity number, as the person's ID card gives it: the same
   * knowledge creating a record needs, so it tells the facility nothing a duplicate record would not.
   */
  async readmit(user: AuthUser, dto: ReadmitTraineeDto, ctx: RequestContext): Promise<TraineeDto> {
    const account = await this.users.findAccountWithOrganisation(user.id);
    if (!account || account.organisationType !== 'facility') {
      throw new DomainError(HttpStatus.FORBIDDEN, 'FACILITY_ONLY.TRAINEES');
    }
    assertIdentityNumber(dto.identityNumber, this.clock.now());
    const today = this.clock.today();
    if (dto.admittedOn > today) throw badRequest('ADMISSION_IN_FUTURE');
    if (dto.expectedReleaseOn < dto.admittedOn) throw badRequest('RELEASE_BEFORE_ADMISSION');
    const facilityId = account.organisationId;
    const id = await this.dataSource.transaction(async (m) => {
      const hash = this.cipher.lookupHash(dto.identityNumber);
      const t = await this.trainees.lockByIdentityHash(hash, m);
      if (!t) {
        // A sealed record is invisible here; it is reopened only by an unsealing (basis: readmission).
        if (await this.trainees.identitySealed(hash, m)) throw conflict('READMISSION_SEALED');
        throw new DomainError(HttpStatus.NOT_FOUND, 'READMISSION_NO_RECORD');
      }
      if (t.releasedOn === null || t.state === 'admitted' || t.state === 'pre_release') throw conflict('READMISSION_STILL_ADMITTED');
      if (dto.admittedOn < t.releasedOn) throw badRequest('READMISSION_BEFORE_RELEASE');
      assertTransition(t.state, 'admitted', 'system');
      const episodeId = await this.trainees.openEpisode(
        {
          traineeId: t.id,
          facilityId,
          admittedOn: dto.admittedOn,
          expectedReleaseOn: dto.expectedReleaseOn,
          reason: dto.reason,
          openedBy: user.id,
        },
        m,
      );
      await this.lifecycle.applyTransition(t, 'admitted', user.id, '再次入所 · admitted again', m, {
        organisationId: facilityId,
        admittedOn: dto.admittedOn,
        expectedReleaseOn: dto.expectedReleaseOn,
        releasedOn: null,
      });
      if (daysBetween(today, dto.expectedReleaseOn) <= PRE_RELEASE_DAYS) {
        await this.lifecycle.applyTransition(
          { ...t, state: 'admitted' },
          'pre_release',
          null,
          `预计出所不足${PRE_RELEASE_DAYS}天 · release within ${PRE_RELEASE_DAYS} days`,
          m,
        );
      }
      await this.events.publish(new TraineeReadmitted(t.id, episodeId, facilityId, dto.admittedOn, user.id, m));
      await this.audit.record(
        {
          actor: user,
          action: 'trainee.readmit',
          subjectType: 'trainee',
          subjectId: t.id,
          result: 'success',
          ctx,
          detail: { episodeId, reason: dto.reason },
        },
        m,
      );
      return t.id;
    });
    return this.lifecycle.get(user, id, ctx);
  }

  /** Every admission of the person (the releasing facility's frozen view: those it knew of at its handover). */
  async episodes(user: AuthUser, id: string): Promise<EpisodeDto[]> {
    const { row } = await this.lifecycle.readable(user, id);
    const frozen = await this.lifecycle.frozenCopyFor(user, row);
    const until = frozen?.frozenAt ? Date.parse(frozen.frozenAt) : Infinity;
    return (await this.trainees.episodes(id))
      .filter((e) => new Date(e.created_at).getTime() <= until)
      .map((e) => ({
        id: e.id,
        number: e.number,
        facilityName: e.facility_name,
        admittedOn: e.admitted_on,
        expectedReleaseOn: e.expected_release_on,
        releasedOn: e.released_on,
        reason: e.reason,
      }));
  }
}
