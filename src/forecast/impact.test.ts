import { describe, expect, it } from 'vitest';
import { Random } from '../domain/index.js';
import { type ImpactWindow, measureImpact } from './impact.js';

const DAY = 86_400_000;

/** A window of `days` days from a stable process: log-normal flow times around `medianDays`. */
function window(
  seed: number,
  options: {
    days?: number;
    perDay?: number;
    medianDays?: number;
    failureRate?: number;
    deploys?: number;
  } = {},
): ImpactWindow {
  const random = new Random(seed);
  const days = options.days ?? 90;
  const completedPerDay: number[] = [];
  const items: { flowMs: number; activeMs: number; defect: boolean }[] = [];
  for (let d = 0; d < days; d++) {
    // 0–2 items a day, about 1.1 on average.
    const n = random.chance(0.3) ? 0 : random.chance(0.55) ? 1 : 2;
    completedPerDay.push(n);
    for (let k = 0; k < n; k++) {
      const flowMs = random.logNormal((options.medianDays ?? 6) * DAY, 0.6);
      items.push({ flowMs, activeMs: flowMs * (0.3 + 0.2 * random.next()), defect: random.chance(0.2) });
    }
  }
  const deployments = Array.from({ length: options.deploys ?? 60 }, () =>
    random.chance(options.failureRate ?? 0.1),
  );
  return { items, completedPerDay, deployments };
}

describe('the impact of a dated change', () => {
  it('detects flow times that halved, with an interval below zero and a plain sentence', () => {
    const report = measureImpact(window(1), window(2, { medianDays: 3 }), { seed: 7 });
    expect(report.metrics.flowTimeP50.verdict).toBe('better');
    expect(report.metrics.flowTimeP85.verdict).toBe('better');
    const [low, high] = report.metrics.flowTimeP50.interval as [number, number];
    expect(high).toBeLessThan(0);
    expect(low).toBeLessThanOrEqual(report.metrics.flowTimeP50.change as number);
    expect(report.metrics.flowTimeP50.change as number).toBeLessThanOrEqual(high);
    expect(report.summary[0]).toMatch(
      /^Median flow time improved: \d+\.\d days before, \d+\.\d days after \(95 % interval of the change: −\d+\.\d days to −\d+\.\d days\)\.$/,
    );
  });

  it('calls a change worse when the metric moves the wrong way', () => {
    const report = measureImpact(window(3), window(4, { failureRate: 0.45, deploys: 80 }), { seed: 7 });
    expect(report.metrics.changeFailureRate.verdict).toBe('worse');
    expect(report.summary.some((line) => line.startsWith('Change failure rate got worse'))).toBe(true);
  });

  it('does not call chance a change: a stable process over ten random dates', () => {
    let calls = 0;
    let tests = 0;
    for (let s = 0; s < 10; s++) {
      const report = measureImpact(window(100 + 2 * s), window(101 + 2 * s), { seed: s });
      for (const m of Object.values(report.metrics)) {
        tests++;
        if (m.verdict === 'better' || m.verdict === 'worse') calls++;
      }
    }
    // A 95 % interval misses about one time in twenty: 60 intervals, a few misses at most.
    expect(tests).toBe(60);
    expect(calls).toBeLessThanOrEqual(6);
  });

  it('says when the data is too thin to tell', () => {
    const thin = measureImpact(window(5, { days: 7 }), window(6, { days: 7, medianDays: 2 }), { seed: 1 });
    expect(thin.metrics.flowTimeP50.verdict).toBe('too little data');
    expect(thin.metrics.flowTimeP50.interval).toBeNull();
    expect(thin.summary).toEqual([
      `Too little data to tell: ${thin.counts.before.items} items were completed before and ${thin.counts.after.items} after; at least 20 in each window are needed.`,
    ]);
    const fewDeploys = measureImpact(window(7), window(8, { deploys: 4 }), { seed: 1 });
    expect(fewDeploys.metrics.changeFailureRate.verdict).toBe('too little data');
    expect(fewDeploys.metrics.flowTimeP50.verdict).not.toBe('too little data');
  });

  it('is deterministic for a seed', () => {
    const a = measureImpact(window(9), window(10), { seed: 3 });
    expect(measureImpact(window(9), window(10), { seed: 3 })).toEqual(a);
  });
});
