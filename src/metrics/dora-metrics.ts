/**
 * DORA metrics of a period [from, to) (docs/metrics.md §5) and their tiers (§6). Pure.
 *
 * Only successful production deployments count as deployments. The caller decides what is in
 * scope (the deployments of the services the scope's teams own) and which environments are
 * production; durations are returned in seconds.
 */
import { DAY_MS, dayOf, isoWeekday, startOfMonthMs, startOfNextMonthMs } from '../domain/index.js';
import type { Period } from './flow-metrics.js';
import { percentileOfSorted } from './percentile.js';

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
    /** Incidents that name no deployment and follow none of their service. */
    readonly unattributedIncidents: readonly string[];
  };
}

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;

/** The four DORA keys, `timeToRestore` and what could not be counted. */
export function computeDoraMetrics(input: DoraInput): DoraMetrics {
  const { period } = input;
  const inPeriod = (t: number) => t >= period.fromMs && t < period.toMs;
  const shipped = input.deployments
    .filter((d) => d.success && d.production)
    .sort((a, b) => a.atMs - b.atMs || compare(a.id, b.id));
  const shippedInPeriod = shipped.filter((d) => inPeriod(d.atMs));

  // Lead time for changes: from first commit (or creation) to the change's first successful production deployment.
  const firstDeployment = new Map<string, number>();
  for (const deployment of shipped) {
    for (const change of deployment.changes)
      if (!firstDeployment.has(change)) firstDeployment.set(change, deployment.atMs);
  }
  const leadTimes: number[] = [];
  const negativeLeadTimes: string[] = [];
  for (const change of input.changes) {
    const deployedAt = firstDeployment.get(change.id);
    if (deployedAt === undefined || !inPeriod(deployedAt)) continue;
    const leadMs = deployedAt - (change.firstCommitAtMs ?? change.createdAtMs);
    if (leadMs < 0) negativeLeadTimes.push(change.id);
    else leadTimes.push(leadMs);
  }
  const leadMedian = median(leadTimes);

  // Incidents count against the deployment they name, else the last one of their service before them.
  const byId = new Map(shipped.map((d) => [d.id, d]));
  const caused = new Map<string, DoraIncident[]>();
  const unattributedIncidents: string[] = [];
  for (const incident of input.incidents) {
    const named = incident.causedBy === null ? undefined : byId.get(incident.causedBy);
    const cause = named ?? lastBefore(shipped, incident.service, incident.openedAtMs);
    if (cause === undefined) {
      unattributedIncidents.push(incident.id);
      continue;
    }
    const list = caused.get(cause.id) ?? [];
    list.push(incident);
    caused.set(cause.id, list);
  }
  const failed = shippedInPeriod.filter((d) => caused.has(d.id));
  const recovery: number[] = [];
  const restore: number[] = [];
  const unresolvedIncidents: string[] = [];
  for (const deployment of shippedInPeriod) {
    for (const incident of caused.get(deployment.id) ?? []) {
      if (incident.resolvedAtMs === null) {
        unresolvedIncidents.push(incident.id);
        continue;
      }
      recovery.push(incident.resolvedAtMs - deployment.atMs);
      restore.push(incident.resolvedAtMs - incident.openedAtMs);
    }
  }
  const recoveryMedian = median(recovery);
  const failureRate = shippedInPeriod.length > 0 ? failed.length / shippedInPeriod.length : null;

  return {
    deploymentFrequency: {
      count: shippedInPeriod.length,
      perWeek:
        period.toMs > period.fromMs ? shippedInPeriod.length / ((period.toMs - period.fromMs) / WEEK_MS) : 0,
      tier: deploymentFrequencyTier(shippedInPeriod, period),
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
    quality: { negativeLeadTimes, unresolvedIncidents, unattributedIncidents },
  };
}

/**
 * The deployment-frequency tier (metrics.md §6): deployment days (distinct UTC days with a
 * deployment) per ISO week and per calendar month, medians over the weeks and months wholly inside
 * the period. Null with no whole week or no deployment; with no whole month, medium is not tested.
 */
export function deploymentFrequencyTier(
  deployments: readonly DoraDeployment[],
  period: Period,
): DoraTier | null {
  if (deployments.length === 0) return null;
  const days = new Set(deployments.map((d) => dayOf(d.atMs)));
  const firstDay = Math.ceil(period.fromMs / DAY_MS);
  const firstMonday = firstDay + ((7 - isoWeekday(firstDay)) % 7);
  const weekly: number[] = [];
  for (let monday = firstMonday; (monday + 7) * DAY_MS <= period.toMs; monday += 7) {
    let count = 0;
    for (let day = monday; day < monday + 7; day++) if (days.has(day)) count++;
    weekly.push(count);
  }
  if (weekly.length === 0) return null;
  const weeklyMedian = median(weekly) as number;
  if (weeklyMedian >= 5) return 'elite';
  if (weeklyMedian >= 1) return 'high';
  const monthly: number[] = [];
  let monthStart =
    startOfMonthMs(firstDay) < period.fromMs ? startOfNextMonthMs(firstDay) : startOfMonthMs(firstDay);
  while (startOfNextMonthMs(dayOf(monthStart)) <= period.toMs) {
    const next = startOfNextMonthMs(dayOf(monthStart));
    let count = 0;
    for (let day = dayOf(monthStart); day < dayOf(next); day++) if (days.has(day)) count++;
    monthly.push(count);
    monthStart = next;
  }
  if (monthly.length > 0 && (median(monthly) as number) >= 1) return 'medium';
  return 'low';
}

function lastBefore(
  shipped: readonly DoraDeployment[],
  service: string,
  t: number,
): DoraDeployment | undefined {
  let found: DoraDeployment | undefined;
  for (const deployment of shipped) {
    if (deployment.atMs >= t) break;
    if (deployment.service === service) found = deployment;
  }
  return found;
}

function median(values: readonly number[]): number | null {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
