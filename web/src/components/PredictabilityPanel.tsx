/**
 * The team page's flow predictability (GET /api/v1/metrics/predictability, docs/metrics.md §9): the
 * sprints closing in the period as bars of planned against delivered items, the ratio delivered ÷
 * planned as a line against the 80–100 % band, the summary as tiles, and the table behind the chart.
 * A team whose sources have no sprints is told so.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { useCallback } from 'react';
import { type PredictabilityDocument, usePredictability } from '../api/predictability';
import type { ScopeQuery } from '../api/types';
import { axisStyle, base, type ChartTheme } from '../charts/theme';
import { formatCount, formatDate, formatPercent } from '../lib/format';
import { Chart } from './Chart';
import { DataTable } from './DataTable';
import { MetricTile } from './MetricTile';
import { Empty, QueryView } from './States';

export function PredictabilityPanel({
  scope,
  period,
}: {
  scope: ScopeQuery;
  period: { from: string; to: string };
}) {
  const query = usePredictability(scope, period);
  return (
    <section className="section" aria-labelledby="predictability-heading" data-testid="predictability">
      <header>
        <div>
          <h2 id="predictability-heading">Predictability</h2>
          <p>
            Sprints closing in the period: the items planned at each start against those delivered by the
            close, and the share delivered against the 80–100 % band.
          </p>
        </div>
      </header>
      <QueryView query={query} what="the predictability" height={300}>
        {(doc) => <PredictabilityBody doc={doc} />}
      </QueryView>
    </section>
  );
}

function PredictabilityBody({ doc }: { doc: PredictabilityDocument }) {
  const sprints = doc.sprints;
  const { band, summary } = doc;
  const option = useCallback(
    (theme: ChartTheme): EChartsCoreOption => {
      const b = base(theme);
      const percent = (v: unknown) => (typeof v === 'number' ? `${Math.round(v)}%` : '—');
      return {
        ...b,
        legend: { ...b.legend, data: ['Planned', 'Delivered', 'Delivered ÷ planned'] },
        grid: { ...b.grid, top: 36, right: 48 },
        tooltip: { ...b.tooltip, trigger: 'axis' },
        xAxis: {
          type: 'category',
          data: sprints.map((s) => s.name),
          ...axisStyle(theme),
          axisLabel: { ...axisStyle(theme).axisLabel, interval: 0, rotate: sprints.length > 6 ? 25 : 0 },
        },
        yAxis: [
          { type: 'value', minInterval: 1, ...axisStyle(theme) },
          {
            type: 'value',
            min: 0,
            max: (value: { max: number }) => Math.max(100, Math.ceil(value.max / 10) * 10),
            ...axisStyle(theme),
            splitLine: { show: false },
            axisLabel: { ...axisStyle(theme).axisLabel, formatter: (v: number) => `${v}%` },
          },
        ],
        series: [
          {
            name: 'Planned',
            type: 'bar',
            barMaxWidth: 28,
            data: sprints.map((s) => s.planned),
            itemStyle: { color: theme.color('waiting') },
          },
          {
            name: 'Delivered',
            type: 'bar',
            barMaxWidth: 28,
            data: sprints.map((s) => s.delivered),
            itemStyle: { color: theme.color('done') },
          },
          {
            name: 'Delivered ÷ planned',
            type: 'line',
            yAxisIndex: 1,
            data: sprints.map((s) => (s.ratio === null ? null : s.ratio * 100)),
            connectNulls: false,
            symbol: 'circle',
            symbolSize: 6,
            itemStyle: { color: theme.color('active') },
            lineStyle: { color: theme.color('active'), width: 2 },
            tooltip: { valueFormatter: percent },
            markArea: {
              silent: true,
              itemStyle: { color: theme.color('done'), opacity: 0.12 },
              label: {
                show: true,
                position: 'insideTopRight',
                color: theme.muted,
                formatter: 'predictable band',
              },
              data: [[{ yAxis: band.low * 100 }, { yAxis: band.high * 100 }]],
            },
          },
        ],
      };
    },
    [sprints, band],
  );
  if (sprints.length === 0) {
    return (
      <Empty>
        This team's sources have no sprints closing in this period. Sprints come from a Jira board or the{' '}
        <code>sprint</code> records of an import; work without sprints is measured by the flow metrics above.
      </Empty>
    );
  }
  return (
    <>
      <div className="tiles" data-testid="predictability-summary">
        <MetricTile
          label="Median delivered ÷ planned"
          metric="predictabilityMedian"
          value={formatPercent(summary.medianRatio)}
          sub={`mean ${formatPercent(summary.meanRatio)} over ${formatCount(summary.measured)} sprints`}
          help="Per sprint, the planned items delivered by its close ÷ the items planned at its start."
        />
        <MetricTile
          label="Sprints in the band"
          metric="predictabilityInBand"
          value={`${formatCount(summary.inBand)} of ${formatCount(summary.measured)}`}
          sub={`band: ${formatPercent(band.low)} to ${formatPercent(band.high)} delivered`}
          help="Sprints whose planned items were 80 % to 100 % delivered: the band commonly called predictable."
        />
        <MetricTile
          label="Planned, delivered"
          metric="predictabilityTotals"
          value={`${formatCount(summary.delivered)} of ${formatCount(summary.planned)}`}
          sub={`${formatCount(summary.added)} added, ${formatCount(summary.removed)} removed`}
          help="Planned items delivered of those planned, over the sprints; items added and removed after the sprints' starts."
        />
      </div>
      <Chart
        label="Planned against delivered per sprint"
        summary={`Per sprint closing in the period, the items planned at its start and the planned items delivered by its close, with the share delivered against the ${formatPercent(band.low)} to ${formatPercent(band.high)} band; the median share is ${formatPercent(summary.medianRatio)}.`}
        option={option}
        height={300}
        testId="predictability-chart"
        table={
          <DataTable
            testId="predictability-table"
            caption="Planned against delivered per sprint"
            rows={sprints}
            rowKey={(s) => `${s.source} ${s.id}`}
            columns={[
              { id: 'name', header: 'Sprint', cell: (s) => s.name, sort: (s) => s.name },
              {
                id: 'closed',
                header: 'Closed',
                cell: (s) => formatDate(s.closedAt),
                sort: (s) => s.closedAt,
              },
              {
                id: 'planned',
                header: 'Planned',
                cell: (s) => s.planned,
                sort: (s) => s.planned,
                numeric: true,
              },
              { id: 'added', header: 'Added', cell: (s) => s.added, sort: (s) => s.added, numeric: true },
              {
                id: 'removed',
                header: 'Removed',
                cell: (s) => s.removed,
                sort: (s) => s.removed,
                numeric: true,
              },
              {
                id: 'delivered',
                header: 'Delivered',
                cell: (s) => s.delivered,
                sort: (s) => s.delivered,
                numeric: true,
              },
              {
                id: 'completed',
                header: 'Completed',
                cell: (s) => s.completed,
                sort: (s) => s.completed,
                numeric: true,
              },
              {
                id: 'ratio',
                header: 'Delivered ÷ planned',
                cell: (s) => formatPercent(s.ratio),
                sort: (s) => s.ratio,
                numeric: true,
              },
            ]}
          />
        }
      />
    </>
  );
}
