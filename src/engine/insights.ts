/**
 * Insights for a scope (src/insights for the rules): the scope's metrics in the period ending at
 * `toMs` and in the equal periods before it (the baseline), its aging work, and its team's
 * allocation target (migration 0006), put through the rules. Everything the rules read is what the
 * metrics API answers for the same scope and periods.
 */
import { appendAudit } from '../audit/index.js';
import { formatInstant } from '../contract/index.js';
import { DAY_MS, FlowlensError } from '../domain/index.js';
import {
  type AgingItem,
  type AllocationTarget,
  findInsights,
  type Insight,
  type PeriodMetrics,
  type Thresholds,
} from '../insights/index.js';
import type { Store } from '../store/index.js';
import type { MetricsEngine } from './engine.js';
import type { ScopeQuery } from './org.js';
import { completedItems } from './views.js';

export interface InsightsQuery extends ScopeQuery {
  /** End of the current period (exclusive). */
  readonly toMs: number;
  /** Length of each period in days (default 28). */
  readonly periodDays?: number;
  /** Periods before the current one that make the baseline (default 6). */
  readonly baselinePeriods?: number;
  readonly thresholds?: Partial<Thresholds>;
}

export interface InsightsDocument {
  readonly scope: Readonly<Record<string, string>>;
  readonly period: { readonly from: string; readonly to: string };
  readonly baseline: { readonly from: string; readonly to: string; readonly periods: number };
  readonly target: AllocationTarget | null;
  readonly insights: readonly Insight[];
}

const MAX_ITEMS = 10_000_000;

function periodMetrics(
  engine: MetricsEngine,
  scope: ScopeQuery,
  fromMs: number,
  toMs: number,
): PeriodMetrics {
  const m = engine.metrics({ ...scope, fromMs, toMs });
  const completed = completedItems(engine, { ...scope, fromMs, toMs, limit: MAX_ITEMS });
  const q = m.dataQuality;
  return {
    from: m.period.from,
    to: m.period.to,
    velocity: m.flow.velocity.total,
    flowTimeP85: m.flow.flowTime.p85,
    flowTimeTotal: completed.items.reduce((sum, item) => sum + item.flowTime, 0),
    loadAverage: m.flow.load.average,
    // Null shares (nothing completed) count as 0: the drift rule needs enough completed items anyway.
    distribution: {
      feature: m.flow.distribution.feature ?? 0,
      defect: m.flow.distribution.defect ?? 0,
      risk: m.flow.distribution.risk ?? 0,
      debt: m.flow.distribution.debt ?? 0,
    },
    waitByStatus: m.flow.waitByStatus,
    dora: {
      deploymentFrequency: m.dora.deploymentFrequency.tier,
      leadTimeForChanges: m.dora.leadTimeForChanges.tier,
      changeFailureRate: m.dora.changeFailureRate.tier,
      recoveryTime: m.dora.recoveryTime.tier,
    },
    dataQuality: {
      'items in unmapped statuses': q.unmappedStatuses.reduce((n, s) => n + s.items, 0),
      'items of unmapped types': q.unmappedTypes.reduce((n, s) => n + s.items, 0),
      'items without a team': q.itemsWithoutTeam,
      'changes linked to no item': q.unlinkedChanges.count,
      'deployments listing no change': q.deploymentsWithoutChanges.count,
      'incidents with no deployment': q.unattributedIncidents.count,
    },
  };
}

export async function getAllocationTarget(store: Store, team: string): Promise<AllocationTarget | null> {
  const row = await store.db
    .selectFrom('allocation_targets')
    .selectAll()
    .where('team', '=', team)
    .executeTakeFirst();
  return row === undefined
    ? null
    : { feature: row.feature, defect: row.defect, debtAndRisk: row.debt_and_risk };
}

/** Sets a team's capacity-allocation target: shares of features, defects, and debt and risk that sum to 1. */
export async function setAllocationTarget(
  engine: MetricsEngine,
  store: Store,
  team: string,
  target: AllocationTarget,
  actor: string,
  now: () => number = Date.now,
): Promise<AllocationTarget> {
  engine.resolve({ team });
  const shares = [target.feature, target.defect, target.debtAndRisk];
  if (shares.some((v) => !Number.isFinite(v) || v < 0 || v > 1))
    throw new FlowlensError('INVALID_ARGUMENT', 'target: each share must be between 0 and 1');
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 0.001)
    throw new FlowlensError('INVALID_ARGUMENT', `target: the shares must add up to 1, not ${sum.toFixed(3)}`);
  const row = {
    team,
    feature: target.feature,
    defect: target.defect,
    debt_and_risk: target.debtAndRisk,
    updated_at: now(),
    updated_by: actor,
  };
  // The target and its audit entry commit together.
  await store.db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('allocation_targets')
      .select(['feature', 'defect', 'debt_and_risk'])
      .where('team', '=', team)
      .executeTakeFirst();
    await trx
      .insertInto('allocation_targets')
      .values(row)
      .onConflict((oc) =>
        oc.column('team').doUpdateSet({
          feature: row.feature,
          defect: row.defect,
          debt_and_risk: row.debt_and_risk,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    const after = { feature: row.feature, defect: row.defect, debtAndRisk: row.debt_and_risk };
    await appendAudit(
      store,
      {
        actor,
        action: 'allocation-target.set',
        kind: 'allocation-target',
        target: team,
        summary: `allocation target of team ${team}: features ${after.feature}, defects ${after.defect}, debt and risk ${after.debtAndRisk}`,
        ...(previous === undefined
          ? {}
          : {
              before: {
                feature: previous.feature,
                defect: previous.defect,
                debtAndRisk: previous.debt_and_risk,
              },
            }),
        after,
        at: row.updated_at,
      },
      trx,
    );
  });
  return target;
}

export async function scopeInsights(
  engine: MetricsEngine,
  store: Store,
  query: InsightsQuery,
): Promise<InsightsDocument> {
  const periodDays = query.periodDays ?? 28;
  const baselinePeriods = query.baselinePeriods ?? 6;
  if (!Number.isInteger(periodDays) || periodDays < 7 || periodDays > 366)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `periodDays: must be a whole number from 7 to 366, not ${periodDays}`,
    );
  if (!Number.isInteger(baselinePeriods) || baselinePeriods < 1 || baselinePeriods > 24)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `baselinePeriods: must be a whole number from 1 to 24, not ${baselinePeriods}`,
    );
  const scope: ScopeQuery = {
    ...(query.team === undefined ? {} : { team: query.team }),
    ...(query.valueStream === undefined ? {} : { valueStream: query.valueStream }),
    ...(query.portfolio === undefined ? {} : { portfolio: query.portfolio }),
  };
  const resolved = engine.resolve(scope);
  const length = periodDays * DAY_MS;
  const fromMs = query.toMs - length;
  const baseline: PeriodMetrics[] = [];
  for (let k = baselinePeriods; k >= 1; k--)
    baseline.push(periodMetrics(engine, scope, fromMs - k * length, fromMs - (k - 1) * length));
  const current = periodMetrics(engine, scope, fromMs, query.toMs);
  const aging: AgingItem[] = engine
    .series({ ...scope, fromMs, toMs: query.toMs })
    .aging.map((a) => ({ source: a.source, id: a.id, status: a.status, age: a.ageSeconds }));
  const target = query.team === undefined ? null : await getAllocationTarget(store, query.team);
  const insights = findInsights(
    {
      scope: resolved.scope as Record<string, string>,
      current,
      baseline,
      aging,
      ...(target === null ? {} : { target }),
    },
    query.thresholds ?? {},
  );
  return {
    scope: resolved.scope as Record<string, string>,
    period: { from: formatInstant(fromMs), to: formatInstant(query.toMs) },
    baseline: {
      from: formatInstant(fromMs - baselinePeriods * length),
      to: formatInstant(fromMs),
      periods: baselinePeriods,
    },
    target,
    insights,
  };
}
