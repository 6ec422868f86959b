/**
 * Compare: two scopes over the same period, or one scope over two periods, side by side, with the
 * differences highlighted (green where B is better than A, red where it is worse).
 */
import { useMetrics, useOrg } from '../api/queries';
import type { MetricsDocument } from '../api/types';
import { Breadcrumbs, PrecisionNote } from '../components/Layout';
import { ScopeSelect } from '../components/ScopeSelect';
import { ErrorState, Loading } from '../components/States';
import {
  type ChangeKind,
  formatChange,
  formatCount,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatPerWeek,
} from '../lib/format';
import { addDays, daysBetween, isDay, type Period, previousPeriod } from '../lib/period';
import { updateSearch, useLocation } from '../lib/router';
import {
  ORGANISATION,
  parseScopeKey,
  type Scope,
  scopeKey,
  scopeName,
  scopeOptions,
  scopeQuery,
} from '../lib/scope';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

type Better = 'up' | 'down' | 'neither';
interface Row {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly value: (m: MetricsDocument) => number | null;
  readonly format: (v: number | null) => string;
  readonly kind: ChangeKind;
  readonly better: Better;
}

const ROWS: readonly Row[] = [
  {
    id: 'velocity',
    group: 'Flow',
    label: 'Velocity (items completed)',
    value: (m) => m.flow.velocity.total,
    format: formatCount,
    kind: 'relative',
    better: 'up',
  },
  {
    id: 'flowTime',
    group: 'Flow',
    label: 'Flow time, median',
    value: (m) => m.flow.flowTime.median,
    format: formatDuration,
    kind: 'relative',
    better: 'down',
  },
  {
    id: 'flowTimeP85',
    group: 'Flow',
    label: 'Flow time, 85th percentile',
    value: (m) => m.flow.flowTime.p85,
    format: formatDuration,
    kind: 'relative',
    better: 'down',
  },
  {
    id: 'leadTime',
    group: 'Flow',
    label: 'Lead time, median',
    value: (m) => m.flow.leadTime.median,
    format: formatDuration,
    kind: 'relative',
    better: 'down',
  },
  {
    id: 'efficiency',
    group: 'Flow',
    label: 'Flow efficiency',
    value: (m) => m.flow.efficiency,
    format: formatPercent,
    kind: 'points',
    better: 'up',
  },
  {
    id: 'load',
    group: 'Flow',
    label: 'Load (average WIP)',
    value: (m) => m.flow.load.average,
    format: formatDecimal,
    kind: 'relative',
    better: 'down',
  },
  {
    id: 'loadAtEnd',
    group: 'Flow',
    label: 'WIP at the end',
    value: (m) => m.flow.load.atEnd,
    format: formatCount,
    kind: 'relative',
    better: 'down',
  },
  {
    id: 'feature',
    group: 'Distribution',
    label: 'Features',
    value: (m) => m.flow.distribution.feature,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'defect',
    group: 'Distribution',
    label: 'Defects',
    value: (m) => m.flow.distribution.defect,
    format: formatPercent,
    kind: 'points',
    better: 'down',
  },
  {
    id: 'risk',
    group: 'Distribution',
    label: 'Risks',
    value: (m) => m.flow.distribution.risk,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'debt',
    group: 'Distribution',
    label: 'Debt',
    value: (m) => m.flow.distribution.debt,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'ideate',
    group: 'Stages (share of lead time)',
    label: 'Ideate',
    value: (m) => m.flow.stages.ideate ?? null,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'create',
    group: 'Stages (share of lead time)',
    label: 'Create',
    value: (m) => m.flow.stages.create ?? null,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'release',
    group: 'Stages (share of lead time)',
    label: 'Release',
    value: (m) => m.flow.stages.release ?? null,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'operate',
    group: 'Stages (share of lead time)',
    label: 'Operate',
    value: (m) => m.flow.stages.operate ?? null,
    format: formatPercent,
    kind: 'points',
    better: 'neither',
  },
  {
    id: 'deploymentFrequency',
    group: 'DORA',
    label: 'Deployments per week',
    value: (m) => m.dora.deploymentFrequency.perWeek,
    format: formatPerWeek,
    kind: 'relative',
    better: 'up',
  },
  {
    id: 'leadTimeForChanges',
    group: 'DORA',
    label: 'Lead time for changes',
    value: (m) => m.dora.leadTimeForChanges.median,
    format: formatDuration,
    kind: 'relative',
    better: 'down',
  },
  {
    id: 'changeFailureRate',
    group: 'DORA',
    label: 'Change failure rate',
    value: (m) => m.dora.changeFailureRate.value,
    format: formatPercent,
    kind: 'points',
    better: 'down',
  },
  {
    id: 'recoveryTime',
    group: 'DORA',
    label: 'Recovery time',
    value: (m) => m.dora.recoveryTime.median,
    format: formatDuration,
    kind: 'relative',
    better: 'down',
  },
];

/** A difference is highlighted from 5% (relative) or 1 percentage point. */
function material(a: number | null, b: number | null, kind: ChangeKind): boolean {
  if (a === null || b === null) return false;
  if (kind === 'points') return Math.abs(b - a) >= 0.01;
  return a === 0 ? b !== 0 : Math.abs((b - a) / a) >= 0.05;
}

export default function ComparePage() {
  useTitle('Compare');
  const { search } = useLocation();
  const { period } = usePeriod();
  const org = useOrg();
  const href = useHref();
  const options = scopeOptions(org.data);
  const streams = options.filter((o) => o.scope.kind === 'valueStream');
  const mode = search.get('mode') === 'periods' ? 'periods' : 'scopes';
  const a = parseScopeKey(search.get('a')) ?? streams[0]?.scope ?? ORGANISATION;
  const b = parseScopeKey(search.get('b')) ?? streams[1]?.scope ?? ORGANISATION;
  const bFrom = search.get('bFrom');
  const bTo = search.get('bTo');
  const periodB: Period | null =
    period === null
      ? null
      : mode === 'scopes'
        ? period
        : isDay(bFrom) && isDay(bTo) && bFrom < bTo
          ? { from: bFrom, to: bTo, range: 'custom' }
          : { ...previousPeriod(period), range: 'custom' };
  const scopeB = mode === 'scopes' ? b : a;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Overview', href: href('/') }, { label: 'Compare' }]} />
      <div className="page-head">
        <div>
          <h1>Compare</h1>
          <p className="page-sub">
            Two scopes over the same period, or one scope over two periods. B is compared with A.
          </p>
        </div>
        <fieldset className="segmented" style={{ padding: 0 }}>
          <legend className="visually-hidden">What to compare</legend>
          <button type="button" aria-pressed={mode === 'scopes'} onClick={() => updateSearch({ mode: null })}>
            Two scopes
          </button>
          <button
            type="button"
            aria-pressed={mode === 'periods'}
            onClick={() => updateSearch({ mode: 'periods' })}
          >
            Two periods
          </button>
        </fieldset>
      </div>
      <div className="compare-controls">
        <div className="card">
          <h2>
            <span className="side-label" aria-hidden="true">
              A
            </span>
            {scopeName(a, org.data)}
          </h2>
          <ScopeSelect
            style={{ marginTop: 8 }}
            label="Scope A"
            value={a}
            options={options}
            onChange={(s) => updateSearch({ a: scopeKey(s) })}
          />
          {period !== null && (
            <p className="card-desc">{formatPeriod(period.from, period.to)} (the period at the top)</p>
          )}
        </div>
        <div className="card">
          <h2>
            <span className="side-label" aria-hidden="true">
              B
            </span>
            {scopeName(scopeB, org.data)}
          </h2>
          {mode === 'scopes' ? (
            <ScopeSelect
              style={{ marginTop: 8 }}
              label="Scope B"
              value={b}
              options={options}
              onChange={(s) => updateSearch({ b: scopeKey(s) })}
            />
          ) : (
            periodB !== null && <PeriodB period={periodB} />
          )}
          {periodB !== null && <p className="card-desc">{formatPeriod(periodB.from, periodB.to)}</p>}
        </div>
      </div>
      {period === null || periodB === null ? (
        <Loading label="the comparison" height={300} />
      ) : (
        <Comparison a={a} b={scopeB} periodA={period} periodB={periodB} />
      )}
      <PrecisionNote />
    </>
  );
}

function PeriodB({ period }: { period: Period }) {
  const last = addDays(period.to, -1);
  return (
    <div className="custom-range" style={{ marginTop: 8 }}>
      <label className="field">
        Period B from
        <input
          type="date"
          value={period.from}
          onChange={(e) => {
            if (isDay(e.target.value) && e.target.value <= last)
              updateSearch({ bFrom: e.target.value, bTo: period.to });
          }}
        />
      </label>
      <label className="field">
        to (inclusive)
        <input
          type="date"
          value={last}
          onChange={(e) => {
            if (
              isDay(e.target.value) &&
              e.target.value >= period.from &&
              daysBetween(period.from, e.target.value) < 3660
            )
              updateSearch({ bFrom: period.from, bTo: addDays(e.target.value, 1) });
          }}
        />
      </label>
    </div>
  );
}

function Comparison({ a, b, periodA, periodB }: { a: Scope; b: Scope; periodA: Period; periodB: Period }) {
  const left = useMetrics(scopeQuery(a), periodA);
  const right = useMetrics(scopeQuery(b), periodB);
  if (left.isError || right.isError)
    return (
      <ErrorState
        error={left.error ?? right.error}
        what="the metrics to compare"
        onRetry={() => {
          void left.refetch();
          void right.refetch();
        }}
      />
    );
  if (left.isPending || right.isPending) return <Loading label="the comparison" height={300} />;
  const groups = [...new Set(ROWS.map((r) => r.group))];
  return (
    <section className="section card" aria-labelledby="comparison-heading">
      <header>
        <h2 id="comparison-heading">Side by side</h2>
        <span className="muted">
          Highlighted: a difference of 5% or more (1 point for shares); green where B is better.
        </span>
      </header>
      <div className="table-wrap">
        <table data-testid="comparison">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                A
              </th>
              <th scope="col" className="num">
                B
              </th>
              <th scope="col" className="num">
                B against A
              </th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group}>
              <tr>
                <th
                  scope="colgroup"
                  colSpan={4}
                  style={{ position: 'static', paddingTop: 14, color: 'var(--text)' }}
                >
                  {group}
                </th>
              </tr>
              {ROWS.filter((r) => r.group === group).map((row) => {
                const va = row.value(left.data);
                const vb = row.value(right.data);
                const change = formatChange(vb, va, row.kind);
                const highlighted = material(va, vb, row.kind);
                const tone =
                  !highlighted || row.better === 'neither' || change.direction === 0
                    ? ''
                    : (change.direction === 1) === (row.better === 'up')
                      ? 'good'
                      : 'bad';
                return (
                  <tr key={row.id} className={highlighted ? 'changed' : undefined} data-row={row.id}>
                    <td>{row.label}</td>
                    <td className="num" data-side="a">
                      {row.format(va)}
                    </td>
                    <td className="num" data-side="b">
                      {row.format(vb)}
                    </td>
                    <td className={`num diff ${tone}`} data-side="diff">
                      {change.text}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
          <tbody>
            <tr>
              <th
                scope="colgroup"
                colSpan={4}
                style={{ position: 'static', paddingTop: 14, color: 'var(--text)' }}
              >
                Main bottleneck
              </th>
            </tr>
            <tr data-row="bottleneck">
              <td>Longest wait among completed items</td>
              <td className="num">{left.data.flow.waitByStatus[0]?.status ?? '—'}</td>
              <td className="num">{right.data.flow.waitByStatus[0]?.status ?? '—'}</td>
              <td className="num muted">
                {left.data.flow.waitByStatus[0]?.status === right.data.flow.waitByStatus[0]?.status
                  ? 'same'
                  : 'different'}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
