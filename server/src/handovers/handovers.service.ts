import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/events/domain-events';
import { badRequest, conflict, DomainError, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { ReferenceService } from '../reference/reference.service';
import { assertTransition } from '../trainees/trainee-lifecycle';
import { TraineesService } from '../trainees/trainees.service';
import type { CompleteHandoverDto, CreateHandoverDto, HandoverDto, HandoverQueryDto, StationSuggestionDto } from './dto/handover.dto';
import { HandoverCompleted } from './handover-completed.event';
import type { Handover, HandoverState } from './handover.entity';
import { type HandoverRow, HandoversRepository } from './handovers.repository';

const notFoundHandover = () => notFound('HANDOVER');

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * 出所衔接, 必接必送: prepared → sent → accepted → completed, or rejected back to the sender.
 * The sender prepares and sends; only the receiving station accepts, rejects and completes, and
 * completion (with escort, receiving officer, documents, date and place) is what releases the
 * trainee into the station's caseload. Nothing falls between the two.
 */
@Injectable()
export class HandoversService {
  constructor(
    private readonly handovers: HandoversRepository,
    private readonly trainees: TraineesService,
    private readonly organisations: OrganisationsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
    private readonly outcomes: OutcomesService,
  ) {}

  async list(user: AuthUser, q: HandoverQueryDto): Promise<Page<HandoverDto>> {
    const [rows, total] = await this.handovers.search(q, this.access.organisationOf(user));
    const sides = await this.sidesOf(
      user,
      rows.map((r) => r.id),
    );
    return pageOf(
      rows.map((r) => this.toDto(r, sides(r.id))),
      total,
      q,
    );
  }

  async get(user: AuthUser, id: string): Promise<HandoverDto> {
    const row = await this.visible(user, id);
    return this.toDto(row, (await this.sidesOf(user, [id]))(id));
  }

  /** Which side of each handover the caller is on: the policy says who may send and who may receive. */
  private async sidesOf(user: AuthUser, ids: string[]): Promise<(id: string) => HandoverDto['side']> {
    if (this.access.can(user, 'province.all')) return () => 'admin';
    const sending = await this.access.checkAccess(user, 'handover.send', ids);
    return (id) => (sending.has(id) ? 'sender' : 'receiver');
  }

  /** The station the trainee would go to: the one in their home division. */
  async suggestStation(user: AuthUser, traineeId: string): Promise<StationSuggestionDto> {
    const { trainee } = await this.trainees.readable(user, traineeId);
    const station = await this.handovers.stationOf(trainee.homeDivisionCode);
    const division = (await this.reference.divisions()).find((d) => d.code === trainee.homeDivisionCode);
    return {
      organisationId: station?.id ?? null,
      organisationName: station?.name ?? null,
      divisionCode: trainee.homeDivisionCode,
      divisionName: division?.name ?? '',
    };
  }

  async create(user: AuthUser, dto: CreateHandoverDto, ctx: RequestContext): Promise<HandoverDto> {
    await this.trainees.writable(user, dto.traineeId);
    const { trainee } = await this.trainees.readable(user, dto.traineeId);
    if (trainee.state !== 'pre_release' && trainee.state !== 'admitted') {
      throw badRequest('NOT_INSIDE');
    }
    let toId = dto.toOrganisationId;
    if (!toId) {
      const station = await this.handovers.stationOf(trainee.homeDivisionCode);
      if (!station) {
        throw badRequest('NO_STATION');
      }
      toId = station.id;
    }
    const to = await this.organisations.findOrganisation(toId);
    if (!to || to.type !== 'community_station' || to.status !== 'active') {
      throw badRequest('NOT_A_STATION');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const h = await this.handovers
        .create(
          {
            traineeId: trainee.id,
            fromOrganisationId: user.organisationId,
            toOrganisationId: toId,
            releaseDate: dto.releaseDate,
            createdBy: user.id,
          },
          m,
        )
        .catch((e: { driverError?: { constraint?: string } }) => {
          if (e.driverError?.constraint === 'uq_handover_open') {
            throw conflict('HANDOVER_OPEN');
          }
          throw e;
        });
      await this.audit.record(
        {
          actor: user,
          action: 'handover.create',
          subjectType: 'trainee',
          subjectId: trainee.id,
          result: 'success',
          ctx,
          detail: { handoverId: h.id },
        },
        m,
      );
      return h.id;
    });
    return this.get(user, id);
  }

  send(user: AuthUser, id: string, ctx: RequestContext): Promise<HandoverDto> {
    return this.step(user, id, 'sender', ['prepared'], 'sent', { sentAt: this.clock.now() }, ctx);
  }

  accept(user: AuthUser, id: string, ctx: RequestContext): Promise<HandoverDto> {
    return this.step(user, id, 'receiver', ['sent'], 'accepted', { acceptedAt: this.clock.now(), acceptedBy: user.id }, ctx);
  }

  /** Back to the sender with the reason; the sender may prepare a new one. */
  reject(user: AuthUser, id: string, reason: string, ctx: RequestContext): Promise<HandoverDto> {
    return this.step(
      user,
      id,
      'receiver',
      ['sent', 'accepted'],
      'rejected',
      { rejectedAt: this.clock.now(), rejectedBy: user.id, rejectReason: reason },
      ctx,
    );
  }

  /** The receiving station confirms the person arrived: the trainee is released into its caseload. */
  async complete(user: AuthUser, id: string, dto: CompleteHandoverDto, ctx: RequestContext): Promise<HandoverDto> {
    if (dto.handedOverOn > this.clock.today()) {
      throw badRequest('HANDOVER_DATE_IN_FUTURE');
    }
    await this.dataSource.transaction(async (m) => {
      const h = await this.lockedStep(user, id, 'receiver', ['accepted'], m);
      const trainee = await this.trainees.lockTrainee(h.traineeId, m);
      assertTransition(trainee.state, 'released', 'system');
      await this.handovers.update(
        id,
        {
          state: 'completed',
          completedAt: this.clock.now(),
          completedBy: user.id,
          escortName: dto.escortName,
          receivingOfficer: dto.receivingOfficer,
          documents: dto.documents,
          handoverPlace: dto.handoverPlace,
          handedOverOn: dto.handedOverOn,
        },
        m,
      );
      // The station now holds the trainee; the facility keeps a frozen copy of what it recorded.
      await this.trainees.freezeForReleasingFacility(h.traineeId, h.fromOrganisationId, id, m);
      await this.trainees.applyTransition(
        trainee,
        'released',
        user.id,
        `出所衔接完成（接收：${dto.receivingOfficer}）· handover completed`,
        m,
        {
          organisationId: h.toOrganisationId,
          releasedOn: dto.handedOverOn,
        },
      );
      // 回访: the station's schedule starts with the release (+1, +3 … months), assigned to whoever
      // completed it — FollowUpsModule listens, in this transaction.
      await this.events.publish(new HandoverCompleted(id, h.traineeId, h.toOrganisationId, dto.handedOverOn, user.id, m));
      // The completed handover says which facility and station the outcome reports count the person under.
      await this.outcomes.refresh(m, [h.traineeId]);
      await this.audit.record(
        {
          actor: user,
          action: 'handover.complete',
          subjectType: 'trainee',
          subjectId: h.traineeId,
          result: 'success',
          ctx,
          detail: { handoverId: id },
        },
        m,
      );
    });
    return this.get(user, id);
  }

  private async step(
    user: AuthUser,
    id: string,
    side: 'sender' | 'receiver',
    from: HandoverState[],
    to: HandoverState,
    patch: Partial<Handover>,
    ctx: RequestContext,
  ): Promise<HandoverDto> {
    await this.dataSource.transaction(async (m) => {
      const h = await this.lockedStep(user, id, side, from, m);
      await this.handovers.update(id, { state: to, ...patch }, m);
      await this.tellOtherSide(id, to, m);
      await this.audit.record(
        {
          actor: user,
          action: `handover.${to}`,
          subjectType: 'trainee',
          subjectId: h.traineeId,
          result: 'success',
          ctx,
          detail: { handoverId: id },
        },
        m,
      );
    });
    return this.get(user, id);
  }

  /**
   * Sent: the receiving station's counsellors are asked to confirm. Accepted or rejected: the sending
   * organisation's counsellors learn the answer. Only counsellors of the two sides receive these, so
   * the trainee's name may be in them; one notice per event (a handover is sent and answered once).
   */
  private async tellOtherSide(id: string, state: HandoverState, m: EntityManager): Promise<void> {
    if (state !== 'sent' && state !== 'accepted' && state !== 'rejected') return;
    const h = (await this.handovers.findRow(id, m))!;
    const kind = state === 'sent' ? 'handover.requested' : `handover.${state}`;
    const [zh, en] =
      state === 'sent'
        ? [
            `出所衔接请求：${h.from_name}将于 ${h.releaseDate} 移交 ${h.trainee_name}，请确认接收`,
            `Handover request: ${h.from_name} hands over ${h.trainee_name} on ${h.releaseDate}; please confirm`,
          ]
        : state === 'accepted'
          ? [
              `${h.to_name}已确认接收 ${h.trainee_name}（${h.releaseDate} 出所）`,
              `${h.to_name} will receive ${h.trainee_name} (release on ${h.releaseDate})`,
            ]
          : [
              `${h.to_name}退回了 ${h.trainee_name} 的出所衔接，原因：${h.rejectReason ?? ''}。请重新办理`,
              `${h.to_name} returned the handover of ${h.trainee_name}: ${h.rejectReason ?? ''}. Please prepare a new one`,
            ];
    const to = state === 'sent' ? h.toOrganisationId : h.fromOrganisationId;
    for (const userId of await this.handovers.counsellorsOf(to, m))
      await this.notifications.notify({ userId, kind, titleZh: zh, titleEn: en, link: `/handovers/${id}`, dedupeKey: `${kind}:${id}` }, m);
  }

  /** Locks the handover and checks the caller is on the right side and it is in a state that allows the step. */
  private async lockedStep(
    user: AuthUser,
    id: string,
    side: 'sender' | 'receiver',
    from: HandoverState[],
    m: EntityManager,
  ): Promise<Handover> {
    const h = await this.handovers.findForUpdate(id, m);
    await this.access.requireAccess(user, 'handover.read', id, m);
    if (!h) throw notFoundHandover();
    if (!(await this.access.checkAccess(user, side === 'sender' ? 'handover.send' : 'handover.receive', [id], m)).has(id)) {
      throw side === 'sender'
        ? new DomainError(HttpStatus.FORBIDDEN, 'WRONG_SIDE')
        : new DomainError(HttpStatus.FORBIDDEN, 'WRONG_SIDE.HANDOVERS');
    }
    if (!from.includes(h.state)) {
      throw badRequest('HANDOVER_STATE', { state: h.state }, { state: h.state });
    }
    return h;
  }

  private async visible(user: AuthUser, id: string): Promise<HandoverRow> {
    await this.access.requireAccess(user, 'handover.read', id);
    const row = await this.handovers.findRow(id);
    if (!row) throw notFoundHandover();
    return row;
  }

  private toDto(r: HandoverRow, side: HandoverDto['side']): HandoverDto {
    return {
      id: r.id,
      traineeId: r.traineeId,
      traineeName: r.trainee_name,
      fromOrganisationId: r.fromOrganisationId,
      fromOrganisationName: r.from_name,
      toOrganisationId: r.toOrganisationId,
      toOrganisationName: r.to_name,
      state: r.state,
      releaseDate: r.releaseDate,
      createdAt: iso(r.createdAt)!,
      sentAt: iso(r.sentAt),
      acceptedAt: iso(r.acceptedAt),
      rejectedAt: iso(r.rejectedAt),
      rejectReason: r.rejectReason,
      completedAt: iso(r.completedAt),
      escortName: r.escortName,
      receivingOfficer: r.receivingOfficer,
      documents: r.documents,
      handoverPlace: r.handoverPlace,
      handedOverOn: r.handedOverOn,
      overdue: r.overdue,
      side,
    };
  }

  // ---- the home's "today" counts (appended) ----

  /** How many rows the caller's handover list (GET /handovers) shows with these filters: the list's own query. */
  async count(user: AuthUser, filters: Pick<HandoverQueryDto, 'direction' | 'state' | 'overdue'>): Promise<number> {
    const [, total] = await this.handovers.search({ ...filters, page: 1, pageSize: 1 }, this.access.organisationOf(user));
    return total;
  }
}
