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
