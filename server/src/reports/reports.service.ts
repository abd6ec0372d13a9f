import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import {
  type AbstinenceReportDto,
  type AbstinenceRowDto,
  type FairFunnelReportDto,
  type FunnelQueryDto,
  type MottoReportDto,
  type MottoRowDto,
  type OrderFunnelReportDto,
  type OutcomeQueryDto,
  type RateDto,
} from './dto/report.dto';
import { percent, rateOf } from './rates';
import {
  ABSTINENCE_YEARS,
  type AbstinenceRow,
  type CohortFilter,
  EMPLOYMENT_MONTHS,
  type FunnelFilter,
  type MottoRow,
  ReportsRepository,
} from './reports.repository';

const ORDER_ROWS_SHOWN = 100;

/**
 * Is the motto coming true? Outcome reports for admins (everything) and counsellors (the trainees their
 * organisation held or holds). Only counts leave this service; a rate over too few people is withheld.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  motto(user: AuthUser, q: OutcomeQueryDto, ctx: RequestContext): Promise<MottoReportDto> {
    return this.audited(user, 'report.motto', q, ctx, () => this.buildMotto(user, q));
  }

  abstinence(user: AuthUser, q: OutcomeQueryDto, ctx: RequestContext): Promise<AbstinenceReportDto> {
    return this.audited(user, 'report.abstinence', q, ctx, () => this.buildAbstinence(user, q));
  }

  orderFunnel(user: AuthUser, q: FunnelQueryDto, ctx: RequestContext): Promise<OrderFunnelReportDto> {
    return this.audited(user, 'report.order_funnel', q, ctx, () => this.buildOrderFunnel(user, q));
  }

  fairFunnel(user: AuthUser, q: FunnelQueryDto, ctx: RequestContext): Promise<FairFunnelReportDto> {
    return this.audited(user, 'report.fair_funnel', q, ctx, () => this.buildFairFunnel(user, q));
  }

  private async buildMotto(user: AuthUser, q: OutcomeQueryDto): Promise<MottoReportDto> {
    const f = await this.cohortFilter(user, q);
    const rows = await this.reports.motto(q.groupBy, f);
    const min = this.config.reportMinCell;
    const toDto = (r: MottoRow): MottoRowDto => ({
      ...this.labelled(r, q.groupBy),
      certificate: rateOf(r.certified, r.released, min),
      diploma: rateOf(r.diploma, r.released, min),
      employed: EMPLOYMENT_MONTHS.map((n) => ({ months: n, ...rateOf(count(r, `employed_${n}`), count(r, `eligible_${n}`), min) })),
    });
    return { groupBy: q.groupBy, asOf: f.asOf, minCell: min, ...splitTotal(rows, toDto) };
  }

  /**
   * Abstinence is reported only with the share of the cohort reached beside it: 92% of the 40% who
   * could be asked is not 92% of everyone. Aggregates only; no person's status leaves the database.
   */
  private async buildAbstinence(user: AuthUser, q: OutcomeQueryDto): Promise<AbstinenceReportDto> {
    const f = await this.cohortFilter(user, q);
    const rows = await this.reports.abstinence(q.groupBy, f);
    const min = this.config.reportMinCell;
    const toDto = (r: AbstinenceRow): AbstinenceRowDto => ({
      ...this.labelled(r, q.groupBy),
      years: ABSTINENCE_YEARS.map((y) => {
        const reached = rateOf(count(r, `reached_${y}`), count(r, `eligible_${y}`), min);
        // A withheld count cannot reappear as the denominator of the next rate.
        const abstinent = reached.suppressed ? withheld() : rateOf(count(r, `abstinent_${y}`), count(r, `reached_${y}`), min);
        const testVerified = abstinent.suppressed ? withheld() : rateOf(count(r, `verified_${y}`), count(r, `abstinent_${y}`), min);
        return { years: y, eligible: count(r, `eligible_${y}`), reached, abstinent, testVerified };
      }),
    });
    return { groupBy: q.groupBy, asOf: f.asOf, minCell: min, ...splitTotal(rows, toDto) };
  }

  private async buildOrderFunnel(user: AuthUser, q: FunnelQueryDto): Promise<OrderFunnelReportDto> {
    const f = this.funnelFilter(user, q);
    const rows = await this.reports.orderFunnel(f);
    const min = this.config.reportMinCell;
    const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + Number(r[k]), 0);
    return {
      asOf: f.asOf,
      minCell: min,
      stages: [
        { stage: 'orders', count: rows.length },
        { stage: 'trained', count: sum('trained') },
        { stage: 'certified', count: sum('certified') },
        { stage: 'recommended', count: sum('recommended') },
        { stage: 'hired', count: sum('hired') },
        { stage: 'still3', count: sum('still_3') },
        { stage: 'still6', count: sum('still_6') },
      ],
      still3: rateOf(sum('still_3'), sum('eligible_3'), min),
      still6: rateOf(sum('still_6'), sum('eligible_6'), min),
      rows: rows.slice(0, ORDER_ROWS_SHOWN).map((r) => ({
        orderId: r.order_id,
        title: r.title,
        employerName: r.employer_name,
        occupationCode: r.occupation_code,
        occupationName: r.occupation_name,
        headcount: r.headcount,
        state: r.state,
        openedOn: r.opened_on,
        trained: r.trained,
        certified: r.certified,
        recommended: r.recommended,
        hired: r.hired,
        still3: rateOf(r.still_3, r.eligible_3, min),
        still6: rateOf(r.still_6, r.eligible_6, min),
      })),
      ordersTotal: rows.length,
    };
  }

  private async buildFairFunnel(user: AuthUser, q: FunnelQueryDto): Promise<FairFunnelReportDto> {
    const f = this.funnelFilter(user, q);
    const rows = await this.reports.fairFunnel(f);
    const sum = (k: 'registered' | 'checked_in' | 'interviewed' | 'intents' | 'hires') => rows.reduce((n, r) => n + r[k], 0);
    return {
      asOf: f.asOf,
      stages: [
        { stage: 'fairs', count: rows.length },
        { stage: 'registered', count: sum('registered') },
        { stage: 'checkedIn', count: sum('checked_in') },
        { stage: 'interviewed', count: sum('interviewed') },
        { stage: 'intents', count: sum('intents') },
        { stage: 'hires', count: sum('hires') },
      ],
      rows: rows.map((r) => ({
        fairId: r.fair_id,
        title: r.title,
        fairDate: r.fair_date,
        city: r.city,
        state: r.state,
        upcoming: r.upcoming,
        registered: r.registered,
        checkedIn: r.checked_in,
        interviewed: r.interviewed,
        intents: r.intents,
        hires: r.hires,
      })),
    };
  }

  /** All four reports in one workbook, with a sheet that says what every number means (one audit entry). */
  workbook(user: AuthUser, q: OutcomeQueryDto & FunnelQueryDto, ctx: RequestContext): Promise<Buffer> {
    return this.audited(user, 'report.workbook', q, ctx, () => this.buildWorkbook(user, q));
  }

  private async buildWorkbook(user: AuthUser, q: OutcomeQueryDto & FunnelQueryDto): Promise<Buffer> {
    const [motto, abst, orders, fairs] = [
      await this.buildMotto(user, q),
      await this.buildAbstinence(user, q),
      await this.buildOrderFunnel(user, q),
      await this.buildFairFunnel(user, q),
    ];
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Jinbuhuan';
    const about = wb.addWorksheet('说明');
    about.columns = [{ width: 24 }, { width: 90 }];
    about.addRows([
      ['报表', '金不换 · 成效报表（掌握一项技能、获得一个文凭、谋得一份职业）'],
      ['统计日期', motto.asOf],
      ['分组', GROUP_ZH[q.groupBy]],
      ['出所日期', `${q.releasedFrom ?? '不限'} 至 ${q.releasedTo ?? '不限'}`],
      ['订单/招聘会日期', `${q.from ?? '不限'} 至 ${q.to ?? '不限'}`],
      ['小样本隐藏', `分母少于 ${motto.minCell} 人的比例不显示（“—”），以免识别到个人。`],
      ['技能证书率', '已出所人员中持有至少一本职业技能等级证书的比例。'],
      ['文凭率', '已出所人员中获得中专文凭的比例。'],
      ['N个月就业率', '出所满 N 个月的人员中，在出所后第 N 个月有在职录用记录或第 N 个月回访为就业/自主创业的比例。'],
      [
        '操守保持率',
        '出所满 1/2/3 年的人员中，第 12/24/36 个月回访已联系到并记录操守状况者里保持操守的比例；“联系到”一列是其占应访人数的比例。',
      ],
    ]);
    about.getColumn(1).font = { bold: true };

    const m = wb.addWorksheet('技能文凭就业');
    m.addRow([
      GROUP_ZH[q.groupBy],
      '出所人数',
      '证书人数',
      '证书率',
      '文凭人数',
      '文凭率',
      ...EMPLOYMENT_MONTHS.flatMap((n) => [`满${n}月人数`, `${n}月就业`, `${n}月就业率`]),
    ]);
    for (const r of [...motto.rows, motto.total]) {
      m.addRow([
        r.label,
        r.released,
        r.certificate.numerator,
        percent(r.certificate),
        r.diploma.numerator,
        percent(r.diploma),
        ...r.employed.flatMap((e) => [e.denominator, e.numerator, percent(e)]),
      ]);
    }

    const a = wb.addWorksheet('操守保持');
    a.addRow([
      GROUP_ZH[q.groupBy],
      '出所人数',
      ...ABSTINENCE_YEARS.flatMap((y) => [
        `满${y}年人数`,
        `${y}年联系到`,
        `${y}年联系率`,
        `${y}年保持操守`,
        `${y}年操守保持率`,
        `${y}年检测核实`,
      ]),
    ]);
    for (const r of [...abst.rows, abst.total]) {
      a.addRow([
        r.label,
        r.released,
        ...r.years.flatMap((y) => [
          y.eligible,
          y.reached.numerator,
          percent(y.reached),
          y.abstinent.numerator,
          percent(y.abstinent),
          y.testVerified.numerator,
        ]),
      ]);
    }

    const o = wb.addWorksheet('订单漏斗');
    o.addRow([
      '订单',
      '用人单位',
      '职业',
      '招聘人数',
      '开放日期',
      '订单班培训',
      '取得对应证书',
      '推荐',
      '录用',
      '3个月仍在职',
      '6个月仍在职',
    ]);
    for (const r of orders.rows) {
      o.addRow([
        r.title,
        r.employerName,
        r.occupationName ?? r.occupationCode,
        r.headcount,
        r.openedOn,
        r.trained,
        r.certified,
        r.recommended,
        r.hired,
        percent(r.still3),
        percent(r.still6),
      ]);
    }
    o.addRow(['合计', '', '', '', '', ...orders.stages.slice(1, 5).map((s) => s.count), percent(orders.still3), percent(orders.still6)]);

    const f = wb.addWorksheet('招聘会漏斗');
    f.addRow(['招聘会', '日期', '城市', '报名', '签到', '面试', '意向', '录用']);
    for (const r of fairs.rows) f.addRow([r.title, r.fairDate, r.city, r.registered, r.checkedIn, r.interviewed, r.intents, r.hires]);
    f.addRow(['合计', '', '', ...fairs.stages.slice(1).map((s) => s.count)]);

    for (const ws of [m, a, o, f]) {
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      ws.columns.forEach((c) => (c.width = 14));
      ws.getColumn(1).width = 28;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  // ——— helpers ———

  private async cohortFilter(user: AuthUser, q: OutcomeQueryDto): Promise<CohortFilter> {
    if (q.releasedFrom && q.releasedTo && q.releasedFrom > q.releasedTo) {
      throw badRequest('DATE_RANGE_INVERTED', '出所日期的起始日不能晚于结束日。', 'The release date range starts after it ends.');
    }
    await this.assertOrganisation(q.facilityId, 'facility', '戒毒场所', 'facility');
    await this.assertOrganisation(q.stationId, 'community_station', '社区康复站', 'community station');
    return {
      asOf: this.clock.today(),
      scopeOrganisationId: user.role === 'admin' ? null : user.organisationId,
      releasedFrom: q.releasedFrom ?? null,
      releasedTo: q.releasedTo ?? null,
      facilityId: q.facilityId ?? null,
      stationId: q.stationId ?? null,
      divisionCode: q.divisionCode ?? null,
    };
  }

  private funnelFilter(user: AuthUser, q: FunnelQueryDto): FunnelFilter {
    if (q.from && q.to && q.from > q.to) {
      throw badRequest('DATE_RANGE_INVERTED', '起始日期不能晚于结束日期。', 'The date range starts after it ends.');
    }
    return {
      asOf: this.clock.today(),
      scopeOrganisationId: user.role === 'admin' ? null : user.organisationId,
      from: q.from ?? null,
      to: q.to ?? null,
    };
  }

  /** A filter naming an organisation that is not of the kind asked for is a mistake worth saying, not an empty report. */
  private async assertOrganisation(id: string | undefined, type: string, zh: string, en: string): Promise<void> {
    if (!id) return;
    const [found] = await this.dataSource.query<{ ok: number }[]>(
      'SELECT 1 AS ok FROM organisation WHERE id = $1::uuid AND type = $2::text',
      [id, type],
    );
    if (!found) throw badRequest('UNKNOWN_ORGANISATION', `没有这个${zh}。`, `There is no such ${en}.`);
  }

  private labelled(
    r: { key: string | null; label: string | null; label_en: string | null; is_total: boolean; released: number },
    groupBy: string,
  ) {
    if (r.is_total) return { key: null, label: '合计', labelEn: 'Total', released: r.released };
    if (r.key === null) {
      const [zh, en] = groupBy === 'facility' ? ['无衔接记录', 'No handover on record'] : ['未知', 'Unknown'];
      return { key: null, label: zh, labelEn: en, released: r.released };
    }
    return { key: r.key, label: r.label ?? r.key, labelEn: r.label_en ?? r.label ?? r.key, released: r.released };
  }

  /**
   * Reports are aggregates, but who looked at abstinence and outcomes, with which filters, is still on
   * record: one entry per report read, written once the report was made (a refused filter writes none).
   */
  private async audited<T>(user: AuthUser, action: string, q: object, ctx: RequestContext, make: () => Promise<T>): Promise<T> {
    const result = await make();
    await this.audit.record({ actor: user, action, subjectType: 'report', result: 'success', ctx, detail: { ...q } });
    return result;
  }
}

const GROUP_ZH: Record<string, string> = {
  facility: '戒毒场所',
  station: '社区康复站',
  cohort_year: '出所年份',
  cohort_quarter: '出所季度',
  division: '户籍地',
};

/** A per-month or per-year count column of a grouped row (eligible_3, reached_1 …). */
function count(r: object, column: string): number {
  return Number((r as Record<string, unknown>)[column] ?? 0);
}

function withheld(): RateDto {
  return { denominator: null, numerator: null, rate: null, suppressed: true };
}

function splitTotal<R extends { is_total: boolean }, D>(rows: R[], toDto: (r: R) => D): { rows: D[]; total: D } {
  const total = rows.find((r) => r.is_total);
  // GROUPING SETS always yields the total row, even over no trainees at all.
  return { rows: rows.filter((r) => !r.is_total).map(toDto), total: toDto(total!) };
}
