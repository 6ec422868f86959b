/**
 * Team: cumulative flow; the cycle-time scatter (click a dot to open the item); aging work in
 * progress against the percentile bands; throughput; work in progress by status; DORA for the
 * team's services; and the team's items, filtered.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type Annotation, useAnnotations } from '../api/annotations';
import {
  useCompleted,
  useItemList,
  useMetrics,
  useOrg,
  useSeries,
  useStatusTimes,
  useTrend,
} from '../api/queries';
import {
  type CompletedDocument,
  FLOW_TYPES,
  type FlowState,
  type ListedItem,
  type MetricsDocument,
  type SeriesDocument,
  STATES,
  type StatusTimesDocument,
} from '../api/types';
import { marksOnCategories, marksOnTime } from '../charts/annotations';
import { categoryChart } from '../charts/options';
import { axisStyle, base, type ChartTheme } from '../charts/theme';
import { AnnotationsPanel } from '../components/AnnotationsPanel';
import { FlowTypeBadge, StateBadge } from '../components/Badges';
import { Chart } from '../components/Chart';
import { DoraPanel } from '../components/DoraPanel';
import { FlowTiles } from '../components/FlowTiles';
import { Breadcrumbs, PrecisionNote } from '../components/Layout';
import { PredictabilityPanel } from '../components/PredictabilityPanel';
import { Empty, ErrorState, Loading, QueryView } from '../components/States';
import { TeamOwnership } from '../components/TeamOwnership';
import { TrendTable } from '../components/TrendTable';
import { Warnings } from '../components/Warnings';
import {
  capitalize,
  flowTypeName,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatPeriod,
  formatShortDate,
} from '../lib/format';
import { type Period, previousPeriod, trendBucket } from '../lib/period';
import { Link, navigate, updateSearch, useLocation } from '../lib/router';
import { findTeam, itemPath } from '../lib/scope';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

export default function TeamPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const { period } = usePeriod();
  const org = useOrg();
  const href = useHref();
  const found = findTeam(org.data, id);
  const name = found?.team.name ?? id;
  useTitle(name);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Overview', href: href('/') },
          ...(found?.valueStream
            ? [
                {
                  label: found.valueStream.name,
                  href: href(`/value-streams/${encodeURIComponent(found.valueStream.id)}`),
                },
              ]
            : []),
          { label: name },
        ]}
      />
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p className="page-sub">
            Team
            {found?.valueStream && (
              <>
                {' · '}
                <Link href={href(`/value-streams/${encodeURIComponent(found.valueStream.id)}`)}>
                  {found.valueStream.name}
                </Link>
              </>
            )}
            {found !== undefined && found.team.services.length > 0 && (
              <> · services {found.team.services.map((s) => s.name ?? s.id).join(', ')}</>
            )}
            {period !== null && <> · {formatPeriod(period.from, period.to)}</>}
          </p>
        </div>
      </div>
      {period === null ? <Loading label="the team" height={300} /> : <TeamBody id={id} period={period} />}
      <TeamOwnership id={id} />
      <PrecisionNote />
    </>
  );
}

const NO_NOTES: readonly Annotation[] = [];

function TeamBody({ id, period }: { id: string; period: Period }) {
  const href = useHref();
  const scope = { team: id };
  const metrics = useMetrics(scope, period);
  const previous = useMetrics(scope, previousPeriod(period));
  const trend = useTrend(scope, period, trendBucket(period));
  const series = useSeries(scope, period);
  const completed = useCompleted(scope, period);
  const statuses = useStatusTimes(scope, period);
  const notes = useAnnotations(scope, period).data?.annotations ?? NO_NOTES;
  if (metrics.isError) {
    return (
      <ErrorState error={metrics.error} what="the team's metrics" onRetry={() => void metrics.refetch()} />
    );
  }
  return (
    <div data-scope={`team:${id}`}>
      <QueryView query={metrics} what="the team's metrics" height={130}>
        {(m) => (
          <>
            <FlowTiles metrics={m} previous={previous.data} trend={trend.data} />
            <section className="section" aria-labelledby="dora-heading">
              <header>
                <div>
                  <h2 id="dora-heading">Delivery (DORA)</h2>
                  <p>Production deployments of the team's services.</p>
                </div>
              </header>
              <DoraPanel dora={m.dora} />
            </section>
            <Warnings quality={m.dataQuality} href={href('/data-quality', { scope: `team:${id}` })} max={4} />
          </>
        )}
      </QueryView>

      <section className="section" aria-labelledby="flow-heading">
        <header>
          <div>
            <h2 id="flow-heading">Flow</h2>
            <p>Completed work and how long it took; click a dot to open the item.</p>
          </div>
        </header>
        <div className="card" style={{ marginBottom: 16 }}>
          <header>
            <div>
              <h2>Cycle time</h2>
              <p className="card-desc">
                Each completed item: when it was completed and its flow time, with the 50th, 85th and 95th
                percentiles.
              </p>
            </div>
          </header>
          <QueryView query={completed} what="the completed items" height={340}>
            {(c) => <CycleTimeScatter completed={c} notes={notes} />}
          </QueryView>
        </div>
        <div className="grid cols-2">
          <div className="card">
            <header>
              <div>
                <h2>Cumulative flow</h2>
                <p className="card-desc">
                  Items in each state at the start of each day; done counts from the first day.
                </p>
              </div>
            </header>
            <QueryView query={series} what="the cumulative flow" height={300}>
              {(s) => <CumulativeFlow series={s} notes={notes} end={period.to} />}
            </QueryView>
          </div>
          <div className="card">
            <header>
              <div>
                <h2>Aging work in progress</h2>
                <p className="card-desc">
                  Items in progress at the end of the period by status, against the period's flow-time
                  percentiles.
                </p>
              </div>
            </header>
            {series.isPending || metrics.isPending || statuses.isPending || completed.isPending ? (
              <Loading label="aging work in progress" height={300} />
            ) : series.isError ? (
              <ErrorState error={series.error} what="aging work in progress" />
            ) : (
              <AgingChart
                series={series.data}
                metrics={metrics.data}
                statuses={statuses.data}
                p95={completed.data?.percentiles.p95 ?? null}
              />
            )}
          </div>
          <div className="card">
            <header>
              <div>
                <h2>Throughput</h2>
                <p className="card-desc">Items completed per week, with the median.</p>
              </div>
            </header>
            <QueryView query={series} what="the throughput" height={300}>
              {(s) => <Throughput series={s} notes={notes} end={period.to} />}
            </QueryView>
          </div>
          <div className="card">
            <header>
              <div>
                <h2>Work in progress by status</h2>
                <p className="card-desc">Items in progress at the end of the period.</p>
              </div>
            </header>
            {series.isPending || statuses.isPending ? (
              <Loading label="work in progress" height={260} />
            ) : series.isError ? (
              <ErrorState error={series.error} what="work in progress" />
            ) : (
              <WipByStatus series={series.data} statuses={statuses.data} />
            )}
          </div>
        </div>
      </section>

      <PredictabilityPanel scope={scope} period={period} />

      <AnnotationsPanel scope={scope} scopeName="this team" period={period} />

      <section className="section" aria-labelledby="items-heading">
        <header>
          <div>
            <h2 id="items-heading">Items</h2>
            <p>The team's work items as they are now.</p>
          </div>
        </header>
        <div className="card">
          <ItemList team={id} />
        </div>
      </section>
    </div>
  );
}

// ── Cycle-time scatter ─────────────────────────────────────────────────────────────────────────

function CycleTimeScatter({
  completed,
  notes,
}: {
  completed: CompletedDocument;
  notes: readonly Annotation[];
}) {
  const marks = useMemo(() => marksOnTime(notes), [notes]);
  const { items, percentiles } = completed;
  const href = useHref();
  const byType = useMemo(
    () =>
      FLOW_TYPES.map((t) => {
        const data: [number, number, number][] = [];
        items.forEach((item, i) => {
          if (item.flowType === t) data.push([Date.parse(item.completedAt), item.flowTime / 86_400, i]);
        });
        return data;
      }),
    [items],
  );
  const option = useCallback(
    (theme: ChartTheme): EChartsCoreOption => {
      const b = base(theme);
      const line = (name: string, color: string, seconds: number | null) =>
        seconds === null
          ? []
          : [
              {
                name,
                yAxis: seconds / 86_400,
                lineStyle: { color: theme.color(color), type: 'dashed', width: 1.5 },
                label: {
                  formatter: `${name} ${formatDuration(seconds)}`,
                  color: theme.color(color),
                  position: 'insideEndTop',
                  fontSize: 11,
                },
              },
            ];
      return {
        ...b,
        legend: { ...b.legend, data: FLOW_TYPES.map(flowTypeName) },
        tooltip: {
          ...b.tooltip,
          trigger: 'item',
          formatter: (p: { data: [number, number, number] }) => {
            const item = items[p.data[2]];
            return item === undefined
              ? ''
              : `<b>${item.id}</b><br/>${flowTypeName(item.flowType).replace(/s$/, '')} · completed ${formatDate(item.completedAt)}<br/>Flow time ${formatDuration(item.flowTime)}`;
          },
        },
        grid: { ...b.grid, top: 40, left: 30 },
        xAxis: {
          type: 'time',
          ...axisStyle(theme),
          splitLine: { show: false },
          axisLabel: { ...axisStyle(theme).axisLabel, formatter: '{d} {MMM}', hideOverlap: true },
        },
        yAxis: {
          type: 'value',
          name: 'flow time, days',
          nameLocation: 'middle',
          nameGap: 36,
          ...axisStyle(theme),
        },
        series: FLOW_TYPES.map((t, i) => ({
          name: flowTypeName(t),
          type: 'scatter',
          data: byType[i],
          symbolSize: items.length > 3000 ? 4 : 6,
          itemStyle: { color: theme.color(t), opacity: 0.75 },
          emphasis: { scale: 2 },
          progressive: 0,
          markLine:
            i === 0
              ? {
                  silent: true,
                  symbol: 'none',
                  data: [
                    ...line('50th', 'p50', percentiles.p50),
                    ...line('85th', 'p85', percentiles.p85),
                    ...line('95th', 'p95', percentiles.p95),
                  ],
                }
              : undefined,
        })),
      };
    },
    [byType, items, percentiles],
  );
  if (completed.total === 0) return <Empty>No items were completed in this period.</Empty>;
  const slowest = [...items].sort((a, b) => b.flowTime - a.flowTime).slice(0, 20);
  return (
    <Chart
      label="Cycle-time scatter"
      summary={`${formatCount(completed.total)} items completed. Half within ${formatDuration(percentiles.p50)}, 85% within ${formatDuration(percentiles.p85)}, 95% within ${formatDuration(percentiles.p95)}.`}
      option={option}
      marks={marks}
      height={360}
      testId="cycle-time-scatter"
      onClick={(click) => {
        const data = click.data as [number, number, number] | undefined;
        const item = data === undefined ? undefined : items[data[2]];
        if (item !== undefined) navigate(href(itemPath(item.source, item.id)));
      }}
      table={
        <>
          <table>
            <caption>Flow-time percentiles of the {formatCount(completed.total)} completed items</caption>
            <tbody>
              {(
                [
                  ['50th percentile', percentiles.p50, 'p50'],
                  ['85th percentile', percentiles.p85, 'p85'],
                  ['95th percentile', percentiles.p95, 'p95'],
                ] as const
              ).map(([label, value, key]) => (
                <tr key={key}>
                  <th scope="row" style={{ position: 'static' }}>
                    {label}
                  </th>
                  <td className="num" data-metric={key}>
                    {formatDuration(value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>The 20 slowest items</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Type</th>
                <th scope="col">Completed</th>
                <th scope="col" className="num">
                  Flow time
                </th>
              </tr>
            </thead>
            <tbody>
              {slowest.map((item) => (
                <tr key={`${item.source}/${item.id}`}>
                  <td>
                    <Link href={href(itemPath(item.source, item.id))}>{item.id}</Link>
                  </td>
                  <td>{flowTypeName(item.flowType).replace(/s$/, '')}</td>
                  <td>{formatDate(item.completedAt)}</td>
                  <td className="num">{formatDuration(item.flowTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      }
    />
  );
}

// ── Cumulative flow ────────────────────────────────────────────────────────────────────────────

const CFD_STATES: readonly FlowState[] = ['done', 'active', 'waiting', 'new'];
const CFD_LABELS: Record<string, string> = {
  done: 'Done in the period',
  active: 'Active',
  waiting: 'Waiting',
  new: 'New',
};

function CumulativeFlow({
  series,
  notes,
  end,
}: {
  series: SeriesDocument;
  notes: readonly Annotation[];
  end: string;
}) {
  const days = series.cumulativeFlow;
  const marks = useMemo(
    () =>
      marksOnCategories(
        days.map((d) => d.day),
        end,
        notes,
      ),
    [days, end, notes],
  );
  // Done counts every item ever completed; the diagram starts it at 0 on the first day, so the
  // bands of work in progress stay readable.
  const doneBefore = days[0]?.byState.done ?? 0;
  const option = useCallback(
    (theme: ChartTheme) =>
      categoryChart(theme, {
        categories: days.map((d) => formatShortDate(d.day)),
        series: CFD_STATES.map((state) => ({
          name: CFD_LABELS[state] as string,
          color: state,
          type: 'line' as const,
          area: true,
          values: days.map((d) => (state === 'done' ? d.byState.done - doneBefore : d.byState[state])),
        })),
        stack: true,
      }),
    [days, doneBefore],
  );
  if (days.length === 0) return <Empty>The period has no whole day.</Empty>;
  const step = Math.max(1, Math.ceil(days.length / 60));
  const sampled = days.filter((_, i) => i % step === 0 || i === days.length - 1);
  const last = days[days.length - 1];
  return (
    <Chart
      label="Cumulative flow diagram"
      summary={`Items new, waiting, active, and done since the first day, at the start of each day, stacked. On the last day: ${CFD_STATES.map((s) => `${s} ${formatCount(last === undefined ? null : s === 'done' ? last.byState.done - doneBefore : last.byState[s])}`).join(', ')}. Cancelled items are left out.`}
      option={option}
      marks={marks}
      height={300}
      table={
        <TrendTable
          caption={step === 1 ? 'Items per state, each day' : `Items per state, every ${step} days`}
          rowHeader="Day"
          columns={['Done (all time)', 'Done in the period', 'Active', 'Waiting', 'New']}
          rows={sampled.map((d) => ({
            key: d.day,
            label: formatDate(d.day),
            values: [
              formatCount(d.byState.done),
              formatCount(d.byState.done - doneBefore),
              formatCount(d.byState.active),
              formatCount(d.byState.waiting),
              formatCount(d.byState.new),
            ],
          }))}
        />
      }
    />
  );
}

// ── Aging work in progress ─────────────────────────────────────────────────────────────────────

/** Statuses in flow order: those the completed items passed through, then the others by name. */
function statusOrder(statuses: StatusTimesDocument | undefined, present: Iterable<string>): string[] {
  const order = (statuses?.statuses ?? []).map((s) => s.status);
  const known = new Set(order);
  const extra = [...new Set(present)].filter((s) => !known.has(s)).sort();
  // A status in two classes (a team's own mapping) comes once, where it first appears.
  return [...new Set([...order, ...extra])];
}

/** A stable jitter in [−0.3, 0.3] from an id, so dots of one status do not overlap. */
function jitter(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (((h >>> 0) % 1000) / 1000 - 0.5) * 0.6;
}

function AgingChart({
  series,
  metrics,
  statuses,
  p95,
}: {
  series: SeriesDocument;
  metrics: MetricsDocument | undefined;
  statuses: StatusTimesDocument | undefined;
  p95: number | null;
}) {
  const href = useHref();
  const aging = series.aging;
  const columns = useMemo(() => {
    const present = new Set(aging.map((a) => a.status));
    return statusOrder(statuses, present).filter((s) => present.has(s));
  }, [aging, statuses]);
  const p50 = metrics?.flow.flowTime.median ?? null;
  const p85 = metrics?.flow.flowTime.p85 ?? null;
  const option = useCallback(
    (theme: ChartTheme): EChartsCoreOption => {
      const b = base(theme);
      const index = new Map(columns.map((c, i) => [c, i]));
      const maxAge = Math.max(...aging.map((a) => a.ageSeconds / 86_400), (p85 ?? 0) / 86_400, 1);
      const band = (from: number, to: number, color: string) => [
        { yAxis: from, itemStyle: { color: theme.color(color), opacity: theme.dark ? 0.12 : 0.1 } },
        { yAxis: to },
      ];
      return {
        ...b,
        grid: { ...b.grid, top: 16, left: 30 },
        tooltip: {
          ...b.tooltip,
          trigger: 'item',
          formatter: (p: { data: [number, number, number] }) => {
            const item = aging[p.data[2]];
            return item === undefined
              ? ''
              : `<b>${item.id}</b><br/>${item.status} · age ${formatDuration(item.ageSeconds)}`;
          },
        },
        xAxis: {
          type: 'value',
          min: -0.5,
          max: columns.length - 0.5,
          interval: 1,
          ...axisStyle(theme),
          splitLine: { show: false },
          axisLabel: {
            ...axisStyle(theme).axisLabel,
            interval: 0,
            hideOverlap: false,
            rotate: columns.length > 5 ? 25 : 0,
            formatter: (v: number) => columns[Math.round(v)] ?? '',
          },
        },
        yAxis: { type: 'value', name: 'age, days', nameLocation: 'middle', nameGap: 36, ...axisStyle(theme) },
        series: [
          {
            type: 'scatter',
            data: aging.map((a, i) => [(index.get(a.status) ?? 0) + jitter(a.id), a.ageSeconds / 86_400, i]),
            symbolSize: 7,
            itemStyle: {
              color: (p: { data: [number, number, number] }) => {
                const item = aging[p.data[2]];
                return theme.color(item?.beyondP85 ? 'p95' : item?.beyondMedian ? 'p85' : 'p50');
              },
              opacity: 0.85,
            },
            markArea:
              p50 === null || p85 === null
                ? undefined
                : {
                    silent: true,
                    data: [
                      band(0, p50 / 86_400, 'p50'),
                      band(p50 / 86_400, p85 / 86_400, 'p85'),
                      band(p85 / 86_400, maxAge * 1.05, 'p95'),
                    ],
                  },
            markLine: {
              silent: true,
              symbol: 'none',
              data: [
                ...(p50 === null ? [] : [{ yAxis: p50 / 86_400, name: '50th' }]),
                ...(p85 === null ? [] : [{ yAxis: p85 / 86_400, name: '85th' }]),
                ...(p95 === null ? [] : [{ yAxis: p95 / 86_400, name: '95th' }]),
              ].map((d) => ({
                ...d,
                lineStyle: { color: theme.faint, type: 'dashed' },
                label: {
                  formatter: `${d.name} ${formatDuration(d.yAxis * 86_400)}`,
                  color: theme.muted,
                  position: 'insideEndTop',
                  fontSize: 11,
                },
              })),
            },
          },
        ],
      };
    },
    [aging, columns, p50, p85, p95],
  );
  if (aging.length === 0) return <Empty>No work was in progress at the end of the period.</Empty>;
  const beyond85 = aging.filter((a) => a.beyondP85).length;
  return (
    <Chart
      label="Aging work in progress"
      summary={`${formatCount(series.agingTotal)} items in progress; ${formatCount(beyond85)} are older than the 85th percentile of flow time (${formatDuration(p85)}). Green: younger than the median; amber: between the median and the 85th percentile; red: older.`}
      option={option}
      height={320}
      testId="aging-chart"
      onClick={(click) => {
        const data = click.data as [number, number, number] | undefined;
        const item = data === undefined ? undefined : aging[data[2]];
        if (item !== undefined) navigate(href(itemPath(item.source, item.id)));
      }}
      table={
        <table>
          <caption>The 30 oldest items in progress</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Age
              </th>
              <th scope="col">Against flow time</th>
            </tr>
          </thead>
          <tbody>
            {aging.slice(0, 30).map((a) => (
              <tr key={`${a.source}/${a.id}`}>
                <td>
                  <Link href={href(itemPath(a.source, a.id))}>{a.id}</Link>
                </td>
                <td>{a.status}</td>
                <td className="num">{formatDuration(a.ageSeconds)}</td>
                <td>
                  {a.beyondP85
                    ? 'older than p85'
                    : a.beyondMedian
                      ? 'older than the median'
                      : 'within the median'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

// ── Throughput ─────────────────────────────────────────────────────────────────────────────────

function Throughput({
  series,
  notes,
  end,
}: {
  series: SeriesDocument;
  notes: readonly Annotation[];
  end: string;
}) {
  const weeks = series.velocityByWeek;
  const marks = useMemo(
    () =>
      marksOnCategories(
        weeks.map((w) => w.week),
        end,
        notes,
      ),
    [weeks, end, notes],
  );
  const option = useCallback(
    (theme: ChartTheme) => {
      const chart = categoryChart(theme, {
        categories: weeks.map((w) => formatShortDate(w.week)),
        series: [
          { name: 'Completed', color: 'active', type: 'line' as const, values: weeks.map((w) => w.count) },
        ],
        legend: false,
      }) as Record<string, unknown>;
      const [first] = chart.series as Record<string, unknown>[];
      return {
        ...chart,
        series: [
          {
            ...first,
            symbol: 'circle',
            symbolSize: 5,
            markLine: {
              silent: true,
              symbol: 'none',
              data: [{ type: 'median', name: 'Median' }],
              lineStyle: { color: theme.faint, type: 'dashed' },
              label: { formatter: 'median', color: theme.muted, position: 'insideEndTop' },
            },
          },
        ],
      };
    },
    [weeks],
  );
  if (weeks.length === 0) return <Empty>No weeks in this period.</Empty>;
  return (
    <Chart
      label="Throughput run chart"
      summary={`Items completed in each ISO week overlapping the period (the first and last weeks may be partial), from ${formatDate(weeks[0]?.week)}.`}
      option={option}
      marks={marks}
      height={280}
      table={
        <TrendTable
          caption="Items completed per week (weeks start on Monday)"
          rowHeader="Week of"
          columns={['Completed', ...FLOW_TYPES.map(flowTypeName)]}
          rows={weeks.map((w) => ({
            key: w.week,
            label: formatDate(w.week),
            values: [formatCount(w.count), ...FLOW_TYPES.map((t) => formatCount(w.byType[t]))],
          }))}
        />
      }
    />
  );
}

// ── Work in progress by status ─────────────────────────────────────────────────────────────────

function WipByStatus({
  series,
  statuses,
}: {
  series: SeriesDocument;
  statuses: StatusTimesDocument | undefined;
}) {
  const counts = useMemo(() => {
    const byStatus = new Map<string, number>();
    for (const a of series.aging) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    return statusOrder(statuses, byStatus.keys())
      .filter((s) => byStatus.has(s))
      .map((status) => ({
        status,
        count: byStatus.get(status) as number,
        state: statuses?.statuses.find((s) => s.status === status)?.state ?? 'waiting',
      }));
  }, [series, statuses]);
  const option = useCallback(
    (theme: ChartTheme): EChartsCoreOption => {
      const b = base(theme);
      return {
        ...b,
        legend: { show: false },
        grid: { ...b.grid, top: 16 },
        tooltip: { ...b.tooltip, trigger: 'axis' },
        xAxis: {
          type: 'category',
          data: counts.map((c) => c.status),
          ...axisStyle(theme),
          axisLabel: { ...axisStyle(theme).axisLabel, interval: 0, rotate: counts.length > 5 ? 25 : 0 },
        },
        yAxis: { type: 'value', ...axisStyle(theme) },
        series: [
          {
            type: 'bar',
            name: 'Items',
            barMaxWidth: 36,
            data: counts.map((c) => ({ value: c.count, itemStyle: { color: theme.color(c.state) } })),
            label: { show: true, position: 'top', color: theme.muted, fontSize: 11 },
          },
        ],
      };
    },
    [counts],
  );
  if (counts.length === 0) return <Empty>No work was in progress at the end of the period.</Empty>;
  return (
    <Chart
      label="Work in progress by status"
      summary={`${formatCount(series.agingTotal)} items in progress at the end of the period: ${counts.map((c) => `${c.status} ${c.count}`).join(', ')}.`}
      option={option}
      height={260}
      testId="wip-by-status"
      table={
        <TrendTable
          caption="Items in progress at the end of the period, by status"
          rowHeader="Status"
          columns={['Items', 'State']}
          rows={counts.map((c) => ({
            key: c.status,
            label: c.status,
            values: [formatCount(c.count), c.state],
          }))}
        />
      }
    />
  );
}

// ── The team's items ───────────────────────────────────────────────────────────────────────────

const PAGE = 25;
const SORTS = [
  { id: 'age', label: 'Age' },
  { id: 'completedAt', label: 'Completed' },
  { id: 'createdAt', label: 'Created' },
  { id: 'flowTime', label: 'Flow time' },
  { id: 'id', label: 'Id' },
] as const;

function ItemList({ team }: { team: string }) {
  const { search } = useLocation();
  const href = useHref();
  const state = search.get('state') ?? 'in-progress';
  const flowType = search.get('type') ?? '';
  const status = search.get('status') ?? '';
  const q = search.get('q') ?? '';
  const sort = search.get('sort') ?? (state === 'done' ? 'completedAt' : 'age');
  const order = search.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => updateSearch({ q: text, page: null }, { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [text, q]);
  const list = useItemList(
    { team },
    {
      ...(state === 'all' ? {} : { state }),
      ...(flowType === '' ? {} : { flowType }),
      ...(status === '' ? {} : { status }),
      ...(q === '' ? {} : { q }),
      sort,
      order,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    },
  );
  const set = (changes: Record<string, string | null>) =>
    updateSearch({ ...changes, page: null }, { replace: true });
  const data = list.data;
  const pages = data === undefined ? 1 : Math.max(1, Math.ceil(data.total / PAGE));
  const sortHeader = (id: (typeof SORTS)[number]['id'], label: string) => {
    const active = sort === id;
    return (
      <th
        scope="col"
        className={id === 'id' ? undefined : 'num'}
        aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button
          type="button"
          className="sort"
          onClick={() =>
            set({
              sort: id,
              order: active && order === 'desc' ? 'asc' : active ? 'desc' : id === 'id' ? 'asc' : 'desc',
            })
          }
        >
          {label}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const stateCount = (s: string) =>
    data === undefined
      ? ''
      : s === 'all'
        ? ` (${formatCount(STATES.reduce((n, x) => n + data.byState[x], 0))})`
        : s === 'in-progress'
          ? ` (${formatCount(data.byState.waiting + data.byState.active)})`
          : ` (${formatCount(data.byState[s as FlowState])})`;
  return (
    <>
      <form className="filters" aria-label="Filter the team's items" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          State
          <select value={state} onChange={(e) => set({ state: e.target.value, status: null })}>
            {['in-progress', 'new', 'done', 'cancelled', 'all'].map((s) => (
              <option key={s} value={s}>
                {s === 'in-progress' ? 'In progress' : s === 'all' ? 'All' : capitalize(s)}
                {stateCount(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Flow type
          <select value={flowType} onChange={(e) => set({ type: e.target.value })}>
            <option value="">All types</option>
            {FLOW_TYPES.map((t) => (
              <option key={t} value={t}>
                {flowTypeName(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Status
          <select value={status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">All statuses</option>
            {(data?.byStatus ?? []).map((s) => (
              <option key={s.status} value={s.status}>
                {s.status} ({formatCount(s.items)})
              </option>
            ))}
            {status !== '' && !(data?.byStatus ?? []).some((s) => s.status === status) && (
              <option value={status}>{status}</option>
            )}
          </select>
        </label>
        <label className="field">
          Search
          <input
            type="search"
            value={text}
            placeholder="Id or title"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </form>
      {list.isPending ? (
        <Loading label="the items" height={200} />
      ) : list.isError ? (
        <ErrorState error={list.error} what="the items" onRetry={() => void list.refetch()} />
      ) : data === undefined || data.total === 0 ? (
        <Empty>No items match these filters.</Empty>
      ) : (
        <>
          <div className="table-wrap" aria-busy={list.isFetching}>
            <table data-testid="item-list">
              <caption>
                {formatCount(data.total)} items{q !== '' ? ` matching “${q}”` : ''}; ages are as of now
              </caption>
              <thead>
                <tr>
                  {sortHeader('id', 'Item')}
                  <th scope="col">Title</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  {sortHeader('createdAt', 'Created')}
                  {sortHeader('completedAt', 'Completed')}
                  {sortHeader('flowTime', 'Flow time')}
                  {sortHeader('age', 'Age')}
                </tr>
              </thead>
              <tbody>
                {data.items.map((item: ListedItem) => (
                  <tr key={`${item.source}/${item.id}`}>
                    <td>
                      <Link href={href(itemPath(item.source, item.id))} className="mono">
                        {item.id}
                      </Link>
                    </td>
                    <td style={{ maxWidth: 320 }}>{item.title ?? <span className="muted">untitled</span>}</td>
                    <td>
                      <FlowTypeBadge type={item.flowType} />
                    </td>
                    <td>
                      <StateBadge state={item.state} label={item.status} />
                    </td>
                    <td className="num">{formatDate(item.createdAt)}</td>
                    <td className="num">{formatDate(item.completedAt)}</td>
                    <td className="num">{formatDuration(item.flowTime)}</td>
                    <td
                      className="num"
                      title={
                        item.startedAt === null ? undefined : `started ${formatDateTime(item.startedAt)}`
                      }
                    >
                      {formatDuration(item.age)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages of items">
            <button
              type="button"
              className="button"
              disabled={page <= 1}
              onClick={() => updateSearch({ page: String(page - 1) }, { replace: true })}
            >
              Previous
            </button>
            <span aria-live="polite">
              Page {page} of {pages}
            </span>
            <button
              type="button"
              className="button"
              disabled={page >= pages}
              onClick={() => updateSearch({ page: String(page + 1) }, { replace: true })}
            >
              Next
            </button>
          </nav>
        </>
      )}
    </>
  );
}
