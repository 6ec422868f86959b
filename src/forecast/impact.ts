/**
 * The impact of a dated change (an annotation such as "AI coding assistant rolled out"): the same
 * metrics in two equal windows, before and after the date, each change with a 95 % confidence
 * interval from a bootstrap, and a verdict that says "too little data" rather than guess.
 *
 * The bootstrap resamples each window on its own, with replacement: the completed items for flow
 * time (median, 85th percentile), flow efficiency (ratio of sums) and defect share; the days for
 * velocity (items per week); the production deployments for the change failure rate. The interval
 * is the 2.5th to 97.5th percentile (nearest rank) of the resampled differences, after − before. A
 * change is called better or worse only when its whole interval is on one side of zero. Pure and
 * deterministic for a seed.
 */
import { Random } from '../domain/index.js';

export interface ImpactWindow {
  /** The items completed in the window. */
  readonly items: readonly { readonly flowMs: number; readonly activeMs: number; readonly defect: boolean }[];
  /** Items completed on each day of the window (its length is the window's, in days). */
  readonly completedPerDay: readonly number[];
  /** Per successful production deployment in the window: whether it caused a failure. */
  readonly deployments: readonly boolean[];
}

export interface ImpactOptions {
  readonly seed: number;
  readonly resamples?: number;
  /** Fewer completed items than this in either window: too little data (default 20). */
  readonly minItems?: number;
  /** Fewer deployments than this in either window: too little data for the change failure rate (default 10). */
  readonly minDeployments?: number;
}

export const IMPACT_METRICS = [
  'flowTimeP50',
  'flowTimeP85',
  'efficiency',
  'velocityPerWeek',
  'changeFailureRate',
  'defectShare',
] as const;
export type ImpactMetric = (typeof IMPACT_METRICS)[number];

export type ImpactVerdict = 'better' | 'worse' | 'no clear change' | 'too little data';

export interface MetricImpact {
  /** Null when the window has nothing to measure it on. */
  readonly before: number | null;
  readonly after: number | null;
  /** after − before. */
  readonly change: number | null;
  /** The 95 % interval of the change; null with too little data. */
  readonly interval: readonly [number, number] | null;
  readonly better: 'lower' | 'higher';
  readonly verdict: ImpactVerdict;
}

export interface ImpactReport {
  readonly metrics: Record<ImpactMetric, MetricImpact>;
  /** The items and deployments each window had. */
  readonly counts: {
    readonly before: { readonly items: number; readonly deployments: number; readonly days: number };
    readonly after: { readonly items: number; readonly deployments: number; readonly days: number };
  };
  /** One plain-language sentence per metric that changed, or why nothing can be said. */
  readonly summary: readonly string[];
}

const DAY_MS = 86_400_000;

function nearestRank(sorted: Float64Array, p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

function percentileOf(values: Float64Array, p: number): number | null {
  if (values.length === 0) return null;
  return nearestRank(Float64Array.from(values).sort(), p);
}

type Statistic<T> = (sample: readonly T[]) => number | null;

/** The bootstrap interval of stat(after) − stat(before). */
function bootstrap<T>(
  before: readonly T[],
  after: readonly T[],
  stat: Statistic<T>,
  random: Random,
  resamples: number,
): [number, number] | null {
  const differences = new Float64Array(resamples);
  const a: T[] = new Array(before.length);
  const b: T[] = new Array(after.length);
  let n = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < before.length; i++) a[i] = before[random.int(before.length)] as T;
    for (let i = 0; i < after.length; i++) b[i] = after[random.int(after.length)] as T;
    const x = stat(a);
    const y = stat(b);
    if (x === null || y === null) continue;
    differences[n++] = y - x;
  }
  if (n === 0) return null;
  const sorted = differences.subarray(0, n).sort();
  return [nearestRank(sorted, 2.5), nearestRank(sorted, 97.5)];
}

type Item = ImpactWindow['items'][number];

const STATISTICS: Record<
  ImpactMetric,
  { better: 'lower' | 'higher'; of: 'items' | 'days' | 'deployments'; stat: Statistic<never> }
> = {
  flowTimeP50: {
    better: 'lower',
    of: 'items',
    stat: ((s: readonly Item[]) =>
      percentileOf(
        Float64Array.from(s, (i) => i.flowMs),
        50,
      )) as Statistic<never>,
  },
  flowTimeP85: {
    better: 'lower',
    of: 'items',
    stat: ((s: readonly Item[]) =>
      percentileOf(
        Float64Array.from(s, (i) => i.flowMs),
        85,
      )) as Statistic<never>,
  },
  efficiency: {
    better: 'higher',
    of: 'items',
    stat: ((s: readonly Item[]) => {
      let active = 0;
      let flow = 0;
      for (const i of s) {
        active += i.activeMs;
        flow += i.flowMs;
      }
      return flow > 0 ? active / flow : null;
    }) as Statistic<never>,
  },
  velocityPerWeek: {
    better: 'higher',
    of: 'days',
    stat: ((s: readonly number[]) =>
      s.length === 0 ? null : (s.reduce((x, y) => x + y, 0) / s.length) * 7) as Statistic<never>,
  },
  changeFailureRate: {
    better: 'lower',
    of: 'deployments',
    stat: ((s: readonly boolean[]) =>
      s.length === 0 ? null : s.filter(Boolean).length / s.length) as Statistic<never>,
  },
  defectShare: {
    better: 'lower',
    of: 'items',
    stat: ((s: readonly Item[]) =>
      s.length === 0 ? null : s.filter((i) => i.defect).length / s.length) as Statistic<never>,
  },
};

export function measureImpact(
  before: ImpactWindow,
  after: ImpactWindow,
  options: ImpactOptions,
): ImpactReport {
  const resamples = options.resamples ?? 2000;
  const minItems = options.minItems ?? 20;
  const minDeployments = options.minDeployments ?? 10;
  const samples = (w: ImpactWindow, of: 'items' | 'days' | 'deployments'): readonly never[] =>
    (of === 'items' ? w.items : of === 'days' ? w.completedPerDay : w.deployments) as readonly never[];
  const metrics = {} as Record<ImpactMetric, MetricImpact>;
  IMPACT_METRICS.forEach((name, k) => {
    const { better, of, stat } = STATISTICS[name];
    const x = samples(before, of);
    const y = samples(after, of);
    const valueBefore = stat(x);
    const valueAfter = stat(y);
    const change = valueBefore === null || valueAfter === null ? null : valueAfter - valueBefore;
    const thin =
      of === 'deployments'
        ? before.deployments.length < minDeployments || after.deployments.length < minDeployments
        : before.items.length < minItems || after.items.length < minItems;
    if (thin || change === null) {
      metrics[name] = {
        before: valueBefore,
        after: valueAfter,
        change,
        interval: null,
        better,
        verdict: 'too little data',
      };
      return;
    }
    // Each metric its own stream: adding a metric does not change the others' intervals.
    const interval = bootstrap(x, y, stat, new Random(options.seed, 100 + k), resamples);
    let verdict: ImpactVerdict = 'no clear change';
    if (interval !== null && (interval[0] > 0 || interval[1] < 0)) {
      const up = interval[0] > 0;
      verdict = up === (better === 'higher') ? 'better' : 'worse';
    }
    metrics[name] = { before: valueBefore, after: valueAfter, change, interval, better, verdict };
  });
  return {
    metrics,
    counts: {
      before: {
        items: before.items.length,
        deployments: before.deployments.length,
        days: before.completedPerDay.length,
      },
      after: {
        items: after.items.length,
        deployments: after.deployments.length,
        days: after.completedPerDay.length,
      },
    },
    summary: summarize(metrics, before, after, minItems),
  };
}

const days = (v: number) => `${(v / DAY_MS).toFixed(1)} days`;
const percent = (v: number) => `${(v * 100).toFixed(1)} %`;
/** A change of a share, in percentage points. */
const points = (v: number) => `${(v * 100).toFixed(1)} points`;
const perWeek = (v: number) => `${v.toFixed(1)} items a week`;

const LABELS: Record<
  ImpactMetric,
  { name: string; format: (v: number) => string; change: (v: number) => string }
> = {
  flowTimeP50: { name: 'Median flow time', format: days, change: days },
  flowTimeP85: { name: 'Flow time (85th percentile)', format: days, change: days },
  efficiency: { name: 'Flow efficiency', format: percent, change: points },
  velocityPerWeek: { name: 'Velocity', format: perWeek, change: perWeek },
  changeFailureRate: { name: 'Change failure rate', format: percent, change: points },
  defectShare: { name: 'Defect share', format: percent, change: points },
};

function summarize(
  metrics: Record<ImpactMetric, MetricImpact>,
  before: ImpactWindow,
  after: ImpactWindow,
  minItems: number,
): string[] {
  if (before.items.length < minItems || after.items.length < minItems)
    return [
      `Too little data to tell: ${before.items.length} items were completed before and ${after.items.length} after; ` +
        `at least ${minItems} in each window are needed.`,
    ];
  const lines: string[] = [];
  for (const name of IMPACT_METRICS) {
    const m = metrics[name];
    if (m.verdict !== 'better' && m.verdict !== 'worse') continue;
    const { name: label, format, change } = LABELS[name];
    const interval = m.interval as readonly [number, number];
    const signed = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + change(Math.abs(v));
    lines.push(
      `${label} ${m.verdict === 'better' ? 'improved' : 'got worse'}: ${format(m.before as number)} before, ` +
        `${format(m.after as number)} after (95 % interval of the change: ${signed(interval[0])} to ${signed(interval[1])}).`,
    );
  }
  if (lines.length === 0)
    lines.push('No clear change: every difference is within what chance alone produces with this much data.');
  return lines;
}
