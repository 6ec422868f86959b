/**
 * Forecasts for a scope (src/forecast for the Monte Carlo): the scope's daily throughput over the
 * history window — the `historyDays` whole UTC days before the first forecast day, less the days
 * marked as not representative — sampled into "when will N items be done" and "how many by date D".
 * The throughput is the engine's own (the `throughputByDay` of GET /api/v1/metrics/series), so a
 * forecast samples exactly the completions the metrics count.
 */
import { DAY_MS, FlowlensError } from '../domain/index.js';
import {
  DEFAULT_TRIALS,
  FORECAST_PERCENTILES,
  ForecastError,
  type ForecastPercentile,
  forecastHowMany,
  forecastWhen,
} from '../forecast/index.js';
import type { MetricsEngine } from './engine.js';
import type { ResolvedScope, ScopeQuery } from './org.js';
import { parseDateParam } from './params.js';

export const DEFAULT_HISTORY_DAYS = 90;
export const DEFAULT_SEED = 1;

export interface ForecastQuery extends ScopeQuery {
  /** 00:00 UTC of the first day forecast (day 1). */
  readonly fromMs: number;
  readonly historyDays?: number;
  /** Days of the history window left out (00:00 UTC of each). */
  readonly excludeDays?: readonly number[];
  readonly seed?: number;
  readonly trials?: number;
}

export interface ForecastHistory {
  /** First and last day of the window. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly excludedDays: readonly string[];
  /** Days sampled: the window less the excluded days. */
  readonly sampledDays: number;
  /** Items completed on the sampled days, and per sampled day. */
  readonly completed: number;
  readonly perDay: number;
}

export interface WhenDocument {
  readonly question: 'when';
  readonly scope: ResolvedScope['scope'];
  readonly items: number;
  readonly from: string;
  /** Per percentile, the date by which that share of trials is done (null: not within 10 years). */
  readonly percentiles: Record<ForecastPercentile, string | null>;
  readonly histogram: readonly { readonly date: string; readonly trials: number }[];
  readonly notDone: number;
  readonly trials: number;
  readonly seed: number;
  readonly history: ForecastHistory;
}

export interface HowManyDocument {
  readonly question: 'how-many';
  readonly scope: ResolvedScope['scope'];
  readonly from: string;
  readonly by: string;
  readonly days: number;
  /** Per percentile, the number of items that share of trials completes or exceeds by the end of `by`. */
  readonly percentiles: Record<ForecastPercentile, number>;
  readonly histogram: readonly { readonly count: number; readonly trials: number }[];
  readonly trials: number;
  readonly seed: number;
  readonly history: ForecastHistory;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The days of an exclusion list, `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (both included),
 * comma-separated; errors name `flag` (`--exclude` on the command line, `exclude` in the API).
 */
export function parseExcludedDays(flag: string, text: string): number[] {
  const days: number[] = [];
  for (const part of text.split(',')) {
    const [first, last] = part.trim().split('..') as [string, string | undefined];
    const date = (value: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()))
        throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${value}" is not a date (YYYY-MM-DD)`);
      return parseDateParam(flag, value.trim());
    };
    const from = date(first);
    const to = last === undefined ? from : date(last);
    if (to < from)
      throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${part.trim()}" ends before it starts`);
    if ((to - from) / DAY_MS > 3660)
      throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${part.trim()}" is longer than 10 years`);
    for (let ms = from; ms <= to; ms += DAY_MS) days.push(ms);
  }
  return days;
}

function checkDay(name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms % DAY_MS !== 0)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${name}: a forecast works in whole UTC days; give a date (YYYY-MM-DD)`,
    );
}

/** The sampled daily throughput of the scope's history window. */
function historyOf(
  engine: MetricsEngine,
  query: ForecastQuery,
): { counts: number[]; history: ForecastHistory; scope: ResolvedScope['scope'] } {
  checkDay('--from', query.fromMs);
  const days = query.historyDays ?? DEFAULT_HISTORY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--history-days: must be a whole number from 1 to 3660, not ${days}`,
    );
  const windowFrom = query.fromMs - days * DAY_MS;
  const excluded = new Set<number>();
  for (const ms of query.excludeDays ?? []) {
    checkDay('--exclude', ms);
    if (ms < windowFrom || ms >= query.fromMs)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `--exclude: ${day(ms)} is not in the history window ${day(windowFrom)} to ${day(query.fromMs - DAY_MS)}`,
      );
    excluded.add(ms);
  }
  const scopeQuery: ScopeQuery = {
    ...(query.team === undefined ? {} : { team: query.team }),
    ...(query.valueStream === undefined ? {} : { valueStream: query.valueStream }),
    ...(query.portfolio === undefined ? {} : { portfolio: query.portfolio }),
  };
  const series = engine.series({ ...scopeQuery, fromMs: windowFrom, toMs: query.fromMs });
  const byDay = new Map(series.throughputByDay.map((d) => [d.day, d.count]));
  const counts: number[] = [];
  for (let ms = windowFrom; ms < query.fromMs; ms += DAY_MS)
    if (!excluded.has(ms)) counts.push(byDay.get(day(ms)) ?? 0);
  const completed = counts.reduce((a, b) => a + b, 0);
  return {
    counts,
    scope: series.scope,
    history: {
      from: day(windowFrom),
      to: day(query.fromMs - DAY_MS),
      days,
      excludedDays: [...excluded].sort((a, b) => a - b).map(day),
      sampledDays: counts.length,
      completed,
      perDay: counts.length === 0 ? 0 : completed / counts.length,
    },
  };
}

function run<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ForecastError) throw new FlowlensError('INVALID_ARGUMENT', error.message);
    throw error;
  }
}

/** When will `items` items be done (day 1 = `fromMs`)? */
export function forecastWhenFor(
  engine: MetricsEngine,
  query: ForecastQuery & { items: number },
): WhenDocument {
  const { counts, history, scope } = historyOf(engine, query);
  const seed = query.seed ?? DEFAULT_SEED;
  const result = run(() =>
    forecastWhen({ history: counts, items: query.items, seed, trials: query.trials ?? DEFAULT_TRIALS }),
  );
  const dateOfDay = (n: number) => day(query.fromMs + (n - 1) * DAY_MS);
  const percentiles = {} as Record<ForecastPercentile, string | null>;
  for (const p of FORECAST_PERCENTILES) {
    const n = result.percentiles[p];
    percentiles[p] = n === null ? null : dateOfDay(n);
  }
  return {
    question: 'when',
    scope,
    items: query.items,
    from: day(query.fromMs),
    percentiles,
    histogram: result.histogram.map((bin) => ({ date: dateOfDay(bin.day), trials: bin.trials })),
    notDone: result.notDone,
    trials: result.trials,
    seed,
    history,
  };
}

/** How many items will be done from `fromMs` to the end of the day `byMs`? */
export function forecastHowManyFor(
  engine: MetricsEngine,
  query: ForecastQuery & { byMs: number },
): HowManyDocument {
  checkDay('--by', query.byMs);
  if (query.byMs < query.fromMs)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--by: ${day(query.byMs)} is before the first day forecast (--from ${day(query.fromMs)})`,
    );
  const { counts, history, scope } = historyOf(engine, query);
  const seed = query.seed ?? DEFAULT_SEED;
  const days = (query.byMs - query.fromMs) / DAY_MS + 1;
  const result = run(() =>
    forecastHowMany({ history: counts, days, seed, trials: query.trials ?? DEFAULT_TRIALS }),
  );
  return {
    question: 'how-many',
    scope,
    from: day(query.fromMs),
    by: day(query.byMs),
    days,
    percentiles: result.percentiles,
    histogram: result.histogram,
    trials: result.trials,
    seed,
    history,
  };
}
