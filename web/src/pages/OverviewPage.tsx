/**
 * Overview: the portfolios and their value streams as cards, each with the five flow metrics
 * (trend and change from the previous period), the DORA tiers, the main bottleneck and the
 * data-quality warnings.
 */
import { useMetrics, useOrg, useTrend } from '../api/queries';
import type { OrgDocument, OrgStream } from '../api/types';
import { DoraPanel } from '../components/DoraPanel';
import { FlowTiles } from '../components/FlowTiles';
import { PrecisionNote } from '../components/Layout';
import { Empty, ErrorState, Loading, QueryView } from '../components/States';
import { Warnings } from '../components/Warnings';
import {
  formatCount,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatPerWeek,
} from '../lib/format';
import { type Period, previousPeriod, trendBucket } from '../lib/period';
import { Link } from '../lib/router';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

export function OverviewPage() {
  useTitle('Overview');
  const { period, error } = usePeriod();
  const org = useOrg();
  const counts = org.data === undefined ? null : orgCounts(org.data);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="page-sub">
            {counts === null
              ? 'Your portfolios and value streams.'
              : `${counts.portfolios} portfolios · ${counts.valueStreams} value streams · ${counts.teams} teams`}
            {period !== null && (
              <>
                {' '}
                · {formatPeriod(period.from, period.to)}, against the {periodLength(period)} before
              </>
            )}
          </p>
        </div>
      </div>
      {period === null ? (
        error !== null && error !== undefined ? (
          <ErrorState error={error} what="the data's time range" />
        ) : (
          <Loading label="the overview" height={300} />
        )
      ) : (
        <QueryView query={org} what="the organisation" height={300}>
          {(data) =>
            data.portfolios.length === 0 && data.valueStreamsWithoutPortfolio.length === 0 ? (
              <Empty>
                <strong>No value streams yet.</strong>
                <br />
                Import your organisation (portfolios, value streams, teams) and work items with{' '}
                <code>flowlens import</code>, or start the server with <code>--demo</code> to explore the
                demo.
              </Empty>
            ) : (
              <>
                {data.portfolios.map((portfolio) => (
                  <PortfolioSection
                    key={portfolio.id}
                    id={portfolio.id}
                    name={portfolio.name}
                    streams={portfolio.valueStreams}
                    period={period}
                  />
                ))}
                {data.valueStreamsWithoutPortfolio.length > 0 && (
                  <PortfolioSection
                    id={null}
                    name="Value streams without a portfolio"
                    streams={data.valueStreamsWithoutPortfolio}
                    period={period}
                  />
                )}
              </>
            )
          }
        </QueryView>
      )}
      <PrecisionNote />
    </>
  );
}

function periodLength(period: Period): string {
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000);
  return `${days} days`;
}

function orgCounts(org: OrgDocument) {
  const streams = [...org.portfolios.flatMap((p) => p.valueStreams), ...org.valueStreamsWithoutPortfolio];
  return {
    portfolios: org.portfolios.length,
    valueStreams: streams.length,
    teams: streams.reduce((n, vs) => n + vs.teams.length, 0) + org.teamsWithoutValueStream.length,
  };
}

function PortfolioSection({
  id,
  name,
  streams,
  period,
}: {
  id: string | null;
  name: string;
  streams: readonly OrgStream[];
  period: Period;
}) {
  const metrics = useMetrics({ portfolio: id ?? undefined }, period, id !== null);
  const headingId = `portfolio-${id ?? 'none'}`;
  return (
    <section
      className="portfolio"
      aria-labelledby={headingId}
      data-scope={id === null ? undefined : `portfolio:${id}`}
    >
      <header>
        <h2 id={headingId}>{name}</h2>
        {id !== null && metrics.data !== undefined && (
          <div className="portfolio-summary">
            <span>
              Velocity <b data-metric="velocity">{formatCount(metrics.data.flow.velocity.total)}</b>
            </span>
            <span>
              Flow time <b data-metric="flowTime">{formatDuration(metrics.data.flow.flowTime.median)}</b>
            </span>
            <span>
              Efficiency <b data-metric="efficiency">{formatPercent(metrics.data.flow.efficiency)}</b>
            </span>
            <span>
              Load <b data-metric="load">{formatDecimal(metrics.data.flow.load.average)}</b>
            </span>
            <span>
              Deployments{' '}
              <b data-metric="deploymentFrequency">
                {formatPerWeek(metrics.data.dora.deploymentFrequency.perWeek)}
              </b>
            </span>
          </div>
        )}
      </header>
      {streams.length === 0 ? (
        <Empty>This portfolio has no value streams.</Empty>
      ) : (
        <div className="stream-cards">
          {streams.map((vs) => (
            <StreamCard key={vs.id} stream={vs} period={period} />
          ))}
        </div>
      )}
    </section>
  );
}

function StreamCard({ stream, period }: { stream: OrgStream; period: Period }) {
  const href = useHref();
  const scope = { valueStream: stream.id };
  const metrics = useMetrics(scope, period);
  const previous = useMetrics(scope, previousPeriod(period));
  const trend = useTrend(scope, period, trendBucket(period));
  const headingId = `vs-${stream.id}`;
  return (
    <article className="card stream-card" aria-labelledby={headingId} data-scope={`valueStream:${stream.id}`}>
      <header>
        <div>
          <h2 id={headingId}>
            <Link href={href(`/value-streams/${encodeURIComponent(stream.id)}`)}>{stream.name}</Link>
          </h2>
          <div className="stream-card-teams">
            {stream.teams.length === 0
              ? 'No teams'
              : stream.teams.map((t, i) => (
                  <span key={t.id}>
                    {i > 0 && ', '}
                    <Link href={href(`/teams/${encodeURIComponent(t.id)}`)}>{t.name}</Link>
                  </span>
                ))}
          </div>
        </div>
      </header>
      <QueryView query={metrics} what={`the metrics of ${stream.name}`} height={190}>
        {(m) => (
          <>
            <FlowTiles metrics={m} previous={previous.data} trend={trend.data} />
            <div className="card-rows">
              <div>
                <div className="kv-title">DORA</div>
                <DoraPanel dora={m.dora} compact />
              </div>
              <div>
                <div className="kv-title">Main bottleneck</div>
                {m.flow.waitByStatus[0] === undefined ? (
                  <span className="muted">No waiting time among the completed items.</span>
                ) : (
                  <div className="bottleneck">
                    <div>
                      <div className="bottleneck-name" data-metric="bottleneck">
                        {m.flow.waitByStatus[0].status}
                      </div>
                      <div className="tile-sub">
                        {formatDuration(m.flow.waitByStatus[0].seconds / m.flow.waitByStatus[0].items)}{' '}
                        average wait of {formatCount(m.flow.waitByStatus[0].items)} items
                      </div>
                    </div>
                  </div>
                )}
              </div>
            </div>
            <Warnings
              quality={m.dataQuality}
              href={href('/data-quality', { scope: `valueStream:${stream.id}` })}
            />
          </>
        )}
      </QueryView>
    </article>
  );
}
