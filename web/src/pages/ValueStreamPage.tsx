/**
 * Value stream: where the time goes. The stage breakdown as one bar and as a trend; the value
 * stream map (stages, their statuses, active and waiting time, the main bottleneck); the teams side
 * by side; flow distribution over time; velocity and flow time trends.
 */
import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useAnnotations } from '../api/annotations';
import { apiGet } from '../api/client';
import { useMetrics, useOrg, useStatusTimes, useTrend } from '../api/queries';
import {
  FLOW_TYPES,
  type MetricsDocument,
  STAGES,
  type StageOrUnmapped,
  type StatusTimesDocument,
  type TrendDocument,
} from '../api/types';
import { type ChartMark, marksOnCategories } from '../charts/annotations';
import { categoryChart } from '../charts/options';
import type { ChartTheme } from '../charts/theme';
import { AnnotationsPanel } from '../components/AnnotationsPanel';
import { StateBadge, TierBadge } from '../components/Badges';
import { Chart } from '../components/Chart';
import { type Column, DataTable } from '../components/DataTable';
import { DoraPanel } from '../components/DoraPanel';
import { FlowTiles } from '../components/FlowTiles';
import { Breadcrumbs, PrecisionNote } from '../components/Layout';
import { ShareBar } from '../components/ShareBar';
import { Empty, ErrorState, Loading, QueryView } from '../components/States';
import { TrendTable } from '../components/TrendTable';
import { Warnings } from '../components/Warnings';
import {
  capitalize,
  flowTypeName,
  formatCount,
  formatDate,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatPerWeek,
  formatShortDate,
  toDays,
} from '../lib/format';
import { type Period, previousPeriod, trendBucket } from '../lib/period';
import { Link } from '../lib/router';
import { findValueStream } from '../lib/scope';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 1000) / 10;

export default function ValueStreamPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const { period } = usePeriod();
  const org = useOrg();
  const href = useHref();
  const found = findValueStream(org.data, id);
  const name = found?.valueStream.name ?? id;
  useTitle(name);
  if (org.isSuccess && found === undefined)
    return (
      <>
        <Breadcrumbs items={[{ label: 'Overview', href: href('/') }, { label: id }]} />
        <div className="page-head">
          <h1>No value stream “{id}”</h1>
        </div>
        <Empty>
          There is no value stream with this id. <Link href={href('/')}>See all value streams</Link>.
        </Empty>
      </>
    );
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Overview', href: href('/') },
          ...(found?.portfolio ? [{ label: found.portfolio.name }] : []),
          { label: name },
        ]}
      />
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p className="page-sub">
            Value stream
            {found !== undefined && (
              <>
                {' · '}
                {found.valueStream.teams.length} teams:{' '}
                {found.valueStream.teams.map((t, i) => (
                  <span key={t.id}>
                    {i > 0 && ', '}
                    <Link href={href(`/teams/${encodeURIComponent(t.id)}`)}>{t.name}</Link>
                  </span>
                ))}
              </>
            )}
            {period !== null && <> · {formatPeriod(period.from, period.to)}</>}
          </p>
        </div>
      </div>
      {period === null || org.isPending ? (
        <Loading label="the value stream" height={300} />
      ) : org.isError ? (
        <ErrorState error={org.error} what="the organisation" onRetry={() => void org.refetch()} />
      ) : (
        <ValueStreamBody id={id} period={period} teams={found?.valueStream.teams ?? []} />
      )}
      <PrecisionNote />
    </>
  );
}

function ValueStreamBody({
  id,
  period,
  teams,
}: {
  id: string;
  period: Period;
  teams: readonly { id: string; name: string }[];
}) {
  const href = useHref();
  const scope = { valueStream: id };
  const metrics = useMetrics(scope, period);
  const previous = useMetrics(scope, previousPeriod(period));
  const trend = useTrend(scope, period, trendBucket(period));
  const statuses = useStatusTimes(scope, period);
  const notes = useAnnotations(scope, period).data?.annotations;
  const marks = useMemo(
    () =>
      notes === undefined || trend.data === undefined
        ? undefined
        : marksOnCategories(
            trend.data.buckets.map((b) => b.from),
            trend.data.buckets.at(-1)?.to ?? period.to,
            notes,
          ),
    [notes, trend.data, period.to],
  );
  return (
    <div data-scope={`valueStream:${id}`}>
      <QueryView query={metrics} what="the value stream's metrics" height={130}>
        {(m) => (
          <>
            <FlowTiles metrics={m} previous={previous.data} trend={trend.data} />
            <section className="section" aria-labelledby="dora-heading">
              <header>
                <div>
                  <h2 id="dora-heading">Delivery (DORA)</h2>
                  <p>Production deployments of the services its teams own.</p>
                </div>
              </header>
              <DoraPanel dora={m.dora} />
            </section>
            <Warnings
              quality={m.dataQuality}
              href={href('/data-quality', { scope: `valueStream:${id}` })}
              max={4}
            />
          </>
        )}
      </QueryView>

      <section className="section" aria-labelledby="time-heading">
        <header>
          <div>
            <h2 id="time-heading">Where the time goes</h2>
            <p>
              Share of the lead time of the items completed in the period, by stage, from idea to operation.
            </p>
          </div>
        </header>
        <div className="card">
          <header>
            <h2>Stage breakdown</h2>
          </header>
          <QueryView query={metrics} what="the stage breakdown" height={60}>
            {(m) => <StageBreakdown stages={m.flow.stages} />}
          </QueryView>
          <h3 style={{ margin: '18px 0 6px' }}>Over time</h3>
          <QueryView query={trend} what="the stage trend" height={220}>
            {(t) => <StageTrend trend={t} marks={marks} />}
          </QueryView>
        </div>
      </section>

      <section className="section" aria-labelledby="vsm-heading">
        <header>
          <div>
            <h2 id="vsm-heading">Value stream map</h2>
            <p>
              Each status the completed items passed through, in flow order: average time per item that passed
              through it, and its share of the total lead time. Dashed: waiting.
            </p>
          </div>
        </header>
        <QueryView query={statuses} what="the value stream map" height={220}>
          {(s) => (
            <ValueStreamMap statuses={s} bottleneck={metrics.data?.flow.waitByStatus[0]?.status ?? null} />
          )}
        </QueryView>
      </section>

      <section className="section" aria-labelledby="teams-heading">
        <header>
          <div>
            <h2 id="teams-heading">Teams</h2>
            <p>Side by side for the same period. Sort by any column.</p>
          </div>
        </header>
        <div className="card">
          <TeamsTable teams={teams} period={period} />
        </div>
      </section>

      <section className="section" aria-labelledby="trends-heading">
        <header>
          <div>
            <h2 id="trends-heading">Trends</h2>
            <p>Per {trendBucket(period)}; the first and last are clipped to the period.</p>
          </div>
        </header>
        <QueryView query={trend} what="the trends" height={260}>
          {(t) => (
            <div className="grid cols-2">
              <div className="card">
                <header>
                  <h2>Flow distribution</h2>
                </header>
                <DistributionTrend trend={t} marks={marks} />
              </div>
              <div className="card">
                <header>
                  <h2>Velocity</h2>
                </header>
                <VelocityTrend trend={t} marks={marks} />
              </div>
              <div className="card">
                <header>
                  <h2>Flow time</h2>
                </header>
                <FlowTimeTrend trend={t} marks={marks} />
              </div>
              <div className="card">
                <header>
                  <h2>Flow efficiency and load</h2>
                </header>
                <EfficiencyTrend trend={t} marks={marks} />
              </div>
            </div>
          )}
        </QueryView>
      </section>
      <AnnotationsPanel scope={scope} scopeName="this value stream" period={period} />
    </div>
  );
}

const stageLabel = (s: StageOrUnmapped) => capitalize(s);

export function StageBreakdown({ stages }: { stages: MetricsDocument['flow']['stages'] }) {
  const keys: StageOrUnmapped[] = [
    ...STAGES,
    ...(stages.unmapped === undefined ? [] : ['unmapped' as const]),
  ];
  return (
    <div data-testid="stage-breakdown">
      <ShareBar
        tall
        legend
        label="Share of lead time by stage"
        shares={keys.map((s) => ({ key: s, label: stageLabel(s), value: stages[s] ?? null }))}
      />
    </div>
  );
}

/** The time zone of the trend's buckets (the organisation's calendar; UTC by default). */
const trendZone = (t: TrendDocument) => t.period?.calendar?.timeZone;
const bucketLabel = (t: TrendDocument, from: string) =>
  t.bucket === 'month'
    ? formatDate(from, trendZone(t)).replace(/^\d+ /, '')
    : formatShortDate(from, trendZone(t));

function StageTrend({ trend, marks }: { trend: TrendDocument; marks?: readonly ChartMark[] }) {
  const keys = useMemo((): StageOrUnmapped[] => {
    const hasUnmapped = trend.buckets.some((b) => b.stages.unmapped !== undefined);
    return [...STAGES, ...(hasUnmapped ? ['unmapped' as const] : [])];
  }, [trend]);
  const option = useCallback(
    (theme: ChartTheme) =>
      categoryChart(theme, {
        categories: trend.buckets.map((b) => bucketLabel(trend, b.from)),
        series: keys.map((s) => ({
          name: stageLabel(s),
          color: s,
          values: trend.buckets.map((b) => pct(b.stages[s])),
        })),
        stack: true,
        unit: '%',
        max: 100,
        decimals: 1,
      }),
    [trend, keys],
  );
  return (
    <Chart
      label="Stage breakdown over time"
      summary={`Share of the lead time in each stage, per ${trend.bucket}, for the items completed in it.`}
      option={option}
      marks={marks}
      height={220}
      table={
        <TrendTable
          caption={`Share of lead time by stage, per ${trend.bucket}`}
          rowHeader={capitalize(trend.bucket)}
          columns={keys.map(stageLabel)}
          rows={trend.buckets.map((b) => ({
            key: b.from,
            label: formatDate(b.from, trendZone(trend)),
            values: keys.map((s) => formatPercent(b.stages[s] ?? null)),
          }))}
        />
      }
    />
  );
}

function DistributionTrend({ trend, marks }: { trend: TrendDocument; marks?: readonly ChartMark[] }) {
  const option = useCallback(
    (theme: ChartTheme) =>
      categoryChart(theme, {
        categories: trend.buckets.map((b) => bucketLabel(trend, b.from)),
        series: FLOW_TYPES.map((t) => ({
          name: flowTypeName(t),
          color: t,
          type: 'line' as const,
          area: true,
          values: trend.buckets.map((b) => pct(b.distribution[t])),
        })),
        stack: true,
        unit: '%',
        max: 100,
        decimals: 1,
      }),
    [trend],
  );
  return (
    <Chart
      label="Flow distribution over time"
      summary={`Share of features, defects, risks and debt among the items completed in each ${trend.bucket}, stacked to 100%.`}
      option={option}
      marks={marks}
      table={
        <TrendTable
          caption={`Flow distribution per ${trend.bucket}`}
          rowHeader={capitalize(trend.bucket)}
          columns={FLOW_TYPES.map(flowTypeName)}
          rows={trend.buckets.map((b) => ({
            key: b.from,
            label: formatDate(b.from, trendZone(trend)),
            values: FLOW_TYPES.map((t) => formatPercent(b.distribution[t])),
          }))}
        />
      }
    />
  );
}

export function VelocityTrend({ trend, marks }: { trend: TrendDocument; marks?: readonly ChartMark[] }) {
  const option = useCallback(
    (theme: ChartTheme) =>
      categoryChart(theme, {
        categories: trend.buckets.map((b) => bucketLabel(trend, b.from)),
        series: FLOW_TYPES.map((t) => ({
          name: flowTypeName(t),
          color: t,
          values: trend.buckets.map((b) => b.velocity.byType[t]),
        })),
        stack: true,
      }),
    [trend],
  );
  return (
    <Chart
      label="Velocity over time"
      summary={`Items completed per ${trend.bucket}, by flow type.`}
      option={option}
      marks={marks}
      table={
        <TrendTable
          caption={`Items completed per ${trend.bucket}`}
          rowHeader={capitalize(trend.bucket)}
          columns={['Total', ...FLOW_TYPES.map(flowTypeName)]}
          rows={trend.buckets.map((b) => ({
            key: b.from,
            label: formatDate(b.from, trendZone(trend)),
            values: [
              formatCount(b.velocity.total),
              ...FLOW_TYPES.map((t) => formatCount(b.velocity.byType[t])),
            ],
          }))}
        />
      }
    />
  );
}

export function FlowTimeTrend({ trend, marks }: { trend: TrendDocument; marks?: readonly ChartMark[] }) {
  const option = useCallback(
    (theme: ChartTheme) =>
      categoryChart(theme, {
        categories: trend.buckets.map((b) => bucketLabel(trend, b.from)),
        series: [
          {
            name: 'Median',
            color: 'p50',
            type: 'line' as const,
            values: trend.buckets.map((b) => (b.flowTime.median === null ? null : toDays(b.flowTime.median))),
          },
          {
            name: '85th percentile',
            color: 'p85',
            type: 'line' as const,
            dashed: true,
            values: trend.buckets.map((b) => (b.flowTime.p85 === null ? null : toDays(b.flowTime.p85))),
          },
        ],
        unit: ' d',
        decimals: 1,
      }),
    [trend],
  );
  return (
    <Chart
      label="Flow time over time"
      summary={`Median and 85th percentile of the flow time of the items completed in each ${trend.bucket}, in days.`}
      option={option}
      marks={marks}
      table={
        <TrendTable
          caption={`Flow time per ${trend.bucket}`}
          rowHeader={capitalize(trend.bucket)}
          columns={['Median', '85th percentile', 'Items']}
          rows={trend.buckets.map((b) => ({
            key: b.from,
            label: formatDate(b.from, trendZone(trend)),
            values: [
              formatDuration(b.flowTime.median),
              formatDuration(b.flowTime.p85),
              formatCount(b.flowTime.count),
            ],
          }))}
        />
      }
    />
  );
}

function EfficiencyTrend({ trend, marks }: { trend: TrendDocument; marks?: readonly ChartMark[] }) {
  const option = useCallback(
    (theme: ChartTheme) => {
      const chart = categoryChart(theme, {
        categories: trend.buckets.map((b) => bucketLabel(trend, b.from)),
        series: [
          {
            name: 'Efficiency',
            color: 'active',
            type: 'line' as const,
            values: trend.buckets.map((b) => pct(b.efficiency)),
          },
        ],
        unit: '%',
        decimals: 1,
      }) as Record<string, unknown>;
      const axis = chart.yAxis as Record<string, unknown>;
      return {
        ...chart,
        tooltip: { ...(chart.tooltip as object), valueFormatter: undefined },
        yAxis: [
          axis,
          {
            ...axis,
            max: undefined,
            axisLabel: { ...(axis.axisLabel as object), formatter: '{value}' },
            splitLine: { show: false },
          },
        ],
        series: [
          ...(chart.series as object[]),
          {
            name: 'Load (average WIP)',
            type: 'line',
            yAxisIndex: 1,
            data: trend.buckets.map((b) =>
              b.load.average === null ? null : Math.round(b.load.average * 10) / 10,
            ),
            itemStyle: { color: theme.color('waiting') },
            lineStyle: { color: theme.color('waiting'), width: 2, type: 'dashed' },
            symbol: 'none',
          },
        ],
        legend: { ...(chart.legend as object), data: ['Efficiency', 'Load (average WIP)'] },
      };
    },
    [trend],
  );
  return (
    <Chart
      label="Flow efficiency and load over time"
      summary={`Flow efficiency (percent, left axis) and average work in progress (right axis) per ${trend.bucket}.`}
      option={option}
      marks={marks}
      table={
        <TrendTable
          caption={`Flow efficiency and load per ${trend.bucket}`}
          rowHeader={capitalize(trend.bucket)}
          columns={['Efficiency', 'Load (average)', 'WIP at end']}
          rows={trend.buckets.map((b) => ({
            key: b.from,
            label: formatDate(b.from, trendZone(trend)),
            values: [formatPercent(b.efficiency), formatDecimal(b.load.average), formatCount(b.load.atEnd)],
          }))}
        />
      }
    />
  );
}

export function ValueStreamMap({
  statuses,
  bottleneck,
}: {
  statuses: StatusTimesDocument;
  bottleneck: string | null;
}) {
  if (statuses.completed === 0)
    return <Empty>No items were completed in this period, so there is no flow to map.</Empty>;
  const present = new Set(statuses.statuses.map((s) => s.stage));
  const stages: StageOrUnmapped[] = [...STAGES, 'unmapped'].filter(
    (s) => present.has(s as StageOrUnmapped) || s !== 'unmapped',
  ) as StageOrUnmapped[];
  return (
    <div className="card">
      <p className="summary-line" style={{ marginTop: 0 }}>
        <span>
          <b data-metric="vsmCompleted">{formatCount(statuses.completed)}</b> items completed
        </span>
        <span>
          Average lead time <b>{formatDuration(statuses.leadTimeSeconds / statuses.completed)}</b>
        </span>
        {bottleneck !== null && (
          <span>
            Main bottleneck <b>{bottleneck}</b>
          </span>
        )}
      </p>
      <div className="vsm" style={{ ['--stages' as string]: stages.length }} data-testid="vsm">
        {stages.map((stage) => {
          const inStage = statuses.statuses.filter((s) => s.stage === stage);
          const active = inStage.filter((s) => s.state === 'active').reduce((n, s) => n + s.seconds, 0);
          const waiting = inStage.filter((s) => s.state === 'waiting').reduce((n, s) => n + s.seconds, 0);
          const total = inStage.reduce((n, s) => n + s.seconds, 0);
          return (
            <section
              key={stage}
              className="vsm-stage"
              style={{ ['--stage-color' as string]: `var(--c-${stage})` }}
              aria-label={`${capitalize(stage)} stage`}
            >
              <header>
                <h3>{stage}</h3>
                <div className="vsm-stage-times">
                  {formatPercent(total / statuses.leadTimeSeconds)} of lead time · active{' '}
                  {formatPercent(active / statuses.leadTimeSeconds)}, waiting{' '}
                  {formatPercent(waiting / statuses.leadTimeSeconds)}
                </div>
              </header>
              {inStage.length === 0 ? (
                <span className="muted">No time spent here.</span>
              ) : (
                <ol>
                  {inStage.map((s) => (
                    <li
                      key={`${s.status}-${s.state}`}
                      className={`vsm-status ${s.state}${s.status === bottleneck && s.state === 'waiting' ? ' bottleneck' : ''}`}
                      style={{ ['--state-color' as string]: `var(--c-${s.state})` }}
                      data-status={s.status}
                    >
                      <div className="vsm-status-name">
                        <span>{s.status}</span>
                        {s.status === bottleneck && s.state === 'waiting' ? (
                          <span className="badge bottleneck-badge">Bottleneck</span>
                        ) : (
                          <StateBadge state={s.state} />
                        )}
                      </div>
                      <div className="vsm-status-figures">
                        {formatDuration(s.seconds / s.items)} avg ·{' '}
                        {formatPercent(s.seconds / statuses.leadTimeSeconds)} · {formatCount(s.items)} items
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

interface TeamRow {
  readonly id: string;
  readonly name: string;
  readonly m: MetricsDocument;
}

function TeamsTable({ teams, period }: { teams: readonly { id: string; name: string }[]; period: Period }) {
  const href = useHref();
  const results = useQueries({
    queries: teams.map((team) => {
      const params = { from: period.from, to: period.to, team: team.id };
      return {
        queryKey: ['/metrics', params],
        queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<MetricsDocument>('/metrics', params, signal),
      };
    }),
  });
  if (teams.length === 0) return <Empty>This value stream has no teams.</Empty>;
  const failed = results.find((r) => r.isError);
  if (failed !== undefined)
    return (
      <ErrorState
        error={failed.error}
        what="the teams' metrics"
        onRetry={() => results.forEach((r) => void r.refetch())}
      />
    );
  if (results.some((r) => r.isPending)) return <Loading label="the teams" height={160} />;
  const rows: TeamRow[] = teams.map((team, i) => ({ ...team, m: results[i]?.data as MetricsDocument }));
  const columns: Column<TeamRow>[] = [
    {
      id: 'team',
      header: 'Team',
      cell: (r) => <Link href={href(`/teams/${encodeURIComponent(r.id)}`)}>{r.name}</Link>,
      sort: (r) => r.name,
    },
    {
      id: 'velocity',
      header: 'Velocity',
      numeric: true,
      cell: (r) => <span data-metric="velocity">{formatCount(r.m.flow.velocity.total)}</span>,
      sort: (r) => r.m.flow.velocity.total,
    },
    {
      id: 'p50',
      header: 'Flow time p50',
      numeric: true,
      cell: (r) => <span data-metric="flowTime">{formatDuration(r.m.flow.flowTime.median)}</span>,
      sort: (r) => r.m.flow.flowTime.median,
    },
    {
      id: 'p85',
      header: 'p85',
      numeric: true,
      cell: (r) => <span data-metric="flowTimeP85">{formatDuration(r.m.flow.flowTime.p85)}</span>,
      sort: (r) => r.m.flow.flowTime.p85,
    },
    {
      id: 'efficiency',
      header: 'Efficiency',
      numeric: true,
      cell: (r) => <span data-metric="efficiency">{formatPercent(r.m.flow.efficiency)}</span>,
      sort: (r) => r.m.flow.efficiency,
    },
    {
      id: 'load',
      header: 'Load',
      numeric: true,
      cell: (r) => <span data-metric="load">{formatDecimal(r.m.flow.load.average)}</span>,
      sort: (r) => r.m.flow.load.average,
    },
    {
      id: 'distribution',
      header: 'Distribution',
      cell: (r) => (
        <div style={{ minWidth: 110 }}>
          <ShareBar
            label={`${r.name} flow distribution`}
            shares={FLOW_TYPES.map((t) => ({
              key: t,
              label: flowTypeName(t),
              value: r.m.flow.distribution[t],
            }))}
          />
          <span className="tile-sub">
            features <span data-metric="featureShare">{formatPercent(r.m.flow.distribution.feature)}</span>
          </span>
        </div>
      ),
      sort: (r) => r.m.flow.distribution.feature,
    },
    {
      id: 'deploys',
      header: 'Deploys',
      numeric: true,
      cell: (r) => (
        <>
          <span data-metric="deploymentFrequency">{formatPerWeek(r.m.dora.deploymentFrequency.perWeek)}</span>{' '}
          <TierBadge tier={r.m.dora.deploymentFrequency.tier} />
        </>
      ),
      sort: (r) => r.m.dora.deploymentFrequency.perWeek,
    },
    {
      id: 'ltc',
      header: 'Lead time for changes',
      numeric: true,
      cell: (r) => (
        <>
          <span data-metric="leadTimeForChanges">{formatDuration(r.m.dora.leadTimeForChanges.median)}</span>{' '}
          <TierBadge tier={r.m.dora.leadTimeForChanges.tier} />
        </>
      ),
      sort: (r) => r.m.dora.leadTimeForChanges.median,
    },
    {
      id: 'cfr',
      header: 'Change failure rate',
      numeric: true,
      cell: (r) => (
        <>
          <span data-metric="changeFailureRate">{formatPercent(r.m.dora.changeFailureRate.value)}</span>{' '}
          <TierBadge tier={r.m.dora.changeFailureRate.tier} />
        </>
      ),
      sort: (r) => r.m.dora.changeFailureRate.value,
    },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      caption="Flow and DORA metrics of each team for the period"
      testId="teams-table"
    />
  );
}
