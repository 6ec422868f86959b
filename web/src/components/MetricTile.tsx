/** A metric's figure with its context: a second line, the change from the previous period, a trend. */
import type { ReactNode } from 'react';
import type { Change } from '../lib/format';
import { Sparkline } from './Sparkline';

export type Better = 'up' | 'down' | 'neither';

export interface MetricTileProps {
  readonly label: string;
  readonly value: string;
  /** The metric's name for `data-metric`, so tests find the figure. */
  readonly metric: string;
  readonly sub?: ReactNode;
  readonly change?: Change;
  /** Which direction of change is good (colours the change). */
  readonly better?: Better;
  readonly trend?: readonly (number | null)[];
  readonly trendLabel?: string;
  readonly help?: string;
}

export function MetricTile({
  label,
  value,
  metric,
  sub,
  change,
  better = 'neither',
  trend,
  trendLabel,
  help,
}: MetricTileProps) {
  const tone =
    change === undefined || change.direction === 0 || better === 'neither'
      ? ''
      : (change.direction === 1) === (better === 'up')
        ? ' good'
        : ' bad';
  return (
    <div className="tile" title={help}>
      <div className="tile-label">{label}</div>
      <div className="tile-value" data-metric={metric}>
        {value}
      </div>
      {sub !== undefined && <div className="tile-sub">{sub}</div>}
      {(change !== undefined || trend !== undefined) && (
        <div className="tile-foot">
          {change !== undefined && (
            <span
              className={`change${tone}`}
              data-change={metric}
              title="Change from the previous period of the same length"
            >
              <span className="visually-hidden">Change from the previous period: </span>
              {change.text}
            </span>
          )}
          {trend !== undefined && <Sparkline values={trend} label={trendLabel ?? `${label} trend`} />}
        </div>
      )}
    </div>
  );
}
