/**
 * Stored item facts, kept up to date. Triggers (migration 0002) queue every item whose work item or
 * status changes were written, and every item of a source whose mapping changed; `refreshFacts`
 * works the queue off in pages, each page one transaction: read the items' histories, compute their
 * facts with the pure core, write them and take the items off the queue. `rebuildFacts` queues every
 * item first. Facts are computed without an evaluation instant (every stored change counts), so
 * they stay true until the item's history changes.
 */
import { type Kysely, sql } from 'kysely';
import {
  computeItemFacts,
  encodeFacts,
  type FlatFacts,
  type MappingDefinition,
  Mappings,
  toFlatFacts,
} from '../metrics/index.js';
import type { Database, QueuedChange, QueuedItem, Store } from '../store/index.js';

/** Facts are computed as of the end of time: every stored change counts. */
const END_OF_TIME = 8.64e15;
const PAGE_ITEMS = 2000;

export interface RefreshReport {
  /** Items whose facts were (re)computed. */
  readonly computed: number;
  /** Queued items with no work item any more: their facts were removed. */
  readonly removed: number;
  readonly ms: number;
  /** The facts version the last page wrote (migration 0003); absent when nothing was queued. */
  readonly version?: string;
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
  let version: string | undefined;
  for (;;) {
    let facts: FlatFacts[] = [];
    const page = await store.factsQueue.processPage(PAGE_ITEMS, (items, changes) => {
      facts = computeFacts(mappings, items, changes);
      return facts.map(toRow);
    });
    if (page === null) break;
    computed += facts.length;
    removed += page.gone.length;
    version = page.version;
    options.onPage?.(
      facts,
      page.gone.map((k) => ({ source: k.source, id: k.item })),
    );
    options.onProgress?.(computed + removed, Math.max(total, computed + removed));
  }
  return { computed, removed, ms: now() - started, ...(version === undefined ? {} : { version }) };
}

/** The store's id and its current facts version (migration 0003). */
export interface FactsVersion {
  readonly storeId: string;
  readonly version: string;
}

export async function readFactsVersion(db: Kysely<Database>): Promise<FactsVersion> {
  const row = await db
    .selectFrom('facts_version')
    .select(['store_id', 'version'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { storeId: row.store_id, version: row.version };
}

/** The facts of a page of queued items. */
function computeFacts(
  mappings: Mappings,
  items: readonly QueuedItem[],
  changes: readonly QueuedChange[],
): FlatFacts[] {
  // Grouped by key, not merged by order: JavaScript compares strings by UTF-16 code units, the
  // stores by bytes, and the two orders differ for some characters.
  // An item's changes mostly come one after another: one lookup per run, not per change.
  const histories = new Map<string, QueuedChange[]>();
  let history: QueuedChange[] = [];
  let previous: QueuedChange | undefined;
  for (const change of changes) {
    if (previous === undefined || change.item !== previous.item || change.source !== previous.source) {
      const key = `${change.source}\u0000${change.item}`;
      const known = histories.get(key);
      if (known === undefined) {
        history = [];
        histories.set(key, history);
      } else history = known;
    }
    history.push(change);
    previous = change;
  }
  return items.map((item) =>
    itemFacts(mappings, item, histories.get(`${item.source}\u0000${item.id}`) ?? []),
  );
}

export type StoredItem = QueuedItem;

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
    container: item.hasChildren,
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

const STATE_NAMES = ['new', 'waiting', 'active', 'done', 'cancelled'] as const;
const STAGE_NAMES = ['ideate', 'create', 'release', 'operate', 'unmapped'] as const;

function toRow(f: FlatFacts): Database['item_facts'] {
  const lastSpan = f.spans.length - 4;
  const e = encodeFacts(f);
  const buffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
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
    span_statuses: e.spanStatuses,
    history: buffer(e.history),
    flags: f.flags,
    out_of_order: f.outOfOrderChanges,
  };
}
