import { describe, expect, it } from 'vitest';
import { A, B, C, D, E, PERIOD } from '../../test/support/metric-items.js';
import { FactIndex, toFlatFacts } from './fact-index.js';
import { headlineMetrics } from './headline.js';
import { queryFlow } from './period-query.js';

const flat = (source: string, item: typeof A) =>
  toFlatFacts({ source, id: item.id, team: 't1', flowType: item.flowType, facts: item.facts });

function headlineOf(index: FactIndex, period = PERIOD) {
  const { velocity, flowTime, leadTime, efficiency, load, distribution, stages } = queryFlow(
    index,
    null,
    period,
  ).flow;
  return { velocity, flowTime, leadTime, efficiency, load, distribution, stages };
}

describe('headline metrics over several indexes', () => {
  it('equal queryFlow over one index', () => {
    const index = FactIndex.from([]);
    for (const item of [A, B, C, D, E]) index.upsertFlat(flat('jira:X', item));
    for (const period of [PERIOD, { fromMs: PERIOD.fromMs + 3 * 86_400_000, toMs: PERIOD.toMs }])
      expect(headlineMetrics([{ index }], period)).toEqual(headlineOf(index, period));
  });

  it('take one source from another index instead of the main one', () => {
    const main = FactIndex.from([]);
    for (const item of [A, B, C]) main.upsertFlat(flat('jira:X', item));
    for (const item of [D, E]) main.upsertFlat(flat('gh:y', item));
    // The replacement of gh:y holds only D: E is gone, A is added under gh:y.
    const replacement = FactIndex.from([]);
    for (const item of [D, A]) replacement.upsertFlat(flat('gh:y', item));
    const expected = FactIndex.from([]);
    for (const item of [A, B, C]) expected.upsertFlat(flat('jira:X', item));
    for (const item of [D, A]) expected.upsertFlat(flat('gh:y', item));
    expect(headlineMetrics([{ index: main, excludeSource: 'gh:y' }, { index: replacement }], PERIOD)).toEqual(
      headlineOf(expected),
    );
    expect(headlineMetrics([{ index: main }], PERIOD)).not.toEqual(headlineOf(expected));
  });
});
