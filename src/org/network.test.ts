import { describe, expect, it } from 'vitest';
import { assign, snapshot } from '../../test/support/org-rules.js';
import { buildProductNetwork, dependenciesFromParents } from './network.js';

describe('the product management network', () => {
  it('links product people of the same value stream, and across streams through team dependencies', () => {
    const s = snapshot([
      assign('pm-1', 'product-manager', { valueStream: 'vs-1' }),
      assign('po-a', 'product-owner', { team: 't-a' }),
      assign('po-c', 'product-owner', { team: 't-c' }),
      assign('qa-1', 'qa-lead', { valueStream: 'vs-1' }),
    ]);
    const deps = dependenciesFromParents([
      { parent: 'jira:X\u0000EPIC-1', team: 't-a', items: 3 },
      { parent: 'jira:X\u0000EPIC-1', team: 't-c', items: 2 },
      { parent: 'jira:X\u0000EPIC-2', team: 't-b', items: 5 },
    ]);
    expect(deps).toEqual([{ teams: ['t-a', 't-c'], items: 5 }]);
    const network = buildProductNetwork(s, deps);
    expect(network.people.map((p) => p.id)).toEqual(['pm-1', 'po-a', 'po-c']);
    expect(network.people.find((p) => p.id === 'pm-1')?.teams).toEqual(['t-a', 't-b']);
    expect(network.links).toEqual([
      // Both answer for t-a: linked by their value stream, not by t-a's dependency on t-c.
      { source: 'pm-1', target: 'po-a', valueStreams: ['vs-1'], dependencies: [] },
      {
        source: 'pm-1',
        target: 'po-c',
        valueStreams: [],
        dependencies: [{ teams: ['t-a', 't-c'], items: 5 }],
      },
      {
        source: 'po-a',
        target: 'po-c',
        valueStreams: [],
        dependencies: [{ teams: ['t-a', 't-c'], items: 5 }],
      },
    ]);
    expect(buildProductNetwork(s, []).links).toEqual([
      { source: 'pm-1', target: 'po-a', valueStreams: ['vs-1'], dependencies: [] },
    ]);
    expect(network.valueStreams.map((v) => v.id)).toEqual(['vs-1', 'vs-2']);
  });
});
