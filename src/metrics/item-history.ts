/**
 * One item's history → its facts (docs/metrics.md §3). Pure: the evaluation instant is a parameter.
 *
 * The status changes are put in a canonical order first (time; at the same instant, chain order;
 * what is still tied by `from`, then `to`), so the facts never depend on the order in which events
 * arrived. Only changes at or before the evaluation instant are considered.
 */
import type { FlowState, Stage } from '../domain/index.js';

/** A stage, or `unmapped` for a raw status no mapping names (metrics.md §2). */
export type StageOrUnmapped = Stage | 'unmapped';

/** How a raw status is classified by the source's mapping. */
export interface StatusClass {
  readonly stage: StageOrUnmapped;
  readonly state: FlowState;
}

export interface StatusChange {
  readonly atMs: number;
  readonly from: string;
  readonly to: string;
}

export interface ItemHistoryInput {
  readonly createdAtMs: number;
  /** The item's `status` field, used when it has no changes (and compared with the last change). */
  readonly status: string;
  /** Status changes in any order. */
  readonly changes: readonly StatusChange[];
  /**
   * Classifies a raw status. An unmapped status must come back as `{stage: 'unmapped', state:
   * 'waiting'}` (metrics.md §2); the caller's mapping decides.
   */
  readonly classify: (status: string) => StatusClass;
  /** The evaluation instant. */
  readonly asOfMs: number;
}

/** A stretch of time the item spent in one status: [startMs, endMs). */
export interface StatusSpan {
  readonly status: string;
  readonly stage: StageOrUnmapped;
  readonly state: FlowState;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ItemFacts {
  /** `createdAt`, or the first change when that precedes it (clock skew between tools). */
  readonly createdAtMs: number;
  /** The commitment point: first entry into a waiting or active state; null if never started. */
  readonly startedAtMs: number | null;
  /** Set only when the current state is done: the last entry into the done state. */
  readonly completedAtMs: number | null;
  readonly currentStatus: string;
  readonly currentStage: StageOrUnmapped;
  readonly currentState: FlowState;
  /** completedAt − createdAt, in milliseconds; null unless complete. */
  readonly leadTimeMs: number | null;
  /** completedAt − startedAt, in milliseconds; null unless complete. */
  readonly flowTimeMs: number | null;
  /** Time in active states between startedAt and completedAt; null unless complete. */
  readonly activeTimeMs: number | null;
  /**
   * Time in each stage from createdAt to completedAt (to the evaluation instant while not
   * complete), in milliseconds. A done status passed through before a reopen counts to its stage.
   */
  readonly timePerStageMs: Readonly<Partial<Record<StageOrUnmapped, number>>>;
  /** Time in each raw status over the same span, in milliseconds. */
  readonly timePerStatusMs: Readonly<Record<string, number>>;
  /** Every status the item was in, in order, the last one running to the evaluation instant. */
  readonly spans: readonly StatusSpan[];
  /**
   * When the item counted as work in progress: from startedAt on, the stretches spent in a waiting
   * or active state, merged, as [startMs, endMs) with endMs null while it still is.
   */
  readonly wipIntervals: readonly (readonly [number, number | null])[];
  /** Data-quality flags (metrics.md §3 and §7). */
  readonly flags: {
    /** The first change precedes `createdAt`; the item is taken to be created at that change. */
    readonly changeBeforeCreation: boolean;
    /** The last change's `to` is not the item's `status` field. */
    readonly statusDisagrees: boolean;
  };
}

const IN_PROGRESS: ReadonlySet<FlowState> = new Set(['waiting', 'active']);

/** Derives an item's facts from its creation, status field and status changes. */
export function computeItemFacts(input: ItemHistoryInput): ItemFacts {
  const changes = orderChanges(input.changes.filter((c) => c.atMs <= input.asOfMs));
  const first = changes[0];
  const changeBeforeCreation = first !== undefined && first.atMs < input.createdAtMs;
  const createdAtMs = changeBeforeCreation ? first.atMs : input.createdAtMs;
  const spans = buildSpans(createdAtMs, first?.from ?? input.status, changes, input);
  const last = spans[spans.length - 1] as StatusSpan;

  const startedSpan = spans.find((s) => IN_PROGRESS.has(s.state));
  let completedAtMs: number | null = null;
  if (last.state === 'done') {
    let i = spans.length - 1;
    while (i > 0 && (spans[i - 1] as StatusSpan).state === 'done') i--;
    completedAtMs = (spans[i] as StatusSpan).startMs;
  }
  // An item that reaches done without ever being started is started when it completes.
  let startedAtMs = startedSpan?.startMs ?? null;
  if (completedAtMs !== null && (startedAtMs === null || startedAtMs > completedAtMs))
    startedAtMs = completedAtMs;

  const endOfHistory = completedAtMs ?? input.asOfMs;
  const timePerStageMs: Partial<Record<StageOrUnmapped, number>> = {};
  const timePerStatusMs: Record<string, number> = {};
  let activeTimeMs = 0;
  for (const span of spans) {
    const duration = overlap(span, createdAtMs, endOfHistory);
    if (duration > 0 || span === last) {
      timePerStageMs[span.stage] = (timePerStageMs[span.stage] ?? 0) + duration;
      timePerStatusMs[span.status] = (timePerStatusMs[span.status] ?? 0) + duration;
    }
    if (span.state === 'active' && startedAtMs !== null)
      activeTimeMs += overlap(span, startedAtMs, endOfHistory);
  }

  const complete = completedAtMs !== null;
  return {
    createdAtMs,
    startedAtMs,
    completedAtMs,
    currentStatus: last.status,
    currentStage: last.stage,
    currentState: last.state,
    leadTimeMs: complete ? (completedAtMs as number) - createdAtMs : null,
    flowTimeMs: complete ? (completedAtMs as number) - (startedAtMs as number) : null,
    activeTimeMs: complete ? activeTimeMs : null,
    timePerStageMs,
    timePerStatusMs,
    spans,
    wipIntervals: startedAtMs === null ? [] : wipIntervals(spans, startedAtMs, input.asOfMs),
    flags: {
      changeBeforeCreation,
      statusDisagrees: changes.length > 0 && last.status !== input.status,
    },
  };
}

/**
 * Canonical order of status changes (metrics.md §3): by time; at the same instant, in chain order
 * (each starts from the status the previous one ended in; for the first, one whose `from` is not
 * another's `to`); what is still tied, by `from`, then `to`.
 */
export function orderChanges(changes: readonly StatusChange[]): StatusChange[] {
  const sorted = [...changes].sort(
    (a, b) => a.atMs - b.atMs || compareText(a.from, b.from) || compareText(a.to, b.to),
  );
  const ordered: StatusChange[] = [];
  let current: string | null = null;
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && (sorted[end] as StatusChange).atMs === (sorted[start] as StatusChange).atMs)
      end++;
    const remaining = sorted.slice(start, end);
    while (remaining.length > 0) {
      const next = pickNext(remaining, current);
      remaining.splice(remaining.indexOf(next), 1);
      ordered.push(next);
      current = next.to;
    }
    start = end;
  }
  return ordered;
}

function pickNext(remaining: readonly StatusChange[], current: string | null): StatusChange {
  // `remaining` is sorted by (from, to), so the first match is the tie-break winner.
  const continuing = current === null ? undefined : remaining.find((c) => c.from === current);
  if (continuing !== undefined) return continuing;
  const chainStart = remaining.find((c) => !remaining.some((other) => other !== c && other.to === c.from));
  return chainStart ?? (remaining[0] as StatusChange);
}

function buildSpans(
  createdAtMs: number,
  initialStatus: string,
  changes: readonly StatusChange[],
  input: ItemHistoryInput,
): StatusSpan[] {
  const spans: StatusSpan[] = [];
  let status = initialStatus;
  let startMs = createdAtMs;
  for (const change of changes) {
    spans.push(span(status, startMs, change.atMs, input));
    status = change.to;
    startMs = change.atMs;
  }
  spans.push(span(status, startMs, Math.max(startMs, input.asOfMs), input));
  return spans;
}

function span(status: string, startMs: number, endMs: number, input: ItemHistoryInput): StatusSpan {
  const { stage, state } = input.classify(status);
  return { status, stage, state, startMs, endMs };
}

function overlap(span: StatusSpan, fromMs: number, toMs: number): number {
  return Math.max(0, Math.min(span.endMs, toMs) - Math.max(span.startMs, fromMs));
}

function wipIntervals(
  spans: readonly StatusSpan[],
  startedAtMs: number,
  asOfMs: number,
): [number, number | null][] {
  const intervals: [number, number | null][] = [];
  const last = spans[spans.length - 1];
  for (const s of spans) {
    if (!IN_PROGRESS.has(s.state) || s.endMs < startedAtMs) continue;
    const start = Math.max(s.startMs, startedAtMs);
    const end = s === last ? null : s.endMs;
    if (end !== null && end <= start && s !== last) continue;
    const previous = intervals[intervals.length - 1];
    if (previous !== undefined && previous[1] === start) previous[1] = end;
    else intervals.push([start, end]);
  }
  return intervals.filter(([start]) => start <= asOfMs);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
