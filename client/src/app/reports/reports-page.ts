import { ApplicationRef, ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { EChartsCoreOption } from 'echarts/core';
import { AuthStore } from '../core/auth/auth-store';
import { ReferenceStore } from '../shared/reference-store';
import { Viewport } from '../shared/viewport';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { EChart, drawAllCharts } from './echart';
import { IN_VIEW, NearView } from '../shared/near-view';
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
import { FilterSheet } from '../shared/filter-sheet';
import { ScrollRegion } from '../shared/scroll-region';

const EMPLOYMENT_MONTHS = [1, 3, 6, 12] as const;
/** A row of the motto's table, a rate and its counts in each cell (58–61 px in Chromium; the header 39 zh, 61 en). */
const TABLE_ROW_PX = 60;

type ReportKey = 'motto' | 'abstinence' | 'orders' | 'fairs';
const REPORTS: readonly ReportKey[] = ['motto', 'abstinence', 'orders', 'fairs'];
/** The small-cell threshold last answered, so the sentence about it keeps its place while the next answer loads. */
let lastMinCell = 5;
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
    NgTemplateOutlet,
    FilterSheet,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    EChart,
    NearView,
    RateCell,
    ScrollRegion,
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
  /**
   * Which reports have scrolled near the viewport: a report is asked for (the motto at once: the cohort line
   * and the small-cell sentence need it) and its headline, chart and table are built only then (before, a box
   * of their size stands there), so a phone's first paint builds the filters and little else.
   */
  protected readonly near = { motto: signal(false), abstinence: signal(false), orders: signal(false), fairs: signal(false) };
  /**
   * The motto's table is built once its box is in view, like a chart: the table (a rate component in each of
   * ~100 cells) was the load's longest task, 350–550 ms on a slow phone, built a task after the headline for
   * a table below the first screen of a phone and of a laptop. Its box keeps the table's height meanwhile
   * (`tableBoxHeight`), so nothing below it moves.
   */
  protected readonly tableReady = { motto: signal(false) };
  protected readonly inView = IN_VIEW;
  /** The threshold in the sentence under the filters (null until the first answer; its place is kept, unseen). */
  protected readonly minCell = computed(() => this.motto().data?.minCell ?? null);
  protected readonly minCellShown = computed(() => this.minCell() ?? lastMinCell);
  /**
   * The sentence about it, in the pieces around each `{n}`: the words are known at once, the number only from
   * the answer. The whole sentence hidden until then was the page's largest paint, a round trip late.
   */
  protected readonly smallCellsText = computed(() => this.t('smallCells').split('{n}'));
  /** Reports whose answer is for an older filter (or none): asked for again when they come near. */
  private stale = new Set<ReportKey>();
  protected readonly downloading = signal(false);
  protected readonly isPhone = inject(Viewport).isPhone;
  /** The phone's filter sheet: open, and mounted once first opened (a drawer renders at once, even closed). */
  protected readonly filtersOpen = signal(false);
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
    this.load();
    // The filter's lists once the form is first shown: on a phone it waits in a closed sheet, and the three
    // requests made with the page's own were a seventh of its first render there.
    const references = inject(ReferenceStore);
    let listsAsked = false;
    effect(() => {
      if (listsAsked || !this.isAdmin() || (this.isPhone() && !this.filtersOpen())) return;
      listsAsked = true;
      // Only admins choose: a counsellor's reports are their own organisation's already.
      references.loadDivisions();
      this.api.organisations('facility').subscribe({ next: (p) => this.facilities.set(p.items), error: () => undefined });
      this.api.organisations('community_station').subscribe({ next: (p) => this.stations.set(p.items), error: () => undefined });
    });
    // Ctrl+P: every report's table is built before the page is laid out for paper.
    const appRef = inject(ApplicationRef);
    const beforePrint = () => {
      this.showAll();
      appRef.tick();
    };
    window.addEventListener('beforeprint', beforePrint);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeprint', beforePrint));
  }

  /** Builds every report now, seen or not. */
  private showAll(): void {
    for (const k of REPORTS) this.seen(k);
    this.tableReady.motto.set(true);
  }

  /** A report scrolled near: built from now on, and asked for if its answer is not for the current filter. */
  protected seen(k: ReportKey): void {
    this.near[k].set(true);
    if (this.stale.has(k)) this.fetch(k);
  }

  private fetch(k: ReportKey): void {
    this.stale.delete(k);
    const f = this.applied();
    if (k === 'motto') loadInto(this.motto, this.api.motto(f)).add(() => (lastMinCell = this.motto().data?.minCell ?? lastMinCell));
    else if (k === 'abstinence') loadInto(this.abstinence, this.api.abstinence(f));
    else if (k === 'orders') loadInto(this.orders, this.api.orderFunnel(f));
    else loadInto(this.fairs, this.api.fairFunnel(f));
  }

  /** About the height the motto's table of `rows` body rows will take (its box until it is built). */
  protected tableBoxHeight(rows: number): number {
    return (rows + 1) * TABLE_ROW_PX;
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
    this.filtersOpen.set(false);
    this.load();
  }

  protected reset(): void {
    this.draft.set(this.initialFilter());
    this.apply();
  }

  /** Asks again for the motto and every report already seen; the others when they come near. */
  protected load(): void {
    this.stale = new Set(REPORTS);
    for (const k of REPORTS) if (k === 'motto' || this.near[k]()) this.fetch(k);
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

  /** Asks for, builds and draws every report first (up to 10 s), so the paper has all four. */
  protected print(): void {
    this.showAll();
    const remotes = [this.motto, this.abstinence, this.orders, this.fairs];
    const settled = () => remotes.every((r) => !r().loading && (r().data || r().error));
    const started = Date.now();
    const wait = (): void => {
      if (!settled() && Date.now() - started < 10_000) {
        setTimeout(wait, 100);
        return;
      }
      setTimeout(() => {
        void drawAllCharts()
          .catch(() => undefined)
          .then(() => window.print());
      });
    };
    wait();
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
