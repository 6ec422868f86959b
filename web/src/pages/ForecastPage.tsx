/**
 * Forecast: "when will N items be done?" and "how many items by a date?" for any scope, from the
 * Monte Carlo of GET /api/v1/forecast/when and /forecast/how-many. The forecast starts the day the
 * selected period ends and samples the daily throughput of the days before it. Everything shown is
 * the API's answer; the scope, the question and its numbers live in the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { apiGet } from '../api/client';
import { shouldRetry, useOrg } from '../api/queries';
import { Chart } from '../components/Chart';
import { DataTable } from '../components/DataTable';
import { Breadcrumbs } from '../components/Layout';
import { ScopeSelect } from '../components/ScopeSelect';
import { ErrorState, Loading } from '../components/States';
import { formatCount, formatDate } from '../lib/format';
import { addDays, isDay } from '../lib/period';
import { updateSearch, useLocation } from '../lib/router';
import { ORGANISATION, parseScopeKey, scopeKey, scopeName, scopeOptions, scopeQuery } from '../lib/scope';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

const PERCENTILES = ['50', '70', '85', '95'] as const;

interface History {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly excludedDays: readonly string[];
  readonly sampledDays: number;
  readonly completed: number;
  readonly perDay: number;
}
interface WhenDocument {
  readonly question: 'when';
  readonly items: number;
  readonly from: string;
  readonly percentiles: Record<string, string | null>;
  readonly histogram: readonly { readonly date: string; readonly trials: number }[];
  readonly notDone: number;
  readonly trials: number;
  readonly seed: number;
  readonly history: History;
}
interface HowManyDocument {
  readonly question: 'how-many';
  readonly from: string;
  readonly by: string;
  readonly days: number;
  readonly percentiles: Record<string, number>;
  readonly histogram: readonly { readonly count: number; readonly trials: number }[];
  readonly trials: number;
  readonly seed: number;
  readonly history: History;
}

function whole(text: string | null, fallback: number, min: number, max: number): number {
  const n = Number(text);
  return text !== null && /^\d+$/.test(text) && n >= min && n <= max ? n : fallback;
}

export default function ForecastPage() {
  useTitle('Forecast');
  const { search } = useLocation();
  const { period } = usePeriod();
  const href = useHref();
  const org = useOrg();
  const scope = parseScopeKey(search.get('scope')) ?? ORGANISATION;
  const question = search.get('question') === 'how-many' ? 'how-many' : 'when';
  const items = whole(search.get('items'), 50, 1, 10_000_000);
  const historyDays = whole(search.get('historyDays'), 90, 1, 3660);
  // The forecast starts the day the selected period ends (its `to` is exclusive).
  const start = period?.to ?? null;
  const byParam = search.get('by');
  const by =
    isDay(byParam) && start !== null && byParam >= start
      ? byParam
      : start === null
        ? null
        : addDays(start, 29);
  const params = {
    ...scopeQuery(scope),
    from: start ?? undefined,
    historyDays,
    ...(question === 'when' ? { items } : { by: by ?? undefined }),
  };
  const forecast = useQuery({
    queryKey: ['/forecast', question, params],
    queryFn: ({ signal }) => apiGet<WhenDocument | HowManyDocument>(`/forecast/${question}`, params, signal),
    enabled: start !== null,
    retry: shouldRetry,
  });
  const itemsId = useId();
  const byId = useId();
  const historyId = useId();
  const name = scopeName(scope, org.data);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Overview', href: href('/') }, { label: 'Forecast' }]} />
      <div className="page-head">
        <div>
          <h1>Forecast</h1>
          <p className="page-sub">
            10,000 Monte Carlo trials, each day drawing the throughput of a random day of the history. The
            forecast starts the day the selected period ends{start === null ? '' : ` (${formatDate(start)})`}.
          </p>
        </div>
        <fieldset className="segmented" style={{ padding: 0 }}>
          <legend className="visually-hidden">Question</legend>
          <button
            type="button"
            aria-pressed={question === 'when'}
            onClick={() => updateSearch({ question: null })}
          >
            When will N items be done?
          </button>
          <button
            type="button"
            aria-pressed={question === 'how-many'}
            onClick={() => updateSearch({ question: 'how-many' })}
          >
            How many by a date?
          </button>
        </fieldset>
      </div>
      <div className="card forecast-controls">
        <ScopeSelect
          label="Scope"
          value={scope}
          options={scopeOptions(org.data)}
          onChange={(next) => updateSearch({ scope: next.kind === 'organisation' ? null : scopeKey(next) })}
        />
        {question === 'when' ? (
          <label className="field" htmlFor={itemsId}>
            Items
            <input
              id={itemsId}
              type="number"
              min={1}
              value={items}
              onChange={(e) => {
                if (/^\d+$/.test(e.target.value) && Number(e.target.value) >= 1)
                  updateSearch({ items: e.target.value }, { replace: true });
              }}
            />
          </label>
        ) : (
          <label className="field" htmlFor={byId}>
            Done by the end of
            <input
              id={byId}
              type="date"
              min={start ?? undefined}
              value={by ?? ''}
              onChange={(e) => {
                if (isDay(e.target.value)) updateSearch({ by: e.target.value }, { replace: true });
              }}
            />
          </label>
        )}
        <label className="field" htmlFor={historyId}>
          History (days)
          <input
            id={historyId}
            type="number"
            min={1}
            max={3660}
            value={historyDays}
            onChange={(e) => {
              if (/^\d+$/.test(e.target.value) && Number(e.target.value) >= 1)
                updateSearch({ historyDays: e.target.value }, { replace: true });
            }}
          />
        </label>
      </div>
      {start === null || forecast.isPending ? (
        <Loading label="the forecast" height={320} />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} what="the forecast" onRetry={() => void forecast.refetch()} />
      ) : forecast.data.question === 'when' ? (
        <WhenResult doc={forecast.data} name={name} />
      ) : (
        <HowManyResult doc={forecast.data} name={name} />
      )}
    </>
  );
}

function HistoryNote({ doc }: { doc: WhenDocument | HowManyDocument }) {
  const h = doc.history;
  return (
    <p className="card-desc" data-testid="forecast-history">
      From {formatCount(doc.trials)} trials sampling the daily throughput of {formatDate(h.from)} to{' '}
      {formatDate(h.to)}: {formatCount(h.sampledDays)} days, {formatCount(h.completed)} items completed,{' '}
      {h.perDay.toFixed(1)} a day. Seed {doc.seed}.
    </p>
  );
}

function WhenResult({ doc, name }: { doc: WhenDocument; name: string }) {
  return (
    <section className="card" aria-labelledby="forecast-answer">
      <h2 id="forecast-answer">
        When will {formatCount(doc.items)} items of {name} be done?
      </h2>
      <div className="forecast-answers" data-testid="forecast-percentiles">
        {PERCENTILES.map((p) => (
          <div key={p} className="forecast-answer" data-percentile={p}>
            <span className="forecast-confidence">{p} % likely by</span>
            <strong className="forecast-value" data-value={doc.percentiles[p] ?? ''}>
              {doc.percentiles[p] === null ? 'not within 10 years' : formatDate(doc.percentiles[p])}
            </strong>
          </div>
        ))}
      </div>
      {doc.notDone > 0 && (
        <p className="card-desc">{formatCount(doc.notDone)} trials were not done within 10 years.</p>
      )}
      <HistoryNote doc={doc} />
      <Chart
        label="Forecast: trials done on each date"
        summary={`How many of the ${formatCount(doc.trials)} trials finished on each date; the 85th percentile is ${doc.percentiles['85'] ?? 'beyond 10 years'}.`}
        testId="forecast-histogram"
        option={(theme) => ({
          grid: { left: 48, right: 16, top: 16, bottom: 40 },
          tooltip: { trigger: 'axis' },
          xAxis: {
            type: 'category',
            data: doc.histogram.map((b) => b.date),
            axisLabel: { color: theme.muted },
          },
          yAxis: { type: 'value', name: 'trials', axisLabel: { color: theme.muted } },
          series: [
            {
              type: 'bar',
              data: doc.histogram.map((b) => b.trials),
              itemStyle: { color: theme.color('active') },
            },
          ],
        })}
        table={
          <DataTable
            caption="Trials done on each date"
            rows={doc.histogram}
            rowKey={(b) => b.date}
            columns={[
              { id: 'date', header: 'Date', cell: (b) => b.date, sort: (b) => b.date },
              {
                id: 'trials',
                header: 'Trials',
                cell: (b) => formatCount(b.trials),
                sort: (b) => b.trials,
                numeric: true,
              },
            ]}
          />
        }
      />
    </section>
  );
}

/** The trials in at most 40 bins of equal width, for the chart (the table keeps every count). */
function binned(histogram: HowManyDocument['histogram']): { label: string; trials: number }[] {
  const first = histogram[0]?.count ?? 0;
  const last = histogram.at(-1)?.count ?? 0;
  const width = Math.max(1, Math.ceil((last - first + 1) / 40));
  const bins: { label: string; trials: number }[] = [];
  for (let low = first; low <= last; low += width)
    bins.push({ label: width === 1 ? String(low) : `${low}–${low + width - 1}`, trials: 0 });
  for (const b of histogram) {
    const bin = bins[Math.floor((b.count - first) / width)];
    if (bin !== undefined) bin.trials += b.trials;
  }
  return bins;
}

function HowManyResult({ doc, name }: { doc: HowManyDocument; name: string }) {
  const bins = binned(doc.histogram);
  return (
    <section className="card" aria-labelledby="forecast-answer">
      <h2 id="forecast-answer">
        How many items of {name} will be done by the end of {formatDate(doc.by)}?
      </h2>
      <div className="forecast-answers" data-testid="forecast-percentiles">
        {PERCENTILES.map((p) => (
          <div key={p} className="forecast-answer" data-percentile={p}>
            <span className="forecast-confidence">{p} % likely</span>
            <strong className="forecast-value" data-value={String(doc.percentiles[p])}>
              {formatCount(doc.percentiles[p])} or more
            </strong>
          </div>
        ))}
      </div>
      <HistoryNote doc={doc} />
      <Chart
        label="Forecast: trials by items done"
        summary={`How many of the ${formatCount(doc.trials)} trials completed each number of items in ${doc.days} days.`}
        testId="forecast-histogram"
        option={(theme) => ({
          grid: { left: 48, right: 16, top: 16, bottom: 40 },
          tooltip: { trigger: 'axis' },
          xAxis: {
            type: 'category',
            name: 'items done',
            data: bins.map((b) => b.label),
            axisLabel: { color: theme.muted },
          },
          yAxis: { type: 'value', name: 'trials', axisLabel: { color: theme.muted } },
          series: [
            {
              type: 'bar',
              data: bins.map((b) => b.trials),
              itemStyle: { color: theme.color('active') },
            },
          ],
        })}
        table={
          <DataTable
            caption="Trials by items done"
            rows={doc.histogram}
            rowKey={(b) => String(b.count)}
            columns={[
              {
                id: 'count',
                header: 'Items done',
                cell: (b) => formatCount(b.count),
                sort: (b) => b.count,
                numeric: true,
              },
              {
                id: 'trials',
                header: 'Trials',
                cell: (b) => formatCount(b.trials),
                sort: (b) => b.trials,
                numeric: true,
              },
            ]}
          />
        }
      />
    </section>
  );
}
