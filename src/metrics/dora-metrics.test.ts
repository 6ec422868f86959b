import { describe, expect, it } from 'vitest';
import { computeDoraMetrics, type DoraDeployment, deploymentFrequencyTier } from './dora-metrics.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 6); // a Monday, 00:00 UTC
const d = (days: number, hours = 0) => T0 + days * DAY + hours * HOUR;

const deploy = (
  id: string,
  at: number,
  changes: string[] = [],
  extra: Partial<DoraDeployment> = {},
): DoraDeployment => ({
  id,
  service: 'checkout',
  atMs: at,
  success: true,
  production: true,
  changes,
  ...extra,
});

describe('DORA metrics of a period (metrics.md §5, §6)', () => {
  // Four whole ISO weeks, no whole month.
  const period = { fromMs: d(0), toMs: d(28) };
  const m = computeDoraMetrics({
    period,
    deployments: [
      deploy('dep0', d(-3), ['c0']),
      deploy('dep1', d(0, 10), ['c1']),
      deploy('dep2', d(1, 10), ['c2', 'c1']),
      deploy('dep3', d(2, 10), ['c4'], { success: false }),
      deploy('dep4', d(8, 10), ['c3']),
      deploy('dep5', d(9, 10), ['c5'], { production: false }),
    ],
    changes: [
      { id: 'c0', createdAtMs: d(-4), firstCommitAtMs: null },
      { id: 'c1', createdAtMs: d(0, 3), firstCommitAtMs: d(0, 2) },
      { id: 'c2', createdAtMs: d(1, 4), firstCommitAtMs: null },
      { id: 'c3', createdAtMs: d(8, 12), firstCommitAtMs: d(8, 12) },
    ],
    incidents: [
      { id: 'i1', service: 'checkout', openedAtMs: d(1, 12), resolvedAtMs: d(1, 13), causedBy: null },
      { id: 'i2', service: 'checkout', openedAtMs: d(5), resolvedAtMs: null, causedBy: 'dep1' },
      { id: 'i3', service: 'search', openedAtMs: d(3), resolvedAtMs: d(4), causedBy: null },
    ],
  });

  it('deployment frequency counts successful production deployments in the period: 3, 0.75 a week', () => {
    expect(m.deploymentFrequency.count).toBe(3);
    expect(m.deploymentFrequency.perWeek).toBeCloseTo(0.75, 12);
    // deployment days per week 2, 1, 0, 0 → nearest-rank median 0; no whole month → low
    expect(m.deploymentFrequency.tier).toBe('low');
  });

  it('lead time for changes runs from first commit (else creation) to the first successful production deployment', () => {
    // c1: 02:00 → dep1 10:00 = 8 h; c2: created 04:00 → dep2 10:00 = 6 h; c3 negative (left out); c0 before the period
    expect(m.leadTimeForChanges).toEqual({ median: (6 * HOUR) / 1000, count: 2, tier: 'elite' });
    expect(m.quality.negativeLeadTimes).toEqual(['c3']);
  });

  it('change failure rate: incidents count against the named deployment, else the last one of their service', () => {
    // i1 → dep2 (last checkout deployment before it), i2 → dep1 (named), i3 → none
    expect(m.changeFailureRate.value).toBeCloseTo(2 / 3, 12);
    expect(m.changeFailureRate.tier).toBe('low');
    expect(m.quality.unattributedIncidents).toEqual(['i3']);
  });

  it('recovery time runs from the failed deployment to resolution; unresolved incidents are listed, not averaged', () => {
    expect(m.recoveryTime).toEqual({ median: (3 * HOUR) / 1000, count: 1, tier: 'high' });
    expect(m.timeToRestore).toEqual({ median: HOUR / 1000, count: 1 });
    expect(m.quality.unresolvedIncidents).toEqual(['i2']);
  });

  it('with no deployments: count 0, every tier and median null, never 0 for a missing value', () => {
    const none = computeDoraMetrics({ period, deployments: [], changes: [], incidents: [] });
    expect(none.deploymentFrequency).toEqual({ count: 0, perWeek: 0, tier: null });
    expect(none.leadTimeForChanges).toEqual({ median: null, count: 0, tier: null });
    expect(none.changeFailureRate).toEqual({ value: null, tier: null });
    expect(none.recoveryTime).toEqual({ median: null, count: 0, tier: null });
  });
});

describe('deployment frequency tier (metrics.md §6)', () => {
  const on = (...days: number[]) => days.map((day, i) => deploy(`x${i}`, d(day, 9)));

  it('elite: a median of 5 deployment days a week', () => {
    expect(deploymentFrequencyTier(on(0, 1, 2, 3, 4, 7, 8, 9, 10, 11), { fromMs: d(0), toMs: d(14) })).toBe(
      'elite',
    );
  });

  it('high: a median of at least 1 deployment day a week (several deployments on one day count once)', () => {
    expect(
      deploymentFrequencyTier([...on(2, 9), deploy('again', d(2, 15))], { fromMs: d(0), toMs: d(14) }),
    ).toBe('high');
  });

  it('medium: fewer than 1 a week, but at least 1 deployment day in the median whole month', () => {
    const period = { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 3, 1) };
    const monthly = [Date.UTC(2025, 0, 15), Date.UTC(2025, 1, 12), Date.UTC(2025, 2, 12)].map((t, i) =>
      deploy(`m${i}`, t),
    );
    expect(deploymentFrequencyTier(monthly, period)).toBe('medium');
    expect(deploymentFrequencyTier(monthly.slice(0, 1), period)).toBe('low');
  });

  it('null with no whole ISO week in the period, or no deployment', () => {
    expect(deploymentFrequencyTier(on(1), { fromMs: d(1), toMs: d(6) })).toBeNull();
    expect(deploymentFrequencyTier([], { fromMs: d(0), toMs: d(28) })).toBeNull();
  });
});
