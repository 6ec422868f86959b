import { describe, expect, it } from 'vitest';
import { assign, NOW, snapshot } from '../../test/support/org-rules.js';
import { computeRoleCoverage } from './coverage.js';
import { findOverload } from './overload.js';
import { DEFAULT_OVERLOAD_LIMITS } from './roles.js';

const TEAMS = [
  { id: 't-1', valueStream: 'vs-1' },
  { id: 't-2', valueStream: 'vs-1' },
  { id: 't-3', valueStream: 'vs-1' },
  { id: 't-4', valueStream: 'vs-2' },
  { id: 't-5', valueStream: 'vs-2' },
  { id: 't-6', valueStream: 'vs-3' },
];
const STREAMS = ['vs-1', 'vs-2', 'vs-3'];
const po = (person: string, teams: readonly string[]) =>
  teams.map((team) => assign(person, 'product-owner', { team }));

describe('overload', () => {
  it('a person holding roles in more teams than the limit is overloaded, and why', () => {
    const overloaded = findOverload(
      snapshot([...po('stretched', ['t-1', 't-2', 't-3', 't-4']), ...po('fine', ['t-5', 't-6'])], {
        teams: TEAMS,
        valueStreams: STREAMS,
      }),
      DEFAULT_OVERLOAD_LIMITS,
    );
    expect(overloaded).toEqual([
      {
        person: 'stretched',
        teams: ['t-1', 't-2', 't-3', 't-4'],
        valueStreams: ['vs-1', 'vs-2'],
        rules: ['teams'],
        why: expect.stringMatching(
          /^Name of stretched holds roles in 4 teams \(Team t-1, .*\), more than the limit of 3: /,
        ),
      },
    ]);
  });

  it('the limits are configurable, and exactly the limit is not overload', () => {
    const s = snapshot(po('p', ['t-1', 't-2', 't-3']), { teams: TEAMS, valueStreams: STREAMS });
    expect(findOverload(s, DEFAULT_OVERLOAD_LIMITS)).toEqual([]);
    expect(findOverload(s, { ...DEFAULT_OVERLOAD_LIMITS, maxTeams: 2 }).map((o) => o.person)).toEqual(['p']);
  });

  it('roles in more value streams than the limit, directly or through teams', () => {
    const s = snapshot(
      [
        assign('vsa', 'value-stream-architect', { valueStream: 'vs-1' }),
        assign('vsa', 'value-stream-architect', { valueStream: 'vs-2' }),
        assign('vsa', 'architect', { team: 't-6' }),
      ],
      { teams: TEAMS, valueStreams: STREAMS },
    );
    const [entry] = findOverload(s, DEFAULT_OVERLOAD_LIMITS);
    expect(entry).toMatchObject({
      person: 'vsa',
      teams: ['t-6'],
      valueStreams: ['vs-1', 'vs-2', 'vs-3'],
      rules: ['valueStreams'],
    });
    expect(entry?.why).toMatch(/holds roles in 3 value streams .*more than the limit of 2/);
  });

  it('a facilitator over more than 8 teams is overloaded, counting every team of their value streams', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      id: `t-${i}`,
      valueStream: i < 5 ? 'vs-1' : 'vs-2',
    }));
    const facilitator = [
      assign('dvf', 'dvs-facilitator', { valueStream: 'vs-1' }),
      assign('dvf', 'dvs-facilitator', { valueStream: 'vs-2' }),
    ];
    const overloaded = findOverload(
      snapshot(facilitator, { teams: many, valueStreams: ['vs-1', 'vs-2'] }),
      DEFAULT_OVERLOAD_LIMITS,
    );
    expect(overloaded).toHaveLength(1);
    expect(overloaded[0]).toMatchObject({
      person: 'dvf',
      rules: ['facilitator'],
      valueStreams: ['vs-1', 'vs-2'],
    });
    expect(overloaded[0]?.teams).toHaveLength(9);
    expect(overloaded[0]?.why).toMatch(/facilitates 9 teams, more than 8: /);
    const eight = many.slice(0, 8);
    expect(
      findOverload(
        snapshot(facilitator, { teams: eight, valueStreams: ['vs-1', 'vs-2'] }),
        DEFAULT_OVERLOAD_LIMITS,
      ),
    ).toEqual([]);
  });

  it('ended assignments and archived teams do not count', () => {
    const assignments = [
      ...po('p', ['t-1', 't-2', 't-3']),
      assign('p', 'product-owner', { team: 't-4' }, null, NOW),
      assign('p', 'product-owner', { team: 't-5' }),
    ];
    const teamsWithoutT5 = TEAMS.filter((t) => t.id !== 't-5');
    expect(
      findOverload(
        snapshot(assignments, { teams: teamsWithoutT5, valueStreams: STREAMS }),
        DEFAULT_OVERLOAD_LIMITS,
      ),
    ).toEqual([]);
    expect(
      findOverload(snapshot(assignments, { teams: TEAMS, valueStreams: STREAMS }), DEFAULT_OVERLOAD_LIMITS),
    ).toHaveLength(1);
  });

  it('a value stream’s coverage lists the overloaded people who hold a role in it', () => {
    const coverage = computeRoleCoverage(
      snapshot(po('stretched', ['t-1', 't-2', 't-3', 't-4']), { teams: TEAMS, valueStreams: STREAMS }),
      DEFAULT_OVERLOAD_LIMITS,
    );
    const people = (id: string) =>
      coverage.valueStreams.find((v) => v.valueStream.id === id)?.overloaded.map((o) => o.person);
    expect([people('vs-1'), people('vs-2'), people('vs-3')]).toEqual([['stretched'], ['stretched'], []]);
    expect(coverage.overloaded.map((o) => o.person)).toEqual(['stretched']);
  });
});
