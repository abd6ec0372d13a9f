import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, DomainError, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import type { VisitRecorded } from '../follow-ups/visit-recorded.event';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { TraineesService } from '../trainees/trainees.service';
import { UsersService } from '../users/users.service';
import type {
  CreateStationTransferDto,
  FoundDto,
  LostContactDto,
  LostContactQueryDto,
  StationTransferDto,
  StationOptionDto,
  StationTransferQueryDto,
} from './dto/supervision.dto';
import type { TransferRejectReason, TransferState } from './supervision.entities';
import { toLostContactDto, toTransferDto } from './supervision.mapper';
import { SupervisionRepository, type TransferRow } from './supervision.repository';

const notFoundTransfer = () => notFound('STATION_TRANSFER');
const notFoundLostContact = () => notFound('LOST_CONTACT');
/** The states in which a community station supervises a released person. */
const SUPERVISED = ['released', 'community'];

type Step = 'accepted' | 'rejected' | 'cancelled';
const STEP_SIDE: Record<Step, 'transfer.send' | 'transfer.receive'> = {
  accepted: 'transfer.receive',
  rejected: 'transfer.receive',
  cancelled: 'transfer.send',
};

/**
 * Community supervision after release: 转移监管 (a released person moves to another community
 * station: the sending station asks, the receiving one accepts or rejects, the sender may cancel) and
 * 失联 (LOST_CONTACT_ATTEMPTS unreachable visits in a row open a case and tell the station heads; a
 * "found" record or a done visit closes it). Only the two stations and the bureau's admins see a
 * transfer; once accepted, only the receiving station (the sender loses the person at once).
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly repo: SupervisionRepository,
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsService,
    private readonly followUps: FollowUpsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where the caller's station may transfer someone: every other active community station. */
  async stationOptions(user: AuthUser): Promise<StationOptionDto[]> {
    const own = this.access.organisationOf(user);
    return (await this.organisations.activeStations()).filter((s) => s.id !== own);
  }

  // ---- transfers ----

  async listTransfers(user: AuthUser, q: StationTransferQueryDto, ctx: RequestContext): Promise<Page<StationTransferDto>> {
    const [rows, total] = await this.repo.searchTransfers(this.access.organisationOf(user), q);
    const sides = await this.sidesOf(
      user,
      rows.map((r) => r.id),
    );
    // A list names people: who asked for which list is audited (the filters, not the rows).
    await this.audit.record({
      actor: user,
      action: 'transfer.list',
      result: 'success',
      ctx,
      detail: { direction: q.direction ?? 'both', state: q.state ?? null, page: q.page, shown: rows.length },
    });
    return pageOf(
      rows.map((r) => toTransferDto(r, sides(r.id))),
      total,
      q,
    );
  }

  async getTransfer(user: AuthUser, id: string, ctx: RequestContext): Promise<StationTransferDto> {
    await this.access.requireAccess(user, 'transfer.read', id);
    const row = await this.repo.findTransfer(id);
    if (!row) throw notFoundTransfer();
    await this.audit.record({
      actor: user,
      action: 'transfer.read',
      subjectType: 'trainee',
      subjectId: row.traineeId,
      result: 'success',
      ctx,
      detail: { transferId: id },
    });
    return toTransferDto(row, (await this.sidesOf(user, [id]))(id));
  }

  /** The station supervising a released person asks another community station to take them over. */
  async requestTransfer(user: AuthUser, dto: CreateStationTransferDto, ctx: RequestContext): Promise<StationTransferDto> {
    await this.trainees.writable(user, dto.traineeId); // 404 for another organisation's person, 403 read-only
    const { trainee } = await this.trainees.readable(user, dto.traineeId);
    const holder = await this.organisations.findOrganisation(trainee.organisationId);
    if (!SUPERVISED.includes(trainee.state) || holder?.type !== 'community_station') throw badRequest('TRANSFER_NOT_RELEASED');
    if (dto.toStationId === trainee.organisationId) throw badRequest('TRANSFER_TO_SELF');
    const to = await this.organisations.findOrganisation(dto.toStationId);
    if (!to || to.type !== 'community_station' || to.status !== 'active') throw badRequest('NOT_A_STATION');
    const id = await this.dataSource.transaction(async (m) => {
      const transferId = await this.repo
        .insertTransfer(
          {
            traineeId: trainee.id,
            fromStationId: trainee.organisationId,
            toStationId: dto.toStationId,
            reason: dto.reason,
            note: dto.note || null,
            state: 'requested',
            requestedBy: user.id,
            requestedAt: this.clock.now(),
          },
          m,
        )
        .catch((e: { driverError?: { constraint?: string } }) => {
          if (e.driverError?.constraint === 'uq_station_transfer_open') throw conflict('TRANSFER_OPEN');
          throw e;
        });
      await this.tellOtherSide(transferId, 'requested', m);
      await this.audit.record(
        {
          actor: user,
          action: 'transfer.request',
          subjectType: 'trainee',
          subjectId: trainee.id,
          result: 'success',
          ctx,
          detail: { transferId, reason: dto.reason },
        },
        m,
      );
      return transferId;
    });
    return this.getTransfer(user, id, ctx);
  }

  /**
   * The receiving station takes the person over, in one transaction: the transfer is accepted only
   * if it is still requested (a racing cancel loses, or wins and this answers 409), the person's
   * holder becomes the receiving station, their planned visits (given to the accepter) and open
   * lost-contact case move with them; the sending station is told and loses access at once.
   */
  acceptTransfer(user: AuthUser, id: string, ctx: RequestContext): Promise<StationTransferDto> {
    return this.step(user, id, 'accepted', null, ctx);
  }

  rejectTransfer(user: AuthUser, id: string, reason: TransferRejectReason, ctx: RequestContext): Promise<StationTransferDto> {
    return this.step(user, id, 'rejected', reason, ctx);
  }

  cancelTransfer(user: AuthUser, id: string, ctx: RequestContext): Promise<StationTransferDto> {
    return this.step(user, id, 'cancelled', null, ctx);
  }

  private async step(
    user: AuthUser,
    id: string,
    to: Step,
    reason: TransferRejectReason | null,
    ctx: RequestContext,
  ): Promise<StationTransferDto> {
    const traineeId = await this.dataSource.transaction(async (m) => {
      await this.access.requireAccess(user, 'transfer.read', id, m);
      if (!(await this.access.checkAccess(user, STEP_SIDE[to], [id], m)).has(id)) {
        // Decided meanwhile (an accept racing this cancel): that is the answer, not the side.
        const state = await this.repo.transferState(id, m);
        if (state && state !== 'requested') throw conflict('TRANSFER_STATE', { state }, { state });
        throw new DomainError(HttpStatus.FORBIDDEN, to === 'cancelled' ? 'WRONG_SIDE.TRANSFER_SENDER' : 'WRONG_SIDE.TRANSFER_RECEIVER');
      }
      // The conditional update is the lock: of an accept and a cancel racing, exactly one changes the row.
      const t = await this.repo.decide(id, to, user.id, this.clock.now(), reason, m);
      if (!t) {
        const state = await this.repo.transferState(id, m);
        if (!state) throw notFoundTransfer();
        throw conflict('TRANSFER_STATE', { state }, { state });
      }
      if (to === 'accepted') {
        const trainee = await this.trainees.lockTrainee(t.traineeId, m);
        if (trainee.organisationId !== t.fromStationId || !SUPERVISED.includes(trainee.state)) throw conflict('TRANSFER_TRAINEE_MOVED');
        await this.trainees.moveToOrganisation(m, t.traineeId, t.toStationId);
        await this.followUps.moveOpenVisits(m, t.traineeId, t.toStationId, user.id);
        await this.repo.moveOpenLostContact(t.traineeId, t.toStationId, m);
      }
      await this.tellOtherSide(id, to, m);
      await this.audit.record(
        {
          actor: user,
          action: `transfer.${to}`,
          subjectType: 'trainee',
          subjectId: t.traineeId,
          result: 'success',
          ctx,
          detail: { transferId: id, ...(reason ? { reason } : {}) },
        },
        m,
      );
      return t.traineeId;
    });
    const row = await this.repo.findTransfer(id);
    if (!row || !traineeId) throw notFoundTransfer();
    return toTransferDto(row, (await this.sidesOf(user, [id]))(id));
  }

  /** Which side of each transfer the caller is on (the policy says who may send and who may receive). */
  private async sidesOf(user: AuthUser, ids: string[]): Promise<(id: string) => StationTransferDto['side']> {
    if (this.access.can(user, 'province.all')) return () => 'admin';
    const receiving = await this.access.checkAccess(user, 'transfer.receive', ids);
    return (id) => (receiving.has(id) ? 'receiver' : 'sender');
  }

  /**
   * Requested or cancelled: the receiving station's counsellors; accepted or rejected: the sending
   * station's. Only counsellors of the two stations receive these, so the person's name may be in them.
   */
  private async tellOtherSide(id: string, state: TransferState, m: EntityManager): Promise<void> {
    const x = (await this.repo.findTransfer(id, m))!;
    const kind = `supervision.transfer_${state}`;
    const [zh, en] = this.noticeText(x, state);
    const to = state === 'requested' || state === 'cancelled' ? x.toStationId : x.fromStationId;
    for (const userId of await this.repo.counsellorsOf(to, m))
      await this.notifications.notify(
        { userId, kind, titleZh: zh, titleEn: en, link: '/follow-ups/transfers', dedupeKey: `${kind}:${id}` },
        m,
      );
  }

  private noticeText(x: TransferRow, state: TransferState): [string, string] {
    switch (state) {
      case 'requested':
        return [
          `转移监管申请：${x.fromStationName}申请将 ${x.traineeName} 转至本站监管，请确认接收`,
          `Transfer request: ${x.fromStationName} asks your station to take over ${x.traineeName}; please answer`,
        ];
      case 'accepted':
        return [
          `${x.toStationName}已接收 ${x.traineeName}，监管和回访已转出本站`,
          `${x.toStationName} took over ${x.traineeName}; their visits moved there`,
        ];
      case 'rejected':
        return [`${x.toStationName}未接收 ${x.traineeName} 的转移监管申请`, `${x.toStationName} declined to take over ${x.traineeName}`];
      default:
        return [
          `${x.fromStationName}撤回了 ${x.traineeName} 的转移监管申请`,
          `${x.fromStationName} withdrew the transfer of ${x.traineeName}`,
        ];
    }
  }

  // ---- lost contact (失联) ----

  /** The open cases of the caller's station (admins: every station's), longest lost first; audited. */
  async listLostContacts(user: AuthUser, q: LostContactQueryDto, ctx: RequestContext): Promise<Page<LostContactDto>> {
    const [rows, total] = await this.repo.searchOpenLostContacts(this.access.organisationOf(user), q);
    await this.audit.record({
      actor: user,
      action: 'lost_contact.list',
      result: 'success',
      ctx,
      detail: { page: q.page, shown: rows.length },
    });
    return pageOf(rows.map(toLostContactDto), total, q);
  }

  /** Someone reached the person again: the case closes (the person is back under ordinary supervision). */
  async markFound(user: AuthUser, id: string, dto: FoundDto, ctx: RequestContext): Promise<LostContactDto> {
    await this.dataSource.transaction(async (m) => {
      await this.access.requireAccess(user, 'lostContact.close', id, m);
      const lc = await this.repo.lockLostContact(id, m);
      if (!lc) throw notFoundLostContact();
      if (lc.foundOn !== null) throw conflict('LOST_CONTACT_CLOSED');
      if (dto.foundOn > this.clock.today() || dto.foundOn < lc.since) throw badRequest('FOUND_DATE_INVALID', { since: lc.since });
      await this.repo.closeLostContact(
        id,
        { foundOn: dto.foundOn, foundAt: this.clock.now(), foundBy: user.id, foundMethod: dto.contactMethod, note: dto.note ?? null },
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'lost_contact.found',
          subjectType: 'trainee',
          subjectId: lc.traineeId,
          result: 'success',
          ctx,
          detail: { lostContactId: id },
        },
        m,
      );
    });
    return toLostContactDto((await this.repo.findLostContact(id))!);
  }

  /**
   * On every recorded visit (VisitRecorded), in its transaction. Unreachable: when the run of
   * unreachable attempts reaches LOST_CONTACT_ATTEMPTS a case opens (once) and the station heads and
   * the bureau's admins are told; an open case counts further attempts. Done (on or after the day
   * the case began): the person was reached, the case closes. Missed visits change nothing.
   */
  async onVisitRecorded(e: VisitRecorded): Promise<void> {
    const m = e.manager;
    if (e.state === 'done') {
      const open = await this.repo.openLostContactOf(e.traineeId, m);
      if (open && e.visitedOn >= open.since)
        await this.repo.closeLostContact(
          open.id,
          { foundOn: e.visitedOn, foundAt: this.clock.now(), foundBy: e.recordedBy, foundMethod: e.contactMethod, note: null },
          m,
        );
      return;
    }
    if (e.state !== 'unreachable') return;
    const run = await this.followUps.consecutiveUnreachable(m, e.traineeId);
    if (run.attempts < this.config.lostContactAttempts || !run.since) return;
    const open = await this.repo.openLostContactOf(e.traineeId, m);
    if (open) {
      await this.repo.updateAttempts(open.id, Math.max(open.attempts, run.attempts), m);
      return;
    }
    const id = await this.repo.openLostContact(
      { traineeId: e.traineeId, stationId: e.stationId, since: run.since, attempts: run.attempts, escalatedAt: this.clock.now() },
      m,
    );
    if (!id) return;
    const [person] = await this.trainees.summaries([e.traineeId], m);
    const name = person?.fullName ?? '';
    for (const userId of await this.users.escalationRecipients(e.stationId, m))
      await this.notifications.notify(
        {
          userId,
          kind: 'supervision.lost_contact',
          titleZh: `失联：${name} 已连续 ${run.attempts} 次未能联系上（自 ${run.since} 起）`,
          titleEn: `Lost contact: ${name} could not be reached ${run.attempts} times in a row (since ${run.since})`,
          link: '/follow-ups/lost-contacts',
          dedupeKey: `supervision.lost_contact:${id}`,
        },
        m,
      );
  }

  /**
   * For the caseload and visit lists (to mark people lost contact): the people the station holds
   * whose lost-contact case is open. The caller has established that the station is the caller's.
   */
  lostContactTraineeIds(stationId: string, m?: EntityManager): Promise<string[]> {
    return this.repo.openLostContactTraineeIds(stationId, m);
  }

  // ---- the home's "today" counts (appended): the lists' own queries, one row read ----

  /** How many rows the caller's transfer list (GET /transfers) shows with these filters. */
  async countTransfers(user: AuthUser, filters: Pick<StationTransferQueryDto, 'direction' | 'state'>): Promise<number> {
    const [, total] = await this.repo.searchTransfers(this.access.organisationOf(user), { ...filters, page: 1, pageSize: 1 });
    return total;
  }

  /** How many open cases the caller's lost-contact list (GET /lost-contacts) shows. */
  async countOpenLostContacts(user: AuthUser): Promise<number> {
    const [, total] = await this.repo.searchOpenLostContacts(this.access.organisationOf(user), { page: 1, pageSize: 1 });
    return total;
  }
}
