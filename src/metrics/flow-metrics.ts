/**
 * Flow metrics of a period [from, to) over items' facts (docs/metrics.md §4). Pure.
 *
 * "Periods mean completion": velocity, flow time, lead time, efficiency, distribution and the stage
 * breakdown are about the items completed in the period; load is about the items in progress at
 * each sampled instant. Durations are returned in seconds, as the JSON output reports them.
 */
import { FLOW_TYPES, type FlowType, STAGES } from '../domain/index.js';
import type { ItemFacts, StageOrUnmapped } from './item-history.js';
import { summarizeDurations } from './percentile.js';

/** What a flow metric needs of an item: its facts and its flow item type. */
export interface FlowItem {
  readonly facts: Pick<
    ItemFacts,
    'completedAtMs' | 'leadTimeMs' | 'flowTimeMs' | 'activeTimeMs' | 'timePerStageMs' | 'wipIntervals'
  >;
  /** The mapped flow item type (an unmapped raw type counts as `feature`, metrics.md §2). */
  readonly flowType: FlowType;
}

export interface Period {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface DurationSummary {
  readonly median: number | null;
  readonly p85: number | null;
  readonly count: number;
}

export type Shares = Record<FlowType, number | null>;

export interface FlowMetrics {
  readonly velocity: { readonly total: number; readonly byType: Record<FlowType, number> };
  readonly flowTime: DurationSummary;
  readonly leadTime: DurationSummary;
  /** Σ active time / Σ flow time over completed items; null when Σ flow time is 0. */
  readonly efficiency: number | null;
  readonly load: { readonly average: number | null; readonly atEnd: number };
  /** Shares of each type among completed items; all null with none. */
  readonly distribution: Shares;
  /** Shares of each type in the load at `to`; all null with none. */
  readonly loadDistribution: Shares;
  /** Σ time in stage / Σ lead time over completed items; `unmapped` only when present. */
  readonly stages: Partial<Record<StageOrUnmapped, number | null>>;
}

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

/** The flow metrics of the items for the period. */
export function computeFlowMetrics(items: readonly FlowItem[], period: Period): FlowMetrics {
  const completed = items.filter(
    (item) =>
      item.facts.completedAtMs !== null &&
      item.facts.completedAtMs >= period.fromMs &&
      item.facts.completedAtMs < period.toMs,
  );
  const byType = countByType(completed);
  let activeMs = 0;
  let flowMs = 0;
  let leadMs = 0;
  const stageMs: Partial<Record<StageOrUnmapped, number>> = {};
  for (const { facts } of completed) {
    activeMs += facts.activeTimeMs ?? 0;
    flowMs += facts.flowTimeMs ?? 0;
    leadMs += facts.leadTimeMs ?? 0;
    for (const [stage, ms] of Object.entries(facts.timePerStageMs) as [StageOrUnmapped, number][]) {
      stageMs[stage] = (stageMs[stage] ?? 0) + ms;
    }
  }
  const stages: Partial<Record<StageOrUnmapped, number | null>> = {};
  for (const stage of STAGES) stages[stage] = leadMs > 0 ? (stageMs[stage] ?? 0) / leadMs : null;
  if (stageMs.unmapped !== undefined) stages.unmapped = leadMs > 0 ? stageMs.unmapped / leadMs : null;

  const inProgressAtEnd = items.filter((item) => isInProgressAt(item, period.toMs));
  return {
    velocity: { total: completed.length, byType },
    flowTime: inSeconds(summarizeDurations(completed.map((i) => i.facts.flowTimeMs ?? 0))),
    leadTime: inSeconds(summarizeDurations(completed.map((i) => i.facts.leadTimeMs ?? 0))),
    efficiency: flowMs > 0 ? activeMs / flowMs : null,
    load: { average: averageDailyLoad(items, period), atEnd: inProgressAtEnd.length },
    distribution: shares(byType, completed.length),
    loadDistribution: shares(countByType(inProgressAtEnd), inProgressAtEnd.length),
    stages,
  };
}

/** Whether the item is work in progress at instant t (started, and waiting or active then). */
export function isInProgressAt(item: FlowItem, t: number): boolean {
  return item.facts.wipIntervals.some(([start, end]) => start <= t && (end === null || t < end));
}

/**
 * The mean of the load sampled at 00:00 UTC of each day in [from, to), by a sweep over the items'
 * work-in-progress intervals; null when the period holds no such instant.
 */
export function averageDailyLoad(items: readonly FlowItem[], period: Period): number | null {
  const samples: number[] = [];
  for (let t = Math.ceil(period.fromMs / DAY_MS) * DAY_MS; t < period.toMs; t += DAY_MS) samples.push(t);
  if (samples.length === 0) return null;
  const events: [number, number][] = [];
  for (const item of items) {
    for (const [start, end] of item.facts.wipIntervals) {
      events.push([start, 1]);
      if (end !== null) events.push([end, -1]);
    }
  }
  // At the same instant an interval that ends is left before one that starts is entered: [start, end).
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let load = 0;
  let next = 0;
  let sum = 0;
  for (const t of samples) {
    while (next < events.length && (events[next] as [number, number])[0] <= t)
      load += (events[next++] as [number, number])[1];
    sum += load;
  }
  return sum / samples.length;
}

function countByType(items: readonly FlowItem[]): Record<FlowType, number> {
  const counts = Object.fromEntries(FLOW_TYPES.map((type) => [type, 0])) as Record<FlowType, number>;
  for (const item of items) counts[item.flowType]++;
  return counts;
}

function shares(counts: Record<FlowType, number>, total: number): Shares {
  return Object.fromEntries(
    FLOW_TYPES.map((type) => [type, total > 0 ? counts[type] / total : null]),
  ) as Shares;
}

function inSeconds(summary: DurationSummary): DurationSummary {
  const seconds = (ms: number | null) => (ms === null ? null : ms / SECOND_MS);
  return { median: seconds(summary.median), p85: seconds(summary.p85), count: summary.count };
}
