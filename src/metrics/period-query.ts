/**
 * Flow metrics of a period [from, to) over a scope (docs/metrics.md §4), by one scan of the fact
 * index: velocity, flow and lead time, efficiency, daily-sampled load, distribution and the stage
 * breakdown; with `details`, also wait by status, aging work in progress, cumulative flow and the
 * daily and weekly series. Pure; instants in epoch milliseconds, durations returned in seconds.
 *
 * "Periods mean completion": what is about completed items counts those with completedAt in the
 * period; the load counts the items in progress at each sampled instant.
 *
 * Scope over time (metrics.md §4): a team that was in the scope only part of the time (it moved
 * between value streams) has windows; an item of such a team counts where its team was at the
 * instant that matters — its completion for what is about completed items, each sampled instant for
 * the load and the cumulative flow, `to` for the work in progress at the end, and for the data
 * quality its completion (an item not complete: where its team is now).
 */
import {
  type Calendar,
  calendarBoundaries,
  DAY_MS,
  FLOW_TYPES,
  type FlowState,
  type FlowType,
  isoWeekday,
} from '../domain/index.js';
import { type FactIndex, FLAG, STAGE_CODES, STATE_CODES, UNMAPPED_STAGE, WAITING } from './fact-index.js';
import type { StageOrUnmapped } from './item-history.js';
import { percentileBySelection } from './percentile.js';

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

export interface WaitingStatus {
  readonly status: string;
  /** Total time completed items spent in this waiting status, in seconds. */
  readonly seconds: number;
  /** Completed items that passed through it. */
  readonly items: number;
}

export interface AgingItem {
  readonly source: string;
  readonly id: string;
  readonly status: string;
  /** `to − startedAt`, in seconds. */
  readonly ageSeconds: number;
  /** Whether the age already exceeds the period's flow-time median / 85th percentile (false without them). */
  readonly beyondMedian: boolean;
  readonly beyondP85: boolean;
}

export interface CumulativeFlowDay {
  /** The start of the day (by default 00:00 UTC). */
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
  /** Completions per week overlapping the period (by default ISO weeks, from Monday 00:00 UTC). */
  readonly velocityByWeek: readonly {
    readonly weekStartMs: number;
    readonly count: number;
    readonly byType: Record<FlowType, number>;
  }[];
  /** Completions per day of the period (by default UTC days). */
  readonly throughputByDay: readonly { readonly dayStartMs: number; readonly count: number }[];
  /** The load sampled at the start of each day of the period (by default 00:00 UTC). */
  readonly loadByDay: readonly { readonly dayStartMs: number; readonly load: number }[];
}

/** What the items of the scope say about the data (metrics.md §7); over all their history. */
export interface ItemQuality {
  readonly unmappedStatuses: readonly { source: string; status: string; items: number }[];
  readonly unmappedTypes: readonly { source: string; type: string; items: number }[];
  readonly itemsWithoutTeam: number;
  /** Items whose last status change disagrees with their `status` field. */
  readonly statusDisagreements: number;
  /** Items whose first change precedes their `createdAt` (taken to be created then). */
  readonly changesBeforeCreation: number;
  /** Status changes that arrived after a later change of the same item. */
  readonly outOfOrderChanges: number;
}

export interface FlowQueryResult {
  readonly flow: FlowMetrics;
  /** Waiting statuses by total time of the completed items, descending: the bottleneck ranking. */
  readonly waitByStatus: readonly WaitingStatus[];
  readonly details: FlowDetails | null;
  readonly quality: ItemQuality;
}

const SECOND_MS = 1000;

/**
 * When partly-in-scope teams were in the scope, by team code + 1 (as the team mask): the windows
 * [from₀, to₀, from₁, to₁, …], half-open, sorted and disjoint (±Infinity for open ends).
 * `undefined` for a team that is in scope at all times (or not at all: the mask decides).
 */
export type TeamWindows = readonly (Float64Array | undefined)[];

/** The index's team windows from windows by team id; null when no team is in scope only part of the time. */
export function teamWindows(
  index: FactIndex,
  windows: ReadonlyMap<string, readonly (readonly [number, number])[]>,
): TeamWindows | null {
  if (windows.size === 0) return null;
  const byCode: (Float64Array | undefined)[] = new Array(index.teams.size + 1);
  for (const [team, list] of windows) {
    const code = index.teams.find(team);
    if (code === undefined) continue;
    byCode[code + 1] = Float64Array.from(list.flat());
  }
  return byCode;
}

/**
 * The load's daily samples of a period (metrics.md §4): the start of each day of the calendar
 * (00:00 UTC by default; the organisation's calendar, metrics.md §1) with from ≤ t < to.
 * `sampleOf(t)` is the index of the first sample at or after t (`samples` past the last), so an
 * interval [start, end) is in progress at samples sampleOf(start) … sampleOf(end) − 1; `sampleAt(k)`
 * is the instant of sample k.
 */
export function dailySamples(
  period: Period,
  calendar?: Calendar,
): {
  readonly firstSample: number;
  readonly samples: number;
  readonly sampleOf: (t: number) => number;
  readonly sampleAt: (k: number) => number;
} {
  if (calendar !== undefined && calendar.timeZone !== 'UTC') {
    // Days of 23 or 25 hours: the samples are listed, and found by bisection.
    const bounds = calendarBoundaries(calendar, period.fromMs, period.toMs, 'day');
    if (calendar.startOfDay(period.fromMs) !== period.fromMs) bounds.shift();
    bounds.pop();
    const starts = Float64Array.from(bounds);
    const samples = starts.length;
    const sampleOf = (t: number) => {
      if (t === Number.POSITIVE_INFINITY) return samples;
      let lo = 0;
      let hi = samples;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((starts[mid] as number) < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return { firstSample: starts[0] ?? period.toMs, samples, sampleOf, sampleAt: (k) => starts[k] as number };
  }
  const firstSample = Math.ceil(period.fromMs / DAY_MS) * DAY_MS;
  const samples = Math.max(0, Math.ceil((period.toMs - firstSample) / DAY_MS));
  const sampleOf = (t: number) =>
    t === Number.POSITIVE_INFINITY
      ? samples
      : Math.min(samples, Math.max(0, Math.ceil((t - firstSample) / DAY_MS)));
  return { firstSample, samples, sampleOf, sampleAt: (k) => firstSample + k * DAY_MS };
}

/** Whether instant t falls in one of the windows (undefined: always). */
export function isInWindows(windows: Float64Array | undefined, t: number): boolean {
  if (windows === undefined) return true;
  for (let i = 0; i < windows.length; i += 2) {
    if (t < (windows[i] as number)) return false;
    if (t < (windows[i + 1] as number)) return true;
  }
  return false;
}

/**
 * The instant at which an item's scope is judged for what is not tied to a period (data quality,
 * the list of a scope's items): its completion, or for an item not complete, now (its team's
 * current place).
 */
export function referenceInstant(index: FactIndex, slot: number): number {
  const c = index.completedAt[slot] as number;
  // Now is after every recorded move, and inside the last window, whose end is +Infinity.
  return Number.isNaN(c) ? Number.MAX_VALUE : c;
}

/** Calls `visit` with the parts of [start, end) inside the windows (the whole of it without windows). */
export function clipToWindows(
  windows: Float64Array | undefined,
  start: number,
  end: number,
  visit: (from: number, to: number) => void,
): void {
  if (windows === undefined) {
    visit(start, end);
    return;
  }
  for (let i = 0; i < windows.length; i += 2) {
    const from = Math.max(start, windows[i] as number);
    const to = Math.min(end, windows[i + 1] as number);
    if (from < to) visit(from, to);
  }
}

/**
 * The flow metrics of the items the team mask lets through (null: all) for the period; with
 * `details`, the views behind them as well. `windows` limits the teams in scope only part of the
 * time to when they were (see TeamWindows).
 */
export function queryFlow(
  index: FactIndex,
  mask: Uint8Array | null,
  period: Period,
  options: {
    readonly details?: boolean;
    readonly windows?: TeamWindows | null;
    /** The days, weeks and months of the samples and series (default: UTC, ISO weeks). */
    readonly calendar?: Calendar;
  } = {},
): FlowQueryResult {
  const { fromMs, toMs } = period;
  const details = options.details === true;
  const windowsByTeam = options.windows ?? null;
  const calendar = options.calendar;
  const { samples, sampleOf, sampleAt } = dailySamples(period, calendar);
  const loadDiff = new Float64Array(samples + 1);
  const classes = index.classCount;
  const flowDiff = details ? new Int32Array(classes * (samples + 1)) : null;

  let completed = new Int32Array(1024);
  let completedCount = 0;
  const inProgressAtEnd: number[] = [];
  const loadByType = [0, 0, 0, 0];

  let itemsWithoutTeam = 0;
  let statusDisagreements = 0;
  let changesBeforeCreation = 0;
  let outOfOrderChanges = 0;
  const unmappedStatusItems = new Map<number, number>();
  const unmappedTypeItems = new Map<string, number>();

  const { team, completedAt, wipOffset, wipCount, wipStart, wipEnd, spanOffset, spanCount } = index;
  const { spanStart, spanClass, flags } = index;
  index.forEachSlot(mask, (slot) => {
    const teamId = team[slot] as number;
    const windows = windowsByTeam === null ? undefined : windowsByTeam[teamId + 1];
    if (isInWindows(windows, referenceInstant(index, slot))) {
      const itemFlags = flags[slot] as number;
      if (teamId === -1) itemsWithoutTeam++;
      if (itemFlags & FLAG.statusDisagrees) statusDisagreements++;
      if (itemFlags & FLAG.changeBeforeCreation) changesBeforeCreation++;
      outOfOrderChanges += index.outOfOrder[slot] as number;
      if (itemFlags & FLAG.unmappedStatus) countUnmappedStatuses(index, slot, unmappedStatusItems);
      const rawType = index.unmappedType[slot] as number;
      if (rawType !== -1) {
        const key = `${index.sources.values[index.source[slot] as number]}\u0000${index.rawTypes.values[rawType]}`;
        unmappedTypeItems.set(key, (unmappedTypeItems.get(key) ?? 0) + 1);
      }
    }

    const c = completedAt[slot] as number;
    if (c >= fromMs && c < toMs && isInWindows(windows, c)) {
      if (completedCount === completed.length) {
        const bigger = new Int32Array(completed.length * 2);
        bigger.set(completed);
        completed = bigger;
      }
      completed[completedCount++] = slot;
    }

    const wipFrom = wipOffset[slot] as number;
    const wipTo = wipFrom + (wipCount[slot] as number);
    for (let w = wipFrom; w < wipTo; w++) {
      const start = wipStart[w] as number;
      const end = wipEnd[w] as number;
      if (start <= toMs && toMs < end && isInWindows(windows, toMs)) {
        inProgressAtEnd.push(slot);
        const t = index.flowType[slot] as number;
        loadByType[t] = (loadByType[t] as number) + 1;
      }
      if (samples > 0)
        clipToWindows(windows, start, end, (from, to) => {
          const k0 = sampleOf(from);
          const k1 = sampleOf(to);
          if (k0 < k1) {
            loadDiff[k0] = (loadDiff[k0] as number) + 1;
            loadDiff[k1] = (loadDiff[k1] as number) - 1;
          }
        });
    }

    if (flowDiff !== null && samples > 0 && (index.createdAt[slot] as number) < toMs) {
      const spanFrom = spanOffset[slot] as number;
      const spanTo = spanFrom + (spanCount[slot] as number);
      for (let s = spanFrom; s < spanTo; s++) {
        const base = (spanClass[s] as number) * (samples + 1);
        const end = s + 1 < spanTo ? (spanStart[s + 1] as number) : Number.POSITIVE_INFINITY;
        clipToWindows(windows, spanStart[s] as number, end, (from, to) => {
          const k0 = sampleOf(from);
          const k1 = sampleOf(to);
          if (k0 < k1) {
            flowDiff[base + k0] = (flowDiff[base + k0] as number) + 1;
            flowDiff[base + k1] = (flowDiff[base + k1] as number) - 1;
          }
        });
      }
    }
  });

  const done = completed.subarray(0, completedCount);
  const flow = summarizeCompleted(index, done);
  const loadSeries = new Float64Array(samples);
  let load = 0;
  let loadSum = 0;
  for (let k = 0; k < samples; k++) {
    load += loadDiff[k] as number;
    loadSeries[k] = load;
    loadSum += load;
  }
  const atEnd = inProgressAtEnd.length;
  const flowMetrics: FlowMetrics = {
    ...flow.metrics,
    load: { average: samples > 0 ? loadSum / samples : null, atEnd },
    loadDistribution: shares(loadByType, atEnd),
  };

  const waits = waitByStatus(index, done);
  return {
    flow: flowMetrics,
    waitByStatus: waits,
    details: details
      ? {
          waitByStatus: waits,
          aging: aging(index, inProgressAtEnd, toMs, flow.flowPercentilesMs),
          cumulativeFlow: cumulativeFlow(index, flowDiff as Int32Array, sampleAt, samples),
          velocityByWeek: countPerBucket(index, done, period, 'week', calendar).map(
            ([weekStartMs, count, byType]) => ({
              weekStartMs,
              count,
              byType: Object.fromEntries(FLOW_TYPES.map((type, t) => [type, byType[t]])) as Record<
                FlowType,
                number
              >,
            }),
          ),
          throughputByDay: countPerBucket(index, done, period, 'day', calendar).map(
            ([dayStartMs, count]) => ({
              dayStartMs,
              count,
            }),
          ),
          loadByDay: Array.from(loadSeries, (value, k) => ({
            dayStartMs: sampleAt(k),
            load: value,
          })),
        }
      : null,
    quality: {
      unmappedStatuses: [...unmappedStatusItems]
        .map(([key, items]) => ({
          source: index.sources.values[Math.floor(key / index.statuses.size)] as string,
          status: index.statuses.values[key % index.statuses.size] as string,
          items,
        }))
        .sort(
          (a, b) => b.items - a.items || compareText(a.source, b.source) || compareText(a.status, b.status),
        ),
      unmappedTypes: [...unmappedTypeItems]
        .map(([key, items]) => {
          const [source, type] = key.split('\u0000') as [string, string];
          return { source, type, items };
        })
        .sort((a, b) => b.items - a.items || compareText(a.source, b.source) || compareText(a.type, b.type)),
      itemsWithoutTeam,
      statusDisagreements,
      changesBeforeCreation,
      outOfOrderChanges,
    },
  };
}

function summarizeCompleted(
  index: FactIndex,
  done: Int32Array,
): {
  metrics: Omit<FlowMetrics, 'load' | 'loadDistribution'>;
  flowPercentilesMs: { median: number | null; p85: number | null };
} {
  const n = done.length;
  const byType = [0, 0, 0, 0];
  const flowTimes = new Float64Array(n);
  const leadTimes = new Float64Array(n);
  const stageSums = new Float64Array(STAGE_CODES.length);
  let activeSum = 0;
  let flowSum = 0;
  let leadSum = 0;
  let unmappedStage = false;
  for (let i = 0; i < n; i++) {
    const slot = done[i] as number;
    const type = index.flowType[slot] as number;
    byType[type] = (byType[type] as number) + 1;
    const flowMs = index.flowMs[slot] as number;
    const leadMs = index.leadMs[slot] as number;
    flowTimes[i] = flowMs;
    leadTimes[i] = leadMs;
    flowSum += flowMs;
    leadSum += leadMs;
    activeSum += index.activeMs[slot] as number;
    for (let s = 0; s < STAGE_CODES.length; s++)
      stageSums[s] = (stageSums[s] as number) + (index.stageMs[slot * STAGE_CODES.length + s] as number);
    if ((index.flags[slot] as number) & FLAG.unmappedStageTime) unmappedStage = true;
  }

  const percentiles = {
    flow: { median: percentileBySelection(flowTimes, 50), p85: percentileBySelection(flowTimes, 85) },
  };
  const stages: Partial<Record<StageOrUnmapped, number | null>> = {};
  for (let s = 0; s < STAGE_CODES.length; s++) {
    if (s === UNMAPPED_STAGE && !unmappedStage) continue;
    stages[STAGE_CODES[s] as StageOrUnmapped] = leadSum > 0 ? (stageSums[s] as number) / leadSum : null;
  }
  return {
    metrics: {
      velocity: {
        total: n,
        byType: Object.fromEntries(FLOW_TYPES.map((type, t) => [type, byType[t]])) as Record<
          FlowType,
          number
        >,
      },
      flowTime: summarize(flowTimes, percentiles.flow),
      leadTime: summarize(leadTimes, null),
      efficiency: flowSum > 0 ? activeSum / flowSum : null,
      distribution: shares(byType, n),
      stages,
    },
    flowPercentilesMs: percentiles.flow,
  };
}

/** Median, p85 and count of durations in ms (reordered in place), in seconds. */
function summarize(
  valuesMs: Float64Array,
  known: { median: number | null; p85: number | null } | null,
): DurationSummary {
  const seconds = (ms: number | null) => (ms === null ? null : ms / SECOND_MS);
  const { median, p85 } = known ?? {
    median: percentileBySelection(valuesMs, 50),
    p85: percentileBySelection(valuesMs, 85),
  };
  return { median: seconds(median), p85: seconds(p85), count: valuesMs.length };
}

function shares(counts: readonly number[], total: number): Shares {
  return Object.fromEntries(
    FLOW_TYPES.map((type, t) => [type, total > 0 ? (counts[t] as number) / total : null]),
  ) as Shares;
}

function countUnmappedStatuses(index: FactIndex, slot: number, into: Map<number, number>): void {
  const source = index.source[slot] as number;
  const from = index.spanOffset[slot] as number;
  const to = from + (index.spanCount[slot] as number);
  for (let s = from; s < to; s++) {
    const cls = index.spanClass[s] as number;
    if (index.classStage[cls] !== UNMAPPED_STAGE) continue;
    const status = index.classStatus[cls] as number;
    // Count each status once per item.
    let seen = false;
    for (let earlier = from; earlier < s && !seen; earlier++) {
      const other = index.spanClass[earlier] as number;
      seen = index.classStage[other] === UNMAPPED_STAGE && index.classStatus[other] === status;
    }
    if (seen) continue;
    const key = source * index.statuses.size + status;
    into.set(key, (into.get(key) ?? 0) + 1);
  }
}

function waitByStatus(index: FactIndex, done: Int32Array): WaitingStatus[] {
  const totalMs = new Float64Array(index.statuses.size);
  const items = new Int32Array(index.statuses.size);
  const lastItem = new Int32Array(index.statuses.size).fill(-1);
  for (const slot of done) {
    const createdAt = index.createdAt[slot] as number;
    const completedAt = index.completedAt[slot] as number;
    const from = index.spanOffset[slot] as number;
    const to = from + (index.spanCount[slot] as number);
    for (let s = from; s < to; s++) {
      const cls = index.spanClass[s] as number;
      if (index.classState[cls] !== WAITING) continue;
      const end = s + 1 < to ? (index.spanStart[s + 1] as number) : Number.POSITIVE_INFINITY;
      const ms = Math.min(end, completedAt) - Math.max(index.spanStart[s] as number, createdAt);
      if (!(ms > 0)) continue;
      const status = index.classStatus[cls] as number;
      totalMs[status] = (totalMs[status] as number) + ms;
      if (lastItem[status] !== slot) {
        lastItem[status] = slot;
        items[status] = (items[status] as number) + 1;
      }
    }
  }
  const ranking: WaitingStatus[] = [];
  for (let status = 0; status < totalMs.length; status++) {
    if ((totalMs[status] as number) > 0)
      ranking.push({
        status: index.statuses.values[status] as string,
        seconds: (totalMs[status] as number) / SECOND_MS,
        items: items[status] as number,
      });
  }
  return ranking.sort((a, b) => b.seconds - a.seconds || compareText(a.status, b.status));
}

function aging(
  index: FactIndex,
  slots: readonly number[],
  toMs: number,
  flowPercentilesMs: { median: number | null; p85: number | null },
): AgingItem[] {
  const medianMs = flowPercentilesMs.median;
  const p85Ms = flowPercentilesMs.p85;
  const aged = slots.map((slot) => {
    const ageMs = toMs - (index.startedAt[slot] as number);
    const key = index.keys[slot] as string;
    const at = key.indexOf('\u0000');
    return {
      source: key.slice(0, at),
      id: key.slice(at + 1),
      status: statusAt(index, slot, toMs),
      ageSeconds: ageMs / SECOND_MS,
      beyondMedian: medianMs !== null && ageMs > medianMs,
      beyondP85: p85Ms !== null && ageMs > p85Ms,
      key,
    };
  });
  aged.sort((a, b) => b.ageSeconds - a.ageSeconds || compareText(a.key, b.key));
  return aged.map(({ key: _key, ...item }) => item);
}

/** The status an item was in at instant t (the last span is open-ended). */
export function statusAt(index: FactIndex, slot: number, t: number): string {
  const from = index.spanOffset[slot] as number;
  let s = from + (index.spanCount[slot] as number) - 1;
  while (s > from && (index.spanStart[s] as number) > t) s--;
  // Zero-length spans at the same instant: the last one starting at or before t holds t.
  return index.statuses.values[index.classStatus[index.spanClass[s] as number] as number] as string;
}

function cumulativeFlow(
  index: FactIndex,
  flowDiff: Int32Array,
  sampleAt: (k: number) => number,
  samples: number,
): CumulativeFlowDay[] {
  const days: CumulativeFlowDay[] = [];
  const classes = index.classCount;
  const running = new Int32Array(classes);
  for (let k = 0; k < samples; k++) {
    const byState: Record<FlowState, number> = { new: 0, waiting: 0, active: 0, done: 0, cancelled: 0 };
    const byStatus: Record<string, number> = {};
    for (let cls = 0; cls < classes; cls++) {
      const count = (running[cls] as number) + (flowDiff[cls * (samples + 1) + k] as number);
      running[cls] = count;
      if (count === 0) continue;
      byState[STATE_CODES[index.classState[cls] as number] as FlowState] += count;
      const status = index.statuses.values[index.classStatus[cls] as number] as string;
      byStatus[status] = (byStatus[status] ?? 0) + count;
    }
    days.push({ atMs: sampleAt(k), byState, byStatus: sortKeys(byStatus) });
  }
  return days;
}

function countPerBucket(
  index: FactIndex,
  done: Int32Array,
  period: Period,
  size: 'day' | 'week',
  calendar?: Calendar,
): [number, number, number[]][] {
  if (calendar !== undefined && !calendar.isDefault) {
    // The calendar's days and weeks (23- or 25-hour days): bucket starts listed, found by bisection.
    const first = size === 'day' ? calendar.startOfDay(period.fromMs) : calendar.startOfWeek(period.fromMs);
    const starts = calendarBoundaries(calendar, first, period.toMs, size);
    starts.pop();
    const buckets = starts.map((t): [number, number, number[]] => [t, 0, [0, 0, 0, 0]]);
    for (const slot of done) {
      const t = index.completedAt[slot] as number;
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((starts[mid] as number) <= t) lo = mid + 1;
        else hi = mid;
      }
      const bucket = buckets[lo - 1];
      if (bucket === undefined) continue;
      bucket[1]++;
      const type = index.flowType[slot] as number;
      bucket[2][type] = (bucket[2][type] as number) + 1;
    }
    return buckets;
  }
  const startOf = (t: number) => {
    const day = Math.floor(t / DAY_MS);
    return (size === 'day' ? day : day - isoWeekday(day)) * DAY_MS;
  };
  const step = size === 'day' ? DAY_MS : 7 * DAY_MS;
  const buckets: [number, number, number[]][] = [];
  for (let t = startOf(period.fromMs); t < period.toMs; t += step) buckets.push([t, 0, [0, 0, 0, 0]]);
  const first = buckets[0]?.[0] ?? 0;
  for (const slot of done) {
    const bucket = buckets[Math.floor((startOf(index.completedAt[slot] as number) - first) / step)];
    if (bucket === undefined) continue;
    bucket[1]++;
    const type = index.flowType[slot] as number;
    bucket[2][type] = (bucket[2][type] as number) + 1;
  }
  return buckets;
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
