import { describe, expect, it } from 'vitest';
import { assign, coveredStream, NOW, snapshot } from '../../test/support/org-rules.js';
import { computeRoleCoverage, findRoleGaps } from './coverage.js';
import { DEFAULT_OVERLOAD_LIMITS } from './roles.js';

const FULL = [...coveredStream('vs-1', ['t-a', 't-b'], 'one'), ...coveredStream('vs-2', ['t-c'], 'two')];

describe('role gaps', () => {
  it('a fully staffed value stream has no gaps', () => {
    expect(findRoleGaps(snapshot(FULL), 'vs-1')).toEqual([]);
    expect(findRoleGaps(snapshot(FULL), 'vs-2')).toEqual([]);
  });

  it('a value-stream role nobody holds is a gap that says why it matters', () => {
    const without = FULL.filter((a) => !(a.valueStream === 'vs-1' && a.role === 'security-lead'));
    const gaps = findRoleGaps(snapshot(without), 'vs-1');
    expect(gaps).toEqual([
      { role: 'security-lead', why: expect.stringContaining('Stream vs-1 has no security lead: ') },
    ]);
    expect(gaps[0]?.why).toMatch(/risk items wait/);
    expect(findRoleGaps(snapshot(without), 'vs-2')).toEqual([]);
  });

  it('a team without a product owner is a team gap', () => {
    const without = FULL.filter((a) => a.team !== 't-b');
    expect(findRoleGaps(snapshot(without), 'vs-1')).toEqual([
      {
        role: 'product-owner',
        team: 't-b',
        why: expect.stringMatching(/^Team t-b \(Stream vs-1\) has no product owner: /),
      },
    ]);
  });

  it('a role held only in a team does not stand in for the value stream’s', () => {
    const swapped = [
      ...FULL.filter((a) => !(a.valueStream === 'vs-1' && a.role === 'architect')),
      assign('tech-lead', 'architect', { team: 't-a' }),
    ];
    expect(findRoleGaps(snapshot(swapped), 'vs-1').map((g) => g.role)).toEqual(['architect']);
  });

  it('only assignments held at the instant count: ended, not yet started, or held by an archived person', () => {
    const base = FULL.filter((a) => !(a.valueStream === 'vs-1' && a.role === 'qa-lead'));
    const ended = [...base, assign('old-qa', 'qa-lead', { valueStream: 'vs-1' }, 0, NOW)];
    const future = [...base, assign('next-qa', 'qa-lead', { valueStream: 'vs-1' }, NOW + 1)];
    const current = [...base, assign('qa', 'qa-lead', { valueStream: 'vs-1' }, NOW, NOW + 1)];
    expect(findRoleGaps(snapshot(ended), 'vs-1').map((g) => g.role)).toEqual(['qa-lead']);
    expect(findRoleGaps(snapshot(future), 'vs-1').map((g) => g.role)).toEqual(['qa-lead']);
    expect(findRoleGaps(snapshot(current), 'vs-1')).toEqual([]);
    expect(findRoleGaps(snapshot(current, { archivedPeople: ['qa'] }), 'vs-1').map((g) => g.role)).toEqual([
      'qa-lead',
    ]);
  });

  it('an archived team needs no product owner; a team counts where it belongs at the instant', () => {
    const without = FULL.filter((a) => a.team !== 't-b');
    const teamsWithoutB = [
      { id: 't-a', valueStream: 'vs-1' },
      { id: 't-c', valueStream: 'vs-2' },
    ];
    expect(findRoleGaps(snapshot(without, { teams: teamsWithoutB }), 'vs-1')).toEqual([]);
    const moved = [
      { id: 't-a', valueStream: 'vs-1' },
      { id: 't-b', valueStream: 'vs-2' },
      { id: 't-c', valueStream: 'vs-2' },
    ];
    expect(findRoleGaps(snapshot(without, { teams: moved }), 'vs-2')).toEqual([
      expect.objectContaining({ role: 'product-owner', team: 't-b' }),
    ]);
    expect(findRoleGaps(snapshot(without, { teams: moved }), 'vs-1')).toEqual([]);
  });
});

describe('role coverage matrix', () => {
  it('shows who holds each role, for the stream and per team, and the holders by role', () => {
    const coverage = computeRoleCoverage(
      snapshot([...FULL, assign('tech-lead', 'architect', { team: 't-a' })]),
      DEFAULT_OVERLOAD_LIMITS,
    );
    const vs1 = coverage.valueStreams.find((v) => v.valueStream.id === 'vs-1');
    expect(vs1?.teams.map((t) => t.id)).toEqual(['t-a', 't-b']);
    const architect = vs1?.rows.find((r) => r.role === 'architect');
    expect(architect?.groups).toEqual(['product', 'program']);
    expect(architect?.required).toBe('valueStream');
    expect(architect?.valueStream.map((h) => h.person)).toEqual(['one-architect']);
    expect(architect?.teams['t-a']?.map((h) => h.person)).toEqual(['tech-lead']);
    expect(architect?.teams['t-b']).toEqual([]);
    expect(vs1?.roles.architect).toEqual(['one-architect', 'tech-lead']);
    expect(vs1?.roles['product-owner']).toEqual(['one-po-t-a', 'one-po-t-b']);
    expect(vs1?.roles['value-stream-architect']).toEqual([]);
    expect(vs1?.rows.find((r) => r.role === 'product-owner')?.required).toBe('team');
    expect(vs1?.gaps).toEqual([]);
  });
});
