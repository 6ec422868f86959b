/**
 * An ECharts chart with its text alternative: the canvas is one image to assistive technology,
 * named by `label` and described by `summary`, and `table` (the chart's data) sits behind a
 * disclosure under it. ECharts itself is loaded on demand, the first time a chart is shown.
 */
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type ChartMark, withMarks } from '../charts/annotations';
import { type ChartTheme, useChartTheme } from '../charts/theme';
import { formatDate } from '../lib/format';

type EChartsModule = typeof import('../charts/echarts');
let loading: Promise<EChartsModule> | null = null;
const loadECharts = () => {
  loading ??= import('../charts/echarts');
  return loading;
};

export interface ChartClick {
  readonly seriesIndex: number;
  readonly dataIndex: number;
  readonly data: unknown;
}

export interface ChartProps {
  /** The chart's accessible name. */
  readonly label: string;
  /** What the chart shows, in words (its text alternative). */
  readonly summary: string;
  readonly option: (theme: ChartTheme) => EChartsCoreOption;
  readonly height?: number;
  readonly onClick?: (click: ChartClick) => void;
  /** The data behind the chart, shown on demand. */
  readonly table?: ReactNode;
  readonly testId?: string;
  /** Annotations drawn as dashed vertical lines, and listed under the chart. */
  readonly marks?: readonly ChartMark[];
}

const NO_MARKS: readonly ChartMark[] = [];

export function Chart({
  label,
  summary,
  option,
  height = 260,
  onClick,
  table,
  testId,
  marks = NO_MARKS,
}: ChartProps) {
  const theme = useChartTheme();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const summaryId = useId();

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    loadECharts()
      .then(({ init }) => {
        if (disposed || element.current === null) return;
        const instance = init(element.current, null, { renderer: 'canvas' });
        chart.current = instance;
        instance.on('click', (params) => {
          const p = params as { seriesIndex?: number; dataIndex?: number; data?: unknown };
          clickRef.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex ?? 0, data: p.data });
        });
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(element.current);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || chart.current === null) return;
    chart.current.setOption(withMarks(option(theme), marks, theme), { notMerge: true, lazyUpdate: true });
  }, [ready, option, theme, marks]);

  return (
    <figure className="chart" style={{ margin: 0 }} data-testid={testId}>
      <div
        className="chart"
        style={{ height, cursor: onClick === undefined ? undefined : 'pointer' }}
        role="img"
        aria-label={label}
        aria-describedby={summaryId}
      >
        <div ref={element} className="chart-canvas" />
        {!ready && (
          <div className="chart-loading">{failed ? 'The chart could not be loaded.' : 'Drawing chart…'}</div>
        )}
      </div>
      <figcaption id={summaryId} className="visually-hidden">
        {summary}
      </figcaption>
      {marks.length > 0 && (
        <ul className="chart-marks" aria-label={`Annotations on ${label}`}>
          {marks.map((m) => (
            <li key={`${m.at}-${m.label}`}>
              <span aria-hidden="true">▲ </span>
              <time dateTime={m.at}>{formatDate(m.at)}</time> · {m.title}
            </li>
          ))}
        </ul>
      )}
      {table !== undefined && (
        <details className="data-table">
          <summary>Data table: {label}</summary>
          <div className="table-wrap">{table}</div>
        </details>
      )}
    </figure>
  );
}
