/**
 * Nearest-rank percentiles (docs/metrics.md §1): for sorted values v[1..n], the p-th percentile is
 * v[ceil(p/100 · n)], and v[1] for p = 0. The median is the 50th percentile by this rule. With no
 * values a percentile is null, never 0.
 */

/** The p-th percentile (0 ≤ p ≤ 100) of values sorted ascending; null when there are none. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not between 0 and 100`);
  const n = sorted.length;
  if (n === 0) return null;
  const rank = p === 0 ? 1 : Math.ceil((p / 100) * n);
  return sorted[Math.min(Math.max(rank, 1), n) - 1] ?? null;
}

/** Median, 85th percentile and count of unsorted values, as the metrics report them. */
export function summarizeDurations(values: readonly number[]): {
  median: number | null;
  p85: number | null;
  count: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: percentileOfSorted(sorted, 50),
    p85: percentileOfSorted(sorted, 85),
    count: sorted.length,
  };
}

/**
 * The p-th nearest-rank percentile of unsorted values, by selection (expected O(n)) instead of a
 * full sort. Reorders `values` in place; null when there are none.
 */
export function percentileBySelection(values: Float64Array, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not between 0 and 100`);
  const n = values.length;
  if (n === 0) return null;
  const rank = p === 0 ? 1 : Math.ceil((p / 100) * n);
  return selectKth(values, Math.min(Math.max(rank, 1), n) - 1);
}

/** The k-th smallest value (0-based), by Hoare's quickselect with a median-of-three pivot. */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot guards against sorted input.
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}
