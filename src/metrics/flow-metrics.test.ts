import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A, B, C, D, DAY, d, E, PERIOD } from '../../test/support/metric-items.js';
import { averageDailyLoad, computeFlowMetrics } from './flow-metrics.js';

// A: lead 3d, flow 2d, active 2d; ideate 1d, create 2d. B: lead 5d, flow 3d, active 1d; ideate 2d,
// create 3d. C in progress from d1; D in progress [d2, d12); E in progress [d1, d6), then cancelled.

describe('flow metrics of a period (metrics.md §4)', () => {
  const m = computeFlowMetrics([A, B, C, D, E], PERIOD);

  it('velocity counts items completed in the period, by type', () => {
    expect(m.velocity).toEqual({ total: 2, byType: { feature: 1, defect: 1, risk: 0, debt: 0 } });
  });

  it('flow time and lead time: nearest-rank median and p85 of completed items, in seconds', () => {
    expect(m.flowTime).toEqual({ median: (2 * DAY) / 1000, p85: (3 * DAY) / 1000, count: 2 });
    expect(m.leadTime).toEqual({ median: (3 * DAY) / 1000, p85: (5 * DAY) / 1000, count: 2 });
  });

  it('efficiency is a ratio of sums: (2d + 1d) / (2d + 3d) = 0.6, not the mean of 1 and 1/3', () => {
    expect(m.efficiency).toBeCloseTo(0.6, 12);
  });

  it('load: daily samples at 00:00 UTC 0,3,5,4,4,3,2,2,2,2 → 2.7; 2 items at the end', () => {
    expect(m.load.average).toBeCloseTo(2.7, 12);
    expect(m.load.atEnd).toBe(2);
  });

  it('distribution of completed items and of the load at the end', () => {
    expect(m.distribution).toEqual({ feature: 0.5, defect: 0.5, risk: 0, debt: 0 });
    expect(m.loadDistribution).toEqual({ feature: 0.5, defect: 0, risk: 0, debt: 0.5 });
  });

  it('stage breakdown: Σ time in stage / Σ lead time = ideate 3/8, create 5/8', () => {
    expect(m.stages).toEqual({ ideate: 3 / 8, create: 5 / 8, release: 0, operate: 0 });
  });

  it('with nothing completed: no velocity, null medians, efficiency, shares and stages; never 0 for a missing ratio', () => {
    const empty = computeFlowMetrics([C, D], PERIOD);
    expect(empty.velocity.total).toBe(0);
    expect(empty.flowTime).toEqual({ median: null, p85: null, count: 0 });
    expect(empty.efficiency).toBeNull();
    expect(empty.distribution).toEqual({ feature: null, defect: null, risk: null, debt: null });
    expect(empty.stages).toEqual({ ideate: null, create: null, release: null, operate: null });
  });

  it('a period with no 00:00 UTC instant has no average load', () => {
    expect(averageDailyLoad([C], { fromMs: d(1) + 1, toMs: d(1) + 3_600_000 })).toBeNull();
  });

  it('velocity over consecutive periods adds up to the velocity of their union', () => {
    const items = [A, B, C, D, E];
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (a, x, y) => {
          const [from, mid, to] = [d(a), d(a + x), d(a + x + y)];
          const left = computeFlowMetrics(items, { fromMs: from, toMs: mid }).velocity.total;
          const right = computeFlowMetrics(items, { fromMs: mid, toMs: to }).velocity.total;
          expect(left + right).toBe(computeFlowMetrics(items, { fromMs: from, toMs: to }).velocity.total);
        },
      ),
    );
  });
});
