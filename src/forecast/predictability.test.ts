import { describe, expect, it } from 'vitest';
import {
  type CompletionOf,
  type SprintMembership,
  type SprintOutcome,
  sprintOutcome,
  summarisePredictability,
} from './predictability.js';

const DAY = 86_400_000;
const START = Date.UTC(2025, 2, 3, 9);
const END = START + 14 * DAY;

const m = (item: string, addedDay: number, removedDay: number | null = null): SprintMembership => ({
  item,
  addedMs: START + addedDay * DAY,
  removedMs: removedDay === null ? null : START + removedDay * DAY,
});

function completions(done: Record<string, number | null | undefined>): CompletionOf {
  return (item) => {
    if (!(item in done)) return undefined;
    const day = done[item];
    return day === null || day === undefined ? null : START + day * DAY;
  };
}

describe('sprintOutcome', () => {
  it('counts planned, added, removed and delivered items of a sprint', () => {
    const outcome = sprintOutcome(
      {
        startMs: START,
        endMs: END,
        completedMs: null,
        memberships: [
          m('A', -3), // planned, done on day 5: delivered
          m('B', -1), // planned, done on day 14 (the end itself): delivered
          m('C', -2), // planned, never done: carried over
          m('D', -2, 4), // planned, removed on day 4: removed
          m('E', 2), // added on day 2, done on day 6: completed, not delivered
          m('F', 3, 8), // added then removed
          m('G', -5), // planned, done on day 15 (after the end): not delivered
          m('H', 0), // added exactly at the start: planned; done on day 1
          m('I', -10, -1), // out before the start: not in the sprint
        ],
      },
      completions({ A: 5, B: 14, C: null, D: 6, E: 6, F: 9, G: 15, H: 1, I: 3 }),
    );
    expect(outcome).toEqual<SprintOutcome>({
      closeMs: END,
      planned: 6, // A B C D G H
      added: 2, // E F
      removed: 2, // D F
      delivered: 3, // A B H
      completed: 4, // + E
      notDelivered: 2, // C G
      doneBeforeStart: 0,
      excluded: 0,
      ratio: 0.5,
      completionRatio: 4 / 6,
    });
  });

  it('measures a closed sprint at its close and treats work moved out at the close as carried over', () => {
    const closed = START + 15 * DAY;
    const outcome = sprintOutcome(
      {
        startMs: START,
        endMs: END,
        completedMs: closed,
        memberships: [m('A', -1), { item: 'B', addedMs: START - DAY, removedMs: closed }, m('C', -1)],
      },
      completions({ A: 14.5, B: null, C: 15 }),
    );
    expect(outcome).toMatchObject({ planned: 3, removed: 0, delivered: 2, notDelivered: 1, ratio: 2 / 3 });
  });

  it('follows an item out of and back into the sprint', () => {
    const outcome = sprintOutcome(
      {
        startMs: START,
        endMs: END,
        completedMs: null,
        memberships: [m('A', -1, 2), m('A', 5), m('B', 1, 3), m('B', 6, 7)],
      },
      completions({ A: 10, B: 2 }),
    );
    // A: planned, out on day 2, back on day 5, done on day 10: delivered. B: added, out again.
    expect(outcome).toMatchObject({ planned: 1, added: 1, removed: 1, delivered: 1, completed: 1 });
  });

  it('leaves out items done before the start, containers and unknown items', () => {
    const outcome = sprintOutcome(
      {
        startMs: START,
        endMs: END,
        completedMs: null,
        memberships: [m('done', -4), m('epic', -4), m('gone', -4), m('A', -1)],
      },
      (item) => (item === 'done' ? START - DAY : item === 'A' ? null : undefined),
    );
    expect(outcome).toMatchObject({ planned: 1, doneBeforeStart: 1, excluded: 2, delivered: 0, ratio: 0 });
  });

  it('has no ratio, not NaN, when nothing was planned', () => {
    const outcome = sprintOutcome(
      { startMs: START, endMs: END, completedMs: null, memberships: [m('A', 2)] },
      completions({ A: 3 }),
    );
    expect(outcome).toMatchObject({ planned: 0, added: 1, completed: 1, ratio: null, completionRatio: null });
    const empty = sprintOutcome(
      { startMs: START, endMs: END, completedMs: null, memberships: [] },
      () => null,
    );
    expect(empty.ratio).toBeNull();
  });
});

describe('summarisePredictability', () => {
  const outcome = (planned: number, delivered: number): SprintOutcome => ({
    closeMs: END,
    planned,
    added: 1,
    removed: 0,
    delivered,
    completed: delivered,
    notDelivered: planned - delivered,
    doneBeforeStart: 0,
    excluded: 0,
    ratio: planned === 0 ? null : delivered / planned,
    completionRatio: planned === 0 ? null : delivered / planned,
  });

  it('gives the mean, median and band of the ratios, leaving out sprints without a plan', () => {
    const summary = summarisePredictability([
      outcome(10, 9),
      outcome(10, 5),
      outcome(4, 4),
      outcome(0, 0),
      outcome(5, 4),
    ]);
    expect(summary).toEqual({
      sprints: 5,
      measured: 4,
      meanRatio: (0.9 + 0.5 + 1 + 0.8) / 4,
      medianRatio: (0.8 + 0.9) / 2,
      minRatio: 0.5,
      maxRatio: 1,
      inBand: 3,
      band: { low: 0.8, high: 1 },
      planned: 29,
      delivered: 22,
      added: 5,
      removed: 0,
    });
  });

  it('has null statistics, not NaN, without any measured sprint', () => {
    const summary = summarisePredictability([outcome(0, 0)]);
    expect(summary).toMatchObject({ measured: 0, meanRatio: null, medianRatio: null, inBand: 0 });
    expect(summarisePredictability([])).toMatchObject({ sprints: 0, meanRatio: null });
  });

  it('takes the middle ratio for an odd count', () => {
    expect(summarisePredictability([outcome(4, 1), outcome(4, 3), outcome(4, 4)]).medianRatio).toBe(0.75);
  });
});
