import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from './echart';
import { abstinenceChart, mottoChart, percentOrGap, percentText, stagesChart } from './report-charts';
import type { MottoRowDto, RateDto } from './reports-types';
import { withheldReason } from './withheld';

const rate = (numerator: number | null, denominator: number, r: number | null, suppressed = false): RateDto => ({
  numerator,
  denominator,
  rate: r,
  suppressed,
});

describe('report charts', () => {
  it('draws a withheld rate as a gap, never as zero', () => {
    expect(percentOrGap(rate(null, 2, null, true))).toBe('-');
    expect(percentOrGap(rate(0, 10, 0))).toBe(0);
    expect(percentOrGap(rate(3, 7, 0.4286))).toBe(42.9);
    expect(percentText(rate(null, 2, null, true))).toBe('—');
    expect(percentText(rate(4, 7, 0.5714))).toBe('57.1%');
  });

  it('motto: four series per group, employment at 6 and 12 months', () => {
    const row: MottoRowDto = {
      key: 'a',
      label: '甲所',
      labelEn: 'A',
      released: 8,
      certificate: rate(4, 8, 0.5),
      diploma: rate(2, 8, 0.25),
      employed: [1, 3, 6, 12].map((months) => ({ months, ...rate(3, 7, 0.4286) })),
    };
    const o = mottoChart([row], (r) => r.label, { certificate: 'c', diploma: 'd', employed6: 'e6', employed12: 'e12' }) as {
      series: { name: string; data: unknown[] }[];
      xAxis: { data: string[] };
    };
    expect(o.xAxis.data).toEqual(['甲所']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['c', [50]],
      ['d', [25]],
      ['e6', [42.9]],
      ['e12', [42.9]],
    ]);
  });

  it('abstinence stands beside the share reached, year by year', () => {
    const o = abstinenceChart([{ years: 1, reached: rate(4, 10, 0.4), abstinent: rate(3, 4, 0.75) }], (y) => `${y}年`, {
      reached: 'reached',
      abstinent: 'abstinent',
    }) as { series: { name: string; data: unknown[] }[] };
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['reached', [40]],
      ['abstinent', [75]],
    ]);
  });

  it('stages keep their order, first on top', () => {
    const o = stagesChart(
      [
        { stage: 'orders', count: 3 },
        { stage: 'hired', count: 1 },
      ],
      (s) => s.toUpperCase(),
    ) as { yAxis: { data: string[]; inverse: boolean }; series: { data: number[] }[] };
    expect(o.yAxis).toMatchObject({ data: ['ORDERS', 'HIRED'], inverse: true });
    expect(o.series[0]!.data).toEqual([3, 1]);
  });

  it('a withheld stage is a gap, never a zero', () => {
    const o = stagesChart(
      [
        { stage: 'hired', count: 6 },
        { stage: 'still3', count: null },
      ],
      (s) => s,
    ) as { series: { data: unknown[] }[] };
    expect(o.series[0]!.data).toEqual([6, '-']);
  });
});

describe('withheld shares', () => {
  it('says why a share is a dash from what is public: the count it is over, nobody, too few, or protection', () => {
    expect(withheldReason(rate(3, 7, 0.4286), 5)).toBeNull();
    expect(withheldReason({ numerator: null, denominator: null, rate: null, suppressed: true }, 5)).toBe('dependent');
    expect(withheldReason(rate(null, 0, null, true), 5)).toBe('nobody');
    expect(withheldReason(rate(null, 3, null, true), 5)).toBe('few');
    // Over 40 people: whether few relapsed or it was withheld with another cell is not said.
    expect(withheldReason(rate(null, 40, null, true), 5)).toBe('protected');
    // Not settled yet: said with the day it will be.
    expect(withheldReason({ ...rate(null, 40, null, true), pendingUntil: '2027-03-31' }, 5)).toBe('pending');
  });
});

/** An IntersectionObserver the test moves by hand: `scrollIn()` reports every watched element as in view. */
class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  private readonly els = new Set<Element>();
  constructor(private readonly cb: IntersectionObserverCallback) {
    FakeIntersectionObserver.all.push(this);
  }
  observe(el: Element): void {
    this.els.add(el);
  }
  unobserve(el: Element): void {
    this.els.delete(el);
  }
  disconnect(): void {
    this.els.clear();
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  static scrollIn(): void {
    for (const io of FakeIntersectionObserver.all) {
      const entries = [...io.els].map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
      if (entries.length) io.cb(entries, io as unknown as IntersectionObserver);
    }
  }
  static watched(): number {
    return FakeIntersectionObserver.all.reduce((n, io) => n + io.els.size, 0);
  }
}

@Component({
  selector: 'jbh-chart-host',
  imports: [EChart],
  template: `<jbh-chart [options]="options()" [height]="300" label="chart" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class ChartHost {
  readonly options = signal<EChartsCoreOption | null>(null);
}

describe('a chart on the reports page', () => {
  beforeEach(() => {
    FakeIntersectionObserver.all = [];
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe(): void {}
        disconnect(): void {}
      },
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  const box = (el: HTMLElement) => el.querySelector<HTMLElement>('[data-testid="chart-box"]')!;

  it('has its final height before the data arrives, and is drawn only once scrolled near', async () => {
    const fixture = TestBed.createComponent(ChartHost);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    // The box stands at its full height while the report loads: nothing below moves when it is drawn.
    expect(box(el).style.height).toBe('300px');
    expect(box(el).classList).toContain('pending');
    expect(FakeIntersectionObserver.watched()).toBe(1);

    // Data, but below the fold: still not drawn (ECharts is not even loaded for it).
    fixture.componentInstance.options.set(stagesChart([{ stage: 'orders', count: 3 }], (s) => s));
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 50));
    expect(box(el).classList).toContain('pending');
    expect(el.querySelector('svg')).toBeNull();

    // Scrolled near: drawn into the same box, which keeps its height; it stops watching.
    FakeIntersectionObserver.scrollIn();
    await vi.waitFor(
      () => {
        fixture.detectChanges();
        expect(box(el).classList).not.toContain('pending');
      },
      { timeout: 10_000 },
    );
    expect(box(el).style.height).toBe('300px');
    expect(FakeIntersectionObserver.watched()).toBe(0);
  });

  it('without data, scrolling to it draws nothing', async () => {
    const fixture = TestBed.createComponent(ChartHost);
    await fixture.whenStable();
    FakeIntersectionObserver.scrollIn();
    await new Promise((r) => setTimeout(r, 50));
    await fixture.whenStable();
    expect(box(fixture.nativeElement as HTMLElement).classList).toContain('pending');
  });
});
