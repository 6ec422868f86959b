/**
 * DORA metrics of a period [from, to) (docs/metrics.md §5) and their tiers (§6). Pure.
 *
 * Only successful production deployments count as deployments. The caller decides what is in
 * scope (the deployments of the services the scope's teams own) and which environments are
 * production; durations are returned in seconds.
 */
import { type Calendar, DAY_MS, UTC_CALENDAR } from '../domain/index.js';
import type { Period } from './flow-metrics.js';
import { percentileBySelection } from './percentile.js';

export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

export interface DoraDeployment {
  readonly id: string;
  readonly service: string;
  readonly atMs: number;
  readonly success: boolean;
  readonly production: boolean;
  /** Ids of the changes it deployed. */
  readonly changes: readonly string[];
}

export interface DoraChange {
  readonly id: string;
  readonly createdAtMs: number;
  readonly firstCommitAtMs: number | null;
  /** The work items it names; a change that names none is reported under data quality. */
  readonly items?: readonly string[];
  /** Whether it names a work item, when `items` is not given (default: true). */
  readonly linked?: boolean;
}

export interface DoraIncident {
  readonly id: string;
  readonly service: string;
  readonly openedAtMs: number;
  readonly resolvedAtMs: number | null;
  /** The deployment id it names as its cause, if any. */
  readonly causedBy: string | null;
}

export interface DoraInput {
  readonly deployments: readonly DoraDeployment[];
  readonly changes: readonly DoraChange[];
  readonly incidents: readonly DoraIncident[];
  readonly period: Period;
}

export interface DoraMetrics {
  readonly deploymentFrequency: {
    readonly count: number;
    readonly perWeek: number;
    readonly tier: DoraTier | null;
  };
  readonly leadTimeForChanges: {
    readonly median: number | null;
    readonly count: number;
    readonly tier: DoraTier | null;
  };
  readonly changeFailureRate: { readonly value: number | null; readonly tier: DoraTier | null };
  readonly recoveryTime: {
    readonly median: number | null;
    readonly count: number;
    readonly tier: DoraTier | null;
  };
  readonly timeToRestore: { readonly median: number | null; readonly count: number };
  /** What could not be counted, for the data-quality block. */
  readonly quality: {
    /** Changes whose lead time would be negative (clock skew): left out. */
    readonly negativeLeadTimes: readonly string[];
    /** Incidents attributed to a deployment in the period that are not resolved: listed, not averaged. */
    readonly unresolvedIncidents: readonly string[];
    /** Incidents opened in the period that name no deployment and follow none of their service. */
    readonly unattributedIncidents: readonly string[];
    /** Successful production deployments in the period that list no changes. */
    readonly deploymentsWithoutChanges: readonly string[];
    /** Changes first deployed in the period that name no work item. */
    readonly unlinkedChanges: readonly string[];
  };
}

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The DORA facts that do not depend on the period or the scope, prepared once: the successful
 * production deployments in time order, each change's first one (and so its lead time), and the
 * deployment each incident is attributed to.
 */
export interface DoraIndex {
  /** Successful production deployments, by time then id. */
  readonly shipped: readonly ShippedDeployment[];
  readonly shippedAt: Float64Array;
  /** Per shipped deployment: the changes it was the first to deploy, with their lead time in ms. */
  readonly firstDeployed: readonly (readonly {
    readonly id: string;
    readonly leadMs: number;
    readonly linked: boolean;
  }[])[];
  /** Per shipped deployment: the incidents attributed to it. */
  readonly caused: readonly (readonly DoraIncident[])[];
  /** Incidents that name no known deployment and follow none of their service, by opening time. */
  readonly unattributed: readonly DoraIncident[];
}

/** Prepares the DORA facts of deployments, changes and incidents (metrics.md §5). */
export function prepareDora(input: Omit<DoraInput, 'period'>): DoraIndex {
  const builder = new DoraBuilder(input.deployments);
  for (const change of input.changes) builder.addChange(change);
  return builder.build(input.incidents);
}

/**
 * Prepares the DORA facts with the changes streamed in one by one (a million changes are never all
 * held at once): deployments first, then each change, then the incidents.
 */
export class DoraBuilder {
  private readonly shipped: ShippedDeployment[];
  private readonly shippedAt: Float64Array;
  private firstSlot: Map<string, number> | null = new Map();
  private readonly firstDeployed: { id: string; leadMs: number; linked: boolean }[][];

  constructor(deployments: readonly DoraDeployment[]) {
    const shipped = deployments
      .filter((d) => d.success && d.production)
      .sort((a, b) => a.atMs - b.atMs || compare(a.id, b.id));
    this.shippedAt = Float64Array.from(shipped, (d) => d.atMs);
    const firstSlot = this.firstSlot as Map<string, number>;
    shipped.forEach((deployment, slot) => {
      for (const change of deployment.changes) if (!firstSlot.has(change)) firstSlot.set(change, slot);
    });
    // Only what the queries need is kept.
    this.shipped = shipped.map((d) => ({
      id: d.id,
      service: d.service,
      atMs: d.atMs,
      changeCount: d.changes.length,
    }));
    this.firstDeployed = shipped.map(() => []);
  }

  addChange(change: DoraChange): void {
    const slot = this.firstSlot?.get(change.id);
    if (slot === undefined) return;
    (this.firstDeployed[slot] as { id: string; leadMs: number; linked: boolean }[]).push({
      id: change.id,
      leadMs: (this.shippedAt[slot] as number) - (change.firstCommitAtMs ?? change.createdAtMs),
      linked: change.items === undefined ? change.linked !== false : change.items.length > 0,
    });
  }

  build(incidents: Iterable<DoraIncident>): DoraIndex {
    this.firstSlot = null;
    const { shipped, shippedAt } = this;
    // Deployment ids are unique per source only: of the deployments with the named id, the one of
    // the incident's own service, else the first.
    const slotsById = new Map<string, number[]>();
    shipped.forEach((d, slot) => {
      const slots = slotsById.get(d.id);
      if (slots === undefined) slotsById.set(d.id, [slot]);
      else slots.push(slot);
    });
    const namedSlot = (incident: DoraIncident): number | undefined => {
      const slots = incident.causedBy === null ? undefined : slotsById.get(incident.causedBy);
      if (slots === undefined) return undefined;
      return slots.find((slot) => shipped[slot]?.service === incident.service) ?? slots[0];
    };
    const slotsByService = new Map<string, number[]>();
    shipped.forEach((d, slot) => {
      const slots = slotsByService.get(d.service) ?? [];
      slots.push(slot);
      slotsByService.set(d.service, slots);
    });
    const caused: DoraIncident[][] = shipped.map(() => []);
    const unattributed: DoraIncident[] = [];
    for (const incident of incidents) {
      const named = namedSlot(incident);
      const slot = named ?? lastBefore(slotsByService.get(incident.service), shippedAt, incident.openedAtMs);
      if (slot === undefined) unattributed.push(incident);
      else (caused[slot] as DoraIncident[]).push(incident);
    }
    unattributed.sort((a, b) => a.openedAtMs - b.openedAtMs || compare(a.id, b.id));
    return { shipped, shippedAt, firstDeployed: this.firstDeployed, caused, unattributed };
  }
}

/** A successful production deployment as the DORA queries keep it. */
export interface ShippedDeployment {
  readonly id: string;
  readonly service: string;
  readonly atMs: number;
  /** How many changes it lists. */
  readonly changeCount: number;
}

/** The four DORA keys, `timeToRestore` and what could not be counted. */
export function computeDoraMetrics(input: DoraInput): DoraMetrics {
  return queryDora(prepareDora(input), input.period, null);
}

/**
 * The DORA metrics of a period for the deployments of the services in scope (`inScope`; null: all).
 * `inScope` is asked about a service at an instant — a deployment's, or an unattributed incident's
 * opening — since a service is in a scope through the team that owned it then (metrics.md §4).
 */
export function queryDora(
  index: DoraIndex,
  period: Period,
  inScope: ((service: string, atMs: number) => boolean) | null,
  calendar: Calendar = UTC_CALENDAR,
): DoraMetrics {
  const first = lowerBound(index.shippedAt, period.fromMs);
  const end = lowerBound(index.shippedAt, period.toMs);
  const shippedAtInPeriod: number[] = [];
  const leadTimes: number[] = [];
  const negativeLeadTimes: string[] = [];
  const unlinkedChanges: string[] = [];
  const deploymentsWithoutChanges: string[] = [];
  const recovery: number[] = [];
  const restore: number[] = [];
  const unresolvedIncidents: string[] = [];
  let failed = 0;
  for (let slot = first; slot < end; slot++) {
    const deployment = index.shipped[slot] as ShippedDeployment;
    if (inScope !== null && !inScope(deployment.service, deployment.atMs)) continue;
    shippedAtInPeriod.push(deployment.atMs);
    if (deployment.changeCount === 0) deploymentsWithoutChanges.push(deployment.id);
    // Lead time for changes: from first commit (or creation) to the change's first successful production deployment.
    for (const change of index.firstDeployed[slot] ?? []) {
      if (change.leadMs < 0) negativeLeadTimes.push(change.id);
      else leadTimes.push(change.leadMs);
      if (!change.linked) unlinkedChanges.push(change.id);
    }
    const incidents = index.caused[slot] ?? [];
    if (incidents.length > 0) failed++;
    for (const incident of incidents) {
      if (incident.resolvedAtMs === null) {
        unresolvedIncidents.push(incident.id);
        continue;
      }
      recovery.push(incident.resolvedAtMs - deployment.atMs);
      restore.push(incident.resolvedAtMs - incident.openedAtMs);
    }
  }
  const unattributedIncidents = index.unattributed
    .filter(
      (i) =>
        i.openedAtMs >= period.fromMs &&
        i.openedAtMs < period.toMs &&
        (inScope === null || inScope(i.service, i.openedAtMs)),
    )
    .map((i) => i.id);
  const leadMedian = median(leadTimes);
  const recoveryMedian = median(recovery);
  const count = shippedAtInPeriod.length;
  const failureRate = count > 0 ? failed / count : null;

  return {
    deploymentFrequency: {
      count,
      perWeek: period.toMs > period.fromMs ? count / ((period.toMs - period.fromMs) / WEEK_MS) : 0,
      tier: deploymentFrequencyTier(
        shippedAtInPeriod.map((atMs) => ({ atMs })),
        period,
        calendar,
      ),
    },
    leadTimeForChanges: {
      median: seconds(leadMedian),
      count: leadTimes.length,
      tier:
        leadMedian === null
          ? null
          : leadMedian < DAY_MS
            ? 'elite'
            : leadMedian < 7 * DAY_MS
              ? 'high'
              : leadMedian < 30 * DAY_MS
                ? 'medium'
                : 'low',
    },
    changeFailureRate: {
      value: failureRate,
      tier:
        failureRate === null
          ? null
          : failureRate <= 0.05
            ? 'elite'
            : failureRate <= 0.1
              ? 'high'
              : failureRate <= 0.15
                ? 'medium'
                : 'low',
    },
    recoveryTime: {
      median: seconds(recoveryMedian),
      count: recovery.length,
      tier:
        recoveryMedian === null
          ? null
          : recoveryMedian < HOUR_MS
            ? 'elite'
            : recoveryMedian < DAY_MS
              ? 'high'
              : recoveryMedian < 7 * DAY_MS
                ? 'medium'
                : 'low',
    },
    timeToRestore: { median: seconds(median(restore)), count: restore.length },
    quality: {
      negativeLeadTimes,
      unresolvedIncidents,
      unattributedIncidents,
      deploymentsWithoutChanges,
      unlinkedChanges,
    },
  };
}

/**
 * The deployment-frequency tier (metrics.md §6): deployment days (distinct days of the calendar
 * with a deployment: UTC days by default, the organisation's otherwise, metrics.md §1) per week and
 * per calendar month, medians over the weeks and months wholly inside the period. Null with no
 * whole week or no deployment; with no whole month, medium is not tested.
 */
export function deploymentFrequencyTier(
  deployments: readonly { readonly atMs: number }[],
  period: Period,
  calendar: Calendar = UTC_CALENDAR,
): DoraTier | null {
  if (deployments.length === 0) return null;
  // Each deployment day, by its start, ascending.
  const days = Float64Array.from(new Set(deployments.map((d) => calendar.startOfDay(d.atMs)))).sort();
  /** The deployment days in [from, to). */
  const daysIn = (from: number, to: number) => lowerBound(days, to) - lowerBound(days, from);
  /** The first bucket start at or after the period's start. */
  const firstWhole = (startOf: (ms: number) => number, next: (ms: number) => number) =>
    startOf(period.fromMs) === period.fromMs ? period.fromMs : next(period.fromMs);
  const weekly: number[] = [];
  for (
    let week = firstWhole(calendar.startOfWeek, calendar.nextWeek);
    calendar.nextWeek(week) <= period.toMs;
    week = calendar.nextWeek(week)
  )
    weekly.push(daysIn(week, calendar.nextWeek(week)));
  if (weekly.length === 0) return null;
  const weeklyMedian = median(weekly) as number;
  if (weeklyMedian >= 5) return 'elite';
  if (weeklyMedian >= 1) return 'high';
  const monthly: number[] = [];
  for (
    let month = firstWhole(calendar.startOfMonth, calendar.nextMonth);
    calendar.nextMonth(month) <= period.toMs;
    month = calendar.nextMonth(month)
  )
    monthly.push(daysIn(month, calendar.nextMonth(month)));
  if (monthly.length > 0 && (median(monthly) as number) >= 1) return 'medium';
  return 'low';
}

/** The last slot of a service's deployments (in time order) strictly before t. */
function lastBefore(
  slots: readonly number[] | undefined,
  shippedAt: Float64Array,
  t: number,
): number | undefined {
  if (slots === undefined) return undefined;
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((shippedAt[slots[mid] as number] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : slots[lo - 1];
}

/** The first position whose value is ≥ t. */
function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function median(values: readonly number[]): number | null {
  return percentileBySelection(Float64Array.from(values), 50);
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
