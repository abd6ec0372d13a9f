import { HttpStatus, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { randomCode } from '../common/codes';
import { badRequest, conflict, DomainError, forbidden, notFound } from '../common/domain-error';
import { ConsentsRepository } from '../consents/consents.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { PlacementsService } from '../placements/placements.service';
import type {
  AnswerIntentDto,
  ApplyBoothDto,
  BookSlotDto,
  BoothDecisionDto,
  BoothDto,
  CheckInResultDto,
  CreateFairDto,
  CreateIntentDto,
  CreateSlotsDto,
  FairCandidateDto,
  FairDto,
  FairQueryDto,
  FairReportDto,
  IntentDto,
  RegistrationDto,
  RegistrationProblemDto,
  ReportRowDto,
  SlotDto,
  UpdateFairDto,
} from './dto/fair.dto';
import { FairBooth, FairBoothOrder, FairIntent, FairRegistration, FairSlot, type FairState, JobFair } from './fair.entities';
import { toBoothDto, toFairDto, toIntentDto, toRegistrationDto, toSlotDto } from './fair.mapper';
import { type BoothRow, type FairRow, FairsRepository, type IntentRow, type RegistrationRow, type SlotRow } from './fairs.repository';

const notFoundFair = () => notFound('招聘会', 'Job fair');
const notFoundBooth = () => notFound('展位', 'Booth');
const notFoundSlot = () => notFound('面试时段', 'Interview slot');
const notFoundRegistration = () => notFound('报名记录', 'Registration');
const notFoundIntent = () => notFound('意向书', 'Intent');

/**
 * 订单式就业推介会: admins run fairs; employers bring booths with orders and publish interview slots;
 * counsellors register their trainees (released trainees register themselves); staff at the venue
 * check people in; employers and trainees agree intents that become placements.
 *
 * Who may see or touch which fair, booth, slot, registration or intent is decided by the access
 * policy (`fair.*` in server/src/access/policies/fairs.policy.ts), never here.
 */
@Injectable()
export class FairsService {
  constructor(
    private readonly fairs: FairsRepository,
    private readonly consents: ConsentsRepository,
    private readonly placements: PlacementsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  // ——— fairs ———

  /** Admins: every fair (a draft is theirs alone). Everyone else: published fairs and closed ones. */
  async list(user: AuthUser, q: FairQueryDto): Promise<FairDto[]> {
    const rows = await this.fairs.listFairs(q.state ? [q.state] : null);
    const visible = await this.access.checkAccess(
      user,
      'fair.read',
      rows.map((f) => f.id),
    );
    return Promise.all(rows.filter((f) => visible.has(f.id)).map((f) => this.fairView(user, f)));
  }

  async get(user: AuthUser, id: string): Promise<FairDto> {
    return this.fairView(user, await this.visibleFair(user, id));
  }

  private async fairView(user: AuthUser, f: FairRow): Promise<FairDto> {
    return toFairDto(f, this.access.can(user, 'fair.seeVenue'), await this.fairs.programme(f.id));
  }

  async create(user: AuthUser, dto: CreateFairDto, ctx: RequestContext): Promise<FairDto> {
    await this.validateFair(dto);
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(JobFair);
      const f = await repo.save(
        repo.create({
          ...dto,
          registrationDeadline: dto.registrationDeadline ?? null,
          description: dto.description ?? null,
          state: 'draft',
          createdBy: user.id,
        }),
      );
      await this.audit.record({ actor: user, action: 'fair.create', subjectType: 'fair', subjectId: f.id, result: 'success', ctx }, m);
      return f.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateFairDto, ctx: RequestContext): Promise<FairDto> {
    await this.dataSource.transaction(async (m) => {
      await this.fairs.lockFair(id, m);
      const f = await this.fairs.fair(id, m);
      if (!f) throw notFoundFair();
      if (f.state === 'closed' || f.state === 'cancelled')
        throw badRequest('FAIR_FINISHED', '招聘会已结束，不能修改。', 'The fair is over and cannot change.');
      const merged = {
        fairDate: dto.fairDate ?? f.fair_date,
        startsAt: dto.startsAt ?? f.starts_at,
        endsAt: dto.endsAt ?? f.ends_at,
        venueOrganisationId: f.venue_organisation_id,
        registrationDeadline: dto.registrationDeadline ?? f.registration_deadline ?? undefined,
      };
      await this.validateFair(merged, m);
      if (dto.boothCapacity !== undefined && dto.boothCapacity < f.booths_taken)
        throw badRequest(
          'CAPACITY_BELOW_BOOTHS',
          `已批准 ${f.booths_taken} 个展位，展位数不能少于这个数。`,
          `${f.booths_taken} booths are approved already; the capacity cannot be lower.`,
        );
      await m.getRepository(JobFair).update({ id }, dto);
      await this.audit.record(
        {
          actor: user,
          action: 'fair.update',
          subjectType: 'fair',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { fields: Object.keys(dto) },
        },
        m,
      );
    });
    return this.get(user, id);
  }

  publish(user: AuthUser, id: string, ctx: RequestContext): Promise<FairDto> {
    return this.moveFair(user, id, 'draft', 'published', ctx);
  }

  close(user: AuthUser, id: string, ctx: RequestContext): Promise<FairDto> {
    return this.moveFair(user, id, 'published', 'closed', ctx);
  }

  private async moveFair(user: AuthUser, id: string, from: FairState, to: FairState, ctx: RequestContext): Promise<FairDto> {
    await this.dataSource.transaction(async (m) => {
      const res = await m.getRepository(JobFair).update({ id, state: from }, { state: to });
      if (!res.affected) {
        if (!(await m.getRepository(JobFair).existsBy({ id }))) throw notFoundFair();
        throw badRequest(
          'FAIR_STATE',
          `只有${from === 'draft' ? '草稿' : '已发布'}状态的招聘会才能这样操作。`,
          `Only a ${from} fair can become ${to}.`,
        );
      }
      await this.audit.record({ actor: user, action: `fair.${to}`, subjectType: 'fair', subjectId: id, result: 'success', ctx }, m);
    });
    return this.get(user, id);
  }

  // ——— booths ———

  /** Admins: every booth. Employers: their own (never a note). Others: the approved ones (the programme). */
  async booths(user: AuthUser, fairId: string): Promise<BoothDto[]> {
    await this.visibleFair(user, fairId);
    const rows = await this.fairs.booths(fairId);
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
    return toBoothDto((await this.fairs.booth(boothId))!, audience);
  }

  /** The caller's approved booths at this fair (an employer has one at most): what lets it meet candidates. */
  private async managedApprovedBooths(user: AuthUser, fairId: string): Promise<BoothRow[]> {
    const approved = (await this.fairs.booths(fairId)).filter((b) => b.state === 'approved');
    const managed = await this.access.checkAccess(
      user,
      'fair.booth.manage',
      approved.map((b) => b.id),
    );
    return approved.filter((b) => managed.has(b.id));
  }

  async applyBooth(user: AuthUser, fairId: string, dto: ApplyBoothDto, ctx: RequestContext): Promise<BoothDto> {
    const f = await this.visibleFair(user, fairId);
    if (f.state !== 'published' || f.fair_date < this.clock.today())
      throw badRequest('FAIR_NOT_OPEN', '这场招聘会不接受展位申请（未开放或已结束）。', 'This fair does not take booth applications now.');
    const [org] = await this.dataSource.query<{ status: string }[]>(`SELECT status FROM organisation WHERE id = $1`, [user.organisationId]);
    if (org?.status !== 'verified')
      throw forbidden('EMPLOYER_NOT_VERIFIED', '单位通过审核后才能申请展位。', 'Booths are for verified employers.');
    const orderIds = [...new Set(dto.orderIds)];
    const bringable = await this.access.checkAccess(user, 'fair.order.bring', orderIds);
    if (bringable.size !== orderIds.length)
      throw badRequest('BAD_ORDERS', '只能带本单位正在招聘（已发布）的订单参会。', 'Bring only your own open orders.', {
        notOpen: orderIds.filter((id) => !bringable.has(id)),
      });
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(FairBooth);
      let booth: FairBooth;
      try {
        booth = await repo.save(repo.create({ fairId, employerId: user.organisationId, state: 'applied', note: dto.note ?? null }));
      } catch (e) {
        if (constraintOf(e) === 'uq_fair_booth_live')
          throw conflict(
            'BOOTH_EXISTS',
            '本单位已经申请过这场招聘会的展位。',
            'Your organisation already has a booth (or an application) at this fair.',
          );
        throw e;
      }
      await m.getRepository(FairBoothOrder).insert(orderIds.map((orderId) => ({ boothId: booth.id, orderId })));
      await this.audit.record(
        {
          actor: user,
          action: 'fair.booth_apply',
          subjectType: 'fair_booth',
          subjectId: booth.id,
          result: 'success',
          ctx,
          detail: { fairId },
        },
        m,
      );
      return booth.id;
    });
    return this.boothView(user, id);
  }

  /** Approval takes one of the fair's booth places (never past the capacity); the employer is told either way. */
  async decideBooth(user: AuthUser, boothId: string, dto: BoothDecisionDto, ctx: RequestContext): Promise<BoothDto> {
    if (dto.decision === 'decline' && !dto.reason)
      throw badRequest(
        'REASON_REQUIRED',
        '婉拒展位申请时请写明原因，单位会看到。',
        'Give the reason for declining; the employer will see it.',
      );
    await this.access.requireAccess(user, 'fair.booth.manage', boothId);
    await this.dataSource.transaction(async (m) => {
      const b = await m.getRepository(FairBooth).findOne({ where: { id: boothId }, lock: { mode: 'pessimistic_write' } });
      if (!b) throw notFoundBooth();
      if (b.state !== 'applied')
        throw badRequest('BOOTH_DECIDED', '这个展位申请已经处理过了。', 'This booth application has been decided already.');
      if (dto.decision === 'approve' && !(await this.fairs.takeBooth(b.fairId, m)))
        throw conflict('FAIR_FULL', '展位已满，不能再批准。可以先扩大展位数。', 'Every booth is taken; raise the capacity first.');
      await m.getRepository(FairBooth).update(
        { id: boothId },
        {
          state: dto.decision === 'approve' ? 'approved' : 'declined',
          decidedBy: user.id,
          decidedAt: this.clock.now(),
          declineReason: dto.decision === 'decline' ? dto.reason! : null,
        },
      );
      const fair = (await this.fairs.fair(b.fairId, m))!;
      const users = await m.query<{ id: string }[]>(
        `SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'employer' AND disabled_at IS NULL`,
        [b.employerId],
      );
      for (const u of users)
        await this.notifications.notify(
          {
            userId: u.id,
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

  async createSlots(user: AuthUser, boothId: string, dto: CreateSlotsDto, ctx: RequestContext): Promise<SlotDto[]> {
    await this.access.requireAccess(user, 'fair.booth.manage', boothId);
    const b = await this.fairs.booth(boothId);
    if (!b) throw notFoundBooth();
    if (b.state !== 'approved')
      throw badRequest('BOOTH_NOT_APPROVED', '展位通过审核后才能发布面试时段。', 'Publish slots once the booth is approved.');
    const f = (await this.fairs.fair(b.fair_id))!;
    const start = new Date(dto.startsAt);
    const end = new Date(start.getTime() + dto.count * dto.minutes * 60_000);
    const dayStart = new Date(`${f.fair_date}T${f.starts_at}:00+08:00`);
    const dayEnd = new Date(`${f.fair_date}T${f.ends_at}:00+08:00`);
    if (start < dayStart || end > dayEnd)
      throw badRequest(
        'SLOTS_OUTSIDE_FAIR',
        `面试时段须在招聘会时间内（${f.fair_date} ${f.starts_at}–${f.ends_at}）。`,
        `Slots must fall within the fair (${f.fair_date} ${f.starts_at}–${f.ends_at}).`,
      );
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(FairSlot).insert(
        Array.from({ length: dto.count }, (_, i) => ({
          boothId,
          startsAt: new Date(start.getTime() + i * dto.minutes * 60_000),
          endsAt: new Date(start.getTime() + (i + 1) * dto.minutes * 60_000),
          state: 'open' as const,
        })),
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
    if (!(await this.fairs.booth(boothId))) throw notFoundBooth();
    const rows = await this.fairs.slotsOfBooth(boothId);
    const mine = await this.holderTest(user, rows);
    const seeHolders = this.access.can(user, 'fair.seeSlotHolders');
    const visible = seeHolders ? rows : rows.filter((s) => s.state === 'open' || mine(s));
    return visible.map((s) => toSlotDto(s, seeHolders, mine(s)));
  }

  /** The employer invites a registered candidate into a free slot; the trainee (or counsellor) answers. */
  async invite(user: AuthUser, slotId: string, registrationId: string, ctx: RequestContext): Promise<SlotDto> {
    await this.access.requireAccess(user, 'fair.slot.manage', slotId);
    const s = await this.fairs.slot(slotId);
    if (!s) throw notFoundSlot();
    const r = await this.fairs.registration(registrationId);
    if (!r || r.fair_id !== s.fair_id) throw notFoundRegistration();
    await this.dataSource.transaction(async (m) => {
      await this.hold(slotId, r, 'invited', false, m);
      if (r.trainee_user_id)
        await this.notifications.notify(
          {
            userId: r.trainee_user_id,
            kind: 'fair.interview_invitation',
            titleZh: `${s.employer_name} 邀请您在招聘会上面试（${hhmm(s.starts_at)}），请确认`,
            titleEn: `${s.employer_name} invites you to an interview at the fair (${hhmm(s.starts_at)}): please answer`,
            link: `/fairs/${s.fair_id}`,
            dedupeKey: `fair.interview_invitation:${slotId}:${r.id}`,
          },
          m,
        );
      await this.audit.record(
        { actor: user, action: 'fair.slot_invite', subjectType: 'fair_slot', subjectId: slotId, result: 'success', ctx },
        m,
      );
    });
    return this.slotView(user, slotId);
  }

  /**
   * A trainee (or their counsellor, assisted) takes a free slot or accepts an invitation. One
   * conditional update decides who gets a free slot; the exclusion constraint refuses a second slot
   * that overlaps one the trainee already holds.
   */
  async book(user: AuthUser, slotId: string, dto: BookSlotDto, ctx: RequestContext): Promise<SlotDto> {
    const s = await this.fairs.slot(slotId);
    if (!s) throw notFoundSlot();
    const r = await this.actingRegistration(user, s.fair_id, dto.registrationId);
    const assisted = this.access.can(user, 'trainee.assist');
    await this.dataSource.transaction(async (m) => {
      if (s.state === 'invited' && s.registration_id === r.id) {
        await m
          .getRepository(FairSlot)
          .update({ id: slotId, state: 'invited', registrationId: r.id }, { state: 'booked', bookedAssisted: assisted });
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
    return this.slotView(user, slotId);
  }

  /** Declines an invitation or gives a booked slot back. */
  async release(user: AuthUser, slotId: string, dto: BookSlotDto, ctx: RequestContext): Promise<SlotDto> {
    const s = await this.fairs.slot(slotId);
    if (!s) throw notFoundSlot();
    const r = await this.actingRegistration(user, s.fair_id, dto.registrationId);
    await this.dataSource.transaction(async (m) => {
      const res = await m
        .getRepository(FairSlot)
        .update({ id: slotId, registrationId: r.id }, { state: 'open', registrationId: null, traineeId: null, bookedAssisted: false });
      if (!res.affected) throw notFoundSlot();
      await this.audit.record(
        { actor: user, action: 'fair.slot_release', subjectType: 'fair_slot', subjectId: slotId, result: 'success', ctx },
        m,
      );
    });
    return this.slotView(user, slotId);
  }

  private async hold(slotId: string, r: RegistrationRow, state: 'invited' | 'booked', assisted: boolean, m: EntityManager): Promise<void> {
    try {
      const [rows] = await m.query<[unknown[], number]>(
        `UPDATE fair_slot SET state = $2, registration_id = $3, trainee_id = $4, booked_assisted = $5
          WHERE id = $1 AND state = 'open' RETURNING id`,
        [slotId, state, r.id, r.trainee_id, assisted],
      );
      if (!rows.length) throw conflict('SLOT_TAKEN', '这个时段已被占用，请选择其他时段。', 'This slot is taken; choose another.');
    } catch (e) {
      if (constraintOf(e) === 'ex_fair_slot_trainee_overlap')
        throw conflict(
          'SLOT_OVERLAP',
          '该学员在这个时间已有另一场面试，时间不能重叠。',
          'The trainee already has an interview at that time.',
        );
      throw e;
    }
  }

  private async slotView(user: AuthUser, slotId: string): Promise<SlotDto> {
    const s = (await this.fairs.slot(slotId))!;
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

  // ——— registrations ———

  /**
   * Counsellors register their organisation's trainees, all or none (every problem is named); a
   * released trainee registers themselves. Employers will see a pseudonymous profile, so job-matching
   * consent is required.
   */
  async register(user: AuthUser, fairId: string, traineeIds: string[] | undefined, ctx: RequestContext): Promise<RegistrationDto[]> {
    const f = await this.visibleFair(user, fairId);
    const today = this.clock.today();
    if (f.state !== 'published' || f.fair_date < today || (f.registration_deadline && f.registration_deadline < today))
      throw badRequest('REGISTRATION_CLOSED', '这场招聘会的报名已截止。', 'Registration for this fair is closed.');
    const self = this.access.can(user, 'trainee.self');
    let ids: string[];
    if (self) {
      const [t] = await this.dataSource.query<{ id: string; state: string }[]>(`SELECT id, state FROM trainee WHERE user_id = $1`, [
        user.id,
      ]);
      if (!t) throw notFound('学员档案', 'Trainee record');
      if (t.state !== 'released' && t.state !== 'community')
        throw badRequest(
          'ASK_COUNSELLOR',
          '所内学员由辅导员统一报名，请联系您的辅导员。',
          'Trainees inside a facility are registered by their counsellor.',
        );
      ids = [t.id];
    } else {
      if (!traineeIds?.length) throw badRequest('TRAINEES_REQUIRED', '请选择要报名的学员。', 'Choose the trainees to register.');
      ids = [...new Set(traineeIds)];
    }
    const rows = await this.dataSource.query<
      { id: string; full_name: string; organisation_id: string; state: string; job_matching_consent: boolean; registered: boolean }[]
    >(
      `SELECT t.id, t.full_name, t.organisation_id, t.state, t.job_matching_consent,
          EXISTS (SELECT 1 FROM fair_registration r WHERE r.fair_id = $2 AND r.trainee_id = t.id) AS registered
         FROM trainee t WHERE t.id = ANY ($1::uuid[])`,
      [ids, fairId],
    );
    const registrable = await this.access.checkAccess(user, 'fair.trainee.register', ids);
    const problems: RegistrationProblemDto[] = [];
    for (const id of ids) {
      const t = rows.find((r) => r.id === id);
      const problem = (code: string, message: string) => problems.push({ traineeId: id, code, message });
      if (!t || !registrable.has(id)) problem('NOT_FOUND', '找不到该学员，或不在本单位。');
      else if (t.state === 'closed') problem('TRAINEE_CLOSED', `${t.full_name}：档案已结案。`);
      else if (!t.job_matching_consent) problem('NO_MATCHING_CONSENT', `${t.full_name}：没有同意参加岗位匹配，请先征得本人同意。`);
      else if (t.registered) problem('ALREADY_REGISTERED', `${t.full_name}：已经报过名了。`);
    }
    if (problems.length)
      throw badRequest(
        'REGISTRATION_PROBLEMS',
        `有 ${problems.length} 名学员不能报名，全部未报名。请处理后重试。`,
        `${problems.length} trainees cannot be registered; nobody was registered. Fix them and retry.`,
        { problems },
      );
    const created = await this.dataSource.transaction(async (m) => {
      const out: string[] = [];
      for (const traineeId of ids) {
        const r = await this.insertRegistration(m, fairId, traineeId, user, { selfRegistered: self });
        out.push(r.id);
      }
      const users = await m.query<{ user_id: string }[]>(
        `SELECT user_id FROM trainee WHERE id = ANY ($1::uuid[]) AND user_id IS NOT NULL`,
        [ids],
      );
      for (const u of users)
        await this.notifications.notify(
          {
            userId: u.user_id,
            kind: 'fair.registered',
            titleZh: `已为您报名招聘会：${f.title}（${f.fair_date} ${f.starts_at}，${f.city_name}）。当天请出示签到码`,
            titleEn: `Registered for the fair “${f.title}” (${f.fair_date} ${f.starts_at}, ${f.city_name}); show your code at the desk`,
            link: `/fairs/${fairId}`,
            dedupeKey: `fair.registered:${fairId}:${u.user_id}`,
          },
          m,
        );
      await this.audit.record(
        {
          actor: user,
          action: 'fair.register',
          subjectType: 'fair',
          subjectId: fairId,
          result: 'success',
          ctx,
          detail: { trainees: ids.length },
        },
        m,
      );
      return out;
    });
    return this.withSlots(await this.fairs.registrationsById(created));
  }

  /** Admins: all. Counsellors: their organisation's trainees. Trainees: their own (with the desk code). */
  async registrations(user: AuthUser, fairId: string): Promise<RegistrationDto[]> {
    await this.visibleFair(user, fairId);
    return this.withSlots(await this.fairs.registrations(fairId, this.access.scopeOf(user)));
  }

  /** Registered candidates, pseudonymous, for an employer with an approved booth at this fair. */
  async candidates(user: AuthUser, fairId: string, ctx: RequestContext): Promise<FairCandidateDto[]> {
    await this.visibleFair(user, fairId);
    if (!(await this.managedApprovedBooths(user, fairId)).length) throw notFoundFair();
    const rows = await this.fairs.candidates(fairId);
    await this.audit.record({
      actor: user,
      action: 'fair.candidates.read',
      subjectType: 'fair',
      subjectId: fairId,
      result: 'success',
      ctx,
    });
    return rows.map((r) => ({
      registrationId: r.registration_id,
      candidateCode: r.candidate_code,
      skills: r.skills,
      certificates: r.certificates,
      diplomas: r.diplomas,
      divisionName: r.division_name,
      preferredIndustries: r.preferred_industries,
      wageExpectation: r.wage_expectation,
      checkedIn: r.checked_in,
    }));
  }

  // ——— the desk ———

  /**
   * Check-in at the desk by the code (typed or scanned). Only on the day; a second scan answers with
   * the first check-in's time instead of counting twice.
   */
  async checkIn(user: AuthUser, fairId: string, code: string, ctx: RequestContext): Promise<CheckInResultDto> {
    const f = await this.deskFair(user, fairId);
    const r = await this.fairs.registrationByCode(fairId, code);
    if (!r)
      throw new DomainError(
        HttpStatus.NOT_FOUND,
        'UNKNOWN_CODE',
        `签到码 ${code} 不属于这场招聘会，请核对后重新输入；没有报名的可以现场报名。`,
        `Code ${code} is not registered for this fair; check it, or register a walk-in.`,
      );
    const [rows] = await this.dataSource.query<[{ checked_in_at: Date }[], number]>(
      `UPDATE fair_registration SET checked_in_at = now(), checked_in_by = $2 WHERE id = $1 AND checked_in_at IS NULL RETURNING checked_in_at`,
      [r.id, user.id],
    );
    const already = rows.length === 0;
    const fresh = already ? (await this.fairs.registration(r.id))! : r;
    await this.audit.record({
      actor: user,
      action: already ? 'fair.check_in_repeat' : 'fair.check_in',
      subjectType: 'fair_registration',
      subjectId: r.id,
      result: 'success',
      ctx,
      detail: { fairId: f.id },
    });
    return {
      registrationId: r.id,
      traineeName: r.trainee_name,
      candidateCode: r.candidate_code,
      checkedInAt: new Date(already ? fresh.checked_in_at! : rows[0]!.checked_in_at).toISOString(),
      alreadyCheckedIn: already,
      walkIn: r.walk_in,
    };
  }

  /** Someone who did not register arrives: the desk registers and checks them in at once. */
  async walkIn(user: AuthUser, fairId: string, traineeId: string, ctx: RequestContext): Promise<CheckInResultDto> {
    await this.deskFair(user, fairId);
    await this.access.requireAccess(user, 'fair.trainee.register', traineeId);
    const [t] = await this.dataSource.query<{ id: string; job_matching_consent: boolean; full_name: string }[]>(
      `SELECT id, job_matching_consent, full_name FROM trainee WHERE id = $1`,
      [traineeId],
    );
    if (!t) throw notFound('学员档案', 'Trainee record');
    if (!t.job_matching_consent)
      throw badRequest(
        'NO_MATCHING_CONSENT',
        `${t.full_name}没有同意参加岗位匹配，请先征得本人同意。`,
        'The trainee has not consented to job matching.',
      );
    const existing = await this.fairs.registrationOfTrainee(fairId, traineeId);
    if (existing) return this.checkIn(user, fairId, existing.code, ctx);
    const id = await this.dataSource.transaction(async (m) => {
      const r = await this.insertRegistration(m, fairId, traineeId, user, { walkIn: true, checkedIn: true });
      await this.audit.record(
        {
          actor: user,
          action: 'fair.walk_in',
          subjectType: 'fair_registration',
          subjectId: r.id,
          result: 'success',
          ctx,
          detail: { fairId },
        },
        m,
      );
      return r.id;
    });
    const r = (await this.fairs.registration(id))!;
    return {
      registrationId: r.id,
      traineeName: r.trainee_name,
      candidateCode: r.candidate_code,
      checkedInAt: new Date(r.checked_in_at!).toISOString(),
      alreadyCheckedIn: false,
      walkIn: true,
    };
  }

  // ——— intents ———

  async createIntent(user: AuthUser, fairId: string, dto: CreateIntentDto, ctx: RequestContext): Promise<IntentDto> {
    await this.visibleFair(user, fairId);
    const booths = await this.managedApprovedBooths(user, fairId);
    if (!booths.some((b) => b.orders.some((o) => o.orderId === dto.orderId)))
      throw badRequest(
        'ORDER_NOT_AT_FAIR',
        '意向书只能针对本单位带到这场招聘会的订单。',
        'An intent is for an order your booth brought to this fair.',
      );
    const r = await this.fairs.registration(dto.registrationId);
    if (!r || r.fair_id !== fairId) throw notFoundRegistration();
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(FairIntent);
      let intent: FairIntent;
      try {
        intent = await repo.save(
          repo.create({
            fairId,
            registrationId: r.id,
            orderId: dto.orderId,
            state: 'proposed',
            note: dto.note ?? null,
            createdBy: user.id,
          }),
        );
      } catch (e) {
        if (constraintOf(e) === 'uq_fair_intent')
          throw conflict('INTENT_EXISTS', '已经和这位候选人就该订单签过意向了。', 'An intent for this candidate and order exists.');
        throw e;
      }
      if (r.trainee_user_id)
        await this.notifications.notify(
          {
            userId: r.trainee_user_id,
            kind: 'fair.intent',
            titleZh: '招聘会上有单位希望录用您，请查看意向书并确认',
            titleEn: 'An employer at the fair wants to hire you: see the intent and answer',
            link: `/fairs/${fairId}`,
            dedupeKey: `fair.intent:${intent.id}`,
          },
          m,
        );
      await this.audit.record(
        { actor: user, action: 'fair.intent', subjectType: 'fair_intent', subjectId: intent.id, result: 'success', ctx },
        m,
      );
      return intent.id;
    });
    return this.intentView(user, id);
  }

  /**
   * The trainee (or their counsellor, from a signed form) confirms or declines. Confirming is
   * consenting to share name and phone with that employer, and the intent becomes an accepted
   * placement where offer and hire follow.
   */
  async answerIntent(user: AuthUser, intentId: string, dto: AnswerIntentDto, ctx: RequestContext): Promise<IntentDto> {
    await this.access.requireAccess(user, 'fair.intent.answer', intentId);
    const i = await this.fairs.intent(intentId);
    if (!i) throw notFoundIntent();
    const assisted = this.access.can(user, 'trainee.assist');
    if (dto.answer === 'confirm') {
      if (assisted && !dto.paperFormRef)
        throw badRequest(
          'PAPER_FORM_REQUIRED',
          '代学员确认时，请填写学员签字的纸质同意书编号。',
          "Confirming for a trainee needs their signed paper form's reference.",
        );
      const current = await this.consents.currentVersion('share_with_employer');
      if (dto.textVersion !== current)
        throw badRequest('CONSENT_TEXT_OUTDATED', '请阅读最新版本的同意书后再确认。', 'Read the current consent text before confirming.', {
          currentVersion: current,
        });
    }
    await this.dataSource.transaction(async (m) => {
      const res = await m.getRepository(FairIntent).update(
        { id: intentId, state: 'proposed' },
        {
          state: dto.answer === 'confirm' ? 'confirmed' : 'declined',
          answeredBy: user.id,
          answeredAt: this.clock.now(),
          answeredAssisted: assisted,
        },
      );
      if (!res.affected) throw badRequest('INTENT_ANSWERED', '这份意向书已经答复过了。', 'This intent has been answered already.');
      if (dto.answer === 'confirm') {
        const traineeId = i.trainee_id;
        const employerId = i.employer_id;
        if (!(await this.consents.findLive(traineeId, 'share_with_employer', employerId, m)))
          await this.consents.insert(
            {
              traineeId,
              purpose: 'share_with_employer',
              employerId,
              textVersion: dto.textVersion!,
              grantedBy: user.id,
              grantedAssisted: assisted,
              paperFormRef: dto.paperFormRef ?? null,
            },
            m,
          );
        const placementId = await this.placements.acceptFromFair(i.order_id, traineeId, user, assisted, m);
        await m.getRepository(FairIntent).update({ id: intentId }, { placementId });
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
    await this.visibleFair(user, fairId);
    const rows = await this.fairs.intentsOfFair(fairId);
    const readable = await this.access.checkAccess(
      user,
      'fair.intent.read',
      rows.map((i) => i.id),
    );
    return rows.filter((i) => readable.has(i.id)).map((i) => this.intentDto(user, i));
  }

  private async intentView(user: AuthUser, id: string): Promise<IntentDto> {
    return this.intentDto(user, (await this.fairs.intent(id))!);
  }

  private intentDto(user: AuthUser, i: IntentRow): IntentDto {
    return toIntentDto(i, this.access.can(user, 'fair.seeTraineeNames'));
  }

  // ——— the report ———

  async report(user: AuthUser, fairId: string): Promise<FairReportDto> {
    const f = await this.fairs.fair(fairId);
    if (!f) throw notFoundFair();
    const { totals, byEmployer, byOrder } = await this.fairs.report(fairId);
    const row = (r: Record<string, unknown>): ReportRowDto => ({
      employerName: r.employer_name as string,
      orderTitle: (r.order_title as string | undefined) ?? null,
      booked: (r.booked as number) ?? 0,
      interviewed: (r.interviewed as number) ?? 0,
      intents: (r.intents as number) ?? 0,
      offers: (r.offers as number) ?? 0,
      hires: (r.hires as number) ?? 0,
    });
    return {
      fairId,
      title: f.title,
      fairDate: f.fair_date,
      registered: totals.registered ?? 0,
      checkedIn: totals.checked_in ?? 0,
      walkIns: totals.walk_ins ?? 0,
      interviewed: totals.interviewed ?? 0,
      intents: totals.intents ?? 0,
      offers: totals.offers ?? 0,
      hires: totals.hires ?? 0,
      byEmployer: byEmployer.map(row),
      byOrder: byOrder.map(row),
    };
  }

  async reportWorkbook(user: AuthUser, fairId: string): Promise<Buffer> {
    const r = await this.report(user, fairId);
    const wb = new ExcelJS.Workbook();
    const summary = wb.addWorksheet('汇总');
    summary.addRows([
      ['招聘会', r.title],
      ['日期', r.fairDate],
      ['报名', r.registered],
      ['签到', r.checkedIn],
      ['其中现场报名', r.walkIns],
      ['参加面试', r.interviewed],
      ['意向', r.intents],
      ['录用意向/发出录用', r.offers],
      ['入职', r.hires],
    ]);
    summary.getColumn(1).width = 20;
    summary.getColumn(2).width = 40;
    const sheet = (name: string, rows: ReportRowDto[], withOrder: boolean) => {
      const ws = wb.addWorksheet(name);
      ws.addRow([...['用人单位'], ...(withOrder ? ['订单'] : []), '预约面试', '到场面试', '意向', '录用', '入职']).font = { bold: true };
      for (const x of rows)
        ws.addRow([x.employerName, ...(withOrder ? [x.orderTitle] : []), x.booked, x.interviewed, x.intents, x.offers, x.hires]);
      ws.columns.forEach((c, i) => (c.width = i < (withOrder ? 2 : 1) ? 28 : 10));
    };
    sheet('按单位', r.byEmployer, false);
    sheet('按订单', r.byOrder, true);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  // ——— helpers ———

  private async validateFair(
    f: { fairDate: string; startsAt: string; endsAt: string; venueOrganisationId: string; registrationDeadline?: string },
    m?: EntityManager,
  ): Promise<void> {
    const [venue] = await (m ?? this.dataSource.manager).query<{ type: string }[]>(`SELECT type FROM organisation WHERE id = $1`, [
      f.venueOrganisationId,
    ]);
    if (!venue || (venue.type !== 'facility' && venue.type !== 'community_station'))
      throw badRequest('BAD_VENUE', '招聘会地点须为戒毒所或社区康复指导站。', 'The venue must be a facility or a community station.');
    if (f.fairDate < this.clock.today()) throw badRequest('DATE_PASSED', '招聘会日期不能早于今天。', 'The fair cannot be in the past.');
    if (f.endsAt <= f.startsAt) throw badRequest('ENDS_BEFORE_START', '结束时间应晚于开始时间。', 'The end time must be after the start.');
    if (f.registrationDeadline && f.registrationDeadline > f.fairDate)
      throw badRequest('DEADLINE_AFTER_FAIR', '报名截止日期不能晚于招聘会当天。', 'Registration must close by the fair day.');
  }

  /** The fair if the caller may see it (`fair.read`: admins any; everyone else published or closed ones). */
  private async visibleFair(user: AuthUser, id: string): Promise<FairRow> {
    await this.access.requireAccess(user, 'fair.read', id);
    const f = await this.fairs.fair(id);
    if (!f) throw notFoundFair();
    return f;
  }

  /** The desk (`fair.desk`: admins, or counsellors of the venue), on the fair's day. */
  private async deskFair(user: AuthUser, fairId: string): Promise<FairRow> {
    const f = await this.visibleFair(user, fairId);
    await this.access.requireAccess(user, 'fair.desk', fairId);
    const today = this.clock.today();
    if (f.state !== 'published') throw badRequest('FAIR_NOT_OPEN', '这场招聘会未开放或已结束。', 'This fair is not open.');
    if (today < f.fair_date)
      throw badRequest(
        'TOO_EARLY',
        `招聘会在 ${f.fair_date} 举行，当天才能签到。`,
        `The fair is on ${f.fair_date}; check-in opens that day.`,
        {
          fairDate: f.fair_date,
        },
      );
    if (today > f.fair_date) throw badRequest('FAIR_OVER', '招聘会已经结束，不能再签到。', 'The fair is over.');
    return f;
  }

  /**
   * The registration a trainee (their own; an id they send is ignored) or a counsellor (one of
   * theirs, named by id) acts with at this fair (`fair.registration.act`).
   */
  private async actingRegistration(user: AuthUser, fairId: string, registrationId: string | undefined): Promise<RegistrationRow> {
    const self = this.access.can(user, 'trainee.self');
    if (!self && !registrationId)
      throw badRequest('REGISTRATION_REQUIRED', '请指明为哪位学员预约。', 'Say which registration (trainee) this is for.');
    const rows = self
      ? await this.fairs.registrations(fairId, this.access.scopeOf(user))
      : await this.fairs.registrationsById([registrationId!]);
    const actable = await this.access.checkAccess(
      user,
      'fair.registration.act',
      rows.map((r) => r.id),
    );
    const r = rows.find((x) => x.fair_id === fairId && actable.has(x.id));
    if (!r) throw notFound('报名记录', 'Registration (register for the fair first)');
    return r;
  }

  private async insertRegistration(
    m: EntityManager,
    fairId: string,
    traineeId: string,
    user: AuthUser,
    opts: { selfRegistered?: boolean; walkIn?: boolean; checkedIn?: boolean },
  ): Promise<FairRegistration> {
    const repo = m.getRepository(FairRegistration);
    for (let attempt = 0; ; attempt++) {
      try {
        return await repo.save(
          repo.create({
            fairId,
            traineeId,
            code: randomCode(8),
            candidateCode: `F${randomCode(6)}`,
            registeredBy: user.id,
            selfRegistered: opts.selfRegistered ?? false,
            walkIn: opts.walkIn ?? false,
            checkedInAt: opts.checkedIn ? this.clock.now() : null,
            checkedInBy: opts.checkedIn ? user.id : null,
          }),
        );
      } catch (e) {
        const c = constraintOf(e);
        if (c === 'uq_fair_registration') throw conflict('ALREADY_REGISTERED', '已经报过名了。', 'Already registered.');
        // A code collision (one in ~10^12): draw again.
        if ((c === 'uq_fair_registration_code' || c === 'uq_fair_registration_candidate') && attempt < 3) continue;
        throw e;
      }
    }
  }

  /**
   * Registrations the caller may already read (narrowed by the policy upstream), each with the slots
   * held under it: the caller's own (or their trainee's), so shown with the candidate code.
   */
  private async withSlots(rows: RegistrationRow[]): Promise<RegistrationDto[]> {
    const slots = rows.length ? await this.fairs.slotsOfRegistrations(rows.map((r) => r.id)) : [];
    return rows.map((r) =>
      toRegistrationDto(
        r,
        slots.filter((s) => s.registration_id === r.id).map((s) => toSlotDto(s, true, true)),
      ),
    );
  }
}

function constraintOf(e: unknown): string | undefined {
  return e instanceof QueryFailedError ? (e.driverError as { constraint?: string }).constraint : undefined;
}

const hhmm = (d: Date) => new Date(d).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
