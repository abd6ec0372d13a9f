import type { EChartsCoreOption } from 'echarts/core';
import type { FunnelStageDto, MottoRowDto, RateDto } from './reports-types';

/** The platform's gold first, then colours that stay distinct in greyscale print. */
const GOLD = '#8a5300';
const GREEN = '#389e0d';
const PALETTE = [GOLD, '#1677ff', GREEN, '#722ed1'];

/** A rate as a bar height in percent; a withheld or empty rate is a gap ('-'), never a zero. */
export function percentOrGap(r: RateDto): number | '-' {
  return r.rate === null ? '-' : Math.round(r.rate * 1000) / 10;
}

/** "57.1%" or "—". */
export function percentText(r: RateDto): string {
  return r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`;
}

const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
const percentTooltip = { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') };

export interface MottoSeriesNames {
  certificate: string;
  diploma: string;
  employed6: string;
  employed12: string;
}

/** One group of bars per row: certificate, diploma, employed at 6 and at 12 months. */
export function mottoChart(rows: readonly MottoRowDto[], label: (r: MottoRowDto) => string, names: MottoSeriesNames): EChartsCoreOption {
  const employed = (r: MottoRowDto, months: number) => r.employed.find((e) => e.months === months);
  const series = [
    [names.certificate, (r: MottoRowDto) => percentOrGap(r.certificate)],
    [names.diploma, (r: MottoRowDto) => percentOrGap(r.diploma)],
    [names.employed6, (r: MottoRowDto) => (employed(r, 6) ? percentOrGap(employed(r, 6)!) : '-')],
    [names.employed12, (r: MottoRowDto) => (employed(r, 12) ? percentOrGap(employed(r, 12)!) : '-')],
  ] as const;
  return {
    color: PALETTE,
    animation: false,
    tooltip: percentTooltip,
    // One scrolling line of legend, so a phone's narrow chart does not wrap it over the plot.
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    // Long names (facilities, stations) break onto lines instead of running into each other; ECharts' own
    // line height, measured from the font, let a Chinese name's two lines overlap.
    xAxis: {
      type: 'category',
      data: rows.map(label),
      axisLabel: { interval: 0, width: 84, overflow: 'break', lineHeight: 16, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: percentAxis,
    series: series.map(([name, value]) => ({ name, type: 'bar', data: rows.map(value), barMaxWidth: 28 })),
  };
}

/** Abstinence beside the share reached, for each year after release. */
export function abstinenceChart(
  years: readonly { years: number; reached: RateDto; abstinent: RateDto }[],
  yearLabel: (y: number) => string,
  names: { reached: string; abstinent: string },
): EChartsCoreOption {
  return {
    color: ['#8c8c8c', GREEN],
    animation: false,
    tooltip: percentTooltip,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map((y) => yearLabel(y.years)) },
    yAxis: percentAxis,
    series: [
      {
        name: names.reached,
        type: 'bar',
        data: years.map((y) => percentOrGap(y.reached)),
        barMaxWidth: 36,
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
      {
        name: names.abstinent,
        type: 'bar',
        data: years.map((y) => percentOrGap(y.abstinent)),
        barMaxWidth: 36,
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
}

/**
 * A funnel drawn as horizontal bars, first stage on top. Not ECharts' funnel shape: the stages are not
 * nested (someone can be recommended without an order class), and a cone would pretend they are.
 */
export function stagesChart(stages: readonly FunnelStageDto[], stageLabel: (stage: string) => string): EChartsCoreOption {
  return {
    color: [GOLD],
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: stages.map((s) => stageLabel(s.stage)) },
    // A withheld stage (still employed, where it would name someone) is a gap, never a zero.
    series: [{ type: 'bar', data: stages.map((s) => s.count ?? '-'), barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
}
