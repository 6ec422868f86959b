import { describe, expect, it } from 'vitest';
import { A, B, C, D, DAY, d, E, PERIOD } from '../../test/support/metric-items.js';
import { computeFlowDetails } from './flow-details.js';

const ITEMS = [A, B, C, D, E];

describe('the views behind the flow metrics (metrics.md §4)', () => {
  const details = computeFlowDetails(ITEMS, PERIOD);

  it('wait by status: time completed items spent in waiting statuses, largest first', () => {
    // Only B (completed) waited: 2 days in Ready. E waited longer but was cancelled, C and D are not done.
    expect(details.waitByStatus).toEqual([{ status: 'Ready', seconds: (2 * DAY) / 1000, items: 1 }]);
  });

  it('aging work in progress: age at the end against the period’s flow-time percentiles, oldest first', () => {
    // flow times of A and B: 2 d and 3 d → median 2 d, p85 3 d
    expect(details.aging).toEqual([
      {
        source: '',
        id: 'C',
        status: 'In Progress',
        ageSeconds: (9 * DAY) / 1000,
        beyondMedian: true,
        beyondP85: true,
      },
      {
        source: '',
        id: 'D',
        status: 'In Progress',
        ageSeconds: (8 * DAY) / 1000,
        beyondMedian: true,
        beyondP85: true,
      },
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
      // A (feature) done d3, B (defect) done d5
      { weekStartMs: d(0), count: 2, byType: { feature: 1, defect: 1, risk: 0, debt: 0 } },
      { weekStartMs: d(7), count: 0, byType: { feature: 0, defect: 0, risk: 0, debt: 0 } },
    ]);
    expect(details.throughputByDay.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
  });
});
