import { describe, expect, it } from 'vitest';
import { A, B, C, D, E, PERIOD } from '../../test/support/metric-items.js';
import { decodeFacts, encodedFromHistory, encodeFacts, FactIndex, toFlatFacts } from './fact-index.js';
import { queryFlow } from './period-query.js';

const ITEMS = [A, B, C, D, E].map((item) =>
  toFlatFacts({ source: 'jira:X', id: item.id, team: 't1', flowType: item.flowType, facts: item.facts }),
);

describe('the fact index', () => {
  it('stores facts in binary and reads them back unchanged', () => {
    for (const flat of ITEMS) expect(decodeFacts(encodeFacts(flat))).toEqual(flat);
  });

  it('answers the same from stored (encoded) facts as from flat ones', () => {
    const flat = new FactIndex();
    const stored = new FactIndex();
    for (const item of ITEMS) {
      flat.upsertFlat(item);
      stored.upsertEncoded(encodeFacts(item));
    }
    expect(queryFlow(stored, null, PERIOD, { details: true })).toEqual(
      queryFlow(flat, null, PERIOD, { details: true }),
    );
  });

  it('loads stored facts without a key lookup, and finds them by key afterwards', () => {
    const index = new FactIndex();
    for (const item of ITEMS) index.loadStored(encodeFacts(item));
    expect(index.slotOf('jira:X', 'C')).toBe(2);
    index.upsertFlat(ITEMS[0] as (typeof ITEMS)[number]);
    expect(index.live).toBe(5);
    expect(index.slotOf('jira:X', 'A')).toBe(5);
  });

  it('replaces an item’s facts on upsert and reclaims dropped slots on compaction', () => {
    const index = FactIndex.from([]);
    for (let round = 0; round < 3; round++) for (const item of ITEMS) index.upsertFlat(item);
    expect(index.live).toBe(5);
    expect(index.size).toBe(15);
    const before = queryFlow(index, null, PERIOD, { details: true });
    const team = index.teamMask(['t1']);
    expect(queryFlow(index, team, PERIOD, { details: true })).toEqual(before);
    expect(queryFlow(index, index.teamMask(['t2']), PERIOD).flow.velocity.total).toBe(0);
    index.compact();
    expect(index.size).toBe(5);
    expect(queryFlow(index, null, PERIOD, { details: true })).toEqual(before);
    expect(queryFlow(index, index.teamMask(['t1']), PERIOD, { details: true })).toEqual(before);
    index.remove('jira:X', 'A');
    expect(queryFlow(index, null, PERIOD).flow.velocity.total).toBe(1);
  });
});

describe('the stored history', () => {
  it('carries the scalar facts, so a scan reads them from it', () => {
    for (const flat of ITEMS) {
      const stored = encodeFacts(flat);
      const read = encodedFromHistory(
        flat.source,
        flat.id,
        flat.team,
        '',
        stored.spanStatuses,
        stored.history,
      );
      expect(read).toEqual(stored);
      expect(decodeFacts(read)).toEqual(flat);
    }
  });
});
