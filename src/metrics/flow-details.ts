/**
 * The views behind the flow metrics of a period (docs/metrics.md §4): wait by status (the
 * bottleneck ranking), aging work in progress, cumulative flow, and the weekly and daily series of
 * completions. Pure; instants in epoch milliseconds, durations returned in seconds.
 */
import { DAY_MS, type FlowState, isoWeekday } from '../domain/index.js';
import type { FlowItem, Period } from './flow-metrics.js';
import type { ItemFacts, StatusSpan } from './item-history.js';
import { percentileOfSorted } from './percentile.js';

/** An item with what the detailed views need: its id and its status spans as well. */
export interface DetailedFlowItem extends FlowItem {
  readonly id: string;
  readonly facts: FlowItem['facts'] & Pick<ItemFacts, 'createdAtMs' | 'startedAtMs' | 'spans'>;
}

export interface WaitingStatus {
  readonly status: string;
  /** Total time completed items spent in this waiting status, in seconds. */
  readonly seconds: number;
  /** Completed items that passed through it. */
  readonly items: number;
}

export interface AgingItem {
  readonly id: string;
  readonly status: string;
  /** `to − startedAt`, in seconds. */
  readonly ageSeconds: number;
  /** Whether the age already exceeds the period's flow-time median / 85th percentile (false without them). */
  readonly beyondMedian: boolean;
  readonly beyondP85: boolean;
}

export interface CumulativeFlowDay {
  /** 00:00 UTC of the day. */
  readonly atMs: number;
  readonly byState: Record<FlowState, number>;
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface FlowDetails {
  /** Waiting statuses by total time, descending; the first is the period's main bottleneck. */
  readonly waitByStatus: readonly WaitingStatus[];
  /** Items in progress at `to`, oldest first. */
  readonly aging: readonly AgingItem[];
  readonly cumulativeFlow: readonly CumulativeFlowDay[];
  /** Completions per ISO week overlapping the period (weeks start Monday 00:00 UTC). */
  readonly velocityByWeek: readonly { readonly weekStartMs: number; readonly count: number }[];
  /** Completions per UTC day of the period. */
  readonly throughputByDay: readonly { readonly dayStartMs: number; readonly count: number }[];
}

export function computeFlowDetails(items: readonly DetailedFlowItem[], period: Period): FlowDetails {
  const completed = items.filter(
    (i) =>
      i.facts.completedAtMs !== null &&
      i.facts.completedAtMs >= period.fromMs &&
      i.facts.completedAtMs < period.toMs,
  );
  return {
    waitByStatus: waitByStatus(completed),
    aging: aging(items, completed, period.toMs),
    cumulativeFlow: cumulativeFlow(items, period),
    velocityByWeek: countPerBucket(completed, period, 'week').map(([weekStartMs, count]) => ({
      weekStartMs,
      count,
    })),
    throughputByDay: countPerBucket(completed, period, 'day').map(([dayStartMs, count]) => ({
      dayStartMs,
      count,
    })),
  };
}

function waitByStatus(completed: readonly DetailedFlowItem[]): WaitingStatus[] {
  const totals = new Map<string, { ms: number; items: Set<string> }>();
  for (const item of completed) {
    const end = item.facts.completedAtMs as number;
    for (const span of item.facts.spans) {
      if (span.state !== 'waiting') continue;
      const ms = Math.max(0, Math.min(span.endMs, end) - Math.max(span.startMs, item.facts.createdAtMs));
      if (ms === 0) continue;
      const total = totals.get(span.status) ?? { ms: 0, items: new Set<string>() };
      total.ms += ms;
      total.items.add(item.id);
      totals.set(span.status, total);
    }
  }
  return [...totals]
    .map(([status, t]) => ({ status, seconds: t.ms / 1000, items: t.items.size }))
    .sort((a, b) => b.seconds - a.seconds || (a.status < b.status ? -1 : a.status > b.status ? 1 : 0));
}

function aging(
  items: readonly DetailedFlowItem[],
  completed: readonly DetailedFlowItem[],
  toMs: number,
): AgingItem[] {
  const flowTimes = completed.map((i) => i.facts.flowTimeMs ?? 0).sort((a, b) => a - b);
  const medianMs = percentileOfSorted(flowTimes, 50);
  const p85Ms = percentileOfSorted(flowTimes, 85);
  const aged: AgingItem[] = [];
  for (const item of items) {
    const inProgress = item.facts.wipIntervals.some(
      ([start, end]) => start <= toMs && (end === null || toMs < end),
    );
    if (!inProgress || item.facts.startedAtMs === null) continue;
    const ageMs = toMs - item.facts.startedAtMs;
    aged.push({
      id: item.id,
      status: spanAt(item.facts.spans, toMs)?.status ?? '',
      ageSeconds: ageMs / 1000,
      beyondMedian: medianMs !== null && ageMs > medianMs,
      beyondP85: p85Ms !== null && ageMs > p85Ms,
    });
  }
  return aged.sort((a, b) => b.ageSeconds - a.ageSeconds || (a.id < b.id ? -1 : 1));
}

function cumulativeFlow(items: readonly DetailedFlowItem[], period: Period): CumulativeFlowDay[] {
  const days: CumulativeFlowDay[] = [];
  for (let t = Math.ceil(period.fromMs / DAY_MS) * DAY_MS; t < period.toMs; t += DAY_MS) {
    const byState: Record<FlowState, number> = { new: 0, waiting: 0, active: 0, done: 0, cancelled: 0 };
    const byStatus: Record<string, number> = {};
    for (const item of items) {
      if (item.facts.createdAtMs > t) continue;
      const span = spanAt(item.facts.spans, t);
      if (span === undefined) continue;
      byState[span.state]++;
      byStatus[span.status] = (byStatus[span.status] ?? 0) + 1;
    }
    days.push({ atMs: t, byState, byStatus });
  }
  return days;
}

/** The span holding instant t: [start, end), the last one open-ended. */
function spanAt(spans: readonly StatusSpan[], t: number): StatusSpan | undefined {
  const last = spans[spans.length - 1];
  return spans.find((s) => s.startMs <= t && (t < s.endMs || s === last));
}

function countPerBucket(
  completed: readonly DetailedFlowItem[],
  period: Period,
  size: 'day' | 'week',
): [number, number][] {
  const startOf = (t: number) => {
    const day = Math.floor(t / DAY_MS);
    return (size === 'day' ? day : day - isoWeekday(day)) * DAY_MS;
  };
  const step = size === 'day' ? DAY_MS : 7 * DAY_MS;
  const buckets: [number, number][] = [];
  for (let t = startOf(period.fromMs); t < period.toMs; t += step) buckets.push([t, 0]);
  for (const item of completed) {
    const index = Math.floor((startOf(item.facts.completedAtMs as number) - (buckets[0]?.[0] ?? 0)) / step);
    const bucket = buckets[index];
    if (bucket !== undefined) bucket[1]++;
  }
  return buckets;
}
