import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersService } from '../users/users.service';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict, forbidden } from '../common/domain-error';
import { NotificationsService } from '../notifications/notifications.service';
import type { ApplyBoothDto, BoothDecisionDto, BoothDto, CreateSlotsDto, SlotDto } from './dto/fair.dto';
import { constraintOf, notFoundBooth } from './fair.errors';
import { toBoothDto, toSlotDto } from './fair.mapper';
import { type BoothRow, BoothsRepository } from './booths.repository';
import type { FairOrderFacts } from './fair-legal-limits';
import { FairsRepository } from './fairs.repository';
import { FairsService } from './fairs.service';
import { InterviewsRepository, type SlotRow } from './interviews.repository';

/**
 * Booths at a fair: an employer applies with the open orders it brings, an admin approves (one of
 * the fair's booth places) or declines, and the approved booth publishes its interview slots.
 */
@Injectable()
export class BoothsService {
  constructor(
    private readonly fairsService: FairsService,
    private readonly fairs: FairsRepository,
    private readonly booths: BoothsRepository,
    private readonly interviews: InterviewsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  /** Admins: every booth. Employers: their own (never a note). Others: the approved ones (the programme). */
  async list(user: AuthUser, fairId: string): Promise<BoothDto[]> {
    await this.fairsService.visibleFair(user, fairId);
    const rows = await this.booths.booths(fairId);
    const ids = rows.map((b) => b.id);
    const [readable, managed] = await Promise.all([
      this.access.checkAccess(user, 'fair.booth.read', ids),
      this.access.checkAccess(user, 'fair.booth.manage', ids),
    ]);
    const notes = this.access.can(user, 'fair.booth.readNotes');
    return rows.filter((b) => readable.has(b.id)).map((b) => toBoothDto(b, { notes, decision: managed.has(b.id) }));
  }

  /** One booth: its note for the organisers only, its decline reason for those who manage it. */
  private async boothView(user: AuthUser, boothId: string): Promise<BoothDto> {
    const managed = await this.access.checkAccess(user, 'fair.booth.manage', [boothId]);
    const audience = { notes: this.access.can(user, 'fair.booth.readNotes'), decision: managed.has(boothId) };
    return toBoothDto((await this.booths.booth(boothId))!, audience);
  }

  /** The caller's approved booths at this fair (an employer has one at most): what lets it meet candidates. */
  async managedApprovedBooths(user: AuthUser, fairId: string): Promise<BoothRow[]> {
    const approved = (await this.booths.booths(fairId)).filter((b) => b.state === 'approved');
    const managed = await this.access.checkAccess(
      user,
      'fair.booth.manage',
      approved.map((b) => b.id),
    );
    return approved.filter((b) => managed.has(b.id));
  }

  /** The orders a booth brings, as the legal job limits read them. No access check: the caller checked. */
  async ordersOf(boothId: string): Promise<FairOrderFacts[]> {
    return (await this.booths.booth(boothId))?.orders ?? [];
  }

  /** One order brought to this fair, as the legal job limits read it. No access check: the caller checked. */
  async orderAtFair(fairId: string, orderId: string): Promise<FairOrderFacts | undefined> {
    return (await this.booths.booths(fairId)).flatMap((b) => b.orders).find((o) => o.orderId === orderId);
  }

  async apply(user: AuthUser, fairId: string, dto: ApplyBoothDto, ctx: RequestContext): Promise<BoothDto> {
    const f = await this.fairsService.visibleFair(user, fairId);
    if (f.state !== 'published' || f.fair_date < this.clock.today()) throw badRequest('FAIR_NOT_OPEN');
    if (!(await this.organisations.isVerifiedEmployer(user.organisationId))) throw forbidden('EMPLOYER_NOT_VERIFIED.FAIRS');
    const orderIds = [...new Set(dto.orderIds)];
    const bringable = await this.access.checkAccess(user, 'fair.order.bring', orderIds);
    if (bringable.size !== orderIds.length)
      throw badRequest('BAD_ORDERS', {
        notOpen: orderIds.filter((id) => !bringable.has(id)),
      });
    const id = await this.dataSource.transaction(async (m) => {
      let boothId: string;
      try {
        boothId = await this.booths.insertApplication({ fairId, employerId: user.organisationId, note: dto.note ?? null, orderIds }, m);
      } catch (e) {
        if (constraintOf(e) === 'uq_fair_booth_live') throw conflict('BOOTH_EXISTS');
        throw e;
      }
      await this.audit.record(
        {
          actor: user,
          action: 'fair.booth_apply',
          subjectType: 'fair_booth',
          subjectId: boothId,
          result: 'success',
          ctx,
          detail: { fairId },
        },
        m,
      );
      return boothId;
    });
    return this.boothView(user, id);
  }

  /** Approval takes one of the fair's booth places (never past the capacity); the employer is told either way. */
  async decide(user: AuthUser, boothId: string, dto: BoothDecisionDto, ctx: RequestContext): Promise<BoothDto> {
    if (dto.decision === 'decline' && !dto.reason) throw badRequest('REASON_REQUIRED');
    await this.access.requireAccess(user, 'fair.booth.manage', boothId);
    await this.dataSource.transaction(async (m) => {
      const b = await this.booths.lockBooth(boothId, m);
      if (!b) throw notFoundBooth();
      if (b.state !== 'applied') throw badRequest('BOOTH_DECIDED');
      if (dto.decision === 'approve' && !(await this.fairs.takeBooth(b.fairId, m))) throw conflict('FAIR_FULL');
      await this.booths.decide(
        boothId,
        {
          state: dto.decision === 'approve' ? 'approved' : 'declined',
          decidedBy: user.id,
          decidedAt: this.clock.now(),
          declineReason: dto.decision === 'decline' ? dto.reason! : null,
        },
        m,
      );
      const fair = (await this.fairs.fair(b.fairId, m))!;
      for (const userId of await this.users.employerAccountIds(b.employerId, m))
        await this.notifications.notify(
          {
            userId,
            kind: 'fair.booth_decision',
            titleZh:
              dto.decision === 'approve'
                ? `展位申请已通过：${fair.title}（${fair.fair_date}）`
                : `展位申请未通过：${fair.title}。原因：${dto.reason}`,
            titleEn: dto.decision === 'approve' ? `Booth approved: ${fair.title}` : `Booth declined: ${fair.title}. ${dto.reason}`,
            link: `/fairs/${b.fairId}`,
            dedupeKey: `fair.booth_decision:${boothId}`,
          },
          m,
        );
      await this.audit.record(
        {
          actor: user,
          action: `fair.booth_${dto.decision}`,
          subjectType: 'fair_booth',
          subjectId: boothId,
          result: 'success',
          ctx,
          detail: { reason: dto.reason },
        },
        m,
      );
    });
    return this.boothView(user, boothId);
  }

  // ——— interview slots ———

  /** Back-to-back slots within the fair's hours, once the booth is approved. */
  async createSlots(user: AuthUser, boothId: string, dto: CreateSlotsDto, ctx: RequestContext): Promise<SlotDto[]> {
    await this.access.requireAccess(user, 'fair.booth.manage', boothId);
    const b = await this.booths.booth(boothId);
    if (!b) throw notFoundBooth();
    if (b.state !== 'approved') throw badRequest('BOOTH_NOT_APPROVED');
    const f = (await this.fairs.fair(b.fair_id))!;
    const start = new Date(dto.startsAt);
    const end = new Date(start.getTime() + dto.count * dto.minutes * 60_000);
    const dayStart = new Date(`${f.fair_date}T${f.starts_at}:00+08:00`);
    const dayEnd = new Date(`${f.fair_date}T${f.ends_at}:00+08:00`);
    if (start < dayStart || end > dayEnd)
      throw badRequest('SLOTS_OUTSIDE_FAIR', { fair_date: f.fair_date, starts_at: f.starts_at, ends_at: f.ends_at });
    await this.dataSource.transaction(async (m) => {
      await this.interviews.insertOpenSlots(
        boothId,
        Array.from({ length: dto.count }, (_, i) => ({
          startsAt: new Date(start.getTime() + i * dto.minutes * 60_000),
          endsAt: new Date(start.getTime() + (i + 1) * dto.minutes * 60_000),
        })),
        m,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'fair.slots_create',
          subjectType: 'fair_booth',
          subjectId: boothId,
          result: 'success',
          ctx,
          detail: { count: dto.count },
        },
        m,
      );
    });
    return this.slots(user, boothId);
  }

  /** Employers and admins: every slot of the booth. Counsellors and trainees: the free ones and their own. */
  async slots(user: AuthUser, boothId: string): Promise<SlotDto[]> {
    await this.access.requireAccess(user, 'fair.booth.read', boothId);
    if (!(await this.booths.booth(boothId))) throw notFoundBooth();
    const rows = await this.interviews.slotsOfBooth(boothId);
    const mine = await this.holderTest(user, rows);
    const seeHolders = this.access.can(user, 'fair.seeSlotHolders');
    const visible = seeHolders ? rows : rows.filter((s) => s.state === 'open' || mine(s));
    return visible.map((s) => toSlotDto(s, seeHolders, mine(s)));
  }

  /** One slot as this caller sees it (after an invitation, a booking or a release). */
  async slotView(user: AuthUser, slotId: string): Promise<SlotDto> {
    const s = (await this.interviews.slot(slotId))!;
    const mine = await this.holderTest(user, [s]);
    return toSlotDto(s, this.access.can(user, 'fair.seeSlotHolders'), mine(s));
  }

  /**
   * Whether a slot is held under a registration the caller acts with: their own (trainee) or one of
   * their organisation's trainees (counsellor). Nobody else holds slots.
   */
  private async holderTest(user: AuthUser, slots: SlotRow[]): Promise<(s: SlotRow) => boolean> {
    const held = slots.flatMap((s) => (s.registration_id ? [s.registration_id] : []));
    const mine = await this.access.checkAccess(user, 'fair.registration.act', held);
    return (s) => !!s.registration_id && mine.has(s.registration_id);
  }
}
