import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, conflict } from '../common/domain-error';
import { ConsentsService } from '../consents/consents.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PlacementsService } from '../placements/placements.service';
import type { AnswerIntentDto, BookSlotDto, CreateIntentDto, IntentDto, SlotDto } from './dto/fair.dto';
import { constraintOf, hhmm, notFoundIntent, notFoundRegistration, notFoundSlot } from './fair.errors';
import { toIntentDto } from './fair.mapper';
import { BoothsService } from './booths.service';
import { FairLegalLimits } from './fair-legal-limits';
import { FairRegistrationsRepository, type RegistrationRow } from './fair-registrations.repository';
import { FairRegistrationsService } from './fair-registrations.service';
import { FairsService } from './fairs.service';
import { type IntentRow, InterviewsRepository } from './interviews.repository';

/**
 * Meeting at the fair: employers invite registered candidates into their booth's slots, trainees
 * (or their counsellors) book and give slots back, and an employer and a trainee agree an intent
 * (意向书) that, confirmed, becomes a placement where offer and hire follow.
 */
@Injectable()
export class InterviewsService {
  constructor(
    private readonly fairsService: FairsService,
    private readonly boothsService: BoothsService,
    private readonly registrationsService: FairRegistrationsService,
    private readonly interviews: InterviewsRepository,
    private readonly registrations: FairRegistrationsRepository,
    private readonly consents: ConsentsService,
    private readonly placements: PlacementsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly legalLimits: FairLegalLimits,
  ) {}

  // ——— interview slots ———

  /** The employer invites a registered candidate into a free slot; the trainee (or counsellor) answers. */
  async invite(user: AuthUser, slotId: string, registrationId: string, ctx: RequestContext): Promise<SlotDto> {
    await this.access.requireAccess(user, 'fair.slot.manage', slotId);
    const s = await this.interviews.slot(slotId);
    if (!s) throw notFoundSlot();
    const r = await this.registrations.registration(registrationId);
    if (!r || r.fair_id !== s.fair_id) throw notFoundRegistration();
    // Not a candidate for this booth by law: the same answer as a registration that does not exist.
    if (!(await this.legalLimits.mayTakeAny([r.trainee_id], await this.boothsService.ordersOf(s.booth_id))).size) {
      throw notFoundRegistration();
    }
    await this.dataSource.transaction(async (m) => {
      await this.hold(slotId, r, 'invited', false, m);
      if (r.trainee_user_id)
        await this.notifications.notify(
          {
            userId: r.trainee_user_id,
            kind: 'fair.interview_invitation',
            titleZh: `${s.employer_name} 邀请你在招聘会上面试（${hhmm(s.starts_at)}），请确认`,
            titleEn: `${s.employer_name} invites you to an interview at the fair (${hhmm(s.starts_at)}): please answer`,
            link: `/fairs/${s.fair_id}`,
            dedupeKey: `fair.interview_invitation:${slotId}:${r.id}`,
            smsParams: { at: new Date(s.starts_at).toISOString() },
          },
          m,
        );
      await this.audit.record(
        { actor: user, action: 'fair.slot_invite', subjectType: 'fair_slot', subjectId: slotId, result: 'success', ctx },
        m,
      );
    });
    return this.boothsService.slotView(user, slotId);
  }

  /**
   * A trainee (or their counsellor, assisted) takes a free slot or accepts an invitation. One
   * conditional update decides who gets a free slot; the exclusion constraint refuses a second slot
   * that overlaps one the trainee already holds.
   */
  async book(user: AuthUser, slotId: string, dto: BookSlotDto, ctx: RequestContext): Promise<SlotDto> {
    const s = await this.interviews.slot(slotId);
    if (!s) throw notFoundSlot();
    const r = await this.registrationsService.actingRegistration(user, s.fair_id, dto.registrationId);
    const assisted = this.access.can(user, 'trainee.assist');
    await this.legalLimits.assertMayTakeAny(r.trainee_id, await this.boothsService.ordersOf(s.booth_id), 'booth');
    await this.dataSource.transaction(async (m) => {
      if (s.state === 'invited' && s.registration_id === r.id) {
        await this.interviews.acceptInvitation(slotId, r.id, assisted, m);
      } else {
        await this.hold(slotId, r, 'booked', assisted, m);
      }
      await this.audit.record(
        {
          actor: user,
          action: 'fair.slot_book',
          subjectType: 'fair_slot',
          subjectId: slotId,
          result: 'success',
          ctx,
          detail: { registrationId: r.id, assisted },
        },
        m,
      );
    });
    return this.boothsService.slotView(user, slotId);
  }

  /** Declines an invitation or gives a booked slot back. */
  async release(user: AuthUser, slotId: string, dto: BookSlotDto, ctx: RequestContext): Promise<SlotDto> {
    const s = await this.interviews.slot(slotId);
    if (!s) throw notFoundSlot();
    const r = await this.registrationsService.actingRegistration(user, s.fair_id, dto.registrationId);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.interviews.releaseSlot(slotId, r.id, m))) throw notFoundSlot();
      await this.audit.record(
        { actor: user, action: 'fair.slot_release', subjectType: 'fair_slot', subjectId: slotId, result: 'success', ctx },
        m,
      );
    });
    return this.boothsService.slotView(user, slotId);
  }

  private async hold(slotId: string, r: RegistrationRow, state: 'invited' | 'booked', assisted: boolean, m: EntityManager): Promise<void> {
    try {
      const held = await this.interviews.holdOpenSlot(slotId, { registrationId: r.id, traineeId: r.trainee_id }, state, assisted, m);
      if (!held) throw conflict('SLOT_TAKEN');
    } catch (e) {
      if (constraintOf(e) === 'ex_fair_slot_trainee_overlap') throw conflict('SLOT_OVERLAP');
      throw e;
    }
  }

  // ——— intents ———

  async createIntent(user: AuthUser, fairId: string, dto: CreateIntentDto, ctx: RequestContext): Promise<IntentDto> {
    await this.fairsService.visibleFair(user, fairId);
    const booths = await this.boothsService.managedApprovedBooths(user, fairId);
    if (!booths.some((b) => b.orders.some((o) => o.orderId === dto.orderId))) throw badRequest('ORDER_NOT_AT_FAIR');
    const r = await this.registrations.registration(dto.registrationId);
    if (!r || r.fair_id !== fairId) throw notFoundRegistration();
    const order = booths.flatMap((b) => b.orders).find((o) => o.orderId === dto.orderId)!;
    if (!(await this.legalLimits.mayTakeAny([r.trainee_id], [order])).size) throw notFoundRegistration();
    const id = await this.dataSource.transaction(async (m) => {
      let intentId: string;
      try {
        intentId = await this.interviews.insertIntent(
          { fairId, registrationId: r.id, orderId: dto.orderId, note: dto.note ?? null, createdBy: user.id },
          m,
        );
      } catch (e) {
        if (constraintOf(e) === 'uq_fair_intent') throw conflict('INTENT_EXISTS');
        throw e;
      }
      if (r.trainee_user_id)
        await this.notifications.notify(
          {
            userId: r.trainee_user_id,
            kind: 'fair.intent',
            titleZh: '招聘会上有单位希望录用你，请查看意向书并确认',
            titleEn: 'An employer at the fair wants to hire you: see the intent and answer',
            link: `/fairs/${fairId}`,
            dedupeKey: `fair.intent:${intentId}`,
          },
          m,
        );
      await this.audit.record(
        { actor: user, action: 'fair.intent', subjectType: 'fair_intent', subjectId: intentId, result: 'success', ctx },
        m,
      );
      return intentId;
    });
    return this.intentView(user, id);
  }

  /**
   * The trainee (or their counsellor, from a signed form) confirms or declines. Confirming is
   * consenting to share name and phone with that employer (the consents module's rule), and the
   * intent becomes an accepted placement where offer and hire follow.
   */
  async answerIntent(user: AuthUser, intentId: string, dto: AnswerIntentDto, ctx: RequestContext): Promise<IntentDto> {
    await this.access.requireAccess(user, 'fair.intent.answer', intentId);
    const i = await this.interviews.intent(intentId);
    if (!i) throw notFoundIntent();
    const assisted = this.access.can(user, 'trainee.assist');
    const consent = { textVersion: dto.textVersion, paperFormRef: dto.paperFormRef, assisted };
    if (dto.answer === 'confirm') {
      await this.consents.assertMayPutForward('fair.intent', consent);
      const order = await this.boothsService.orderAtFair(i.fair_id, i.order_id);
      await this.legalLimits.assertMayTakeAny(i.trainee_id, order ? [order] : [], 'intent');
    }
    await this.dataSource.transaction(async (m) => {
      const answered = await this.interviews.answerIntent(
        intentId,
        {
          state: dto.answer === 'confirm' ? 'confirmed' : 'declined',
          answeredBy: user.id,
          answeredAt: this.clock.now(),
          answeredAssisted: assisted,
        },
        m,
      );
      if (!answered) throw badRequest('INTENT_ANSWERED');
      if (dto.answer === 'confirm') {
        await this.consents.grantShareWithEmployer(i.trainee_id, i.employer_id, consent, user, m);
        const placementId = await this.placements.acceptFromFair(i.order_id, i.trainee_id, user, assisted, m);
        await this.interviews.linkPlacement(intentId, placementId, m);
      }
      await this.audit.record(
        {
          actor: user,
          action: `fair.intent_${dto.answer}`,
          subjectType: 'fair_intent',
          subjectId: intentId,
          result: 'success',
          ctx,
          detail: { assisted },
        },
        m,
      );
    });
    return this.intentView(user, intentId);
  }

  /** Admins: all. Employers: those on their orders. Counsellors: their trainees'. Trainees: their own. */
  async intents(user: AuthUser, fairId: string): Promise<IntentDto[]> {
    await this.fairsService.visibleFair(user, fairId);
    const rows = await this.interviews.intentsOfFair(fairId);
    const readable = await this.access.checkAccess(
      user,
      'fair.intent.read',
      rows.map((i) => i.id),
    );
    return rows.filter((i) => readable.has(i.id)).map((i) => this.intentDto(user, i));
  }

  private async intentView(user: AuthUser, id: string): Promise<IntentDto> {
    return this.intentDto(user, (await this.interviews.intent(id))!);
  }

  private intentDto(user: AuthUser, i: IntentRow): IntentDto {
    return toIntentDto(i, this.access.can(user, 'fair.seeTraineeNames'));
  }
}
