/**
 * Flow predictability of a scope (src/forecast/predictability.ts for the metric): the sprints of its
 * teams that close in a period — closed (`completedAt`) or, when not closed, planned to end — each
 * with what was planned at its start and what was delivered, and a summary across them
 * (`flowlens predictability`, GET /api/v1/metrics/predictability).
 *
 * Sprints and their membership come from the store (migration 0011); completion from the stored
 * item facts the metrics engine keeps (metrics.md §3), so a sprint counts exactly the completions the
 * flow metrics count; containers (items another names as parent, metrics.md §2) are left out. A
 * sprint belongs to its `team`, or when it names none, to the team most of its items belong to
 * (ties: the smallest team id). Sprints without dates (not started) are not measured.
 */
import { sql } from 'kysely';
import { formatInstant } from '../contract/index.js';
import {
  PREDICTABILITY_BAND,
  type PredictabilitySummary,
  type SprintMembership,
  type SprintOutcome,
  sprintOutcome,
  summarisePredictability,
} from '../forecast/index.js';
import type { Store } from '../store/index.js';
import { checkPeriod, type MetricsEngine } from './engine.js';
import type { ResolvedScope, ScopeQuery } from './org.js';

/** FLAG.container of the stored facts (src/metrics/fact-index.ts). */
const CONTAINER_FLAG = 16;

export interface PredictabilityQuery extends ScopeQuery {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface SprintPredictability extends Omit<SprintOutcome, 'closeMs'> {
  readonly source: string;
  readonly id: string;
  readonly name: string;
  /** The sprint's team, or the team most of its items belong to; null when neither is known. */
  readonly team: string | null;
  readonly state: string | null;
  readonly start: string;
  readonly end: string;
  readonly completedAt: string | null;
  /** When it is measured: `completedAt`, or `end` when not closed. */
  readonly closedAt: string;
  readonly goal: string | null;
}

export interface PredictabilityDocument {
  readonly period: { readonly from: string; readonly to: string };
  readonly scope: ResolvedScope['scope'];
  readonly band: { readonly low: number; readonly high: number };
  readonly sprints: readonly SprintPredictability[];
  readonly summary: PredictabilitySummary;
}

interface SprintRow {
  source: string;
  id: string;
  name: string;
  start_at: number | string;
  end_at: number | string;
  team: string | null;
  state: string | null;
  completed_at: number | string | null;
  goal: string | null;
}

interface MemberRow {
  source: string;
  sprint: string;
  item: string;
  added_at: number | string;
  removed_at: number | string | null;
  completed_at: number | string | null;
  flags: number | string | null;
  fact_team: string | null;
  known: number | string;
}

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** The sprints of the scope that close in the period, measured, and their summary. */
export async function predictabilityFor(
  store: Store,
  engine: MetricsEngine,
  query: PredictabilityQuery,
): Promise<PredictabilityDocument> {
  checkPeriod(query);
  const resolved = engine.resolve(query);
  const inScope = resolved.teams === null ? null : new Set(resolved.teams);
  const closeAt = sql<number>`coalesce(s.completed_at, s.end_at)`;
  const window = sql`s.start_at is not null and s.end_at is not null and ${closeAt} >= ${query.fromMs} and ${closeAt} < ${query.toMs}`;
  const sprints = await sql<SprintRow>`
    select s.source, s.id, s.name, s.start_at, s.end_at, s.team, s.state, s.completed_at, s.goal
    from sprints s where ${window}`.execute(store.db);
  const members = await sql<MemberRow>`
    select m.source, m.sprint, coalesce(a.new_id, m.item) as item, m.added_at, m.removed_at, f.completed_at,
      f.flags, f.team as fact_team, (case when w.id is null then 0 else 1 end) as known
    from sprint_items m
    join sprints s on s.source = m.source and s.id = m.sprint
    left join item_aliases a on a.source = m.source and a.old_id = m.item
    left join item_facts f on f.source = m.source and f.item = coalesce(a.new_id, m.item)
    left join work_items w on w.source = m.source and w.id = coalesce(a.new_id, m.item)
    where ${window}`.execute(store.db);

  // A membership recorded under an item's former id (before it was re-keyed, migration 0012)
  // counts for the item under its id now, once.
  const seen = new Set<string>();
  const bySprint = new Map<string, MemberRow[]>();
  for (const row of members.rows) {
    const stretch = JSON.stringify([row.source, row.sprint, row.item, Number(row.added_at)]);
    if (seen.has(stretch)) continue;
    seen.add(stretch);
    const key = JSON.stringify([row.source, row.sprint]);
    const list = bySprint.get(key);
    if (list === undefined) bySprint.set(key, [row]);
    else list.push(row);
  }

  const measured: { row: SprintRow; team: string | null; outcome: SprintOutcome }[] = [];
  for (const row of sprints.rows) {
    const rows = bySprint.get(JSON.stringify([row.source, row.id])) ?? [];
    const team = row.team ?? mostCommonTeam(rows);
    if (inScope !== null && (team === null || !inScope.has(team))) continue;
    const completion = new Map<string, number | null | undefined>();
    const memberships: SprintMembership[] = [];
    for (const m of rows) {
      memberships.push({ item: m.item, addedMs: Number(m.added_at), removedMs: num(m.removed_at) });
      // Not a flow item: not imported, facts not computed yet, or a container.
      const flowItem = Number(m.known) === 1 && m.flags !== null && (Number(m.flags) & CONTAINER_FLAG) === 0;
      completion.set(m.item, flowItem ? num(m.completed_at) : undefined);
    }
    const outcome = sprintOutcome(
      {
        startMs: Number(row.start_at),
        endMs: Number(row.end_at),
        completedMs: num(row.completed_at),
        memberships,
      },
      (item) => completion.get(item),
    );
    measured.push({ row, team, outcome });
  }
  measured.sort(
    (a, b) =>
      a.outcome.closeMs - b.outcome.closeMs ||
      compare(a.row.source, b.row.source) ||
      compare(a.row.id, b.row.id),
  );
  return {
    period: { from: formatInstant(query.fromMs), to: formatInstant(query.toMs) },
    scope: resolved.scope,
    band: { ...PREDICTABILITY_BAND },
    sprints: measured.map(({ row, team, outcome }) => {
      const { closeMs, ...counts } = outcome;
      const completedMs = num(row.completed_at);
      return {
        source: row.source,
        id: row.id,
        name: row.name,
        team,
        state: row.state,
        start: formatInstant(Number(row.start_at)),
        end: formatInstant(Number(row.end_at)),
        completedAt: completedMs === null ? null : formatInstant(completedMs),
        closedAt: formatInstant(closeMs),
        goal: row.goal,
        ...counts,
      };
    }),
    summary: summarisePredictability(measured.map((m) => m.outcome)),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The team most of a sprint's items belong to (by their facts); ties go to the smallest id. */
function mostCommonTeam(rows: readonly MemberRow[]): string | null {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.fact_team === null || seen.has(row.item)) continue;
    seen.add(row.item);
    counts.set(row.fact_team, (counts.get(row.fact_team) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [team, n] of counts)
    if (n > bestCount || (n === bestCount && best !== null && team < best)) {
      best = team;
      bestCount = n;
    }
  return best;
}
