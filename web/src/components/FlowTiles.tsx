/**
 * The five flow metrics as tiles: velocity, flow time, efficiency, load and distribution, each with
 * the change from the previous period and a weekly (or monthly) trend.
 */
import type { MetricsDocument, TrendDocument } from '../api/types';
import { FLOW_TYPES } from '../api/types';
import {
  flowTypeName,
  formatChange,
  formatCount,
  formatDate,
  formatDecimal,
  formatDuration,
  formatPercent,
} from '../lib/format';
import { MetricTile } from './MetricTile';
import { ShareBar } from './ShareBar';

function trendLabel(
  what: string,
  trend: TrendDocument | undefined,
  values: readonly (number | null)[],
  format: (v: number) => string,
) {
  const first = trend?.buckets[0];
  const last = trend?.buckets[trend.buckets.length - 1];
  const known = values.filter((v): v is number => v !== null);
  if (first === undefined || last === undefined || known.length === 0) return `${what}: no trend data`;
  return `${what} per ${trend?.bucket} from ${formatDate(first.from)} to ${formatDate(last.from)}: lowest ${format(Math.min(...known))}, highest ${format(Math.max(...known))}, latest ${format(known[known.length - 1] as number)}`;
}

export function FlowTiles({
  metrics,
  previous,
  trend,
}: {
  metrics: MetricsDocument;
  previous: MetricsDocument | undefined;
  trend: TrendDocument | undefined;
}) {
  const flow = metrics.flow;
  const prev = previous?.flow;
  const series = <T,>(pick: (b: TrendDocument['buckets'][number]) => T) => trend?.buckets.map(pick);
  const velocity = series((b) => b.velocity.total);
  const flowTime = series((b) => b.flowTime.median);
  const efficiency = series((b) => b.efficiency);
  const load = series((b) => b.load.average);
  const change = <T,>(value: T) => (previous === undefined ? undefined : value);
  return (
    <div className="tiles">
      <MetricTile
        label="Velocity"
        metric="velocity"
        value={formatCount(flow.velocity.total)}
        sub="completed"
        better="up"
        change={change(formatChange(flow.velocity.total, prev?.velocity.total, 'relative'))}
        {...(velocity === undefined
          ? {}
          : { trend: velocity, trendLabel: trendLabel('Items completed', trend, velocity, formatCount) })}
        help="Items completed in the period"
      />
      <MetricTile
        label="Flow time"
        metric="flowTime"
        value={formatDuration(flow.flowTime.median)}
        sub={
          <>
            p85 <span data-metric="flowTimeP85">{formatDuration(flow.flowTime.p85)}</span>
          </>
        }
        better="down"
        change={change(formatChange(flow.flowTime.median, prev?.flowTime.median, 'relative'))}
        {...(flowTime === undefined
          ? {}
          : {
              trend: flowTime,
              trendLabel: trendLabel('Median flow time', trend, flowTime, formatDuration),
            })}
        help="Median time from start to completion of the items completed in the period"
      />
      <MetricTile
        label="Efficiency"
        metric="efficiency"
        value={formatPercent(flow.efficiency)}
        sub="active share"
        better="up"
        change={change(formatChange(flow.efficiency, prev?.efficiency, 'points'))}
        {...(efficiency === undefined
          ? {}
          : {
              trend: efficiency,
              trendLabel: trendLabel('Flow efficiency', trend, efficiency, formatPercent),
            })}
        help="Share of the flow time that was active work"
      />
      <MetricTile
        label="Load"
        metric="load"
        value={formatDecimal(flow.load.average)}
        sub={
          <>
            at end <span data-metric="loadAtEnd">{formatCount(flow.load.atEnd)}</span>
          </>
        }
        better="down"
        change={change(formatChange(flow.load.average, prev?.load.average, 'relative'))}
        {...(load === undefined
          ? {}
          : { trend: load, trendLabel: trendLabel('Average work in progress', trend, load, formatDecimal) })}
        help="Average work in progress per day"
      />
      <div className="tile" title="Share of each flow type among the completed items">
        <div className="tile-label">Distribution</div>
        <div className="tile-value" data-metric="featureShare">
          {formatPercent(flow.distribution.feature)}
        </div>
        <div className="tile-sub">features</div>
        <div className="tile-foot">
          {previous !== undefined && (
            <span
              className="change"
              data-change="featureShare"
              title="Change of the feature share from the previous period"
            >
              <span className="visually-hidden">Change from the previous period: </span>
              {formatChange(flow.distribution.feature, prev?.distribution.feature, 'points').text}
            </span>
          )}
          <div style={{ flex: 1 }}>
            <ShareBar
              label="Flow distribution"
              shares={FLOW_TYPES.map((t) => ({
                key: t,
                label: flowTypeName(t),
                value: flow.distribution[t],
              }))}
            />
          </div>
        </div>
      </div>
    </div>
  );
}
