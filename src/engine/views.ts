/**
 * The views the web UI needs beyond the metrics document: flow metrics per week or month (trends),
 * the time completed items spent in each status (the value stream map), the completed items with
 * their flow times (the cycle-time scatter), a filtered list of a scope's items, examples behind the
 * data-quality counts, and the span of time the data covers. Each is one scan of the engine's fact
 * index, by the same rules as the metrics (docs/metrics.md), so that the numbers agree: a trend's
 * bucket is exactly the metrics of the bucket's period, a waiting status's time is exactly its
 * `waitByStatus` entry.
 */
import { type Kysely, sql } from 'kysely';
import { formatInstant } from '../contract/index.js';
import {
  type Calendar,
  calendarBoundaries,
  FLOW_TYPES,
  type FlowState,
  type FlowType,
  UTC_CALENDAR,
} from '../domain/index.js';
import { FLAG, STAGE_CODES, STATE_CODES, UNMAPPED_STAGE } from '../metrics/fact-index.js';
import {
  clipToWindows,
  dailySamples,
  isInWindows,
  percentileOfSorted,
  referenceInstant,
  type StageOrUnmapped,
} from '../metrics/index.js';
import type { Database } from '../store/index.js';
import { checkPeriod, type MetricsEngine, type MetricsQuery } from './engine.js';
import type { ScopeQuery } from './org.js';

const SECOND_MS = 1000;
const seconds = (ms: number | null) => (ms === null ? null : ms / SECOND_MS);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The scope's slots filter (null: the whole organisation), the windows of a slot's team when it
 * was in the scope only part of the time (undefined: always), and the scope as the JSON reports it.
 */
function scopeOf(engine: MetricsEngine, query: ScopeQuery) {
  const { resolved, mask, windows } = engine.scopeFilter(query);
  const index = engine.index;
  return {
    scope: resolved.scope,
    resolved,
    mask,
    windowsOf: (slot: number) => (windows === null ? undefined : windows[(index.team[slot] as number) + 1]),
  };
}

// ── Trend ───────────────────────────────────────────────────────────────────────────────────────

export type TrendBucket = 'week' | 'month';

export interface TrendQuery extends MetricsQuery {
  readonly bucket: TrendBucket;
}

/**
 * The boundaries of the buckets of a period: [from, b1, …, to], weeks from the calendar's week start,
 * months from the 1st, in the calendar's time zone (default: ISO weeks and months in UTC).
 */
export function bucketBoundaries(
  fromMs: number,
  toMs: number,
  bucket: TrendBucket,
  calendar: Calendar = UTC_CALENDAR,
): number[] {
  return calendarBoundaries(calendar, fromMs, toMs, bucket);
}

/** The first index i with sorted[i] > value (sorted ascending). */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index i with sorted[i] >= value (sorted ascending). */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The flow metrics of each week or month of the period (the first and last clipped to it): each
 * bucket's figures are those of `GET /metrics` for the bucket's own period.
 */
export function flowTrend(engine: MetricsEngine, query: TrendQuery) {
  checkPeriod(query);
  const { scope, mask, windowsOf } = scopeOf(engine, query);
  const index = engine.index;
  const calendar = engine.calendar();
  const bounds = bucketBoundaries(query.fromMs, query.toMs, query.bucket, calendar);
  const n = bounds.length - 1;
  const buckets = Array.from({ length: n }, () => ({
    byType: [0, 0, 0, 0],
    flow: [] as number[],
    lead: [] as number[],
    activeSum: 0,
    flowSum: 0,
    leadSum: 0,
    stageSums: new Float64Array(STAGE_CODES.length),
    unmappedStage: false,
  }));
  // Daily load samples at the start of each day in [from, to), as the metrics take them.
  const { samples, sampleOf } = dailySamples(query, calendar);
  const loadDiff = new Float64Array(samples + 1);
  // Work in progress at each bucket's end (its `to`).
  const ends = bounds.slice(1);
  const atEndDiff = new Int32Array(n + 1);

  index.forEachSlot(mask, (slot) => {
    const windows = windowsOf(slot);
    const c = index.completedAt[slot] as number;
    if (c >= query.fromMs && c < query.toMs && isInWindows(windows, c)) {
      const b = buckets[upperBound(bounds, c) - 1];
      if (b !== undefined) {
        const type = index.flowType[slot] as number;
        b.byType[type] = (b.byType[type] as number) + 1;
        const flowMs = index.flowMs[slot] as number;
        const leadMs = index.leadMs[slot] as number;
        b.flow.push(flowMs);
        b.lead.push(leadMs);
        b.flowSum += flowMs;
        b.leadSum += leadMs;
        b.activeSum += index.activeMs[slot] as number;
        for (let s = 0; s < STAGE_CODES.length; s++)
          b.stageSums[s] =
            (b.stageSums[s] as number) + (index.stageMs[slot * STAGE_CODES.length + s] as number);
        if ((index.flags[slot] as number) & FLAG.unmappedStageTime) b.unmappedStage = true;
      }
    }
    const from = index.wipOffset[slot] as number;
    const to = from + (index.wipCount[slot] as number);
    for (let w = from; w < to; w++) {
      clipToWindows(windows, index.wipStart[w] as number, index.wipEnd[w] as number, (start, end) => {
        if (samples > 0) {
          const k0 = sampleOf(start);
          const k1 = sampleOf(end);
          if (k0 < k1) {
            loadDiff[k0] = (loadDiff[k0] as number) + 1;
            loadDiff[k1] = (loadDiff[k1] as number) - 1;
          }
        }
        // Bucket ends e with start ≤ e < end.
        const j0 = lowerBound(ends, start);
        const j1 = end === Number.POSITIVE_INFINITY ? n : lowerBound(ends, end);
        if (j0 < j1) {
          atEndDiff[j0] = (atEndDiff[j0] as number) + 1;
          atEndDiff[j1] = (atEndDiff[j1] as number) - 1;
        }
      });
    }
  });

  const loads = new Float64Array(samples);
  let load = 0;
  for (let k = 0; k < samples; k++) {
    load += loadDiff[k] as number;
    loads[k] = load;
  }
  let atEnd = 0;
  return {
    period: engine.reportedPeriod(query),
    scope,
    bucket: query.bucket,
    buckets: buckets.map((b, i) => {
      const fromMs = bounds[i] as number;
      const toMs = bounds[i + 1] as number;
      atEnd += atEndDiff[i] as number;
      // The samples of this bucket: the start of each day in [fromMs, toMs).
      const k0 = sampleOf(fromMs);
      const k1 = sampleOf(toMs);
      let loadSum = 0;
      for (let k = k0; k < k1; k++) loadSum += loads[k] as number;
      const total = b.flow.length;
      b.flow.sort((x, y) => x - y);
      b.lead.sort((x, y) => x - y);
      const stages: Partial<Record<StageOrUnmapped, number | null>> = {};
      for (let s = 0; s < STAGE_CODES.length; s++) {
        if (s === UNMAPPED_STAGE && !b.unmappedStage) continue;
        stages[STAGE_CODES[s] as StageOrUnmapped] =
          b.leadSum > 0 ? (b.stageSums[s] as number) / b.leadSum : null;
      }
      return {
        from: formatInstant(fromMs),
        to: formatInstant(toMs),
        velocity: { total, byType: byFlowType((t) => b.byType[t] as number) },
        flowTime: {
          median: seconds(percentileOfSorted(b.flow, 50)),
          p85: seconds(percentileOfSorted(b.flow, 85)),
          count: total,
        },
        leadTime: {
          median: seconds(percentileOfSorted(b.lead, 50)),
          p85: seconds(percentileOfSorted(b.lead, 85)),
          count: total,
        },
        efficiency: b.flowSum > 0 ? b.activeSum / b.flowSum : null,
        load: { average: k1 > k0 ? loadSum / (k1 - k0) : null, atEnd },
        distribution: byFlowType((t) => (total > 0 ? (b.byType[t] as number) / total : null)),
        stages,
      };
    }),
  };
}

function byFlowType<T>(value: (t: number) => T): Record<FlowType, T> {
  return Object.fromEntries(FLOW_TYPES.map((type, t) => [type, value(t)])) as Record<FlowType, T>;
}

// ── Time per status (the value stream map) ──────────────────────────────────────────────────────

/**
 * Over the items completed in the period: the time they spent in each status between creation
 * and completion, with the status's stage and state, how many items passed through it, and where
 * it typically comes in their lives (`position`: the mean of (first entry − createdAt) / lead
 * time), so the statuses can be drawn in flow order.
 */
export function statusTimes(engine: MetricsEngine, query: MetricsQuery) {
  checkPeriod(query);
  const { scope, mask, windowsOf } = scopeOf(engine, query);
  const index = engine.index;
  const classes = index.classCount;
  const totalMs = new Float64Array(classes);
  const items = new Int32Array(classes);
  const positionSum = new Float64Array(classes);
  const lastItem = new Int32Array(classes).fill(-1);
  let leadSum = 0;
  let completed = 0;
  index.forEachSlot(mask, (slot) => {
    const completedAt = index.completedAt[slot] as number;
    if (!(completedAt >= query.fromMs && completedAt < query.toMs)) return;
    if (!isInWindows(windowsOf(slot), completedAt)) return;
    completed++;
    const createdAt = index.createdAt[slot] as number;
    const leadMs = index.leadMs[slot] as number;
    leadSum += leadMs;
    const from = index.spanOffset[slot] as number;
    const to = from + (index.spanCount[slot] as number);
    for (let s = from; s < to; s++) {
      const cls = index.spanClass[s] as number;
      const start = Math.max(index.spanStart[s] as number, createdAt);
      const end = s + 1 < to ? (index.spanStart[s + 1] as number) : Number.POSITIVE_INFINITY;
      const ms = Math.min(end, completedAt) - start;
      if (!(ms > 0)) continue;
      totalMs[cls] = (totalMs[cls] as number) + ms;
      if (lastItem[cls] !== slot) {
        lastItem[cls] = slot;
        items[cls] = (items[cls] as number) + 1;
        positionSum[cls] = (positionSum[cls] as number) + (leadMs > 0 ? (start - createdAt) / leadMs : 0);
      }
    }
  });
  const stageOrder = (stage: string) => STAGE_CODES.indexOf(stage as StageOrUnmapped);
  const statuses: {
    status: string;
    stage: StageOrUnmapped;
    state: FlowState;
    seconds: number;
    items: number;
    position: number;
  }[] = [];
  for (let cls = 0; cls < classes; cls++) {
    if ((items[cls] as number) === 0) continue;
    statuses.push({
      status: index.statuses.values[index.classStatus[cls] as number] as string,
      stage: STAGE_CODES[index.classStage[cls] as number] as StageOrUnmapped,
      state: STATE_CODES[index.classState[cls] as number] as FlowState,
      seconds: (totalMs[cls] as number) / SECOND_MS,
      items: items[cls] as number,
      position: (positionSum[cls] as number) / (items[cls] as number),
    });
  }
  statuses.sort(
    (a, b) =>
      stageOrder(a.stage) - stageOrder(b.stage) || a.position - b.position || compareText(a.status, b.status),
  );
  return {
    period: { from: formatInstant(query.fromMs), to: formatInstant(query.toMs) },
    scope,
    completed,
    leadTimeSeconds: leadSum / SECOND_MS,
    statuses,
  };
}

// ── Completed items (the cycle-time scatter) ────────────────────────────────────────────────────

export interface CompletedQuery extends MetricsQuery {
  readonly limit: number;
}

/**
 * The items completed in the period, in completion order, with their flow and lead times, and
 * the 50th, 85th and 95th percentiles (nearest rank) of their flow times.
 */
export function completedItems(engine: MetricsEngine, query: CompletedQuery) {
  checkPeriod(query);
  const { scope, mask, windowsOf } = scopeOf(engine, query);
  const index = engine.index;
  const slots: number[] = [];
  index.forEachSlot(mask, (slot) => {
    const c = index.completedAt[slot] as number;
    if (c >= query.fromMs && c < query.toMs && isInWindows(windowsOf(slot), c)) slots.push(slot);
  });
  const flows = slots.map((slot) => index.flowMs[slot] as number).sort((a, b) => a - b);
  slots.sort(
    (a, b) =>
      (index.completedAt[a] as number) - (index.completedAt[b] as number) ||
      compareText(index.keys[a] as string, index.keys[b] as string),
  );
  return {
    period: { from: formatInstant(query.fromMs), to: formatInstant(query.toMs) },
    scope,
    total: slots.length,
    percentiles: {
      p50: seconds(percentileOfSorted(flows, 50)),
      p85: seconds(percentileOfSorted(flows, 85)),
      p95: seconds(percentileOfSorted(flows, 95)),
    },
    items: slots.slice(0, query.limit).map((slot) => {
      const { source, id } = splitKey(index.keys[slot] as string);
      return {
        source,
        id,
        flowType: FLOW_TYPES[index.flowType[slot] as number] as FlowType,
        completedAt: formatInstant(index.completedAt[slot] as number),
        flowTime: (index.flowMs[slot] as number) / SECOND_MS,
        leadTime: (index.leadMs[slot] as number) / SECOND_MS,
      };
    }),
  };
}

function splitKey(key: string): { source: string; id: string } {
  const at = key.indexOf('\u0000');
  return { source: key.slice(0, at), id: key.slice(at + 1) };
}

// ── The items of a scope ────────────────────────────────────────────────────────────────────────

export const ITEM_STATES = ['in-progress', 'new', 'waiting', 'active', 'done', 'cancelled'] as const;
export type ItemStateFilter = (typeof ITEM_STATES)[number];
export const ITEM_SORTS = ['age', 'completedAt', 'createdAt', 'flowTime', 'id'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export interface ItemListQuery extends ScopeQuery {
  readonly state?: ItemStateFilter | undefined;
  readonly flowType?: FlowType | undefined;
  readonly status?: string | undefined;
  /** Part of the id or the title, in any case. */
  readonly q?: string | undefined;
  readonly sort: ItemSort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
  /** Ages of items in progress are taken at this instant. */
  readonly asOfMs: number;
}

interface ListedSlot {
  readonly slot: number;
  readonly key: string;
  readonly state: FlowState;
  readonly status: string;
  readonly stage: StageOrUnmapped;
}

/**
 * A scope's work items as they are now, filtered by state, flow type, status and text, sorted and
 * paged, with the counts of each current status and state among the items the other filters let
 * through (for the filter controls).
 */
export async function listItems(engine: MetricsEngine, db: Kysely<Database>, query: ItemListQuery) {
  const { resolved, mask, windowsOf } = scopeOf(engine, query);
  const index = engine.index;
  let titleMatches: Set<string> | null = null;
  const needle = query.q?.trim().toLowerCase() ?? '';
  if (needle !== '') {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let select = db
      .selectFrom('work_items')
      .select(['source', 'id'])
      // ESCAPE names the escape character on both stores (SQLite has no default one): a title with
      // `_` or `%` is found by its own text.
      .where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
    if (resolved.teams !== null)
      select =
        resolved.teams.length === 0
          ? select.where('id', '=', '\u0000none')
          : select.where('team', 'in', [...resolved.teams]);
    const rows = await select.execute();
    titleMatches = new Set(rows.map((r) => `${r.source}\u0000${r.id}`));
  }
  const byState: Record<string, number> = {};
  const byStatus = new Map<string, number>();
  const listed: ListedSlot[] = [];
  index.forEachSlot(mask, (slot) => {
    // An item is listed where its team is now, or was at its completion (metrics.md §4).
    if (!isInWindows(windowsOf(slot), referenceInstant(index, slot))) return;
    if (query.flowType !== undefined && FLOW_TYPES[index.flowType[slot] as number] !== query.flowType) return;
    const key = index.keys[slot] as string;
    if (needle !== '') {
      const id = key.slice(key.indexOf('\u0000') + 1).toLowerCase();
      if (!id.includes(needle) && !titleMatches?.has(key)) return;
    }
    if ((index.spanCount[slot] as number) === 0) return;
    const last = (index.spanOffset[slot] as number) + (index.spanCount[slot] as number) - 1;
    const cls = index.spanClass[last] as number;
    const state = STATE_CODES[index.classState[cls] as number] as FlowState;
    const status = index.statuses.values[index.classStatus[cls] as number] as string;
    const stage = STAGE_CODES[index.classStage[cls] as number] as StageOrUnmapped;
    const inState =
      query.state === undefined ||
      (query.state === 'in-progress' ? state === 'waiting' || state === 'active' : state === query.state);
    if (inState) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    if (query.status === undefined || status === query.status) byState[state] = (byState[state] ?? 0) + 1;
    if (!inState || (query.status !== undefined && status !== query.status)) return;
    listed.push({ slot, key, state, status, stage });
  });

  const age = (slot: number) => {
    const started = index.startedAt[slot] as number;
    return Number.isNaN(started) || !Number.isNaN(index.completedAt[slot] as number)
      ? null
      : query.asOfMs - started;
  };
  const sortValue = (entry: ListedSlot): number | null => {
    const slot = entry.slot;
    const value =
      query.sort === 'age'
        ? age(slot)
        : query.sort === 'completedAt'
          ? (index.completedAt[slot] as number)
          : query.sort === 'createdAt'
            ? (index.createdAt[slot] as number)
            : query.sort === 'flowTime'
              ? (index.flowMs[slot] as number)
              : null;
    return value === null || Number.isNaN(value) ? null : value;
  };
  const direction = query.order === 'asc' ? 1 : -1;
  const keyed = listed.map((entry) => ({ entry, value: sortValue(entry) }));
  keyed.sort((a, b) => {
    if (query.sort !== 'id') {
      // Items without the value (e.g. no age) come last, whichever the order.
      if (a.value === null && b.value !== null) return 1;
      if (b.value === null && a.value !== null) return -1;
      if (a.value !== null && b.value !== null && a.value !== b.value) return (a.value - b.value) * direction;
    }
    return compareText(a.entry.key, b.entry.key) * (query.sort === 'id' ? direction : 1);
  });
  const page = keyed.slice(query.offset, query.offset + query.limit).map((k) => k.entry);

  const records = new Map<string, { title: string | null; type: string; team: string | null }>();
  for (let i = 0; i < page.length; i += 500) {
    const ids = [...new Set(page.slice(i, i + 500).map((e) => splitKey(e.key).id))];
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom('work_items')
      .select(['source', 'id', 'title', 'type', 'team'])
      .where('id', 'in', ids)
      .execute();
    for (const row of rows)
      records.set(`${row.source}\u0000${row.id}`, { title: row.title, type: row.type, team: row.team });
  }
  const iso = (ms: number) => (Number.isNaN(ms) ? null : formatInstant(ms));
  return {
    scope: resolved.scope,
    asOf: formatInstant(query.asOfMs),
    total: listed.length,
    byState: Object.fromEntries(
      (['new', 'waiting', 'active', 'done', 'cancelled'] as const).map((s) => [s, byState[s] ?? 0]),
    ) as Record<FlowState, number>,
    byStatus: [...byStatus]
      .map(([status, items]) => ({ status, items }))
      .sort((a, b) => b.items - a.items || compareText(a.status, b.status)),
    items: page.map((entry) => {
      const slot = entry.slot;
      const { source, id } = splitKey(entry.key);
      const record = records.get(entry.key);
      const started = index.startedAt[slot] as number;
      const ageMs = age(slot);
      return {
        source,
        id,
        title: record?.title ?? null,
        type: record?.type ?? null,
        team: record?.team ?? null,
        flowType: FLOW_TYPES[index.flowType[slot] as number] as FlowType,
        status: entry.status,
        state: entry.state,
        stage: entry.stage,
        createdAt: formatInstant(index.createdAt[slot] as number),
        startedAt: iso(started),
        completedAt: iso(index.completedAt[slot] as number),
        flowTime: Number.isNaN(index.flowMs[slot] as number)
          ? null
          : (index.flowMs[slot] as number) / SECOND_MS,
        age: ageMs === null ? null : ageMs / SECOND_MS,
      };
    }),
  };
}

// ── Data quality: the items behind the counts ───────────────────────────────────────────────────

const EXAMPLES = 10;

/** Keeps the n smallest keys, in order. */
class Smallest {
  readonly kept: string[] = [];
  count = 0;
  add(key: string): void {
    this.count++;
    const kept = this.kept;
    if (kept.length === EXAMPLES && key >= (kept[EXAMPLES - 1] as string)) return;
    let at = kept.length;
    while (at > 0 && (kept[at - 1] as string) > key) at--;
    kept.splice(at, 0, key);
    if (kept.length > EXAMPLES) kept.pop();
  }
  toJSON() {
    return { count: this.count, examples: this.kept.map(splitKey) };
  }
}

/**
 * The work items behind the item-level data-quality counts of a scope (metrics.md §7, over all
 * the history of the scope's items): for each unmapped status and type, per source, the number of
 * items and up to ten examples (the smallest ids); the same for items with no team, status
 * disagreements and changes before creation.
 */
export function dataQualityItems(engine: MetricsEngine, query: ScopeQuery) {
  const { scope, mask, windowsOf } = scopeOf(engine, query);
  const index = engine.index;
  const statuses = new Map<string, Smallest>();
  const types = new Map<string, Smallest>();
  const withoutTeam = new Smallest();
  const disagreements = new Smallest();
  const beforeCreation = new Smallest();
  const take = (map: Map<string, Smallest>, key: string) => {
    let entry = map.get(key);
    if (entry === undefined) {
      entry = new Smallest();
      map.set(key, entry);
    }
    return entry;
  };
  index.forEachSlot(mask, (slot) => {
    if (!isInWindows(windowsOf(slot), referenceInstant(index, slot))) return;
    const key = index.keys[slot] as string;
    const source = index.sources.values[index.source[slot] as number] as string;
    const flags = index.flags[slot] as number;
    if ((index.team[slot] as number) === -1) withoutTeam.add(key);
    if (flags & FLAG.statusDisagrees) disagreements.add(key);
    if (flags & FLAG.changeBeforeCreation) beforeCreation.add(key);
    const rawType = index.unmappedType[slot] as number;
    if (rawType !== -1) take(types, `${source}\u0000${index.rawTypes.values[rawType]}`).add(key);
    if (flags & FLAG.unmappedStatus) {
      const seen = new Set<string>();
      const from = index.spanOffset[slot] as number;
      const to = from + (index.spanCount[slot] as number);
      for (let s = from; s < to; s++) {
        const cls = index.spanClass[s] as number;
        if (index.classStage[cls] !== UNMAPPED_STAGE) continue;
        const status = index.statuses.values[index.classStatus[cls] as number] as string;
        if (seen.has(status)) continue;
        seen.add(status);
        take(statuses, `${source}\u0000${status}`).add(key);
      }
    }
  });
  const listOf = <K extends string>(map: Map<string, Smallest>, name: K) =>
    [...map]
      .map(([key, entry]) => {
        const [source, value] = key.split('\u0000') as [string, string];
        return { source, [name]: value, items: entry.count, examples: entry.toJSON().examples } as {
          source: string;
          items: number;
          examples: { source: string; id: string }[];
        } & Record<K, string>;
      })
      .sort(
        (a, b) =>
          b.items - a.items ||
          compareText(a.source, b.source) ||
          compareText(a[name] as string, b[name] as string),
      );
  return {
    scope,
    unmappedStatuses: listOf(statuses, 'status'),
    unmappedTypes: listOf(types, 'type'),
    itemsWithoutTeam: withoutTeam.toJSON(),
    statusDisagreements: disagreements.toJSON(),
    changesBeforeCreation: beforeCreation.toJSON(),
  };
}

// ── The time the data covers ────────────────────────────────────────────────────────────────────

/**
 * The first and the last instant of work-item activity (creation, a status change, completion)
 * in the index, so the UI can put its default period where the data is. An engine restricted to a
 * value stream (`MetricsEngine.within`) counts only the items its value stream counts.
 */
export function dataExtent(engine: MetricsEngine) {
  const index = engine.index;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const restricted = engine.restriction === null ? null : scopeOf(engine, {});
  let items = 0;
  index.forEachSlot(restricted?.mask ?? null, (slot) => {
    if (restricted !== null && !isInWindows(restricted.windowsOf(slot), referenceInstant(index, slot)))
      return;
    items++;
    const created = index.createdAt[slot] as number;
    if (created < first) first = created;
    if (created > last) last = created;
    const count = index.spanCount[slot] as number;
    if (count > 0) {
      const lastSpan = index.spanStart[(index.spanOffset[slot] as number) + count - 1] as number;
      if (lastSpan > last) last = lastSpan;
    }
    const completed = index.completedAt[slot] as number;
    if (completed > last) last = completed;
  });
  return {
    items: restricted === null ? index.live : items,
    firstActivity: Number.isFinite(first) ? formatInstant(first) : null,
    lastActivity: Number.isFinite(last) ? formatInstant(last) : null,
  };
}
