/** ECharts options the screens share: trends over buckets (weeks or months) and days. */
import type { EChartsCoreOption } from 'echarts/core';
import { axisStyle, base, type ChartTheme } from './theme';

export interface SeriesSpec {
  readonly name: string;
  /** The colour variable: `feature`, `ideate`, `p85`, … */
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly type?: 'bar' | 'line';
  readonly area?: boolean;
  readonly dashed?: boolean;
}

/**
 * Bars or lines over categories (bucket labels or days). `stack` stacks every series; `unit` is
 * appended to values in the tooltip and the axis; `max` fixes the value axis (100 for shares).
 */
export function categoryChart(
  theme: ChartTheme,
  options: {
    categories: readonly string[];
    series: readonly SeriesSpec[];
    stack?: boolean;
    unit?: string;
    max?: number;
    decimals?: number;
    legend?: boolean;
  },
): EChartsCoreOption {
  const b = base(theme);
  const unit = options.unit ?? '';
  const decimals = options.decimals ?? 0;
  const fmt = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(decimals)}${unit}` : '—');
  return {
    ...b,
    legend: options.legend === false ? undefined : { ...b.legend, data: options.series.map((s) => s.name) },
    grid: { ...b.grid, top: options.legend === false ? 12 : 36 },
    tooltip: { ...b.tooltip, trigger: 'axis', valueFormatter: fmt },
    xAxis: {
      type: 'category',
      data: options.categories,
      boundaryGap: options.series.some((s) => (s.type ?? 'bar') === 'bar'),
      ...axisStyle(theme),
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      max: options.max,
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, formatter: (v: number) => `${v}${unit}` },
    },
    series: options.series.map((s) => ({
      name: s.name,
      type: s.type ?? 'bar',
      stack: options.stack === true ? 'total' : undefined,
      data: s.values,
      itemStyle: { color: theme.color(s.color) },
      lineStyle: { color: theme.color(s.color), width: 2, type: s.dashed === true ? 'dashed' : 'solid' },
      areaStyle: s.area === true ? { opacity: 0.85 } : undefined,
      symbol: 'none',
      connectNulls: false,
      barMaxWidth: 28,
      emphasis: { focus: 'series' },
    })),
  };
}
