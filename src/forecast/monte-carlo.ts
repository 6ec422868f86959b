/**
 * Monte Carlo forecasts from daily throughput, as flow practitioners make them: each trial walks
 * forward day by day, taking for each day the throughput of a day drawn at random (uniformly, with
 * replacement) from the history. Pure: the history, the seed and the number of trials come in;
 * the same inputs give the same answer.
 *
 * - "When will N items be done?" A trial's answer is the first day (day 1 is the first day
 *   forecast) at whose end its cumulative count reaches N. The p-th percentile is the day by which
 *   p% of the trials are done: the nearest-rank p-th percentile of the answers, in ascending order.
 * - "How many items will be done in D days?" A trial's answer is its count at the end of day D. The
 *   p-th percentile is the count that p% of the trials reach or exceed: the nearest-rank p-th
 *   percentile of the answers in descending order.
 */
import { Random } from '../domain/index.js';

export const FORECAST_PERCENTILES = [50, 70, 85, 95] as const;
export type ForecastPercentile = (typeof FORECAST_PERCENTILES)[number];
export const DEFAULT_TRIALS = 10_000;
/** A "when" trial that has not reached N after this many days is reported as not done. */
export const DEFAULT_HORIZON_DAYS = 3660;

export interface WhenInput {
  /** Items completed on each day of the history (its representative days only). */
  readonly history: readonly number[];
  readonly items: number;
  readonly seed: number;
  readonly trials?: number;
  readonly horizonDays?: number;
}

export interface WhenForecast {
  /** Per percentile, the day (1 = the first day forecast) by which that share of trials is done; null beyond the horizon. */
  readonly percentiles: Record<ForecastPercentile, number | null>;
  /** How many trials finished on each day, in day order (days with none left out). */
  readonly histogram: readonly { readonly day: number; readonly trials: number }[];
  /** Trials not done within the horizon. */
  readonly notDone: number;
  readonly trials: number;
  readonly horizonDays: number;
}

export interface HowManyInput {
  readonly history: readonly number[];
  /** Days forecast (day 1 … day `days`). */
  readonly days: number;
  readonly seed: number;
  readonly trials?: number;
}

export interface HowManyForecast {
  /** Per percentile, the count that share of trials reaches or exceeds by the end of the last day. */
  readonly percentiles: Record<ForecastPercentile, number>;
  /** How many trials ended at each count, in count order (counts with none left out). */
  readonly histogram: readonly { readonly count: number; readonly trials: number }[];
  readonly trials: number;
}

export class ForecastError extends Error {}

function checkHistory(history: readonly number[]): void {
  if (history.length === 0)
    throw new ForecastError('the history has no days to sample (all of them were excluded, or it is empty)');
  for (const n of history)
    if (!Number.isInteger(n) || n < 0)
      throw new ForecastError(`a day's throughput must be a whole number ≥ 0, not ${n}`);
}

function checkTrials(trials: number): void {
  if (!Number.isInteger(trials) || trials < 1 || trials > 1_000_000)
    throw new ForecastError(`trials must be a whole number from 1 to 1,000,000, not ${trials}`);
}

/** The value at nearest rank p of sorted values (1-based rank ⌈p/100 · n⌉). */
function nearestRank<T>(sorted: ArrayLike<T>, p: number): T {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as T;
}

export function forecastWhen(input: WhenInput): WhenForecast {
  const trials = input.trials ?? DEFAULT_TRIALS;
  const horizon = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  checkHistory(input.history);
  checkTrials(trials);
  if (!Number.isInteger(input.items) || input.items < 1)
    throw new ForecastError(`items must be a whole number ≥ 1, not ${input.items}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new ForecastError(`the horizon must be ≥ 1 day`);
  if (input.history.every((n) => n === 0))
    throw new ForecastError(
      `no item was completed on any of the ${input.history.length} history days: there is no throughput to forecast from`,
    );
  const history = Int32Array.from(input.history);
  const n = history.length;
  const random = new Random(input.seed, 1);
  // Not done within the horizon: ranked after every finished trial.
  const answers = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let done = 0;
    let day = 0;
    while (done < input.items && day < horizon) {
      day++;
      done += history[random.int(n)] as number;
    }
    answers[t] = done >= input.items ? day : Number.POSITIVE_INFINITY;
  }
  answers.sort();
  const percentiles = {} as Record<ForecastPercentile, number | null>;
  for (const p of FORECAST_PERCENTILES) {
    const day = nearestRank(answers, p);
    percentiles[p] = Number.isFinite(day) ? day : null;
  }
  const histogram: { day: number; trials: number }[] = [];
  let notDone = 0;
  for (const day of answers) {
    if (!Number.isFinite(day)) notDone++;
    else if (histogram.at(-1)?.day === day) (histogram.at(-1) as { trials: number }).trials++;
    else histogram.push({ day, trials: 1 });
  }
  return { percentiles, histogram, notDone, trials, horizonDays: horizon };
}

export function forecastHowMany(input: HowManyInput): HowManyForecast {
  const trials = input.trials ?? DEFAULT_TRIALS;
  checkHistory(input.history);
  checkTrials(trials);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > DEFAULT_HORIZON_DAYS)
    throw new ForecastError(`the forecast must cover 1 to ${DEFAULT_HORIZON_DAYS} days, not ${input.days}`);
  const history = Int32Array.from(input.history);
  const n = history.length;
  const random = new Random(input.seed, 2);
  const answers = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let done = 0;
    for (let day = 0; day < input.days; day++) done += history[random.int(n)] as number;
    answers[t] = done;
  }
  // Descending: the p-th percentile is reached or exceeded by p% of the trials.
  answers.sort().reverse();
  const percentiles = {} as Record<ForecastPercentile, number>;
  for (const p of FORECAST_PERCENTILES) percentiles[p] = nearestRank(answers, p);
  const histogram: { count: number; trials: number }[] = [];
  for (let i = answers.length - 1; i >= 0; i--) {
    const count = answers[i] as number;
    if (histogram.at(-1)?.count === count) (histogram.at(-1) as { trials: number }).trials++;
    else histogram.push({ count, trials: 1 });
  }
  return { percentiles, histogram, trials };
}
