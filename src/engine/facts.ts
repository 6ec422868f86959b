/**
 * Stored item facts, kept up to date. Triggers (migration 0002) queue every item whose work item or
 * status changes were written, and every item of a source whose mapping changed; `refreshFacts`
 * works the queue off in pages, each page one transaction: read the items' histories, compute their
 * facts with the pure core, write them and take the items off the queue. `rebuildFacts` queues every
 * item first. Facts are computed without an evaluation instant (every stored change counts), so
 * they stay true until the item's history changes.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { FLOW_TYPES, type FlowType } from '../domain/index.js';
import {
  computeItemFacts,
  type FlatFacts,
  type MappingDefinition,
  Mappings,
  type StageOrUnmapped,
  toFlatFacts,
} from '../metrics/index.js';
import type { Database, Store } from '../store/index.js';

/** Facts are computed as of the end of time: every stored change counts. */
const END_OF_TIME = 8.64e15;
const PAGE_ITEMS = 2000;
const WRITE_ROWS = 500;

export interface RefreshReport {
  /** Items whose facts were (re)computed. */
  readonly computed: number;
  /** Queued items with no work item any more: their facts were removed. */
  readonly removed: number;
  readonly ms: number;
}

export interface RefreshOptions {
  /** Called after each committed page with the new facts and the keys of removed items. */
  readonly onPage?: (facts: readonly FlatFacts[], removed: readonly { source: string; id: string }[]) => void;
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => number;
}

/** How many items wait for their facts. */
export async function pendingFactCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('facts_pending')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Reads the mappings as the pure core takes them. */
export async function loadMappings(db: Kysely<Database>): Promise<Mappings> {
  const rows = await db.selectFrom('mappings').selectAll().execute();
  return new Mappings(
    rows.map(
      (row): MappingDefinition => ({
        source: row.source,
        team: row.team === '' ? null : row.team,
        statuses: JSON.parse(row.statuses),
        types: JSON.parse(row.types),
        environments: row.environments === null ? null : JSON.parse(row.environments),
      }),
    ),
  );
}

/** Recomputes the facts of every item (`flowlens rebuild`). */
export async function rebuildFacts(store: Store, options: RefreshOptions = {}): Promise<RefreshReport> {
  await sql`insert into facts_pending (source, item) select source, id from work_items where true on conflict do nothing`.execute(
    store.db,
  );
  // Facts of items that no longer exist are removed too.
  await sql`insert into facts_pending (source, item) select source, item from item_facts where true on conflict do nothing`.execute(
    store.db,
  );
  return refreshFacts(store, options);
}

/** Recomputes the facts of the queued items. */
export async function refreshFacts(store: Store, options: RefreshOptions = {}): Promise<RefreshReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const total = await pendingFactCount(store);
  if (total === 0) return { computed: 0, removed: 0, ms: now() - started };
  const mappings = await loadMappings(store.db);
  let computed = 0;
  let removed = 0;
  for (;;) {
    const page = await store.db.transaction().execute(async (trx) => {
      const keys = await trx
        .selectFrom('facts_pending')
        .select(['source', 'item'])
        .orderBy('source')
        .orderBy('item')
        .limit(PAGE_ITEMS)
        .execute();
      if (keys.length === 0) return null;
      const first = keys[0] as { source: string; item: string };
      const last = keys[keys.length - 1] as { source: string; item: string };
      const facts = await computePage(trx, mappings, first, last);
      const present = new Set(facts.map((f) => `${f.source}\u0000${f.id}`));
      const gone = keys.filter((k) => !present.has(`${k.source}\u0000${k.item}`));
      await writeFacts(trx, facts);
      for (const key of gone)
        await trx
          .deleteFrom('item_facts')
          .where('source', '=', key.source)
          .where('item', '=', key.item)
          .execute();
      await sql`delete from facts_pending where (source, item) >= (${first.source}, ${first.item}) and (source, item) <= (${last.source}, ${last.item})`.execute(
        trx,
      );
      return { facts, gone: gone.map((k) => ({ source: k.source, id: k.item })) };
    });
    if (page === null) break;
    computed += page.facts.length;
    removed += page.gone.length;
    options.onPage?.(page.facts, page.gone);
    options.onProgress?.(computed + removed, Math.max(total, computed + removed));
  }
  return { computed, removed, ms: now() - started };
}

interface Key {
  readonly source: string;
  readonly item: string;
}

/** The facts of the queued items in [first, last] (by source, then id). */
async function computePage(
  trx: Transaction<Database>,
  mappings: Mappings,
  first: Key,
  last: Key,
): Promise<FlatFacts[]> {
  const inRange = sql<boolean>`(p.source, p.item) >= (${first.source}, ${first.item}) and (p.source, p.item) <= (${last.source}, ${last.item})`;
  const items = await trx
    .selectFrom('facts_pending as p')
    // A cross join with the conditions in WHERE makes SQLite drive from the queue's key range.
    .crossJoin('work_items as w')
    .whereRef('w.source', '=', 'p.source')
    .whereRef('w.id', '=', 'p.item')
    .select(['w.source', 'w.id', 'w.type', 'w.status', 'w.created_at', 'w.team'])
    .where(inRange)
    .execute();
  const changes = await trx
    .selectFrom('facts_pending as p')
    .crossJoin('transitions as t')
    .whereRef('t.source', '=', 'p.source')
    .whereRef('t.item', '=', 'p.item')
    .select(['t.source', 't.item', 't.at', 't.from_status', 't.to_status', 't.created_batch'])
    .where(inRange)
    .execute();

  // Grouped by key, not merged by order: JavaScript compares strings by UTF-16 code units, the
  // stores by bytes, and the two orders differ for some characters.
  const histories = new Map<string, { atMs: number; from: string; to: string; batch: number }[]>();
  for (const change of changes) {
    const key = `${change.source}\u0000${change.item}`;
    let history = histories.get(key);
    if (history === undefined) {
      history = [];
      histories.set(key, history);
    }
    history.push({
      atMs: Number(change.at),
      from: change.from_status,
      to: change.to_status,
      batch: Number(change.created_batch),
    });
  }
  const facts: FlatFacts[] = [];
  for (const item of items) {
    facts.push(
      itemFacts(
        mappings,
        {
          source: item.source,
          id: item.id,
          type: item.type,
          status: item.status,
          createdAtMs: Number(item.created_at),
          team: item.team,
        },
        histories.get(`${item.source}\u0000${item.id}`) ?? [],
      ),
    );
  }
  return facts;
}

export interface StoredItem {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly createdAtMs: number;
  readonly team: string | null;
}

/** One item's flat facts from its stored record and status changes (with their import batch). */
export function itemFacts(
  mappings: Mappings,
  item: StoredItem,
  history: readonly { atMs: number; from: string; to: string; batch: number }[],
): FlatFacts {
  const resolved = mappings.forItem(item.source, item.team);
  const type = resolved.typeOf(item.type);
  const facts = computeItemFacts({
    createdAtMs: item.createdAtMs,
    status: item.status,
    changes: history,
    classify: resolved.classify,
    asOfMs: END_OF_TIME,
  });
  return toFlatFacts({
    source: item.source,
    id: item.id,
    team: item.team,
    flowType: type.flowType,
    unmappedType: type.mapped ? null : item.type,
    outOfOrderChanges: outOfOrder(history),
    facts,
  });
}

/**
 * Changes that arrived (were first imported) in a later batch than a change later in time. Changes
 * that arrived in the same batch cannot be told apart and count as in order.
 */
function outOfOrder(history: readonly { atMs: number; batch: number }[]): number {
  if (history.length < 2) return 0;
  const byTime = [...history].sort((a, b) => a.atMs - b.atMs);
  let count = 0;
  let earliestLaterBatch = Number.POSITIVE_INFINITY;
  for (let i = byTime.length - 1; i >= 0; i--) {
    const change = byTime[i] as { atMs: number; batch: number };
    if (change.batch > earliestLaterBatch) count++;
    earliestLaterBatch = Math.min(earliestLaterBatch, change.batch);
  }
  return count;
}

async function writeFacts(trx: Transaction<Database>, facts: readonly FlatFacts[]): Promise<void> {
  for (let i = 0; i < facts.length; i += WRITE_ROWS) {
    const rows = facts.slice(i, i + WRITE_ROWS).map(toRow);
    await trx
      .insertInto('item_facts')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'item']).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const column of FACT_COLUMNS) set[column] = eb.ref(`excluded.${column}`);
          return set;
        }),
      )
      .execute();
  }
}

const FACT_COLUMNS = [
  'team',
  'raw_type',
  'flow_type',
  'type_mapped',
  'created_at',
  'started_at',
  'completed_at',
  'current_status',
  'current_state',
  'current_stage',
  'lead_ms',
  'flow_ms',
  'active_ms',
  'stage_ms',
  'spans',
  'wip',
  'flags',
  'out_of_order',
] as const;

const STATE_NAMES = ['new', 'waiting', 'active', 'done', 'cancelled'] as const;
const STAGE_NAMES = ['ideate', 'create', 'release', 'operate', 'unmapped'] as const;

function toRow(f: FlatFacts): Database['item_facts'] {
  const lastSpan = f.spans.length - 4;
  return {
    source: f.source,
    item: f.id,
    team: f.team,
    raw_type: f.unmappedType ?? '',
    flow_type: f.flowType,
    type_mapped: f.unmappedType === null ? 1 : 0,
    created_at: f.createdAtMs,
    started_at: f.startedAtMs,
    completed_at: f.completedAtMs,
    current_status: f.spans[lastSpan + 1] as string,
    current_state: STATE_NAMES[f.spans[lastSpan + 2] as number] as string,
    current_stage: STAGE_NAMES[f.spans[lastSpan + 3] as number] as string,
    lead_ms: f.leadTimeMs,
    flow_ms: f.flowTimeMs,
    active_ms: f.activeTimeMs,
    stage_ms: JSON.stringify(f.stageMs),
    spans: JSON.stringify(f.spans),
    wip: JSON.stringify(f.wip),
    flags: f.flags,
    out_of_order: f.outOfOrderChanges,
  };
}

/** A stored facts row back in flat form. */
export function fromRow(row: Database['item_facts']): FlatFacts {
  const orNull = (v: number | null) => (v === null ? null : Number(v));
  return {
    source: row.source,
    id: row.item,
    team: row.team,
    flowType: (FLOW_TYPES as readonly string[]).includes(row.flow_type)
      ? (row.flow_type as FlowType)
      : 'feature',
    unmappedType: Number(row.type_mapped) === 1 ? null : row.raw_type,
    outOfOrderChanges: Number(row.out_of_order),
    createdAtMs: Number(row.created_at),
    startedAtMs: orNull(row.started_at),
    completedAtMs: orNull(row.completed_at),
    leadTimeMs: orNull(row.lead_ms),
    flowTimeMs: orNull(row.flow_ms),
    activeTimeMs: orNull(row.active_ms),
    stageMs: JSON.parse(row.stage_ms) as Partial<Record<StageOrUnmapped, number>>,
    spans: JSON.parse(row.spans) as (number | string)[],
    wip: JSON.parse(row.wip) as (number | null)[],
    flags: Number(row.flags),
  };
}
