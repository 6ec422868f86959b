import { describe, expect, it } from 'vitest';
import {
  ALWAYS,
  checkMoveInstant,
  intersectWindows,
  isAlways,
  isWithin,
  type OrgTimelines,
  parentAt,
  type Segment,
  teamWindowsInPortfolio,
  teamWindowsInValueStream,
  timelineOf,
} from './timeline.js';

const INF = Number.POSITIVE_INFINITY;

describe('timelines', () => {
  it('a team that never moved belongs to its current value stream at all times', () => {
    const segments = timelineOf('vs-a', []);
    expect(segments).toEqual([{ fromMs: -INF, toMs: INF, parent: 'vs-a' }]);
    expect(parentAt(segments, 0)).toBe('vs-a');
  });

  it('past parents hold until their move, in time order, whatever order they are given in', () => {
    const segments = timelineOf('vs-c', [
      { parent: 'vs-b', toMs: 200 },
      { parent: 'vs-a', toMs: 100 },
    ]);
    expect(segments).toEqual([
      { fromMs: -INF, toMs: 100, parent: 'vs-a' },
      { fromMs: 100, toMs: 200, parent: 'vs-b' },
      { fromMs: 200, toMs: INF, parent: 'vs-c' },
    ]);
    expect([99, 100, 199, 200].map((t) => parentAt(segments, t))).toEqual(['vs-a', 'vs-b', 'vs-b', 'vs-c']);
  });

  it('windows of a team in a value stream it left and came back to', () => {
    const teams = new Map<string, Segment[]>([
      [
        't-1',
        timelineOf('vs-a', [
          { parent: 'vs-a', toMs: 100 },
          { parent: 'vs-b', toMs: 200 },
        ]),
      ],
      ['t-2', timelineOf('vs-b', [])],
    ]);
    const timelines: OrgTimelines = { teams, valueStreams: new Map(), services: new Map() };
    const inA = teamWindowsInValueStream(timelines, 'vs-a');
    expect(inA.get('t-1')).toEqual([
      [-INF, 100],
      [200, INF],
    ]);
    expect(inA.has('t-2')).toBe(false);
    expect(isAlways(teamWindowsInValueStream(timelines, 'vs-b').get('t-2') ?? [])).toBe(true);
    expect(isWithin(inA.get('t-1') ?? [], 150)).toBe(false);
    expect(isWithin(inA.get('t-1') ?? [], 200)).toBe(true);
  });

  it('a team is in a portfolio while its value stream is, at the same time', () => {
    const timelines: OrgTimelines = {
      teams: new Map([['t-1', timelineOf('vs-b', [{ parent: 'vs-a', toMs: 100 }])]]),
      valueStreams: new Map([
        ['vs-a', timelineOf('p-1', [])],
        ['vs-b', timelineOf('p-1', [{ parent: 'p-2', toMs: 150 }])],
      ]),
      services: new Map(),
    };
    expect(teamWindowsInPortfolio(timelines, 'p-1').get('t-1')).toEqual([
      [-INF, 100],
      [150, INF],
    ]);
    expect(teamWindowsInPortfolio(timelines, 'p-2').get('t-1')).toEqual([[100, 150]]);
  });

  it('intersects windows', () => {
    expect(
      intersectWindows(
        [
          [0, 10],
          [20, 30],
        ],
        [[5, 25]],
      ),
    ).toEqual([
      [5, 10],
      [20, 25],
    ]);
    expect(intersectWindows(ALWAYS, [[1, 2]])).toEqual([[1, 2]]);
  });

  it('a move must be after the previous one and not in the future', () => {
    const past = [{ parent: 'vs-a', toMs: 100 }];
    expect(checkMoveInstant(past, 100, 1000)).toMatch(/not after the previous move/);
    expect(checkMoveInstant(past, 1001, 1000)).toMatch(/future/);
    expect(checkMoveInstant(past, 500, 1000)).toBeNull();
  });
});
