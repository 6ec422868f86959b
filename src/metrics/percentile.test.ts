import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileBySelection, percentileOfSorted, summarizeDurations } from './percentile.js';

describe('nearest-rank percentiles (metrics.md §1)', () => {
  it('takes v[ceil(p/100 · n)]: for 1..10, p50 = 5, p85 = 9, p100 = 10, p0 = 1', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileOfSorted(values, 50)).toBe(5);
    expect(percentileOfSorted(values, 85)).toBe(9);
    expect(percentileOfSorted(values, 100)).toBe(10);
    expect(percentileOfSorted(values, 0)).toBe(1);
  });

  it('never interpolates: the median of 4 values is the 2nd, not the mean of the middle two', () => {
    expect(percentileOfSorted([10, 20, 30, 40], 50)).toBe(20);
  });

  it('is null, never 0, with no values', () => {
    expect(percentileOfSorted([], 50)).toBeNull();
    expect(summarizeDurations([])).toEqual({ median: null, p85: null, count: 0 });
  });

  it('sorts before summarizing and reports the count', () => {
    expect(summarizeDurations([300, 100, 200])).toEqual({ median: 200, p85: 300, count: 3 });
  });

  it('rejects a percentile outside 0..100', () => {
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
  });
});

describe('percentiles by selection', () => {
  it('agree with sorting on random values, duplicates and sorted input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 100 }),
        (values, p) => {
          const sorted = [...values].sort((a, b) => a - b);
          expect(percentileBySelection(Float64Array.from(values), p)).toBe(percentileOfSorted(sorted, p));
          expect(percentileBySelection(Float64Array.from(sorted), p)).toBe(percentileOfSorted(sorted, p));
        },
      ),
    );
  });
});
