/**
 * Where a team, a value stream or a service belonged over time (docs/organisation.md, "History").
 * An entity has a current parent (a team's value stream, a value stream's portfolio, a service's
 * team) and the past parents its moves left behind: each past parent holds from the previous move
 * (or the beginning of time) until the move that ended it. Pure; instants in epoch milliseconds,
 * ±Infinity for the open ends.
 */

/** A parent the entity had until `toMs` (exclusive), since its previous move. */
export interface PastParent {
  readonly parent: string | null;
  readonly toMs: number;
}

/** The entity belonged to `parent` during [fromMs, toMs). */
export interface Segment {
  readonly fromMs: number;
  readonly toMs: number;
  readonly parent: string | null;
}

/** A half-open interval of time [from, to). */
export type Window = readonly [fromMs: number, toMs: number];

/** The whole of time, as one window. */
export const ALWAYS: readonly Window[] = Object.freeze([
  [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
]);

/**
 * The entity's parents over all time, in order and without gaps: the past parents (by their end),
 * then the current one from the last move on. Past parents are taken in order of `toMs`; two with
 * the same end keep the first.
 */
export function timelineOf(current: string | null, past: readonly PastParent[]): Segment[] {
  const sorted = [...past].sort((a, b) => a.toMs - b.toMs);
  const segments: Segment[] = [];
  let fromMs = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    if (!(p.toMs > fromMs)) continue;
    segments.push({ fromMs, toMs: p.toMs, parent: p.parent });
    fromMs = p.toMs;
  }
  segments.push({ fromMs, toMs: Number.POSITIVE_INFINITY, parent: current });
  return segments;
}

/** The parent at instant t (the segment holding t). */
export function parentAt(segments: readonly Segment[], t: number): string | null {
  for (const s of segments) if (t >= s.fromMs && t < s.toMs) return s.parent;
  return segments.at(-1)?.parent ?? null;
}

/** The windows in which the parent is one that `keep` accepts, merged where they touch. */
export function windowsWhere(
  segments: readonly Segment[],
  keep: (parent: string | null) => boolean,
): Window[] {
  const windows: [number, number][] = [];
  for (const s of segments) {
    if (!keep(s.parent)) continue;
    const last = windows.at(-1);
    if (last !== undefined && last[1] === s.fromMs) last[1] = s.toMs;
    else windows.push([s.fromMs, s.toMs]);
  }
  return windows;
}

/** The intersection of two sorted lists of disjoint windows. */
export function intersectWindows(a: readonly Window[], b: readonly Window[]): Window[] {
  const out: Window[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [a0, a1] = a[i] as Window;
    const [b0, b1] = b[j] as Window;
    const from = Math.max(a0, b0);
    const to = Math.min(a1, b1);
    if (from < to) out.push([from, to]);
    if (a1 < b1) i++;
    else j++;
  }
  return out;
}

/** Whether the windows hold instant t. */
export function isWithin(windows: readonly Window[], t: number): boolean {
  for (const [from, to] of windows) {
    if (t < from) return false;
    if (t < to) return true;
  }
  return false;
}

/** Whether the windows are the whole of time. */
export function isAlways(windows: readonly Window[]): boolean {
  const only = windows[0];
  return (
    windows.length === 1 &&
    only !== undefined &&
    only[0] === Number.NEGATIVE_INFINITY &&
    only[1] === Number.POSITIVE_INFINITY
  );
}

/** The timelines of an organisation: teams in value streams, value streams in portfolios, services in teams. */
export interface OrgTimelines {
  readonly teams: ReadonlyMap<string, readonly Segment[]>;
  readonly valueStreams: ReadonlyMap<string, readonly Segment[]>;
  readonly services: ReadonlyMap<string, readonly Segment[]>;
}

/**
 * For each team that ever belonged to the value stream, when it did. A team that always did maps
 * to ALWAYS.
 */
export function teamWindowsInValueStream(
  timelines: OrgTimelines,
  valueStream: string,
): Map<string, Window[]> {
  const result = new Map<string, Window[]>();
  for (const [team, segments] of timelines.teams) {
    const windows = windowsWhere(segments, (parent) => parent === valueStream);
    if (windows.length > 0) result.set(team, windows);
  }
  return result;
}

/**
 * For each team that ever belonged to the portfolio (through a value stream that belonged to it at
 * the same time), when it did.
 */
export function teamWindowsInPortfolio(timelines: OrgTimelines, portfolio: string): Map<string, Window[]> {
  const streamWindows = new Map<string, Window[]>();
  for (const [stream, segments] of timelines.valueStreams) {
    const windows = windowsWhere(segments, (parent) => parent === portfolio);
    if (windows.length > 0) streamWindows.set(stream, windows);
  }
  const result = new Map<string, Window[]>();
  for (const [team, segments] of timelines.teams) {
    const windows: Window[] = [];
    for (const s of segments) {
      const inPortfolio = s.parent === null ? undefined : streamWindows.get(s.parent);
      if (inPortfolio === undefined) continue;
      for (const w of intersectWindows([[s.fromMs, s.toMs]], inPortfolio)) {
        const last = windows.at(-1);
        if (last !== undefined && last[1] === w[0]) windows[windows.length - 1] = [last[0], w[1]];
        else windows.push(w);
      }
    }
    if (windows.length > 0) result.set(team, windows);
  }
  return result;
}

/** Why a move at `atMs` cannot be recorded, or null when it can (moves are appended in time order). */
export function checkMoveInstant(past: readonly PastParent[], atMs: number, nowMs: number): string | null {
  if (!Number.isFinite(atMs)) return 'is not an instant';
  if (atMs > nowMs) return 'is in the future: a move takes effect at the latest now';
  const last = past.reduce((max, p) => Math.max(max, p.toMs), Number.NEGATIVE_INFINITY);
  if (atMs <= last) return 'is not after the previous move; moves are recorded in time order';
  return null;
}
