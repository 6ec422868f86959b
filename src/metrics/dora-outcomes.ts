/**
 * Per successful production deployment in a period and scope, whether it caused a failure (an
 * incident attributed to it, metrics.md §5): what the change failure rate counts, one deployment
 * at a time, for the bootstrap of an impact (src/forecast/impact.ts). Pure.
 */
import type { DoraIndex, ShippedDeployment } from './dora-metrics.js';

/** The first index whose value is ≥ x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function deploymentOutcomes(
  index: DoraIndex,
  period: { readonly fromMs: number; readonly toMs: number },
  inScope: ((service: string, atMs: number) => boolean) | null,
): boolean[] {
  const outcomes: boolean[] = [];
  const end = lowerBound(index.shippedAt, period.toMs);
  for (let slot = lowerBound(index.shippedAt, period.fromMs); slot < end; slot++) {
    const deployment = index.shipped[slot] as ShippedDeployment;
    if (inScope !== null && !inScope(deployment.service, deployment.atMs)) continue;
    outcomes.push((index.caused[slot]?.length ?? 0) > 0);
  }
  return outcomes;
}
