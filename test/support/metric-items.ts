/**
 * A small hand-computed example for the metric tests: five items of one team over days d0…d12 from
 * Monday 2025-01-06 00:00 UTC, in a Jira-like workflow. Each test states what it derives from them.
 *
 * A (feature) Backlog → In Progress d1 → Done d3; B (defect) → Ready d2 → In Progress d4 → Done d5;
 * C (feature) → In Progress d1, still in progress; D (debt) → In Progress d2 → Done d12;
 * E (risk) → Ready d1 → Won't Do d6.
 */
import type { FlowType } from '../../src/domain/index.js';
import type { DetailedFlowItem } from '../../src/metrics/index.js';
import { computeItemFacts, type StatusClass } from '../../src/metrics/index.js';

export const DAY = 86_400_000;
/** A Monday, 00:00 UTC. */
export const T0 = Date.UTC(2025, 0, 6);
/** The instant `days` days after T0. */
export const d = (days: number) => T0 + days * DAY;

const MAPPING: Record<string, StatusClass> = {
  Backlog: { stage: 'ideate', state: 'new' },
  Ready: { stage: 'create', state: 'waiting' },
  'In Progress': { stage: 'create', state: 'active' },
  'In Review': { stage: 'create', state: 'active' },
  'Awaiting Deploy': { stage: 'release', state: 'waiting' },
  Done: { stage: 'release', state: 'done' },
  Closed: { stage: 'operate', state: 'done' },
  "Won't Do": { stage: 'create', state: 'cancelled' },
};

/** The example mapping; any other status is unmapped (waiting, stage `unmapped`). */
export const classify = (status: string): StatusClass =>
  MAPPING[status] ?? { stage: 'unmapped', state: 'waiting' };

/** An item created at d0 in Backlog with the given changes `[day, from, to]`, evaluated at d30. */
export function sampleItem(
  id: string,
  flowType: FlowType,
  changes: [number, string, string][],
): DetailedFlowItem {
  const facts = computeItemFacts({
    createdAtMs: d(0),
    status: changes.at(-1)?.[2] ?? 'Backlog',
    changes: changes.map(([day, from, to]) => ({ atMs: d(day), from, to })),
    classify,
    asOfMs: d(30),
  });
  return { id, facts, flowType };
}

export const A = sampleItem('A', 'feature', [
  [1, 'Backlog', 'In Progress'],
  [3, 'In Progress', 'Done'],
]);
export const B = sampleItem('B', 'defect', [
  [2, 'Backlog', 'Ready'],
  [4, 'Ready', 'In Progress'],
  [5, 'In Progress', 'Done'],
]);
export const C = sampleItem('C', 'feature', [[1, 'Backlog', 'In Progress']]);
export const D = sampleItem('D', 'debt', [
  [2, 'Backlog', 'In Progress'],
  [12, 'In Progress', 'Done'],
]);
export const E = sampleItem('E', 'risk', [
  [1, 'Backlog', 'Ready'],
  [6, 'Ready', "Won't Do"],
]);
/** The period the examples are computed for: [d0, d10). */
export const PERIOD = { fromMs: d(0), toMs: d(10) };
