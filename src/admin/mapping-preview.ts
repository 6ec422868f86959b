/**
 * The mapping editor's preview (docs/organisation.md, "The mapping editor"): before a mapping is
 * saved, how the organisation's headline metrics of a period would change. The facts of the
 * source's items are recomputed in memory with the proposed mapping — by the same function that
 * recomputes them once it is saved — and put in place of the source's current facts; the other
 * sources' items are the engine's. So the preview's "after" is what the metrics will be once the
 * saved mapping's recomputation is done, and its "before" what they are now.
 */
import { sql } from 'kysely';
import { formatInstant } from '../contract/index.js';
import { itemFacts, type MetricsEngine, type StoredItem } from '../engine/index.js';
import {
  FactIndex,
  FLAG,
  type HeadlineMetrics,
  headlineMetrics,
  type MappingDefinition,
  Mappings,
  type Period,
} from '../metrics/index.js';
import { diffMappings, type MappingChange, type MappingContent } from '../org/index.js';
import type { Store } from '../store/index.js';

export interface PreviewInput {
  readonly source: string;
  readonly team: string | null;
  /** The proposed mapping of (source, team); null: remove the team's override. */
  readonly mapping: MappingContent | null;
  readonly period: Period;
}

export interface MappingPreview {
  readonly source: string;
  readonly team: string | null;
  readonly period: { readonly from: string; readonly to: string };
  readonly changes: readonly MappingChange[];
  /** The whole organisation's headline metrics now, and with the proposed mapping. */
  readonly organisation: { readonly before: HeadlineMetrics; readonly after: HeadlineMetrics };
  /** The same over the source's items only. */
  readonly sourceOnly: { readonly before: HeadlineMetrics; readonly after: HeadlineMetrics };
  /** The source's items that were in a status no mapping names, now and with the proposed mapping. */
  readonly unmappedItems: { readonly before: number; readonly after: number };
  /** The source's successful production deployments in the period, now and with the proposed mapping. */
  readonly productionDeployments: { readonly before: number; readonly after: number };
}

const PAGE = 2000;

/** The preview of a proposed mapping of a source (or of a team's override). */
export async function previewMapping(
  store: Store,
  engine: MetricsEngine,
  input: PreviewInput,
): Promise<MappingPreview> {
  const rows = await store.db.selectFrom('mappings').selectAll().execute();
  const definitions: MappingDefinition[] = rows.map((row) => ({
    source: row.source,
    team: row.team === '' ? null : row.team,
    statuses: JSON.parse(row.statuses),
    types: JSON.parse(row.types),
    environments: row.environments === null ? null : JSON.parse(row.environments),
  }));
  const target = definitions.findIndex((d) => d.source === input.source && (d.team ?? null) === input.team);
  const current = target === -1 ? null : (definitions[target] as MappingDefinition);
  const proposed = definitions.filter((_, i) => i !== target);
  if (input.mapping !== null) proposed.push({ source: input.source, team: input.team, ...input.mapping });
  const before = new Mappings(definitions);
  const after = new Mappings(proposed);

  const overlay = await recomputedFacts(store, input.source, after);
  const main = engine.index;
  // The load is sampled on the organisation's days, as the metrics sample it (metrics.md §1).
  const calendar = engine.calendar();
  const organisation = {
    before: headlineMetrics([{ index: main }], input.period, calendar),
    after: headlineMetrics(
      [{ index: main, excludeSource: input.source }, { index: overlay }],
      input.period,
      calendar,
    ),
  };
  const sourceOnly = {
    before: headlineMetrics([{ index: main, onlySource: input.source }], input.period, calendar),
    after: headlineMetrics([{ index: overlay }], input.period, calendar),
  };
  const deployments = await store.db
    .selectFrom('deployments')
    .select('environment')
    .where('source', '=', input.source)
    .where('status', '=', 'success')
    .where('at', '>=', input.period.fromMs)
    .where('at', '<', input.period.toMs)
    .execute();
  const production = (mappings: Mappings) =>
    deployments.filter((d) => mappings.isProduction(input.source, d.environment)).length;
  return {
    source: input.source,
    team: input.team,
    period: { from: formatInstant(input.period.fromMs), to: formatInstant(input.period.toMs) },
    changes: diffMappings(
      current === null ? null : { ...current, environments: current.environments ?? null },
      input.mapping,
    ),
    organisation,
    sourceOnly,
    unmappedItems: { before: unmappedCount(main, input.source), after: unmappedCount(overlay, input.source) },
    productionDeployments: { before: production(before), after: production(after) },
  };
}

/** The facts of every item of the source with these mappings, in an index of their own. */
async function recomputedFacts(store: Store, source: string, mappings: Mappings): Promise<FactIndex> {
  const index = new FactIndex();
  let after: string | null = null;
  for (;;) {
    let query = store.db
      .selectFrom('work_items as w')
      .select(['w.source', 'w.id', 'w.type', 'w.status', 'w.created_at', 'w.team'])
      .select(
        sql<
          boolean | number
        >`exists (select 1 from work_items c where c.source = w.source and c.parent = w.id)`.as(
          'has_children',
        ),
      )
      .where('w.source', '=', source)
      .orderBy('w.id')
      .limit(PAGE);
    if (after !== null) query = query.where('w.id', '>', after);
    const items = await query.execute();
    if (items.length === 0) break;
    const first = (items[0] as (typeof items)[number]).id;
    const last = (items[items.length - 1] as (typeof items)[number]).id;
    const changes = await store.db
      .selectFrom('transitions')
      .select(['item', 'at', 'from_status', 'to_status', 'created_batch'])
      .where('source', '=', source)
      .where('item', '>=', first)
      .where('item', '<=', last)
      .execute();
    const byItem = new Map<string, { atMs: number; from: string; to: string; batch: number }[]>();
    for (const c of changes) {
      const list = byItem.get(c.item) ?? [];
      list.push({ atMs: Number(c.at), from: c.from_status, to: c.to_status, batch: Number(c.created_batch) });
      byItem.set(c.item, list);
    }
    for (const row of items) {
      const item: StoredItem = {
        source: row.source,
        id: row.id,
        type: row.type,
        status: row.status,
        createdAtMs: Number(row.created_at),
        team: row.team,
        hasChildren: row.has_children === true || Number(row.has_children) === 1,
      };
      index.upsertFlat(itemFacts(mappings, item, byItem.get(row.id) ?? []));
    }
    after = last;
    if (items.length < PAGE) break;
  }
  return index;
}

/** Flow items of the source that spent time in a status no mapping names. */
function unmappedCount(index: FactIndex, source: string): number {
  const code = index.sources.find(source);
  if (code === undefined) return 0;
  let count = 0;
  index.forEachSlot(null, (slot) => {
    if (index.source[slot] === code && ((index.flags[slot] as number) & FLAG.unmappedStatus) !== 0) count++;
  });
  return count;
}
