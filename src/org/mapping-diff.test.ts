import { describe, expect, it } from 'vitest';
import {
  describeChange,
  diffMappings,
  isSameMapping,
  type MappingContent,
  summarizeChanges,
} from './mapping-diff.js';

const BASE: MappingContent = {
  statuses: { Review: { stage: 'create', state: 'waiting' }, Done: { stage: 'release', state: 'done' } },
  types: { Bug: 'defect' },
  environments: null,
};

describe('mapping changes', () => {
  it('lists what was added, changed and removed, by kind then raw value', () => {
    const after: MappingContent = {
      statuses: { Review: { stage: 'create', state: 'active' }, QA: { stage: 'create', state: 'active' } },
      types: { Bug: 'defect', Story: 'feature' },
      environments: { prod: 'production' },
    };
    const changes = diffMappings(BASE, after);
    expect(changes).toEqual([
      { kind: 'status', raw: 'Done', before: { stage: 'release', state: 'done' }, after: null },
      { kind: 'status', raw: 'QA', before: null, after: { stage: 'create', state: 'active' } },
      {
        kind: 'status',
        raw: 'Review',
        before: { stage: 'create', state: 'waiting' },
        after: { stage: 'create', state: 'active' },
      },
      { kind: 'type', raw: 'Story', before: null, after: 'feature' },
      { kind: 'environment', raw: 'prod', before: null, after: 'production' },
    ]);
    expect(summarizeChanges(changes)).toBe('3 statuses, 1 type, 1 environment');
    expect(describeChange(changes[2] as (typeof changes)[number])).toBe(
      'status "Review": create / waiting → create / active',
    );
  });

  it('compares entry by entry, whatever the key order; no environments equals none named', () => {
    const reordered: MappingContent = {
      statuses: { Done: { stage: 'release', state: 'done' }, Review: { stage: 'create', state: 'waiting' } },
      types: { Bug: 'defect' },
      environments: {},
    };
    expect(isSameMapping(BASE, reordered)).toBe(true);
    expect(summarizeChanges(diffMappings(BASE, reordered))).toBe('no change');
    expect(diffMappings(null, BASE)).toHaveLength(3);
    expect(isSameMapping(null, BASE)).toBe(false);
  });
});
