import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { EChartsCoreOption } from 'echarts/core';
import { AuthStore } from '../core/auth/auth-store';
import { ReferenceStore } from '../shared/reference-store';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { EChart } from './echart';
import { abstinenceChart, mottoChart, stagesChart } from './report-charts';
import { RateCell } from './rate-cell';
import { ReportsApi } from './reports-api';
import { ReportsI18n, type ReportsTextKey } from './reports-i18n';
import type {
  AbstinenceReportDto,
  FairFunnelReportDto,
  MottoReportDto,
  MottoRowDto,
  OrderFunnelReportDto,
  RateDto,
  ReportFilter,
  ReportGroup,
} from './reports-types';
import { groupsFor, narrowed } from './reports-filter';

const EMPLOYMENT_MONTHS = [1, 3, 6, 12] as const;
/** Release years offered: this year and the nine before it. */
const YEARS_OFFERED = 10;

/**
 * `/reports` (成效报表): is the motto coming true? Four reports, each a chart with its table beside it,
 * one filter for all, an Excel workbook and a print layout. The cohort reports are over a release year
 * or quarter (never a range of days), narrowed to at most one facility, station or home division. The
 * server scopes a counsellor's numbers to their organisation's trainees and withholds every rate that
 * could identify someone (shown as "—" with the reason); the page only draws them.
 */
@Component({
  selector: 'jbh-reports-page',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    EChart,
    RateCell,
  ],
  templateUrl: './reports-page.html',
  styleUrl: './reports-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportsPage {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(ReportsI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly months = EMPLOYMENT_MONTHS;
  protected readonly quarters = [1, 2, 3, 4] as const;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  private readonly thisYear = new Date().getFullYear();
  protected readonly years = Array.from({ length: YEARS_OFFERED }, (_, i) => this.thisYear - i);
  protected readonly divisions = inject(ReferenceStore).divisions;
  protected readonly facilities = signal<{ id: string; name: string }[]>([]);
  protected readonly stations = signal<{ id: string; name: string }[]>([]);
  /**
   * The organisation filters, for admins only: a counsellor's reports are their organisation's already,
   * and crossing that with another dimension (or a division) would make groups small enough to name people.
   */
  protected readonly organisationFilters = computed(() =>
    this.isAdmin()
      ? [
          { key: 'facilityId' as const, testId: 'facility', label: 'filter.facility' as const, options: this.facilities() },
          { key: 'stationId' as const, testId: 'station', label: 'filter.station' as const, options: this.stations() },
        ]
      : [],
  );

  /** What the form shows; `applied` is what the reports were asked for. */
  protected readonly draft = signal<ReportFilter>(this.initialFilter());
  protected readonly applied = signal<ReportFilter>(this.initialFilter());
  protected readonly groups = computed(() => groupsFor(this.draft(), this.isAdmin()));
  protected readonly motto = signal<Remote<MottoReportDto>>(idle());
  protected readonly abstinence = signal<Remote<AbstinenceReportDto>>(idle());
  protected readonly orders = signal<Remote<OrderFunnelReportDto>>(idle());
  protected readonly fairs = signal<Remote<FairFunnelReportDto>>(idle());
  protected readonly downloading = signal(false);
  protected readonly downloadFailed = signal(false);

  protected readonly mottoOptions = computed<EChartsCoreOption | null>(() => {
    const r = this.motto().data;
    if (!r) return null;
    const rows = r.rows.length ? r.rows : [r.total];
    return mottoChart(rows, (row) => this.groupLabel(row), {
      certificate: this.t('motto.certificate'),
      diploma: this.t('motto.diploma'),
      employed6: this.t('motto.employed', { m: 6 }),
      employed12: this.t('motto.employed', { m: 12 }),
    });
  });
  protected readonly abstinenceOptions = computed<EChartsCoreOption | null>(() => {
    const r = this.abstinence().data;
    if (!r) return null;
    return abstinenceChart(r.total.years, (y) => this.t('abst.years', { y }), {
      reached: this.t('abst.chartReached'),
      abstinent: this.t('abst.chartAbstinent'),
    });
  });
  protected readonly orderOptions = computed<EChartsCoreOption | null>(() => {
    const r = this.orders().data;
    return r ? stagesChart(r.stages, (s) => this.t(`stage.${s}` as ReportsTextKey)) : null;
  });
  protected readonly fairOptions = computed<EChartsCoreOption | null>(() => {
    const r = this.fairs().data;
    return r ? stagesChart(r.stages, (s) => this.t(`stage.${s}` as ReportsTextKey)) : null;
  });

  constructor() {
    inject(ReferenceStore).loadDivisions();
    if (this.isAdmin()) {
      // Only admins choose: a counsellor's reports are their own organisation's already.
      this.api.organisations('facility').subscribe({ next: (p) => this.facilities.set(p.items), error: () => undefined });
      this.api.organisations('community_station').subscribe({ next: (p) => this.stations.set(p.items), error: () => undefined });
    }
    this.load();
  }

  /** Last year, the province (or a counsellor's own organisation), by facility (a counsellor's by quarter). */
  private initialFilter(): ReportFilter {
    return {
      cohortYear: new Date().getFullYear() - 1,
      cohortQuarter: null,
      groupBy: this.isAdmin() ? 'facility' : 'cohort_quarter',
      facilityId: null,
      stationId: null,
      divisionCode: null,
      from: null,
      to: null,
    };
  }

  /** Changes one field of the form (see `narrowed`: one dimension at a time). */
  protected setDraft<K extends keyof ReportFilter>(key: K, value: ReportFilter[K] | undefined): void {
    this.draft.update((d) => narrowed(d, key, value ?? null, this.isAdmin(), this.initialFilter().groupBy));
  }

  /** "2025年出所" / "Released in 2025 Q2", from what the server answered. */
  protected cohortName(cohort: string): string {
    const [year, quarter] = cohort.split('Q');
    return quarter ? this.t('cohort.quarter', { y: year!, q: quarter }) : this.t('cohort.year', { y: year! });
  }

  protected apply(): void {
    this.applied.set({ ...this.draft() });
    this.load();
  }

  protected reset(): void {
    this.draft.set(this.initialFilter());
    this.apply();
  }

  protected load(): void {
    const f = this.applied();
    loadInto(this.motto, this.api.motto(f));
    loadInto(this.abstinence, this.api.abstinence(f));
    loadInto(this.orders, this.api.orderFunnel(f));
    loadInto(this.fairs, this.api.fairFunnel(f));
  }

  protected groupName(g: ReportGroup): string {
    return this.t(`group.${g}`);
  }

  protected groupLabel(row: { label: string; labelEn: string }): string {
    return this.pick(row.label, row.labelEn);
  }

  protected employed(row: MottoRowDto, months: number): RateDto | undefined {
    return row.employed.find((e) => e.months === months);
  }

  protected print(): void {
    window.print();
  }

  protected download(): void {
    this.downloading.set(true);
    this.downloadFailed.set(false);
    this.api.workbook(this.applied()).subscribe({
      next: (blob) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'outcomes.xlsx';
        a.click();
        URL.revokeObjectURL(a.href);
        this.downloading.set(false);
      },
      error: () => {
        this.downloading.set(false);
        this.downloadFailed.set(true);
      },
    });
  }
}
