import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  type OnDestroy,
  afterNextRender,
  effect,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { slowConnection, whenSettled } from '../core/after-start-up';
import { IN_VIEW, whenNearView } from '../shared/near-view';

type EChartsSetup = typeof import('./echarts-setup');

let loaded: EChartsSetup | undefined;
let loading: Promise<EChartsSetup> | undefined;
/** One chart drawn per task: four charts at once would be one long task on a slow phone. */
let queue: Promise<unknown> = Promise.resolve();
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/** ECharts is loaded when the first chart scrolls into view: it is not in any bundle a sign-in downloads. */
export function loadECharts(): Promise<EChartsSetup> {
  loading ??= import('./echarts-setup').then((m) => (loaded = m));
  return loading;
}

let fetchingAhead = false;
/**
 * Fetches ECharts once the page has settled, so the first chart scrolled to is drawn without waiting for a
 * ~150 kB download. Not on Save-Data or 2G: there it is fetched when a chart is first seen.
 */
function fetchEChartsAhead(): void {
  if (fetchingAhead) return;
  fetchingAhead = true;
  void whenSettled()
    .then(() => (slowConnection() ? undefined : loadECharts()))
    .catch(() => undefined);
}

const charts = new Set<EChart>();

/** Draws every chart on the page now, seen or not (before printing). */
export async function drawAllCharts(): Promise<void> {
  const setup = await loadECharts();
  for (const c of charts) c.drawNow(setup);
}

/**
 * One chart. Its box has its final height from the start (nothing below it moves when it is drawn), and it is
 * drawn only when it scrolls into the viewport: drawing one is the page's longest task (~350 ms on a slow
 * phone, laying out its labels), and doing it for a chart still below the fold kept a phone from answering
 * taps while the page loaded. The table beside it carries the same numbers for screen readers
 * and for print.
 */
@Component({
  selector: 'jbh-chart',
  template: `<div
    #host
    class="chart"
    [class.pending]="!drawn()"
    [style.height.px]="height()"
    [attr.role]="label() ? 'img' : null"
    [attr.aria-label]="label()"
    data-testid="chart-box"
  ></div>`,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
    .pending {
      background: #fafafa;
      border-radius: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EChart implements OnDestroy {
  /** Null while the report loads: the box keeps its height, empty. */
  readonly options = input<EChartsCoreOption | null>(null);
  readonly height = input(280);
  readonly label = input('');
  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  private readonly inView = signal(false);
  protected readonly drawn = signal(false);
  private chart: ECharts | null = null;
  private resize?: ResizeObserver;
  private stopWatching = (): void => undefined;
  private destroyed = false;
  /** Ctrl+P: charts not yet seen are drawn if ECharts is already here (the tables print in any case). */
  private readonly beforePrint = () => {
    if (loaded) this.drawNow(loaded);
  };

  constructor() {
    charts.add(this);
    afterNextRender(() => {
      this.stopWatching = whenNearView(this.host().nativeElement, () => this.inView.set(true), IN_VIEW);
      fetchEChartsAhead();
      window.addEventListener('beforeprint', this.beforePrint);
    });
    effect(() => {
      const options = this.options();
      if (!options || !this.inView()) return;
      if (this.chart) {
        this.chart.setOption(options, true);
        return;
      }
      queue = queue
        .then(() => loadECharts())
        .then(async (setup) => {
          await nextTask();
          this.drawNow(setup);
        })
        .catch(() => undefined);
    });
  }

  /** Creates the chart (once) and sets the current options. */
  drawNow(setup: EChartsSetup): void {
    const options = this.options();
    if (this.destroyed || !options) return;
    if (!this.chart) {
      const el = this.host().nativeElement;
      this.chart = setup.init(el, undefined, { renderer: 'svg' });
      const chart = this.chart;
      // A ResizeObserver reports once as soon as it observes: resizing then would lay the whole chart out a
      // second time (as long again as drawing it, ~100 ms on a slow phone). Only a real change of size counts.
      let size = `${el.clientWidth}x${el.clientHeight}`;
      this.resize = new ResizeObserver(() => {
        const now = `${el.clientWidth}x${el.clientHeight}`;
        if (now === size) return;
        size = now;
        chart.resize();
      });
      this.resize.observe(el);
      this.stopWatching();
      this.drawn.set(true);
    }
    this.chart.setOption(options, true);
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    charts.delete(this);
    this.stopWatching();
    window.removeEventListener('beforeprint', this.beforePrint);
    this.resize?.disconnect();
    this.chart?.dispose();
  }
}
