import { describe, expect, it } from 'vitest';
import { A, B, C, D, E } from '../../test/support/metric-items.js';
import { FactIndex, toFlatFacts } from './fact-index.js';
import { statusUse } from './status-use.js';

describe('the statuses items went through', () => {
  it('counts each item once per status it passed through, and the items in each status now', () => {
    const index = FactIndex.from([]);
    for (const [item, team] of [
      [A, 't1'],
      [B, 't1'],
      [C, 't2'],
      [D, 't2'],
      [E, 't2'],
    ] as const)
      index.upsertFlat(
        toFlatFacts({ source: 'jira:X', id: item.id, team, flowType: item.flowType, facts: item.facts }),
      );
    // Replacing an item's facts leaves one live slot: it is not counted twice.
    index.upsertFlat(
      toFlatFacts({ source: 'jira:X', id: A.id, team: 't1', flowType: A.flowType, facts: A.facts }),
    );
    const use = Object.fromEntries(
      statusUse(index, { source: 'jira:X' }).map((u) => [u.status, [u.items, u.current]]),
    );
    // A, B, D: → … → Done; C: → In Progress; E: → Ready → Won't Do. Every item starts in Backlog.
    expect(use).toEqual({
      Backlog: [5, 0],
      'In Progress': [4, 1],
      Done: [3, 3],
      Ready: [2, 0],
      "Won't Do": [1, 1],
    });
    expect(
      statusUse(index, { source: 'jira:X', team: 't1' })
        .map((u) => u.status)
        .sort(),
    ).toEqual(['Backlog', 'Done', 'In Progress', 'Ready'].sort());
    expect(statusUse(index, { source: 'nowhere' })).toEqual([]);
  });
});
