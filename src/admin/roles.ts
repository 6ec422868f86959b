/**
 * Role coverage and the product management network of the organisation at an instant
 * (docs/organisation.md): the organisation as the role rules take it (src/org), read from the store
 * — value streams and teams that are not archived, each team in the value stream it belonged to at
 * that instant, the people and their assignments — and the team dependencies the work items show.
 */
import { DAY_MS } from '../domain/index.js';
import { loadOrg } from '../engine/index.js';
import {
  buildProductNetwork,
  computeRoleCoverage,
  dependenciesFromParents,
  type OrgSnapshot,
  type OverloadLimits,
  type ProductNetwork,
  parentAt,
  type RoleCoverage,
} from '../org/index.js';
import type { Store } from '../store/index.js';
import { readAssignments } from './role-assignments.js';
import { readOverloadLimits } from './settings.js';

/** How far back work items count as showing a dependency between two teams. */
export const DEPENDENCY_WINDOW_DAYS = 365;

/** The organisation at an instant, as the role rules take it. */
export async function readOrgSnapshot(store: Store, asOfMs: number): Promise<OrgSnapshot> {
  const [org, archived, people, assignments] = await Promise.all([
    loadOrg(store.db),
    store.db.selectFrom('org_archived').select(['kind', 'id']).execute(),
    store.db.selectFrom('people').select(['id', 'name']).orderBy('id').execute(),
    readAssignments(store),
  ]);
  const isArchived = new Set(archived.map((a) => `${a.kind}\u0000${a.id}`));
  const live = (kind: string, id: string) => !isArchived.has(`${kind}\u0000${id}`);
  return {
    asOfMs,
    valueStreams: org.valueStreams
      .filter((v) => live('valueStream', v.id))
      .map((v) => ({ id: v.id, name: v.name })),
    teams: org.teams
      .filter((t) => live('team', t.id))
      .map((t) => {
        const timeline = org.timelines.teams.get(t.id);
        const valueStream = timeline === undefined ? t.valueStream : parentAt(timeline, asOfMs);
        return {
          id: t.id,
          name: t.name,
          valueStream: valueStream !== null && live('valueStream', valueStream) ? valueStream : null,
        };
      }),
    people: new Map(people.map((p) => [p.id, { name: p.name, archived: !live('person', p.id) }])),
    assignments,
  };
}

/** Role coverage of every value stream at the instant, with the overload limits in force (or given). */
export async function readRoleCoverage(
  store: Store,
  options: { readonly asOfMs: number; readonly limits?: Partial<OverloadLimits> },
): Promise<RoleCoverage> {
  const [snapshot, stored] = await Promise.all([
    readOrgSnapshot(store, options.asOfMs),
    readOverloadLimits(store),
  ]);
  return computeRoleCoverage(snapshot, { ...stored, ...options.limits });
}

/**
 * The product management network at the instant: linked by shared value streams, and by the team
 * dependencies of the work items created in the year before it (two teams depend on each other
 * when their items share a parent).
 */
export async function readProductNetwork(store: Store, asOfMs: number): Promise<ProductNetwork> {
  const since = asOfMs - DEPENDENCY_WINDOW_DAYS * DAY_MS;
  const [snapshot, children] = await Promise.all([
    readOrgSnapshot(store, asOfMs),
    store.db
      .selectFrom('work_items')
      .select((eb) => ['source', 'parent', 'team', eb.fn.countAll<number>().as('items')])
      .where('parent', 'is not', null)
      .where('team', 'is not', null)
      .where('created_at', '>=', since)
      .where('created_at', '<', asOfMs)
      .groupBy(['source', 'parent', 'team'])
      .execute(),
  ]);
  const dependencies = dependenciesFromParents(
    children.map((c) => ({
      parent: `${c.source}\u0000${c.parent}`,
      team: c.team as string,
      items: Number(c.items),
    })),
  );
  return buildProductNetwork(snapshot, dependencies);
}
