/**
 * Flow predictability: what a team planned for a sprint (or planning interval) against what it
 * delivered (docs/metrics.md, "Flow predictability"). Per sprint, from its dates and the history of
 * its membership:
 *
 * - the sprint runs from `start` to its close — `completedAt` when it was closed, else its planned
 *   `end`;
 * - **planned** — items in the sprint at its start (added at or before it, not removed by then) and
 *   not already complete at the start;
 * - **added** — items not in the sprint at its start that joined it after the start and before the
 *   close (scope added);
 * - **removed** — planned or added items taken out before the close and not back in by then (scope
 *   removed; an item moved out at the close itself, as a tracker does with unfinished work, is
 *   carried over, not removed);
 * - **delivered** — planned items complete at or before the close and not removed;
 *   **completed** — delivered plus the added items completed in the sprint;
 * - **ratio** — delivered ÷ planned (null when nothing was planned, never NaN); **completion
 *   ratio** — completed ÷ planned (can exceed 1).
 *
 * Completion is the metrics engine's (metrics.md §3: the last time the item entered `done`, only
 * while it is done); items that are not flow items (containers) or not known are left out and
 * counted under `excluded`. Across sprints: the mean and median ratio and how many sprints are in the
 * predictability band — 80 % to 100 % of the plan delivered, the band commonly called "predictable".
 * Pure and deterministic.
 */

/** The band of ratios called predictable: 80 % to 100 % of the planned items delivered. */
export const PREDICTABILITY_BAND = { low: 0.8, high: 1 } as const;

export interface SprintMembership {
  readonly item: string;
  readonly addedMs: number;
  /** Null while the item is still in the sprint. */
  readonly removedMs: number | null;
}

export interface SprintInput {
  readonly startMs: number;
  /** The planned end. */
  readonly endMs: number;
  /** When the sprint was closed; null while it is not. */
  readonly completedMs: number | null;
  readonly memberships: readonly SprintMembership[];
}

/**
 * What the metric needs to know of an item: its completion instant (null: not complete), or
 * undefined for an item it must leave out (a container, or an item the store does not have).
 */
export type CompletionOf = (item: string) => number | null | undefined;

export interface SprintOutcome {
  /** The instant the sprint is measured at: its close, or its planned end when not closed. */
  readonly closeMs: number;
  readonly planned: number;
  readonly added: number;
  readonly removed: number;
  readonly delivered: number;
  readonly completed: number;
  /** Planned items neither delivered nor removed: carried over (or still open). */
  readonly notDelivered: number;
  /** Planned items already complete at the start (not counted as planned). */
  readonly doneBeforeStart: number;
  /** Members left out: containers, or items the store does not have. */
  readonly excluded: number;
  readonly ratio: number | null;
  readonly completionRatio: number | null;
}

export interface PredictabilitySummary {
  readonly sprints: number;
  /** Sprints with something planned (a ratio). */
  readonly measured: number;
  readonly meanRatio: number | null;
  readonly medianRatio: number | null;
  readonly minRatio: number | null;
  readonly maxRatio: number | null;
  /** Measured sprints whose ratio is in the band. */
  readonly inBand: number;
  readonly band: { readonly low: number; readonly high: number };
  readonly planned: number;
  readonly delivered: number;
  readonly added: number;
  readonly removed: number;
}

/** Whether one of the stretches is in the sprint at `at` (added at or before, removed after). */
function inAt(stretches: readonly SprintMembership[], at: number): boolean {
  return stretches.some((s) => s.addedMs <= at && (s.removedMs === null || s.removedMs > at));
}

/** Planned, added, removed and delivered items of one sprint. */
export function sprintOutcome(sprint: SprintInput, completionOf: CompletionOf): SprintOutcome {
  const startMs = sprint.startMs;
  // A sprint closed before its start (bad data) is measured at its start.
  const closeMs = Math.max(startMs, sprint.completedMs ?? sprint.endMs);
  const byItem = new Map<string, SprintMembership[]>();
  for (const m of sprint.memberships) {
    const list = byItem.get(m.item);
    if (list === undefined) byItem.set(m.item, [m]);
    else list.push(m);
  }
  let planned = 0;
  let added = 0;
  let removed = 0;
  let delivered = 0;
  let removedPlanned = 0;
  let addedCompleted = 0;
  let doneBeforeStart = 0;
  let excluded = 0;
  for (const [item, stretches] of byItem) {
    const atStart = inAt(stretches, startMs);
    const joinedLater = stretches.some((s) => s.addedMs > startMs && s.addedMs < closeMs);
    if (!atStart && !joinedLater) continue; // only before the start, or only after the close
    const completedMs = completionOf(item);
    if (completedMs === undefined) {
      excluded++;
      continue;
    }
    // Still in at the close, or moved out exactly at the close (carried over).
    const atClose =
      inAt(stretches, closeMs) || stretches.some((s) => s.removedMs === closeMs && s.addedMs < closeMs);
    const done = completedMs !== null && completedMs <= closeMs;
    if (atStart) {
      if (completedMs !== null && completedMs <= startMs) {
        doneBeforeStart++;
        continue;
      }
      planned++;
      if (!atClose) {
        removed++;
        removedPlanned++;
      } else if (done) delivered++;
    } else {
      added++;
      if (!atClose) removed++;
      else if (done && (completedMs as number) > startMs) addedCompleted++;
    }
  }
  return {
    closeMs,
    planned,
    added,
    removed,
    delivered,
    completed: delivered + addedCompleted,
    notDelivered: planned - delivered - removedPlanned,
    doneBeforeStart,
    excluded,
    ratio: planned === 0 ? null : delivered / planned,
    completionRatio: planned === 0 ? null : (delivered + addedCompleted) / planned,
  };
}

/** The mean, median and band of the sprints' ratios (sprints without a plan have none). */
export function summarisePredictability(outcomes: readonly SprintOutcome[]): PredictabilitySummary {
  const ratios = outcomes
    .map((o) => o.ratio)
    .filter((r): r is number => r !== null)
    .sort((a, b) => a - b);
  const sum = (f: (o: SprintOutcome) => number) => outcomes.reduce((total, o) => total + f(o), 0);
  const n = ratios.length;
  const middle = Math.floor(n / 2);
  return {
    sprints: outcomes.length,
    measured: n,
    meanRatio: n === 0 ? null : ratios.reduce((a, b) => a + b, 0) / n,
    medianRatio:
      n === 0
        ? null
        : n % 2 === 1
          ? (ratios[middle] as number)
          : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2,
    minRatio: n === 0 ? null : (ratios[0] as number),
    maxRatio: n === 0 ? null : (ratios[n - 1] as number),
    inBand: ratios.filter((r) => r >= PREDICTABILITY_BAND.low && r <= PREDICTABILITY_BAND.high).length,
    band: { ...PREDICTABILITY_BAND },
    planned: sum((o) => o.planned),
    delivered: sum((o) => o.delivered),
    added: sum((o) => o.added),
    removed: sum((o) => o.removed),
  };
}
