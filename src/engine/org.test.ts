/**
 * Scopes as a principal restricted to one value stream resolves them (`resolveWithin`), and the
 * organisation and tree it sees (`orgWithin`, `orgTreeWithin`): docs/security.md, "Value-stream
 * access".
 */
import { describe, expect, it } from 'vitest';
import { isFlowlensError } from '../domain/index.js';
import { timelineOf } from '../org/index.js';
import { type OrgModel, orgTreeWithin, orgWithin, resolveScope, resolveWithin } from './org.js';

const MOVE = Date.UTC(2025, 0, 10);

/** vs-a: t-a always, t-in (moved in from vs-b at MOVE), t-out moved out to vs-b at MOVE; vs-b: t-b. */
const ORG: OrgModel = {
  portfolios: [{ id: 'pf', name: 'Portfolio' }],
  valueStreams: [
    { id: 'vs-a', name: 'A', portfolio: 'pf' },
    { id: 'vs-b', name: 'B', portfolio: 'pf' },
  ],
  teams: [
    { id: 't-a', name: 'TA', valueStream: 'vs-a' },
    { id: 't-b', name: 'TB', valueStream: 'vs-b' },
    { id: 't-in', name: 'In', valueStream: 'vs-a' },
    { id: 't-out', name: 'Out', valueStream: 'vs-b' },
  ],
  services: [
    { id: 's-a', name: 'SA', team: 't-a' },
    { id: 's-b', name: 'SB', team: 't-b' },
  ],
  timelines: {
    teams: new Map([
      ['t-a', timelineOf('vs-a', [])],
      ['t-b', timelineOf('vs-b', [])],
      ['t-in', timelineOf('vs-a', [{ parent: 'vs-b', toMs: MOVE }])],
      ['t-out', timelineOf('vs-b', [{ parent: 'vs-a', toMs: MOVE }])],
    ]),
    valueStreams: new Map([
      ['vs-a', timelineOf('pf', [])],
      ['vs-b', timelineOf('pf', [])],
    ]),
    services: new Map([
      ['s-a', timelineOf('t-a', [])],
      ['s-b', timelineOf('t-b', [])],
    ]),
  },
  archived: new Set(['team:t-b']),
};

/** The error a call throws: its code and its message with `id` replaced. */
function failure(call: () => unknown, id: string): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    if (!isFlowlensError(error)) throw error;
    return { code: error.code, message: error.message.split(id).join('<id>') };
  }
  throw new Error('expected an error');
}

describe('resolveWithin', () => {
  it('no scope is the value stream, resolved as for anyone asking for it', () => {
    const within = resolveWithin(ORG, {}, 'vs-a');
    expect(within).toEqual({ ...resolveScope(ORG, { valueStream: 'vs-a' }, new Set()) });
    expect(within.scope).toEqual({ valueStream: 'vs-a' });
    expect(within.teams).toEqual(['t-a', 't-in', 't-out']);
    expect(resolveWithin(ORG, { valueStream: 'vs-a' }, 'vs-a')).toEqual(within);
  });

  it('a team of the value stream counts only while it belonged to it', () => {
    expect(resolveWithin(ORG, { team: 't-a' }, 'vs-a')).toEqual({
      scope: { team: 't-a' },
      teams: ['t-a'],
      windows: new Map(),
    });
    expect(resolveWithin(ORG, { team: 't-in' }, 'vs-a').windows).toEqual(
      new Map([['t-in', [[MOVE, Number.POSITIVE_INFINITY]]]]),
    );
    expect(resolveWithin(ORG, { team: 't-out' }, 'vs-a').windows).toEqual(
      new Map([['t-out', [[Number.NEGATIVE_INFINITY, MOVE]]]]),
    );
    // Unrestricted, a team counts all the time.
    expect(resolveScope(ORG, { team: 't-in' }, new Set()).windows).toEqual(new Map());
  });

  it('outside the value stream and unknown are the same NOT_FOUND, naming nothing outside', () => {
    const team = failure(() => resolveWithin(ORG, { team: 't-b' }, 'vs-a'), 't-b');
    expect(team).toEqual(failure(() => resolveWithin(ORG, { team: 't-zz' }, 'vs-a'), 't-zz'));
    expect(team).toEqual({
      code: 'NOT_FOUND',
      message: '--team: there is no team "<id>" in value stream "vs-a" (known: t-a, t-in, t-out)',
    });
    const stream = failure(() => resolveWithin(ORG, { valueStream: 'vs-b' }, 'vs-a'), 'vs-b');
    expect(stream).toEqual(failure(() => resolveWithin(ORG, { valueStream: 'vs-zz' }, 'vs-a'), 'vs-zz'));
    expect(stream.code).toBe('NOT_FOUND');
    const portfolio = failure(() => resolveWithin(ORG, { portfolio: 'pf' }, 'vs-a'), 'pf');
    expect(portfolio).toEqual(failure(() => resolveWithin(ORG, { portfolio: 'pf-zz' }, 'vs-a'), 'pf-zz'));
    expect(portfolio.code).toBe('NOT_FOUND');
    for (const message of [team.message, stream.message, portfolio.message])
      expect(message).not.toMatch(/vs-b|t-b\b|pf\b/);
    // Two scopes are still a plain mistake.
    expect(failure(() => resolveWithin(ORG, { team: 't-a', valueStream: 'vs-a' }, 'vs-a'), 'x').code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('a value stream that does not exist (or was restricted to before it was) resolves to no team', () => {
    expect(resolveWithin(ORG, {}, 'vs-gone')).toEqual({
      scope: { valueStream: 'vs-gone' },
      teams: [],
      windows: new Map(),
    });
  });
});

describe('orgWithin and orgTreeWithin', () => {
  it('hold the value stream, its current teams and their services, and nothing else', () => {
    const org = orgWithin(ORG, 'vs-a');
    expect(org.portfolios).toEqual([]);
    expect(org.valueStreams).toEqual([{ id: 'vs-a', name: 'A', portfolio: null }]);
    expect(org.teams.map((t) => t.id)).toEqual(['t-a', 't-in']);
    expect(org.services.map((s) => s.id)).toEqual(['s-a']);
    expect([...org.timelines.teams.keys()]).toEqual(['t-a', 't-in']);
    expect([...org.timelines.valueStreams.values()].flat().map((s) => s.parent)).toEqual([null]);
    expect(org.archived).toEqual(new Set());
    expect(JSON.stringify([...org.timelines.services.keys()])).not.toContain('s-b');
    expect(orgTreeWithin(ORG, 'vs-a')).toEqual({
      portfolios: [],
      valueStreamsWithoutPortfolio: [
        {
          id: 'vs-a',
          name: 'A',
          teams: [
            { id: 't-a', name: 'TA', services: [{ id: 's-a', name: 'SA' }] },
            { id: 't-in', name: 'In', services: [] },
          ],
        },
      ],
      teamsWithoutValueStream: [],
    });
    expect(orgTreeWithin(ORG, 'vs-gone').valueStreamsWithoutPortfolio).toEqual([]);
  });
});
