/**
 * References that point at records the database does not have (yet): a transition of an item
 * never imported, a team in a value stream nobody described, a deployment of an unknown service.
 * Records may arrive before what they refer to, so this is judged after an import, over the whole
 * database, and reported rather than rejected.
 *
 * Matching rules: a transition's `item` and a work item's `parent` refer to work items of the same
 * source. A change's `items`, a deployment's `changes` and an incident's `causedBy` refer by id to a
 * record of any source (a CI tool deploys the changes a code host recorded). A sprint's `items`
 * refer to work items of the sprint's source. Organisation records
 * (portfolios, value streams, teams, people, services) have no source and are matched by id.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Store } from './store.js';

export interface UnresolvedReference {
  /** `kind.field` of the referring records, e.g. `transition.item`. */
  readonly reference: string;
  /** The kind of record that is missing. */
  readonly missingKind: string;
  /** Referring records whose reference is unresolved. */
  readonly records: number;
  /** Distinct missing targets. */
  readonly missing: number;
  /** Up to five missing ids (prefixed with their source, e.g. `jira:PAY PAY-9`, where the source is part of the identity). */
  readonly examples: readonly string[];
}

interface ReferenceCheck {
  readonly reference: string;
  readonly missingKind: string;
  /** True when one record refers to a list of targets (counted once however many are missing). */
  readonly perElement?: boolean;
  /** A query yielding one row per (referring record, target): columns `target` and `found` (0/1). */
  readonly pairs: (dialect: Store['dialect']) => RawBuilder<unknown>;
}

const exists = (table: string, condition: RawBuilder<unknown>) =>
  sql`(case when exists (select 1 from ${sql.table(table)} x where ${condition}) then 1 else 0 end)`;

const simple = (
  reference: string,
  missingKind: string,
  from: string,
  column: string,
  to: string,
): ReferenceCheck => ({
  reference,
  missingKind,
  pairs: () =>
    sql`select r.${sql.ref(column)} as target, ${exists(to, sql`x.id = r.${sql.ref(column)}`)} as found
        from ${sql.table(from)} r where r.${sql.ref(column)} is not null and r.${sql.ref(column)} <> ''`,
});

const jsonList = (
  reference: string,
  missingKind: string,
  from: string,
  column: string,
  to: string,
): ReferenceCheck => ({
  reference,
  missingKind,
  perElement: true,
  pairs: (dialect) => {
    const elements =
      dialect === 'sqlite'
        ? sql`select r.source || '/' || r.id as referrer, j.value as target from ${sql.table(from)} r, json_each(r.${sql.ref(column)}) j where r.${sql.ref(column)} is not null`
        : sql`select r.source || '/' || r.id as referrer, j.value as target from ${sql.table(from)} r, jsonb_array_elements_text(r.${sql.ref(column)}::jsonb) as j(value) where r.${sql.ref(column)} is not null`;
    return sql`select e.referrer as referrer, e.target as target, ${exists(to, sql`x.id = e.target`)} as found from (${elements}) e`;
  },
});

const CHECKS: readonly ReferenceCheck[] = [
  {
    reference: 'transition.item',
    missingKind: 'workItem',
    // Grouped first: one probe per item, not per transition.
    pairs: () =>
      sql`select g.source || ' ' || g.item as target, g.n as weight,
            ${exists('work_items', sql`x.source = g.source and x.id = g.item`)} as found
          from (select source, item, count(*) as n from transitions group by source, item) g`,
  },
  {
    reference: 'workItem.parent',
    missingKind: 'workItem',
    pairs: () =>
      sql`select r.source || ' ' || r.parent as target, ${exists('work_items', sql`x.source = r.source and x.id = r.parent`)} as found
          from work_items r where r.parent is not null`,
  },
  simple('workItem.team', 'team', 'work_items', 'team', 'teams'),
  simple('valueStream.portfolio', 'portfolio', 'value_streams', 'portfolio', 'portfolios'),
  simple('team.valueStream', 'valueStream', 'teams', 'value_stream', 'value_streams'),
  simple('service.team', 'team', 'services', 'team', 'teams'),
  simple('role.person', 'person', 'roles', 'person', 'people'),
  simple('role.valueStream', 'valueStream', 'roles', 'value_stream', 'value_streams'),
  simple('role.team', 'team', 'roles', 'team', 'teams'),
  simple('mapping.team', 'team', 'mappings', 'team', 'teams'),
  jsonList('change.items', 'workItem', 'changes', 'items', 'work_items'),
  simple('deployment.service', 'service', 'deployments', 'service', 'services'),
  jsonList('deployment.changes', 'change', 'deployments', 'changes', 'changes'),
  simple('incident.service', 'service', 'incidents', 'service', 'services'),
  simple('incident.causedBy', 'deployment', 'incidents', 'caused_by', 'deployments'),
  {
    reference: 'sprint.items',
    missingKind: 'workItem',
    perElement: true,
    // A sprint's members are work items of its source (migration 0011 keeps them as rows).
    pairs: () =>
      sql`select m.source || ' ' || m.sprint as referrer, m.source || ' ' || m.item as target,
            ${exists('work_items', sql`x.source = m.source and x.id = m.item`)} as found
          from sprint_items m`,
  },
  simple('sprint.team', 'team', 'sprints', 'team', 'teams'),
];

/** Every kind of unresolved reference in the database, with counts and examples. */
export async function findUnresolvedReferences(store: Store): Promise<UnresolvedReference[]> {
  const found: UnresolvedReference[] = [];
  for (const check of CHECKS) {
    const pairs = check.pairs(store.dialect);
    const records =
      check.reference === 'transition.item'
        ? sql`sum(p.weight)`
        : check.perElement
          ? sql`count(distinct p.referrer)`
          : sql`count(*)`;
    const summary = await sql<{ records: number | null; missing: number }>`
      select ${records} as records, count(distinct p.target) as missing
      from (${pairs}) p where p.found = 0`.execute(store.db);
    const row = summary.rows[0];
    const referring = Number(row?.records ?? 0);
    if (referring === 0) continue;
    const examples = await sql<{ target: string }>`
      select distinct p.target as target from (${pairs}) p where p.found = 0 order by p.target limit 5`.execute(
      store.db,
    );
    found.push({
      reference: check.reference,
      missingKind: check.missingKind,
      records: referring,
      missing: Number(row?.missing ?? 0),
      examples: examples.rows.map((r) => String(r.target)),
    });
  }
  return found;
}
