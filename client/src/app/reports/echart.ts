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

type EChartsCore = typeof import('echarts/core');

let loading: Promise<EChartsCore> | undefined;

/** ECharts is loaded when the first chart is drawn: it is not in any bundle a sign-in downloads. */
function loadECharts(): Promise<EChartsCore> {
  loading ??= import('./echarts-setup').then((m) => m.echarts);
  return loading;
}

/** One chart. The table beside it carries the same numbers for screen readers and for print. */
@Component({
  selector: 'jbh-chart',
  template: `<div #host class="chart" [style.height.px]="height()" role="img" [attr.aria-label]="label()"></div>`,
  styles: `
    .chart {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EChart implements OnDestroy {
  readonly options = input.required<EChartsCoreOption>();
  readonly height = input(280);
  readonly label = input('');
  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  private readonly chart = signal<ECharts | null>(null);
  private resize?: ResizeObserver;

  constructor() {
    afterNextRender(() => {
      void loadECharts().then((echarts) => {
        const el = this.host().nativeElement;
        const chart = echarts.init(el, undefined, { renderer: 'svg' });
        this.resize = new ResizeObserver(() => chart.resize());
        this.resize.observe(el);
        this.chart.set(chart);
      });
    });
    effect(() => {
      const chart = this.chart();
      if (chart) chart.setOption(this.options(), true);
    });
  }

  ngOnDestroy(): void {
    this.resize?.disconnect();
    this.chart()?.dispose();
  }
}
