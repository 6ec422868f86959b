import { describe, expect, it } from 'vitest';
import { FORECAST_PERCENTILES, ForecastError, forecastHowMany, forecastWhen } from './monte-carlo.js';

/** P(Bin(n, 1/2) ≥ k), exactly enough for n ≤ 400 (summed in log space). */
function binomialAtLeast(n: number, k: number): number {
  let logC = 0; // log C(n, 0)
  let sum = 0;
  for (let j = 0; j <= n; j++) {
    if (j > 0) logC += Math.log((n - j + 1) / j);
    if (j >= k) sum += Math.exp(logC - n * Math.LN2);
  }
  return sum;
}

/** The count that p% of Bin(n, 1/2) outcomes reach or exceed: the largest c with P(X ≥ c) ≥ p. */
function binomialReached(n: number, p: number): number {
  let c = 0;
  while (c + 1 <= n && binomialAtLeast(n, c + 1) >= p / 100) c++;
  return c;
}

/** The day by which p% of trials have k successes at 1/2 a day: smallest d with P(Bin(d, 1/2) ≥ k) ≥ p. */
function negativeBinomialDay(k: number, p: number): number {
  let d = k;
  while (binomialAtLeast(d, k) < p / 100) d++;
  return d;
}

describe('Monte Carlo forecasts', () => {
  it('with a constant throughput, every trial ends the same day, and every percentile says so', () => {
    const history = [5, 5, 5, 5, 5, 5, 5];
    const exact = forecastWhen({ history, items: 50, seed: 1 });
    expect(exact.percentiles).toEqual({ 50: 10, 70: 10, 85: 10, 95: 10 });
    expect(exact.histogram).toEqual([{ day: 10, trials: 10_000 }]);
    expect(exact.notDone).toBe(0);
    // 51 items need an eleventh day: the count is reached at the end of a day, never in between.
    expect(forecastWhen({ history, items: 51, seed: 1 }).percentiles[50]).toBe(11);
    expect(forecastHowMany({ history, days: 10, seed: 1 }).percentiles).toEqual({
      50: 50,
      70: 50,
      85: 50,
      95: 50,
    });
  });

  it('"how many" agrees with the binomial distribution when a day brings 0 or 1 item at even odds', () => {
    const history = [0, 1, 0, 1];
    const forecast = forecastHowMany({ history, days: 100, seed: 7 });
    for (const p of FORECAST_PERCENTILES) {
      const expected = binomialReached(100, p);
      expect(
        Math.abs(forecast.percentiles[p] - expected),
        `p${p}: ${forecast.percentiles[p]} vs ${expected}`,
      ).toBeLessThanOrEqual(1);
    }
    // Higher confidence, fewer items.
    expect(forecast.percentiles[95]).toBeLessThan(forecast.percentiles[50]);
    expect(forecast.histogram.reduce((n, bin) => n + bin.trials, 0)).toBe(10_000);
  });

  it('"when" agrees with the negative binomial distribution for the same history', () => {
    const forecast = forecastWhen({ history: [1, 0], items: 20, seed: 11 });
    for (const p of FORECAST_PERCENTILES) {
      const expected = negativeBinomialDay(20, p);
      expect(Math.abs((forecast.percentiles[p] as number) - expected), `p${p}`).toBeLessThanOrEqual(1);
    }
    expect(forecast.percentiles[95]).toBeGreaterThan(forecast.percentiles[50] as number);
    expect(forecast.histogram.reduce((n, bin) => n + bin.trials, 0)).toBe(10_000);
  });

  it('is deterministic for a seed, and two seeds agree within a day or an item', () => {
    const history = [0, 3, 1, 0, 7, 2, 2, 5, 0, 1, 4];
    const a = forecastWhen({ history, items: 120, seed: 1 });
    expect(forecastWhen({ history, items: 120, seed: 1 })).toEqual(a);
    const b = forecastWhen({ history, items: 120, seed: 2 });
    expect(b).not.toEqual(a);
    for (const p of FORECAST_PERCENTILES)
      expect(Math.abs((a.percentiles[p] as number) - (b.percentiles[p] as number))).toBeLessThanOrEqual(1);
    const c = forecastHowMany({ history, days: 60, seed: 1 });
    const d = forecastHowMany({ history, days: 60, seed: 2 });
    for (const p of FORECAST_PERCENTILES)
      expect(Math.abs(c.percentiles[p] - d.percentiles[p]) / c.percentiles[p]).toBeLessThanOrEqual(0.02);
  });

  it('reports trials that are not done within the horizon instead of running on', () => {
    // One item on one day in a hundred: 5 items take about 500 days.
    const history = [1, ...new Array<number>(99).fill(0)];
    const forecast = forecastWhen({ history, items: 5, seed: 3, horizonDays: 400, trials: 2000 });
    expect(forecast.notDone).toBeGreaterThan(0);
    expect(forecast.percentiles[95]).toBeNull();
    expect(forecast.histogram.reduce((n, bin) => n + bin.trials, 0) + forecast.notDone).toBe(2000);
  });

  it('refuses what cannot be forecast, saying why', () => {
    expect(() => forecastWhen({ history: [], items: 3, seed: 1 })).toThrow(ForecastError);
    expect(() => forecastWhen({ history: [0, 0, 0], items: 3, seed: 1 })).toThrow(
      'no item was completed on any of the 3 history days: there is no throughput to forecast from',
    );
    expect(() => forecastWhen({ history: [1], items: 0, seed: 1 })).toThrow(
      'items must be a whole number ≥ 1, not 0',
    );
    expect(() => forecastHowMany({ history: [1], days: 0, seed: 1 })).toThrow(/cover 1 to 3660 days, not 0/);
    expect(() => forecastHowMany({ history: [1, -2], days: 3, seed: 1 })).toThrow(
      "a day's throughput must be a whole number ≥ 0, not -2",
    );
    // With no throughput at all, "how many" is simply 0.
    expect(forecastHowMany({ history: [0, 0], days: 5, seed: 1 }).percentiles[50]).toBe(0);
  });
});
