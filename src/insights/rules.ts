/**
 * Insights: the rules that turn a scope's metrics into findings a leader should act on, each with
 * its evidence (the numbers, and the chart that shows them) and a recommended action. Pure: the
 * metrics of the current period and of the periods before it (the baseline) come in as plain data,
 * the thresholds as options; no finding is made without the numbers that justify it.
 *
 * Rules (thresholds in `DEFAULT_THRESHOLDS`, all configurable):
 * - `new-bottleneck`: a waiting status whose share of the flow time of completed items grew by at
 *   least `bottleneckGrowth` (share points) over its baseline average, and is now at least
 *   `bottleneckShare`, over at least `minItems` items.
 * - `load-above-range`: the average load is above the baseline's usual range: above its highest
 *   period, 10 % above its mean, and above its mean + `loadSigmas` standard deviations (with at
 *   least 3 baseline periods).
 * - `aging-items`: items in progress at the end of the period whose age exceeds the period's 85th
 *   percentile flow time.
 * - `distribution-drift`: the completed items' distribution differs from the team's allocation
 *   target by at least `driftPoints` share points in a category (debt and risk count together).
 * - `dora-tier-drop`: a DORA tier lower than in the previous period.
 * - `data-quality-regression`: a data-quality count that grew by at least `qualityGrowth` (and at
 *   least 10 %) since the previous period.
 */

export type Tier = 'elite' | 'high' | 'medium' | 'low';

/** What the rules read of one period's metrics (a subset of contract.md §2, durations in seconds). */
export interface PeriodMetrics {
  readonly from: string;
  readonly to: string;
  readonly velocity: number;
  readonly flowTimeP85: number | null;
  /** Sum of the flow times of the items completed in the period (seconds). */
  readonly flowTimeTotal: number;
  readonly loadAverage: number | null;
  readonly distribution: Readonly<Record<'feature' | 'defect' | 'risk' | 'debt', number>>;
  readonly waitByStatus: readonly {
    readonly status: string;
    readonly seconds: number;
    readonly items: number;
  }[];
  readonly dora: Readonly<
    Partial<
      Record<'deploymentFrequency' | 'leadTimeForChanges' | 'changeFailureRate' | 'recoveryTime', Tier | null>
    >
  >;
  readonly dataQuality: Readonly<Record<string, number>>;
}

export interface AgingItem {
  readonly source: string;
  readonly id: string;
  readonly status: string;
  /** Seconds in progress at the end of the period. */
  readonly age: number;
}

export interface AllocationTarget {
  readonly feature: number;
  readonly defect: number;
  /** Debt and risk together. */
  readonly debtAndRisk: number;
}

export interface InsightInput {
  /** The scope, as the API names it ({} for the whole organisation). */
  readonly scope: Readonly<Record<string, string>>;
  readonly current: PeriodMetrics;
  /** Earlier periods of the same length, oldest first; the last is the previous period. */
  readonly baseline: readonly PeriodMetrics[];
  readonly aging: readonly AgingItem[];
  readonly target?: AllocationTarget;
}

export interface Thresholds {
  readonly bottleneckGrowth: number;
  readonly bottleneckShare: number;
  readonly minItems: number;
  readonly loadSigmas: number;
  readonly driftPoints: number;
  readonly qualityGrowth: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  bottleneckGrowth: 0.1,
  bottleneckShare: 0.2,
  minItems: 10,
  loadSigmas: 2,
  driftPoints: 0.1,
  qualityGrowth: 5,
};

export type InsightRule =
  | 'new-bottleneck'
  | 'load-above-range'
  | 'aging-items'
  | 'distribution-drift'
  | 'dora-tier-drop'
  | 'data-quality-regression';

export interface Insight {
  readonly rule: InsightRule;
  readonly severity: 'high' | 'medium' | 'low';
  readonly title: string;
  /** Why it matters, in a sentence or two. */
  readonly explanation: string;
  /** The numbers behind it, and the chart that shows them (a path of the web UI, with the scope). */
  readonly evidence: {
    readonly numbers: Readonly<Record<string, number | string | null>>;
    readonly chart: string;
  };
  readonly action: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const days = (seconds: number) => `${(seconds / 86_400).toFixed(1)} days`;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const TIER_RANK: Record<Tier, number> = { elite: 3, high: 2, medium: 1, low: 0 };
const DORA_NAMES = {
  deploymentFrequency: 'deployment frequency',
  leadTimeForChanges: 'lead time for changes',
  changeFailureRate: 'change failure rate',
  recoveryTime: 'failed deployment recovery time',
} as const;

type Topic = 'bottleneck' | 'load' | 'aging' | 'distribution' | 'dora';

/** Where each topic is drawn, per screen (the heading ids of the web UI's pages). */
const ANCHORS: Record<'team' | 'valueStream' | 'overview', Record<Topic, string>> = {
  team: {
    bottleneck: 'flow-heading',
    load: 'flow-heading',
    aging: 'flow-heading',
    distribution: 'flow-heading',
    dora: 'dora-heading',
  },
  valueStream: {
    bottleneck: 'vsm-heading',
    load: 'trends-heading',
    aging: 'teams-heading',
    distribution: 'trends-heading',
    dora: 'dora-heading',
  },
  overview: { bottleneck: '', load: '', aging: '', distribution: '', dora: '' },
};

/** The web UI's path of the chart that shows a topic for the scope and period. */
function chart(scope: Readonly<Record<string, string>>, topic: Topic, period: PeriodMetrics): string {
  const [kind, id] = Object.entries(scope)[0] ?? [];
  const screen = kind === 'team' ? 'team' : kind === 'valueStream' ? 'valueStream' : 'overview';
  const path =
    screen === 'team'
      ? `/teams/${encodeURIComponent(id as string)}`
      : screen === 'valueStream'
        ? `/value-streams/${encodeURIComponent(id as string)}`
        : '/';
  const anchor = ANCHORS[screen][topic];
  return `${path}?from=${period.from.slice(0, 10)}&to=${period.to.slice(0, 10)}${anchor === '' ? '' : `#${anchor}`}`;
}

/** The share of the completed items' flow time each waiting status took. */
function waitShares(p: PeriodMetrics): Map<string, { share: number; items: number }> {
  const shares = new Map<string, { share: number; items: number }>();
  if (p.flowTimeTotal <= 0) return shares;
  for (const w of p.waitByStatus)
    shares.set(w.status, { share: w.seconds / p.flowTimeTotal, items: w.items });
  return shares;
}

export function findInsights(input: InsightInput, thresholds: Partial<Thresholds> = {}): Insight[] {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const { current, baseline, scope } = input;
  const previous = baseline.at(-1);
  const insights: Insight[] = [];

  // New bottleneck.
  if (baseline.length > 0) {
    const now = waitShares(current);
    const before = baseline.map(waitShares);
    for (const [status, { share, items }] of now) {
      if (items < t.minItems || share < t.bottleneckShare) continue;
      const usual = mean(before.map((b) => b.get(status)?.share ?? 0));
      if (share - usual < t.bottleneckGrowth) continue;
      insights.push({
        rule: 'new-bottleneck',
        severity: share - usual >= 2 * t.bottleneckGrowth ? 'high' : 'medium',
        title: `"${status}" has become a bottleneck`,
        explanation:
          `Items now wait in "${status}" for ${pct(share)} of their flow time, against ${pct(usual)} in the ` +
          `${baseline.length} periods before. Waiting time is where flow time grows without anyone working.`,
        evidence: {
          numbers: { status, share, usualShare: usual, items, periodsCompared: baseline.length },
          chart: chart(scope, 'bottleneck', current),
        },
        action: `Find out what "${status}" waits for (an approval, a hand-off, a shared environment) and limit the work allowed into it.`,
      });
    }
  }

  // Load above its usual range.
  const loads = baseline.map((b) => b.loadAverage).filter((v): v is number => v !== null);
  if (current.loadAverage !== null && loads.length >= 3) {
    const m = mean(loads);
    const sd = Math.sqrt(mean(loads.map((v) => (v - m) ** 2)));
    // Above the highest baseline period and 10 % above the mean too: a few quiet periods make a
    // small standard deviation, and a load a little higher than usual is not a finding.
    const limit = Math.max(m + t.loadSigmas * sd, Math.max(...loads), m * 1.1);
    if (current.loadAverage > limit) {
      insights.push({
        rule: 'load-above-range',
        severity: current.loadAverage > m + 2 * t.loadSigmas * sd ? 'high' : 'medium',
        title: 'More work in progress than usual',
        explanation:
          `The average load was ${current.loadAverage.toFixed(1)} items, above its usual range (up to ` +
          `${limit.toFixed(1)}: the highest of the ${loads.length} periods before, 10 % above their mean ${m.toFixed(1)}, ` +
          `and their mean + ${t.loadSigmas} standard deviations). ` +
          'More work started at once makes every item take longer (Little’s law).',
        evidence: {
          numbers: {
            load: current.loadAverage,
            usualMean: m,
            usualSd: sd,
            upperLimit: limit,
            periodsCompared: loads.length,
          },
          chart: chart(scope, 'load', current),
        },
        action:
          'Stop starting and start finishing: set or lower a WIP limit until the load is back in range.',
      });
    }
  }

  // Aging items.
  if (current.flowTimeP85 !== null) {
    const p85 = current.flowTimeP85;
    const old = input.aging.filter((i) => i.age > p85).sort((a, b) => b.age - a.age);
    if (old.length > 0)
      insights.push({
        rule: 'aging-items',
        severity: old.length >= 10 ? 'high' : old.length >= 3 ? 'medium' : 'low',
        title: `${old.length} item${old.length === 1 ? ' is' : 's are'} older than 85 % of completed work`,
        explanation:
          `${old.length} item${old.length === 1 ? ' has' : 's have'} been in progress longer than ${days(p85)}, the ` +
          `flow time 85 % of the period's completed items stayed within. The oldest, ${old[0]?.id}, has been in ` +
          `progress for ${days(old[0]?.age ?? 0)} (in "${old[0]?.status}").`,
        evidence: {
          numbers: {
            items: old.length,
            p85Seconds: p85,
            oldest: old[0]?.id ?? null,
            oldestAgeSeconds: old[0]?.age ?? null,
          },
          chart: chart(scope, 'aging', current),
        },
        action:
          'Review these items in the next stand-up: swarm on them, split them, or stop them deliberately.',
      });
  }

  // Distribution drift from the allocation target.
  if (input.target !== undefined && current.velocity >= t.minItems) {
    const d = current.distribution;
    const actual = { feature: d.feature, defect: d.defect, debtAndRisk: d.debt + d.risk };
    const names = { feature: 'features', defect: 'defects', debtAndRisk: 'debt and risk' } as const;
    for (const key of ['feature', 'defect', 'debtAndRisk'] as const) {
      const gap = actual[key] - input.target[key];
      if (Math.abs(gap) < t.driftPoints) continue;
      insights.push({
        rule: 'distribution-drift',
        severity: Math.abs(gap) >= 2 * t.driftPoints ? 'high' : 'medium',
        title: `${gap > 0 ? 'More' : 'Less'} ${names[key]} than the allocation target`,
        explanation:
          `${pct(actual[key])} of the ${current.velocity} completed items were ${names[key]}, against a target of ` +
          `${pct(input.target[key])}. The allocation is how the team balances new value against quality and future speed.`,
        evidence: {
          numbers: {
            category: key,
            actual: actual[key],
            target: input.target[key],
            completed: current.velocity,
          },
          chart: chart(scope, 'distribution', current),
        },
        action:
          gap > 0
            ? `Agree with the product owner whether the extra ${names[key]} were intended, or rebalance the next planning.`
            : `Reserve capacity for ${names[key]} in the next planning, as the target says.`,
      });
    }
  }

  // DORA tier drop.
  if (previous !== undefined)
    for (const key of Object.keys(DORA_NAMES) as (keyof typeof DORA_NAMES)[]) {
      const was = previous.dora[key];
      const is = current.dora[key];
      if (was == null || is == null || TIER_RANK[is] >= TIER_RANK[was]) continue;
      insights.push({
        rule: 'dora-tier-drop',
        severity: TIER_RANK[was] - TIER_RANK[is] >= 2 ? 'high' : 'medium',
        title: `The ${DORA_NAMES[key]} fell from ${was} to ${is}`,
        explanation: `The ${DORA_NAMES[key]} was in the ${was} tier in the previous period and is ${is} now.`,
        evidence: {
          numbers: { metric: key, previousTier: was, tier: is },
          chart: chart(scope, 'dora', current),
        },
        action:
          'Look at the deployments and incidents of the period for what changed (a new service, a larger batch, a slower pipeline).',
      });
    }

  // Data-quality regressions.
  if (previous !== undefined)
    for (const [key, count] of Object.entries(current.dataQuality)) {
      const before = previous.dataQuality[key] ?? 0;
      const growth = count - before;
      if (growth < t.qualityGrowth || growth < 0.1 * before) continue;
      insights.push({
        rule: 'data-quality-regression',
        severity: growth >= 10 * t.qualityGrowth ? 'high' : 'low',
        title: `Data quality: ${key} rose from ${before} to ${count}`,
        explanation: `Numbers built on incomplete data mislead: ${growth} more records are affected than in the previous period.`,
        evidence: { numbers: { check: key, previous: before, current: count }, chart: '/data-quality' },
        action: 'Open the data-quality screen: it lists what to fix and where.',
      });
    }

  const order = { high: 0, medium: 1, low: 2 };
  return insights.sort((a, b) => order[a.severity] - order[b.severity]);
}
