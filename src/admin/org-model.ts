/**
 * The organisation as the editor shows it (docs/organisation.md): portfolios, value streams, teams,
 * services, products and people, each with its parent, whether it is archived, and for what moves
 * (teams, value streams, services) where it belonged before; the products work items name that the
 * organisation does not know yet; and the latest edits.
 */
import type { Kysely } from 'kysely';
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import type { Database, Store } from '../store/index.js';

export const ORG_KINDS = ['portfolio', 'valueStream', 'team', 'service', 'product', 'person'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The kinds whose parent changes are kept as history (metrics follow them, metrics.md §4). */
export const MOVABLE_KINDS = ['valueStream', 'team', 'service'] as const;

/** What each kind's parent is, and the field naming it in its interchange record. */
export const PARENTS: Readonly<Partial<Record<OrgKind, { readonly kind: OrgKind; readonly field: string }>>> =
  {
    valueStream: { kind: 'portfolio', field: 'portfolio' },
    team: { kind: 'valueStream', field: 'valueStream' },
    service: { kind: 'team', field: 'team' },
    product: { kind: 'team', field: 'team' },
  };

export const KIND_NAMES: Readonly<Record<OrgKind, string>> = {
  portfolio: 'portfolio',
  valueStream: 'value stream',
  team: 'team',
  service: 'service',
  product: 'product',
  person: 'person',
};

/** A past parent: the entity belonged to `parent` from `from` (null: always) until `to`. */
export interface PastParentEntry {
  readonly parent: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly movedAt: string;
  readonly movedBy: string;
}

export interface OrgEntity {
  readonly kind: OrgKind;
  readonly id: string;
  /** A service without a name shows its id. */
  readonly name: string;
  /** The current parent (null: none); absent for portfolios and people. */
  readonly parent?: string | null;
  readonly archived: { readonly at: string; readonly by: string } | null;
  /** Where it belonged before its moves, oldest first (teams, value streams, services). */
  readonly history?: readonly PastParentEntry[];
  readonly email?: string | null;
  readonly repository?: string | null;
  readonly description?: string | null;
}

export interface OrgChangeEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly kind: string;
  readonly target: string;
  readonly summary: string;
}

export interface OrgModelDocument {
  readonly portfolios: readonly OrgEntity[];
  readonly valueStreams: readonly OrgEntity[];
  readonly teams: readonly OrgEntity[];
  readonly services: readonly OrgEntity[];
  readonly products: readonly OrgEntity[];
  readonly people: readonly OrgEntity[];
  /** Products named on work items that the organisation has no product for, with their item counts. */
  readonly unregisteredProducts: readonly { readonly product: string; readonly items: number }[];
  /** The latest edits, newest first. */
  readonly changes: readonly OrgChangeEntry[];
}

/** The whole editable organisation. */
export async function readOrgModel(
  store: Store,
  options: { changes?: number } = {},
): Promise<OrgModelDocument> {
  const db = store.db;
  const [archived, history, portfolios, streams, teams, services, products, people, seen, changes] =
    await Promise.all([
      db.selectFrom('org_archived').selectAll().execute(),
      db.selectFrom('org_history').selectAll().orderBy('to_at').execute(),
      db.selectFrom('portfolios').select(['id', 'name']).orderBy('id').execute(),
      db.selectFrom('value_streams').select(['id', 'name', 'portfolio']).orderBy('id').execute(),
      db.selectFrom('teams').select(['id', 'name', 'value_stream']).orderBy('id').execute(),
      db.selectFrom('services').select(['id', 'name', 'team', 'repository']).orderBy('id').execute(),
      db.selectFrom('products').selectAll().orderBy('id').execute(),
      db.selectFrom('people').select(['id', 'name', 'email']).orderBy('id').execute(),
      db
        .selectFrom('work_items')
        .select((eb) => ['product', eb.fn.countAll<number>().as('items')])
        .where('product', 'is not', null)
        .groupBy('product')
        .execute(),
      recentChanges(db, options.changes ?? 30),
    ]);
  const archivedOf = archivedLookup(archived);
  const historyOf = historyLookup(history);
  const known = new Set(products.map((p) => p.id));
  return {
    portfolios: portfolios.map((p) => ({
      kind: 'portfolio',
      id: p.id,
      name: p.name,
      archived: archivedOf('portfolio', p.id),
    })),
    valueStreams: streams.map((v) => ({
      kind: 'valueStream',
      id: v.id,
      name: v.name,
      parent: v.portfolio,
      archived: archivedOf('valueStream', v.id),
      history: historyOf('valueStream', v.id),
    })),
    teams: teams.map((t) => ({
      kind: 'team',
      id: t.id,
      name: t.name,
      parent: t.value_stream,
      archived: archivedOf('team', t.id),
      history: historyOf('team', t.id),
    })),
    services: services.map((s) => ({
      kind: 'service',
      id: s.id,
      name: s.name ?? s.id,
      parent: s.team,
      archived: archivedOf('service', s.id),
      history: historyOf('service', s.id),
      repository: s.repository,
    })),
    products: products.map((p) => ({
      kind: 'product',
      id: p.id,
      name: p.name,
      parent: p.team,
      archived: archivedOf('product', p.id),
      description: p.description,
    })),
    people: people.map((p) => ({
      kind: 'person',
      id: p.id,
      name: p.name,
      archived: archivedOf('person', p.id),
      email: p.email,
    })),
    unregisteredProducts: seen
      .filter((row) => row.product !== null && !known.has(row.product))
      .map((row) => ({ product: row.product as string, items: Number(row.items) }))
      .sort((a, b) => b.items - a.items || (a.product < b.product ? -1 : 1)),
    changes,
  };
}

/** One entity of the organisation; NOT_FOUND when there is none. */
export async function readOrgEntity(store: Store, kind: OrgKind, id: string): Promise<OrgEntity> {
  const model = await readOrgModel(store, { changes: 0 });
  const list = entitiesOf(model, kind);
  const entity = list.find((e) => e.id === id);
  if (entity === undefined) throw notFound(kind, id, list);
  return entity;
}

/** The entities of one kind in a model. */
export function entitiesOf(model: OrgModelDocument, kind: OrgKind): readonly OrgEntity[] {
  switch (kind) {
    case 'portfolio':
      return model.portfolios;
    case 'valueStream':
      return model.valueStreams;
    case 'team':
      return model.teams;
    case 'service':
      return model.services;
    case 'product':
      return model.products;
    default:
      return model.people;
  }
}

/** The NOT_FOUND error of an unknown id, naming a few known ones. */
export function notFound(kind: OrgKind, id: string, known: readonly { id: string }[]): FlowlensError {
  const list =
    known.length === 0
      ? 'there are none'
      : `known: ${known
          .slice(0, 12)
          .map((k) => k.id)
          .join(', ')}${known.length > 12 ? ', …' : ''}`;
  return new FlowlensError('NOT_FOUND', `there is no ${KIND_NAMES[kind]} "${id}" (${list})`);
}

/** The latest edits of the organisation and the mappings, newest first. */
export async function recentChanges(
  db: Kysely<Database>,
  limit: number,
  filter: { kind?: string; target?: string } = {},
): Promise<OrgChangeEntry[]> {
  if (limit <= 0) return [];
  let query = db.selectFrom('org_changes').selectAll().orderBy('id', 'desc').limit(limit);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.target !== undefined) query = query.where('target', '=', filter.target);
  const rows = await query.execute();
  return rows.map((r) => ({
    at: formatInstant(Number(r.at)),
    actor: r.actor,
    action: r.action,
    kind: r.kind,
    target: r.target,
    summary: r.summary,
  }));
}

function archivedLookup(rows: readonly Database['org_archived'][]) {
  const byKey = new Map(rows.map((r) => [`${r.kind}\u0000${r.id}`, r]));
  return (kind: OrgKind, id: string) => {
    const row = byKey.get(`${kind}\u0000${id}`);
    return row === undefined ? null : { at: formatInstant(Number(row.archived_at)), by: row.archived_by };
  };
}

function historyLookup(rows: readonly Database['org_history'][]) {
  const byKey = new Map<string, Database['org_history'][]>();
  for (const row of rows) {
    const key = `${row.kind}\u0000${row.id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return (kind: OrgKind, id: string): PastParentEntry[] => {
    const list = [...(byKey.get(`${kind}\u0000${id}`) ?? [])].sort(
      (a, b) => Number(a.to_at) - Number(b.to_at),
    );
    return list.map((row, i) => ({
      parent: row.parent,
      from: i === 0 ? null : formatInstant(Number((list[i - 1] as Database['org_history']).to_at)),
      to: formatInstant(Number(row.to_at)),
      movedAt: formatInstant(Number(row.moved_at)),
      movedBy: row.moved_by,
    }));
  };
}
