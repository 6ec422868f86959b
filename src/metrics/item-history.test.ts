import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, DAY, d } from '../../test/support/metric-items.js';
import { computeItemFacts, type ItemHistoryInput, orderChanges, type StatusChange } from './item-history.js';

function facts(changes: [number, string, string][], options: Partial<ItemHistoryInput> = {}) {
  return computeItemFacts({
    createdAtMs: d(0),
    status: changes.at(-1)?.[2] ?? 'Backlog',
    changes: changes.map(([day, from, to]) => ({ atMs: d(day), from, to })),
    classify,
    asOfMs: d(30),
    ...options,
  });
}

describe('one item’s history (metrics.md §3)', () => {
  it('a straight path: started at commitment, completed on entering done, times per stage and state', () => {
    const f = facts([
      [1, 'Backlog', 'Ready'],
      [2, 'Ready', 'In Progress'],
      [4, 'In Progress', 'Awaiting Deploy'],
      [5, 'Awaiting Deploy', 'Done'],
    ]);
    expect(f.startedAtMs).toBe(d(1));
    expect(f.completedAtMs).toBe(d(5));
    expect(f.leadTimeMs).toBe(5 * DAY);
    expect(f.flowTimeMs).toBe(4 * DAY);
    expect(f.activeTimeMs).toBe(2 * DAY);
    expect(f.timePerStageMs).toEqual({ ideate: DAY, create: 3 * DAY, release: DAY });
    expect(f.timePerStatusMs).toEqual({
      Backlog: DAY,
      Ready: DAY,
      'In Progress': 2 * DAY,
      'Awaiting Deploy': DAY,
      Done: 0,
    });
    expect(f.wipIntervals).toEqual([[d(1), d(5)]]);
    expect([f.currentStatus, f.currentStage, f.currentState]).toEqual(['Done', 'release', 'done']);
  });

  it('a reopened item is complete only when done again; the done time before the reopen counts to its stage', () => {
    const f = facts([
      [1, 'Backlog', 'In Progress'],
      [3, 'In Progress', 'Done'],
      [4, 'Done', 'In Progress'],
      [6, 'In Progress', 'Done'],
    ]);
    expect(f.completedAtMs).toBe(d(6));
    expect(f.flowTimeMs).toBe(5 * DAY);
    expect(f.activeTimeMs).toBe(4 * DAY);
    expect(f.timePerStageMs).toEqual({ ideate: DAY, create: 4 * DAY, release: DAY });
    expect(f.wipIntervals).toEqual([
      [d(1), d(3)],
      [d(4), d(6)],
    ]);
    const reopened = facts([
      [1, 'Backlog', 'In Progress'],
      [3, 'In Progress', 'Done'],
      [4, 'Done', 'In Progress'],
    ]);
    expect(reopened.completedAtMs).toBeNull();
    expect(reopened.flowTimeMs).toBeNull();
    expect(reopened.wipIntervals).toEqual([
      [d(1), d(3)],
      [d(4), null],
    ]);
  });

  it('a move between two done statuses (Done → Closed) does not restart completion', () => {
    const f = facts([
      [2, 'Backlog', 'In Progress'],
      [4, 'In Progress', 'Done'],
      [9, 'Done', 'Closed'],
    ]);
    expect(f.completedAtMs).toBe(d(4));
    expect(f.leadTimeMs).toBe(4 * DAY);
  });

  it('an item created in done with no changes is complete at creation; started = completed', () => {
    const f = facts([], { status: 'Done' });
    expect([f.startedAtMs, f.completedAtMs, f.leadTimeMs, f.flowTimeMs]).toEqual([d(0), d(0), 0, 0]);
  });

  it('an item that reaches done without being started is started when it completes', () => {
    const f = facts([[3, 'Backlog', 'Done']]);
    expect([f.startedAtMs, f.completedAtMs, f.flowTimeMs, f.leadTimeMs, f.activeTimeMs]).toEqual([
      d(3),
      d(3),
      0,
      3 * DAY,
      0,
    ]);
    expect(f.wipIntervals).toEqual([]);
  });

  it('an item created in an active status is started at creation and in progress until the evaluation instant', () => {
    const f = facts([], { status: 'In Progress', asOfMs: d(7) });
    expect(f.startedAtMs).toBe(d(0));
    expect(f.completedAtMs).toBeNull();
    expect(f.wipIntervals).toEqual([[d(0), null]]);
    expect(f.timePerStatusMs).toEqual({ 'In Progress': 7 * DAY });
  });

  it('a cancelled item is neither complete nor in progress, and leaves the work in progress at cancellation', () => {
    const f = facts([
      [1, 'Backlog', 'Ready'],
      [3, 'Ready', "Won't Do"],
    ]);
    expect(f.completedAtMs).toBeNull();
    expect(f.currentState).toBe('cancelled');
    expect(f.wipIntervals).toEqual([[d(1), d(3)]]);
  });

  it('an unmapped status counts as waiting in stage unmapped', () => {
    const f = facts([
      [1, 'Backlog', 'Parked'],
      [3, 'Parked', 'In Progress'],
      [4, 'In Progress', 'Done'],
    ]);
    expect(f.startedAtMs).toBe(d(1));
    expect(f.timePerStageMs).toEqual({ ideate: DAY, unmapped: 2 * DAY, create: DAY, release: 0 });
  });

  it('a first change before createdAt moves creation to it and is flagged', () => {
    const f = facts([[-2, 'Backlog', 'In Progress']], { createdAtMs: d(0) });
    expect(f.createdAtMs).toBe(d(-2));
    expect(f.flags.changeBeforeCreation).toBe(true);
    expect(f.startedAtMs).toBe(d(-2));
  });

  it('flags a last change that disagrees with the item’s status field', () => {
    expect(facts([[1, 'Backlog', 'Ready']], { status: 'In Progress' }).flags.statusDisagrees).toBe(true);
    expect(facts([[1, 'Backlog', 'Ready']]).flags.statusDisagrees).toBe(false);
  });

  it('ignores changes after the evaluation instant', () => {
    const f = facts(
      [
        [1, 'Backlog', 'In Progress'],
        [9, 'In Progress', 'Done'],
      ],
      { asOfMs: d(5) },
    );
    expect(f.completedAtMs).toBeNull();
    expect(f.currentStatus).toBe('In Progress');
  });
});

describe('order of changes at the same instant (metrics.md §3)', () => {
  const at = d(1);
  it('follows the chain: each change starts where the previous one ended', () => {
    const ordered = orderChanges([
      { atMs: at, from: 'Ready', to: 'In Progress' },
      { atMs: at, from: 'Backlog', to: 'Ready' },
    ]);
    expect(ordered.map((c) => `${c.from}→${c.to}`)).toEqual(['Backlog→Ready', 'Ready→In Progress']);
  });

  it('continues from the status an earlier change ended in (a same-second flip-flop)', () => {
    const ordered = orderChanges([
      { atMs: d(0), from: 'Backlog', to: 'Ready' },
      { atMs: at, from: 'In Progress', to: 'Ready' },
      { atMs: at, from: 'Ready', to: 'In Progress' },
    ]);
    expect(ordered.map((c) => c.to)).toEqual(['Ready', 'In Progress', 'Ready']);
  });

  it('breaks what is still tied by from, then to', () => {
    const ordered = orderChanges([
      { atMs: at, from: 'B', to: 'Y' },
      { atMs: at, from: 'A', to: 'Z' },
      { atMs: at, from: 'A', to: 'X' },
    ]);
    expect(ordered.map((c) => `${c.from}→${c.to}`)).toEqual(['A→X', 'A→Z', 'B→Y']);
  });

  it('gives the same facts for any arrival order of the same changes', () => {
    const statuses = ['Backlog', 'Ready', 'In Progress', 'Done', 'Parked'];
    const change = fc.record({
      atMs: fc.integer({ min: 0, max: 6 }).map((n) => d(n)),
      from: fc.constantFrom(...statuses),
      to: fc.constantFrom(...statuses),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), fc.integer(), (changes: StatusChange[], seed) => {
        const shuffled = [...changes].sort(
          (a, b) =>
            ((seed ^ (a.atMs + a.from.length * 7 + a.to.length)) & 3) -
            ((seed ^ (b.atMs + b.from.length * 7 + b.to.length)) & 3),
        );
        const input = { createdAtMs: d(0), status: 'Backlog', classify, asOfMs: d(10) };
        expect(computeItemFacts({ ...input, changes: shuffled })).toEqual(
          computeItemFacts({ ...input, changes }),
        );
      }),
    );
  });
});
