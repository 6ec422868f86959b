import { describe, expect, it } from 'vitest';
import type { FlowType } from '../domain/index.js';
import { computeFlowDetails, type DetailedFlowItem } from './flow-details.js';
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

function item(id: string, flowType: FlowType, changes: [number, string, string][]): DetailedFlowItem {
  const facts = computeItemFacts({
    createdAtMs: d(0),
    status: changes.at(-1)?.[2] ?? 'Backlog',
    changes: changes.map(([day, from, to]) => ({ atMs: d(day), from, to })),
    classify,
    asOfMs: d(30),
  });
  return { id, facts, flowType };
}

const ITEMS = [
  item('A', 'feature', [
    [1, 'Backlog', 'In Progress'],
    [3, 'In Progress', 'Done'],
  ]),
  item('B', 'defect', [
    [2, 'Backlog', 'Ready'],
    [4, 'Ready', 'In Progress'],
    [5, 'In Progress', 'Done'],
  ]),
  item('C', 'feature', [[1, 'Backlog', 'In Progress']]),
  item('D', 'debt', [
    [2, 'Backlog', 'In Progress'],
    [12, 'In Progress', 'Done'],
  ]),
  item('E', 'risk', [
    [1, 'Backlog', 'Ready'],
    [6, 'Ready', "Won't Do"],
  ]),
];

describe('the views behind the flow metrics (metrics.md §4)', () => {
  const details = computeFlowDetails(ITEMS, { fromMs: d(0), toMs: d(10) });

  it('wait by status: time completed items spent in waiting statuses, largest first', () => {
    // Only B (completed) waited: 2 days in Ready. E waited longer but was cancelled, C and D are not done.
    expect(details.waitByStatus).toEqual([{ status: 'Ready', seconds: (2 * DAY) / 1000, items: 1 }]);
  });

  it('aging work in progress: age at the end against the period’s flow-time percentiles, oldest first', () => {
    // flow times of A and B: 2 d and 3 d → median 2 d, p85 3 d
    expect(details.aging).toEqual([
      { id: 'C', status: 'In Progress', ageSeconds: (9 * DAY) / 1000, beyondMedian: true, beyondP85: true },
      { id: 'D', status: 'In Progress', ageSeconds: (8 * DAY) / 1000, beyondMedian: true, beyondP85: true },
    ]);
  });

  it('cumulative flow: items per state and status at 00:00 UTC of each day', () => {
    expect(details.cumulativeFlow).toHaveLength(10);
    expect(details.cumulativeFlow[0]).toEqual({
      atMs: d(0),
      byState: { new: 5, waiting: 0, active: 0, done: 0, cancelled: 0 },
      byStatus: { Backlog: 5 },
    });
    expect(details.cumulativeFlow[3]?.byState).toEqual({
      new: 0,
      waiting: 2,
      active: 2,
      done: 1,
      cancelled: 0,
    });
    expect(details.cumulativeFlow[6]?.byStatus).toEqual({ Done: 2, 'In Progress': 2, "Won't Do": 1 });
  });

  it('velocity per ISO week and throughput per day count completions', () => {
    expect(details.velocityByWeek).toEqual([
      { weekStartMs: d(0), count: 2 },
      { weekStartMs: d(7), count: 0 },
    ]);
    expect(details.throughputByDay.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
  });
});
