import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import {
  type CohortSlice,
  count,
  GROUP_ZH,
  groupLabel,
  hidesNumerator,
  labelled,
  pending,
  type Selection,
  type SliceCell,
} from './cohort-slice';
import { type CohortDim, type CubeRow, idOf, type Measure, protectCube, settlesOn } from './cohort-cube';
import {
  type AbstinenceReportDto,
  type AbstinenceRowDto,
  COHORT_PATTERN,
  type FairFunnelReportDto,
  type FunnelQueryDto,
  type MottoReportDto,
  type MottoRowDto,
  type OrderFunnelReportDto,
  type OutcomeQueryDto,
} from './dto/report.dto';
import { rateOf, withheldRate } from './rates';
import {
  ABSTINENCE_MEASURES,
  ABSTINENCE_YEARS,
  EMPLOYMENT_MONTHS,
  type FunnelFilter,
  MOTTO_MEASURES,
  type OrderFunnelRow,
  type ReportGroup,
  ReportsRepository,
} from './reports.repository';
import { writeOutcomesWorkbook } from './outcomes-workbook';
import { suppress } from './suppression';

const ORDER_ROWS_SHOWN = 100;

/**
 * Is the motto coming true? Outcome reports for admins (everything) and counsellors (the trainees their
 * organisation handed over or follows up). Only counts leave this service, and only those that name no
 * one: the cohort reports are over fixed release years and quarters, and every share is decided once for
 * the whole year (cohort-cube.ts, suppression.ts), so no two answers can be subtracted to single anyone out.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  motto(user: AuthUser, q: OutcomeQueryDto, ctx: RequestContext): Promise<MottoReportDto> {
    return this.audited(user, 'report.motto', q, ctx, async () => this.buildMotto(await this.cohortSlice(user, q)));
  }

  abstinence(user: AuthUser, q: OutcomeQueryDto, ctx: RequestContext): Promise<AbstinenceReportDto> {
    return this.audited(user, 'report.abstinence', q, ctx, async () => this.buildAbstinence(await this.cohortSlice(user, q)));
  }

  orderFunnel(user: AuthUser, q: FunnelQueryDto, ctx: RequestContext): Promise<OrderFunnelReportDto> {
    return this.audited(user, 'report.order_funnel', q, ctx, () => this.buildOrderFunnel(user, q));
  }

  fairFunnel(user: AuthUser, q: FunnelQueryDto, ctx: RequestContext): Promise<FairFunnelReportDto> {
    return this.audited(user, 'report.fair_funnel', q, ctx, () => this.buildFairFunnel(user, q));
  }

  private async buildMotto(s: CohortSlice): Promise<MottoReportDto> {
    const min = this.config.reportMinCell;
    const { rows, total } = await this.sliceOf(s, await this.reports.motto(s.year, s.asOf), MOTTO_MEASURES);
    const toDto = (c: SliceCell): MottoRowDto => {
      const share = (measure: string, months: number, n: number, d: number) =>
        pending(rateOf(n, d, min, c.withheld(measure)), c.pendingUntil(months));
      return {
        ...labelled(c),
        certificate: share('certificate', 0, count(c.row, 'certified'), c.row.released),
        diploma: share('diploma', 0, count(c.row, 'diploma'), c.row.released),
        employed: EMPLOYMENT_MONTHS.map((n) => ({
          months: n,
          ...share(`employed_${n}`, n, count(c.row, `employed_${n}`), count(c.row, `eligible_${n}`)),
        })),
      };
    };
    return { cohort: s.cohort, groupBy: s.groupBy, asOf: s.asOf, minCell: min, rows: rows.map(toDto), total: toDto(total) };
  }

  /**
   * Abstinence is reported only with the share of the cohort reached beside it: 92% of the 40% who
   * could be asked is not 92% of everyone. Aggregates only; no person's status leaves the database.
   */
  private async buildAbstinence(s: CohortSlice): Promise<AbstinenceReportDto> {
    const min = this.config.reportMinCell;
    const { rows, total } = await this.sliceOf(s, await this.reports.abstinence(s.year, s.asOf), ABSTINENCE_MEASURES);
    const toDto = (c: SliceCell): AbstinenceRowDto => ({
      ...labelled(c),
      years: ABSTINENCE_YEARS.map((y) => {
        const n = (column: string) => count(c.row, `${column}_${y}`);
        const until = c.pendingUntil(12 * y);
        const reached = rateOf(n('reached'), n('eligible'), min, c.withheld(`reached_${y}`));
        // A withheld count cannot reappear as the denominator of the next rate (unless it is over nobody: then it is 0).
        const abstinent = hidesNumerator(reached)
          ? withheldRate()
          : rateOf(n('abstinent'), n('reached'), min, c.withheld(`abstinent_${y}`));
        const testVerified = hidesNumerator(abstinent)
          ? withheldRate()
          : rateOf(n('verified'), n('abstinent'), min, c.withheld(`verified_${y}`));
        const readmitted = rateOf(n('readmitted'), n('eligible'), min, c.withheld(`readmitted_${y}`));
        return {
          years: y,
          eligible: n('eligible'),
          reached: pending(reached, until),
          abstinent: pending(abstinent, until),
          testVerified: pending(testVerified, until),
          readmitted: pending(readmitted, until),
        };
      }),
    });
    return { cohort: s.cohort, groupBy: s.groupBy, asOf: s.asOf, minCell: min, rows: rows.map(toDto), total: toDto(total) };
  }

  private async buildOrderFunnel(user: AuthUser, q: FunnelQueryDto): Promise<OrderFunnelReportDto> {
    const f = this.funnelFilter(user, q);
    const rows = await this.reports.orderFunnel(f);
    const min = this.config.reportMinCell;
    const sum = (k: keyof OrderFunnelRow) => rows.reduce((n, r) => n + Number(r[k]), 0);
    // Still employed at 3 and 6 months: a share per order and over all of them, suppressed together
    // (the total minus the orders shown must not give a withheld order's count).
    const still = (n: 'still_3' | 'still_6', d: 'eligible_3' | 'eligible_6') => {
      const withheld = suppress({
        k: min,
        cells: new Map([['', { n: sum(n), d: sum(d) }], ...rows.map((r) => [r.order_id, { n: r[n], d: r[d] }] as const)]),
        lines: [{ parent: '', children: rows.map((r) => r.order_id) }],
      });
      return (id: string, numerator: number, denominator: number) => rateOf(numerator, denominator, min, withheld.has(id));
    };
    const still3 = still('still_3', 'eligible_3');
    const still6 = still('still_6', 'eligible_6');
    const total3 = still3('', sum('still_3'), sum('eligible_3'));
    const total6 = still6('', sum('still_6'), sum('eligible_6'));
    return {
      asOf: f.asOf,
      minCell: min,
      stages: [
        { stage: 'orders', count: rows.length },
        { stage: 'trained', count: sum('trained') },
        { stage: 'certified', count: sum('certified') },
        { stage: 'recommended', count: sum('recommended') },
        { stage: 'hired', count: sum('hired') },
        { stage: 'still3', count: total3.numerator },
        { stage: 'still6', count: total6.numerator },
      ],
      still3: total3,
      still6: total6,
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
        still3: still3(r.order_id, r.still_3, r.eligible_3),
        still6: still6(r.order_id, r.still_6, r.eligible_6),
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
    const slice = await this.cohortSlice(user, q);
    const [motto, abst, orders, fairs] = [
      await this.buildMotto(slice),
      await this.buildAbstinence(slice),
      await this.buildOrderFunnel(user, q),
      await this.buildFairFunnel(user, q),
    ];
    return writeOutcomesWorkbook({ slice, selection: await this.selectionZh(slice), q, motto, abstinence: abst, orders, fairs });
  }

  // ——— helpers ———

  /**
   * The cohort, the one narrowing and the grouping a cohort report is read with. Refused with a message:
   * a window of release days (its difference with the next day's is a person), two dimensions crossed.
   */
  private async cohortSlice(user: AuthUser, q: OutcomeQueryDto): Promise<CohortSlice> {
    if (q.releasedFrom !== undefined || q.releasedTo !== undefined) {
      throw badRequest('REPORT_COHORT_ONLY');
    }
    const asOf = this.clock.today();
    const cohort = q.cohort ?? String(Number(asOf.slice(0, 4)) - 1);
    const [, year, quarter] = COHORT_PATTERN.exec(cohort)!;
    await this.assertOrganisation(q.facilityId, 'facility', '戒毒场所', 'facility');
    await this.assertOrganisation(q.stationId, 'community_station', '社区康复指导站', 'community station');

    const own = this.access.organisationOf(user);
    const picks: Selection[] = [];
    if (own) picks.push({ dim: await this.organisationDim(own), key: own });
    if (q.facilityId) picks.push({ dim: 'facility', key: q.facilityId });
    if (q.stationId) picks.push({ dim: 'station', key: q.stationId });
    if (q.divisionCode) picks.push({ dim: 'division', key: q.divisionCode });
    if (new Set(picks.map((p) => p.dim)).size > 1) {
      throw own ? badRequest('REPORT_ONE_DIMENSION') : badRequest('REPORT_ONE_DIMENSION.REPORTS');
    }
    const selection = picks[0] ?? null;
    const groupBy: ReportGroup = q.groupBy ?? (selection ? 'cohort_quarter' : 'facility');
    if (selection && groupBy !== 'cohort_quarter' && groupBy !== selection.dim) {
      throw own ? badRequest('REPORT_CROSS_GROUPING') : badRequest('REPORT_CROSS_GROUPING.REPORTS');
    }
    return {
      asOf,
      cohort,
      year: Number(year),
      quarter: quarter ? Number(quarter) : null,
      groupBy,
      selection,
      empty: picks.some((p) => p.key !== selection!.key),
    };
  }

  /**
   * The rows and total of one answer, read from the whole year's cells after suppression over all of
   * them: the same cell is withheld or shown in every answer that contains it.
   */
  private async sliceOf(s: CohortSlice, cube: CubeRow[], measures: readonly Measure[]): Promise<{ rows: SliceCell[]; total: SliceCell }> {
    const withheld = protectCube(cube, measures, this.config.reportMinCell, { year: s.year, asOf: s.asOf });
    const byId = new Map(cube.map((r) => [idOf(r), r]));
    const sel = s.selection;
    const cell = (quarter: number | null, dim: CohortDim | null, key: string | null): CubeRow | undefined =>
      s.empty ? undefined : byId.get(idOf({ quarter, dim, key }));
    const totalRow = cell(s.quarter, sel?.dim ?? null, sel?.key ?? null) ?? {
      quarter: s.quarter,
      dim: sel?.dim ?? null,
      key: sel?.key ?? null,
      released: 0,
    };
    let rows: CubeRow[];
    if (s.groupBy === 'cohort_quarter') {
      rows = (s.quarter ? [s.quarter] : [1, 2, 3, 4]).flatMap((qtr) => cell(qtr, sel?.dim ?? null, sel?.key ?? null) ?? []);
    } else if (sel) {
      rows = [cell(s.quarter, sel.dim, sel.key)].flatMap((r) => r ?? []);
    } else {
      const dim = s.groupBy;
      rows = s.empty ? [] : cube.filter((r) => r.quarter === s.quarter && r.dim === dim);
      rows.sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
    }
    const names = await this.reports.labels(
      rows.filter((r) => r.key !== null && (r.dim === 'facility' || r.dim === 'station')).map((r) => r.key!),
      rows.filter((r) => r.key !== null && r.dim === 'division').map((r) => r.key!),
    );
    const toCell = (row: CubeRow, isTotal: boolean): SliceCell => {
      const id = idOf(row);
      return {
        row,
        key: isTotal ? null : s.groupBy === 'cohort_quarter' ? `${s.year}Q${row.quarter}` : row.key,
        isTotal,
        withheld: (m) => withheld.get(m)?.has(id) ?? false,
        pendingUntil: (months) => {
          const day = settlesOn(s.year, row.quarter, months);
          return day > s.asOf ? day : null;
        },
        label: isTotal ? { zh: '合计', en: 'Total' } : groupLabel(s, row, names),
      };
    };
    return { rows: rows.map((r) => toCell(r, false)), total: toCell(totalRow, true) };
  }

  /** Which dimension an organisation is a group of: a facility's counsellors see those who left it, a station's those it follows. */
  private async organisationDim(id: string): Promise<CohortDim> {
    return (await this.reports.organisationType(id)) === 'facility' ? 'facility' : 'station';
  }

  /** The narrowing, in words, for the workbook. */
  private async selectionZh(s: CohortSlice): Promise<string> {
    if (!s.selection) return '全省';
    const { dim, key } = s.selection;
    const names = await this.reports.labels(dim === 'division' ? [] : [key], dim === 'division' ? [key] : []);
    return `${GROUP_ZH[dim]}：${names.get(key)?.zh ?? key}`;
  }

  private funnelFilter(user: AuthUser, q: FunnelQueryDto): FunnelFilter {
    if (q.from && q.to && q.from > q.to) {
      throw badRequest('DATE_RANGE_INVERTED');
    }
    return {
      asOf: this.clock.today(),
      scopeOrganisationId: this.access.organisationOf(user),
      from: q.from ?? null,
      to: q.to ?? null,
    };
  }

  /** A filter naming an organisation that is not of the kind asked for is a mistake worth saying, not an empty report. */
  private async assertOrganisation(id: string | undefined, type: string, zh: string, en: string): Promise<void> {
    if (!id) return;
    if (!(await this.reports.isOrganisationOfType(id, type))) throw badRequest('UNKNOWN_ORGANISATION', { zh, en });
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
