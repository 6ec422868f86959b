import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowType } from '../domain/index.js';
import { averageDailyLoad, computeFlowMetrics, type FlowItem } from './flow-metrics.js';
import { computeItemFacts, type StatusClass } from './item-history.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6); // a Monday, 00:00 UTC
const d = (days: number) => T0 + days * DAY;

const MAPPING: Record<string, StatusClass> = {
  Backlog: { stage: 'ideate', state: 'new' },
  Ready: { stage: 'create', state: 'waiting' },
  'In Progress': { stage: 'create', state: 'active' },
  Done: { stage: 'release', state: 'done' },
  "Won't Do": { stage: 'create', state: 'cancelled' },
};
const classify = (status: string): StatusClass => MAPPING[status] ?? { stage: 'unmapped', state: 'waiting' };

function item(flowType: FlowType, changes: [number, string, string][]): FlowItem {
  const facts = computeItemFacts({
    createdAtMs: d(0),
    status: changes.at(-1)?.[2] ?? 'Backlog',
    changes: changes.map(([day, from, to]) => ({ atMs: d(day), from, to })),
    classify,
    asOfMs: d(30),
  });
  return { facts, flowType };
}

// Hand-computed below, period [d0, d10).
const A = item('feature', [
  [1, 'Backlog', 'In Progress'],
  [3, 'In Progress', 'Done'],
]); // done d3: lead 3d, flow 2d, active 2d; ideate 1d, create 2d
const B = item('defect', [
  [2, 'Backlog', 'Ready'],
  [4, 'Ready', 'In Progress'],
  [5, 'In Progress', 'Done'],
]); // done d5: lead 5d, flow 3d, active 1d; ideate 2d, create 3d
const C = item('feature', [[1, 'Backlog', 'In Progress']]); // in progress from d1 on
const D = item('debt', [
  [2, 'Backlog', 'In Progress'],
  [12, 'In Progress', 'Done'],
]); // done after the period; in progress [d2, d12)
const E = item('risk', [
  [1, 'Backlog', 'Ready'],
  [6, 'Ready', "Won't Do"],
]); // cancelled at d6; in progress [d1, d6)
const PERIOD = { fromMs: d(0), toMs: d(10) };

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
