import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '../organisations/organisations.service';
import ExcelJS from 'exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest } from '../common/domain-error';
import type { CreateFairDto, FairDto, FairQueryDto, FairReportDto, ReportRowDto, UpdateFairDto } from './dto/fair.dto';
import type { FairState } from './fair.entities';
import { notFoundFair } from './fair.errors';
import { toFairDto } from './fair.mapper';
import { BoothsRepository } from './booths.repository';
import { type FairReportLine, type FairRow, FairsRepository } from './fairs.repository';

/**
 * 订单式就业推介会: admins run fairs; employers bring booths with orders and publish interview slots
 * (`BoothsService`); counsellors register their trainees (released trainees register themselves)
 * and staff at the venue check people in (`FairRegistrationsService`); employers and trainees meet
 * in interview slots and agree intents that become placements (`InterviewsService`).
 *
 * This service: the fairs themselves (create, change, publish, close, list) and their report.
 * Who may see or touch which fair, booth, slot, registration or intent is decided by the access
 * policy (`fair.*` in server/src/access/policies/fairs.policy.ts), never here.
 */
@Injectable()
export class FairsService {
  constructor(
    private readonly fairs: FairsRepository,
    private readonly booths: BoothsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Admins: every fair (a draft is theirs alone). Everyone else: published fairs and closed ones. */
  async list(user: AuthUser, q: FairQueryDto): Promise<FairDto[]> {
    const rows = (await this.fairs.listFairs(q.state ? [q.state] : null)).filter((f) => !q.month || f.fair_date.startsWith(q.month));
    const visible = await this.access.checkAccess(
      user,
      'fair.read',
      rows.map((f) => f.id),
    );
    return Promise.all(rows.filter((f) => visible.has(f.id)).map((f) => this.fairView(user, f)));
  }

  /** How many fairs the caller may see are held in the month of `today` (the rows of GET /fairs?month=). */
  async countInMonth(user: AuthUser, month: string): Promise<number> {
    const rows = (await this.fairs.listFairs(null)).filter((f) => f.fair_date.startsWith(month));
    return (
      await this.access.checkAccess(
        user,
        'fair.read',
        rows.map((f) => f.id),
      )
    ).size;
  }

  async get(user: AuthUser, id: string): Promise<FairDto> {
    return this.fairView(user, await this.visibleFair(user, id));
  }

  /** The fair if the caller may see it (`fair.read`: admins any; everyone else published or closed ones). */
  async visibleFair(user: AuthUser, id: string): Promise<FairRow> {
    await this.access.requireAccess(user, 'fair.read', id);
    const f = await this.fairs.fair(id);
    if (!f) throw notFoundFair();
    return f;
  }

  private async fairView(user: AuthUser, f: FairRow): Promise<FairDto> {
    return toFairDto(f, this.access.can(user, 'fair.seeVenue'), await this.booths.programme(f.id));
  }

  async create(user: AuthUser, dto: CreateFairDto, ctx: RequestContext): Promise<FairDto> {
    await this.validateFair(dto);
    const id = await this.dataSource.transaction(async (m) => {
      const id = await this.fairs.insertFair(
        {
          title: dto.title,
          fairDate: dto.fairDate,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          venueOrganisationId: dto.venueOrganisationId,
          boothCapacity: dto.boothCapacity,
          registrationDeadline: dto.registrationDeadline ?? null,
          description: dto.description ?? null,
          createdBy: user.id,
        },
        m,
      );
      await this.audit.record({ actor: user, action: 'fair.create', subjectType: 'fair', subjectId: id, result: 'success', ctx }, m);
      return id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateFairDto, ctx: RequestContext): Promise<FairDto> {
    await this.dataSource.transaction(async (m) => {
      await this.fairs.lockFair(id, m);
      const f = await this.fairs.fair(id, m);
      if (!f) throw notFoundFair();
      if (f.state === 'closed' || f.state === 'cancelled') throw badRequest('FAIR_FINISHED');
      const merged = {
        fairDate: dto.fairDate ?? f.fair_date,
        startsAt: dto.startsAt ?? f.starts_at,
        endsAt: dto.endsAt ?? f.ends_at,
        venueOrganisationId: f.venue_organisation_id,
        registrationDeadline: dto.registrationDeadline ?? f.registration_deadline ?? undefined,
      };
      await this.validateFair(merged, m);
      if (dto.boothCapacity !== undefined && dto.boothCapacity < f.booths_taken)
        throw badRequest('CAPACITY_BELOW_BOOTHS', { booths_taken: f.booths_taken });
      await this.fairs.updateFair(id, dto, m);
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
      if (!(await this.fairs.moveFairState(id, from, to, m))) {
        if (!(await this.fairs.fairExists(id, m))) throw notFoundFair();
        throw badRequest('FAIR_STATE', { value: from === 'draft' ? '草稿' : '已发布', from, to });
      }
      await this.audit.record({ actor: user, action: `fair.${to}`, subjectType: 'fair', subjectId: id, result: 'success', ctx }, m);
    });
    return this.get(user, id);
  }

  // ——— the report ———

  async report(user: AuthUser, fairId: string): Promise<FairReportDto> {
    const f = await this.fairs.fair(fairId);
    if (!f) throw notFoundFair();
    const { totals, byEmployer, byOrder } = await this.fairs.report(fairId);
    const row = (r: FairReportLine): ReportRowDto => ({
      employerName: r.employer_name,
      orderTitle: r.order_title ?? null,
      booked: r.booked ?? 0,
      interviewed: r.interviewed ?? 0,
      intents: r.intents ?? 0,
      offers: r.offers ?? 0,
      hires: r.hires ?? 0,
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
    const venueType = (await this.organisations.findOrganisation(f.venueOrganisationId, m))?.type ?? null;
    if (venueType !== 'facility' && venueType !== 'community_station') throw badRequest('BAD_VENUE.FAIRS');
    if (f.fairDate < this.clock.today()) throw badRequest('DATE_PASSED');
    if (f.endsAt <= f.startsAt) throw badRequest('ENDS_BEFORE_START.FAIRS');
    if (f.registrationDeadline && f.registrationDeadline > f.fairDate) throw badRequest('DEADLINE_AFTER_FAIR');
  }
}
