import { describe, expect, it } from 'vitest';
import { Random } from '../domain/index.js';
import { type AgingItem, findInsights, type InsightInput, type PeriodMetrics } from './rules.js';

const DAY = 86_400;

/** A steady period k of a generated team: small random variation around fixed levels. */
function period(k: number, random: Random, overrides: Partial<PeriodMetrics> = {}): PeriodMetrics {
  const from = new Date(Date.UTC(2025, 0, 6) + k * 14 * DAY * 1000).toISOString();
  const to = new Date(Date.UTC(2025, 0, 20) + k * 14 * DAY * 1000).toISOString();
  const velocity = 40 + random.int(6);
  const flowTimeTotal = velocity * 6 * DAY;
  return {
    from,
    to,
    velocity,
    flowTimeP85: 11 * DAY,
    flowTimeTotal,
    loadAverage: 30 + random.next() * 3,
    distribution: { feature: 0.6, defect: 0.2, risk: 0.05, debt: 0.15 },
    waitByStatus: [
      { status: 'Ready', seconds: flowTimeTotal * (0.1 + random.next() * 0.03), items: velocity },
      { status: 'In Review', seconds: flowTimeTotal * (0.08 + random.next() * 0.03), items: velocity - 5 },
    ],
    dora: {
      deploymentFrequency: 'high',
      leadTimeForChanges: 'high',
      changeFailureRate: 'medium',
      recoveryTime: 'high',
    },
    dataQuality: { unmappedStatusItems: 3, unlinkedChanges: 12 },
    ...overrides,
  };
}

function steady(seed: number, overrides: Partial<PeriodMetrics> = {}, aging: AgingItem[] = []): InsightInput {
  const random = new Random(seed);
  const baseline = Array.from({ length: 6 }, (_, k) => period(k, random));
  return {
    scope: { team: 't-a' },
    baseline,
    current: period(6, random, overrides),
    aging,
    target: { feature: 0.6, defect: 0.2, debtAndRisk: 0.2 },
  };
}

const rules = (input: InsightInput) => findInsights(input).map((i) => i.rule);

describe('insights', () => {
  it('find nothing in a steady team, whatever the seed', () => {
    for (let seed = 1; seed <= 20; seed++) expect(rules(steady(seed)), `seed ${seed}`).toEqual([]);
  });

  it('a waiting status whose share of flow time grew is a new bottleneck, with its numbers and chart', () => {
    const total = 40 * 9 * DAY;
    const input = steady(1, {
      velocity: 40,
      flowTimeTotal: total,
      waitByStatus: [
        { status: 'Ready', seconds: total * 0.11, items: 40 },
        { status: 'Awaiting CAB', seconds: total * 0.35, items: 38 },
      ],
    });
    const [insight] = findInsights(input);
    expect(insight).toMatchObject({
      rule: 'new-bottleneck',
      severity: 'high',
      title: '"Awaiting CAB" has become a bottleneck',
      evidence: {
        numbers: { status: 'Awaiting CAB', share: 0.35, usualShare: 0, items: 38, periodsCompared: 6 },
        chart: '/teams/t-a?from=2025-03-31&to=2025-04-14#flow-heading',
      },
    });
    expect(insight?.explanation).toContain(
      '35.0 % of their flow time, against 0.0 % in the 6 periods before',
    );
    // Below the item threshold it is not called.
    const few = steady(1, { waitByStatus: [{ status: 'Awaiting CAB', seconds: total * 0.35, items: 4 }] });
    expect(rules(few)).not.toContain('new-bottleneck');
  });

  it('load above the usual range is called, load within it is not', () => {
    expect(rules(steady(2, { loadAverage: 45 }))).toEqual(['load-above-range']);
    expect(rules(steady(2, { loadAverage: 33 }))).toEqual([]);
  });

  it('items older than the 85th percentile flow time are listed, oldest first', () => {
    const aging = [
      { source: 'jira:A', id: 'A-1', status: 'In Review', age: 5 * DAY },
      { source: 'jira:A', id: 'A-2', status: 'Ready', age: 30 * DAY },
      { source: 'jira:A', id: 'A-3', status: 'In Progress', age: 12 * DAY },
    ];
    const [insight] = findInsights(steady(3, {}, aging));
    expect(insight).toMatchObject({
      rule: 'aging-items',
      severity: 'low',
      title: '2 items are older than 85 % of completed work',
      evidence: { numbers: { items: 2, oldest: 'A-2', oldestAgeSeconds: 30 * DAY } },
    });
    expect(insight?.explanation).toContain(
      'The oldest, A-2, has been in progress for 30.0 days (in "Ready")',
    );
  });

  it('a distribution that drifts from the allocation target is called per category', () => {
    const drift = findInsights(
      steady(4, { distribution: { feature: 0.85, defect: 0.12, risk: 0, debt: 0.03 } }),
    );
    expect(drift.map((i) => [i.rule, i.evidence.numbers.category])).toEqual([
      ['distribution-drift', 'feature'],
      ['distribution-drift', 'debtAndRisk'],
    ]);
    expect(drift[0]?.title).toBe('More features than the allocation target');
    // No target, no drift.
    const noTarget = {
      ...steady(4, { distribution: { feature: 0.85, defect: 0.12, risk: 0, debt: 0.03 } }),
      target: undefined,
    };
    expect(rules(noTarget as InsightInput)).toEqual([]);
  });

  it('a DORA tier drop and a data-quality regression are called against the previous period', () => {
    const input = steady(5, {
      dora: {
        deploymentFrequency: 'medium',
        leadTimeForChanges: 'high',
        changeFailureRate: 'medium',
        recoveryTime: 'high',
      },
      dataQuality: { unmappedStatusItems: 40, unlinkedChanges: 13 },
    });
    const found = findInsights(input);
    expect(found.map((i) => i.title)).toEqual([
      'The deployment frequency fell from high to medium',
      'Data quality: unmappedStatusItems rose from 3 to 40',
    ]);
    expect(found[1]?.evidence.chart).toBe('/data-quality');
  });

  it('thresholds are configurable', () => {
    const input = steady(2, { loadAverage: 36 });
    expect(rules(input)).toEqual(['load-above-range']);
    expect(findInsights(input, { loadSigmas: 12 })).toEqual([]);
  });
});
