/**
 * Item identity across renames (migration 0012, hostile-input.md §30): a work item that carries its
 * immutable id at its source (`sourceId`) keeps its history when its id changes — a Jira issue moved
 * to another project (PROJ-1 → NEW-7), a GitHub repository renamed. Runs inside a batch's
 * transaction, before the batch's rows are upserted, on both stores:
 *
 * - A work item arriving under a new id with a source + sourceId stored under another id renames the
 *   stored item: its row, its status changes, the `parent` of its children, the change records that
 *   name it and the improvement items that point at it take the new id, the facts of both ids are
 *   queued (so metrics equal those of a from-scratch import of the final state), an `item.rekey`
 *   audit entry is written and `item_aliases` remembers the former id. Two names of one sourceId in
 *   the same batch are merged the same way (the later record wins).
 * - Records that arrive later under a former id land on the renamed item: a status change naming
 *   PROJ-1 (a late webhook) is stored under NEW-7, a child naming PROJ-1 as its parent names NEW-7. A
 *   work item record under a former id is an older copy of the item (it was written before the
 *   move) and is left out, counted as unchanged. A former id that arrives with another sourceId is a
 *   new item that reuses the name: the alias is dropped.
 * - A rename onto an id that another stored item already has is refused: the arriving work item
 *   (and its status changes in the batch) is rejected with an error naming both ids; the rest of the
 *   batch is written and nothing stored is changed.
 *
 * The logic is written once, as a generator of SQL statements (`?` placeholders) that each store
 * runs with its own driver: synchronously inside better-sqlite3's transaction, or awaiting a `pg`
 * client (see `runIdentitySync` / `runIdentityAsync`).
 */
import type { AuditEntry } from '../audit/chain.js';
import type { RecordKind } from '../domain/index.js';
import type { BatchInput, CountsByKind, LineError } from './batch.js';
import { type Cell, type FlatRows, TABLES, type TableSpec } from './tables.js';

/** A work item of a batch that carries a sourceId: source, id, sourceId and its line (1-based). */
export type ItemIdentityRow = [source: string, id: string, sourceId: string, line: number];

/** One statement for the store's driver; `rows`: whether its result rows are read. */
export interface IdentityQuery {
  readonly sql: string;
  readonly params: readonly Cell[];
  readonly rows: boolean;
}

type Rows = readonly Record<string, unknown>[];

/** A stored or in-batch rename that was applied. */
export interface ItemRename {
  readonly source: string;
  readonly from: string;
  readonly to: string;
  readonly sourceId: string;
  /** Whether the former id was stored (false: both names arrived in the same batch). */
  readonly stored: boolean;
  readonly transitions: number;
  readonly children: number;
  readonly changes: number;
}

export interface IdentityOutcome {
  /** The batch's rows after renames, redirects and refusals. */
  readonly rows: ReadonlyMap<RecordKind, FlatRows>;
  /** Rows left out as copies of a renamed item's record, per kind (counted as unchanged). */
  readonly dropped: Partial<Record<RecordKind, number>>;
  /** Records refused (a rename onto another item's id), with their errors. */
  readonly refused: { readonly records: number; readonly errors: readonly LineError[] };
  readonly renames: readonly ItemRename[];
  /** `item.rekey` entries, appended with the batch's own entry. */
  readonly audit: readonly AuditEntry[];
  /** The sourceIds to store once the rows are written: source, id, sourceId. */
  readonly sourceIds: readonly [string, string, string][];
}

/** Pairs per `IN (VALUES …)` lookup (two parameters each; both stores accept far more). */
const CHUNK = 400;

const column = (spec: TableSpec, name: string): number => {
  const index = spec.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`table ${spec.table} has no column ${name}`);
  return index;
};

const key = (source: string, id: string): string => `${source.length}:${source}${id}`;

/** Whether the batch needs the identity step at all (cheap: no query). */
export function needsIdentityStep(input: BatchInput): boolean {
  return (
    (input.identities?.length ?? 0) > 0 ||
    (input.rows.get('transition')?.length ?? 0) > 0 ||
    (input.rows.get('workItem')?.length ?? 0) > 0 ||
    (input.rows.get('change')?.length ?? 0) > 0
  );
}

/** The identity step of a batch; see the file's comment. */
export function* resolveItemIdentity(input: BatchInput): Generator<IdentityQuery, IdentityOutcome, Rows> {
  const identities = [...(input.identities ?? [])].sort((a, b) => a[3] - b[3]);
  const hasAliases =
    (yield { sql: 'SELECT 1 AS x FROM item_aliases LIMIT 1', params: [], rows: true }).length > 0;
  const unchanged: IdentityOutcome = {
    rows: input.rows,
    dropped: {},
    refused: { records: 0, errors: [] },
    renames: [],
    audit: [],
    sourceIds: identities.map(([source, id, sourceId]) => [source, id, sourceId]),
  };
  if (identities.length === 0 && !hasAliases) return unchanged;

  const itemSpec = TABLES.workItem as TableSpec;
  const transitionSpec = TABLES.transition as TableSpec;
  const itemWidth = itemSpec.columns.length;
  const transitionWidth = transitionSpec.columns.length;
  const [itemSource, itemId, itemParent] = [
    column(itemSpec, 'source'),
    column(itemSpec, 'id'),
    column(itemSpec, 'parent'),
  ];
  const [trSource, trItem, trId] = [
    column(transitionSpec, 'source'),
    column(transitionSpec, 'item'),
    column(transitionSpec, 'id'),
  ];
  const items = input.rows.get('workItem') ?? [];
  const transitions = input.rows.get('transition') ?? [];

  // Former ids named by the batch: old → { new id, sourceId }.
  const aliases = new Map<string, { to: string; sourceId: string }>();
  if (hasAliases) {
    const names = new Map<string, [string, string]>();
    const name = (source: Cell, id: Cell) => {
      if (typeof source === 'string' && typeof id === 'string') names.set(key(source, id), [source, id]);
    };
    for (let r = 0; r < items.length; r += itemWidth) {
      name(items[r + itemSource] ?? null, items[r + itemId] ?? null);
      name(items[r + itemSource] ?? null, items[r + itemParent] ?? null);
    }
    for (let r = 0; r < transitions.length; r += transitionWidth)
      name(transitions[r + trSource] ?? null, transitions[r + trItem] ?? null);
    const list = [...names.values()];
    for (let start = 0; start < list.length; start += CHUNK) {
      const chunk = list.slice(start, start + CHUNK);
      const found = yield {
        sql: `SELECT source, old_id, new_id, source_id FROM item_aliases WHERE (source, old_id) IN (VALUES ${chunk.map(() => '(?, ?)').join(', ')})`,
        params: chunk.flat(),
        rows: true,
      };
      for (const row of found)
        aliases.set(key(String(row.source), String(row.old_id)), {
          to: String(row.new_id),
          sourceId: String(row.source_id),
        });
    }
  }

  // Where each sourceId of the batch is stored now.
  const current = new Map<string, { id: string; stored: boolean }>();
  const uniqueIds = [...new Map(identities.map((i) => [key(i[0], i[2]), [i[0], i[2]] as const])).values()];
  for (let start = 0; start < uniqueIds.length; start += CHUNK) {
    const chunk = uniqueIds.slice(start, start + CHUNK);
    const found = yield {
      sql:
        'SELECT source, source_id, id FROM work_items WHERE source_id IS NOT NULL AND ' +
        `(source, source_id) IN (VALUES ${chunk.map(() => '(?, ?)').join(', ')})`,
      params: chunk.flat(),
      rows: true,
    };
    for (const row of found)
      current.set(key(String(row.source), String(row.source_id)), { id: String(row.id), stored: true });
  }

  const batchItems = new Set<string>();
  for (let r = 0; r < items.length; r += itemWidth)
    batchItems.add(key(String(items[r + itemSource]), String(items[r + itemId])));
  const dropItems = new Set<string>(); // (source, id) of work item rows left out
  const refusedItems = new Set<string>();
  const errors: LineError[] = [];
  const renames: ItemRename[] = [];
  const renamedTo = new Map<string, string>(); // in-batch and stored renames: key(source, old) → new
  const pointingAt = new Map<string, string[]>(); // key(source, new) → the former names renamed to it
  const sourceIds = new Map<string, [string, string, string]>();

  for (const [source, id, sourceId, line] of identities) {
    const here = key(source, id);
    const alias = aliases.get(here);
    if (alias !== undefined) {
      if (alias.sourceId === sourceId) {
        // An older copy of a renamed item, under its former id.
        dropItems.add(here);
        continue;
      }
      // The former id now names another item: it is no longer an alias.
      aliases.delete(here);
      yield {
        sql: 'DELETE FROM item_aliases WHERE source = ? AND old_id = ?',
        params: [source, id],
        rows: false,
      };
    }
    const identity = key(source, sourceId);
    const now = current.get(identity);
    if (now === undefined || now.id === id) {
      current.set(identity, { id, stored: now?.stored ?? false });
      sourceIds.set(here, [source, id, sourceId]);
      continue;
    }
    // A new id for a known sourceId: rename `now.id` → `id`, unless `id` is another stored item.
    const taken = yield {
      sql: 'SELECT id, source_id FROM work_items WHERE source = ? AND id = ?',
      params: [source, id],
      rows: true,
    };
    if (taken.length > 0) {
      const other = taken[0]!;
      const otherId = other.source_id === null ? 'no sourceId' : `sourceId ${String(other.source_id)}`;
      const dropped = countTransitionsOf(transitions, transitionWidth, trSource, trItem, source, id);
      refusedItems.add(here);
      errors.push({
        line,
        field: 'sourceId',
        message:
          `work item ${id} of ${source} has sourceId ${sourceId}, which is the stored item ${now.id}, but ${id} ` +
          `is already another stored item (${otherId}); the re-key ${now.id} → ${id} was not applied and this ` +
          `record${dropped > 0 ? ` and its ${dropped} status change(s) in the same batch were` : ' was'} not stored. ` +
          `Two items cannot share an id, nor one item two sourceIds: correct the sourceId (or the id) ` +
          `the producer gives ${id} or ${now.id}, and import again`,
      });
      continue;
    }
    const from = now.id;
    if (batchItems.has(key(source, from))) dropItems.add(key(source, from)); // the earlier name's record: the later wins
    let moved = { transitions: 0, children: 0, changes: 0 };
    if (now.stored) moved = yield* renameStored(source, from, id, sourceId, input.committedAt);
    else yield* rememberAlias(source, from, id, sourceId, input.committedAt); // a late record naming it
    // Chains (A → B, then B → C in the same batch): every former name points at the newest.
    const formers = [...(pointingAt.get(key(source, from)) ?? []), key(source, from)];
    for (const former of formers) renamedTo.set(former, id);
    pointingAt.delete(key(source, from));
    pointingAt.set(here, [...(pointingAt.get(here) ?? []), ...formers]);
    sourceIds.delete(key(source, from));
    sourceIds.set(here, [source, id, sourceId]);
    current.set(identity, { id, stored: now.stored });
    renames.push({ source, from, to: id, sourceId, stored: now.stored, ...moved });
  }

  const linked = yield* rewriteStoredChanges(renames.filter((r) => r.stored));
  const applied = renames.map((r) => (r.stored ? { ...r, changes: linked.get(r.from) ?? 0 } : r));

  // Nothing renamed, redirected or refused (the usual batch): the rows are written as they are.
  if (renames.length === 0 && aliases.size === 0 && dropItems.size === 0 && refusedItems.size === 0)
    return { ...unchanged, sourceIds: [...sourceIds.values()] };

  // Where a name in the batch points now.
  const target = (source: string, id: string): string => {
    const k = key(source, id);
    return renamedTo.get(k) ?? aliases.get(k)?.to ?? id;
  };

  const rows = new Map(input.rows);
  const dropped: Partial<Record<RecordKind, number>> = {};
  let refusedRecords = refusedItems.size;
  if (items.length > 0) {
    const kept: FlatRows = [];
    let left = 0;
    for (let r = 0; r < items.length; r += itemWidth) {
      const source = String(items[r + itemSource]);
      const id = String(items[r + itemId]);
      const k = key(source, id);
      if (refusedItems.has(k)) continue;
      // A work item without a sourceId under a former id is an older copy too.
      if (dropItems.has(k) || (aliases.has(k) && !sourceIds.has(k))) {
        left++;
        continue;
      }
      const row = items.slice(r, r + itemWidth);
      const parent = row[itemParent];
      if (typeof parent === 'string') row[itemParent] = target(source, parent);
      kept.push(...row);
    }
    rows.set('workItem', kept);
    if (left > 0) dropped.workItem = left;
  }
  if (transitions.length > 0) {
    const byIdentity = new Map<string, Cell[]>();
    for (let r = 0; r < transitions.length; r += transitionWidth) {
      const row = transitions.slice(r, r + transitionWidth);
      const source = String(row[trSource]);
      const item = String(row[trItem]);
      if (refusedItems.has(key(source, item))) {
        refusedRecords++;
        continue;
      }
      row[trItem] = target(source, item);
      // Two changes that name the same item after the redirect are one (the later wins).
      const identity =
        row[trId] === ''
          ? JSON.stringify(transitionSpec.key.map((c) => row[column(transitionSpec, c)]))
          : `#${source}\u0000${String(row[trId])}`;
      byIdentity.delete(identity);
      byIdentity.set(identity, row);
    }
    const kept: FlatRows = [];
    for (const row of byIdentity.values()) kept.push(...row);
    rows.set('transition', kept);
    const merged =
      transitions.length / transitionWidth - byIdentity.size - (refusedRecords - refusedItems.size);
    if (merged > 0) dropped.transition = merged;
  }

  // Changes name work items by id alone: a former id with one known successor is replaced by it.
  const changes = input.rows.get('change') ?? [];
  if (changes.length > 0 && (hasAliases || renames.length > 0)) {
    const changeSpec = TABLES.change as TableSpec;
    const width = changeSpec.columns.length;
    const itemsColumn = column(changeSpec, 'items');
    const named = new Set<string>();
    for (let r = 0; r < changes.length; r += width) {
      const cell = changes[r + itemsColumn];
      if (typeof cell === 'string') for (const id of JSON.parse(cell) as string[]) named.add(id);
    }
    const successors = new Map<string, Set<string>>();
    const follow = (from: string, to: string) => {
      const set = successors.get(from) ?? new Set<string>();
      set.add(to);
      successors.set(from, set);
    };
    for (const rename of renames)
      if (named.has(rename.from)) follow(rename.from, target(rename.source, rename.from));
    const list = [...named];
    for (let start = 0; hasAliases && start < list.length; start += CHUNK) {
      const chunk = list.slice(start, start + CHUNK);
      const found = yield {
        sql: `SELECT old_id, new_id FROM item_aliases WHERE old_id IN (${chunk.map(() => '?').join(', ')})`,
        params: chunk,
        rows: true,
      };
      for (const row of found) follow(String(row.old_id), String(row.new_id));
    }
    if (successors.size > 0) {
      const kept: FlatRows = [];
      for (let r = 0; r < changes.length; r += width) {
        const row = changes.slice(r, r + width);
        const cell = row[itemsColumn];
        if (typeof cell === 'string') {
          const ids = JSON.parse(cell) as string[];
          const next = [
            ...new Set(
              ids.map((id) => {
                const to = successors.get(id);
                return to?.size === 1 ? [...to][0]! : id;
              }),
            ),
          ];
          if (next.some((id, i) => id !== ids[i]) || next.length !== ids.length)
            row[itemsColumn] = JSON.stringify(next);
        }
        kept.push(...row);
      }
      rows.set('change', kept);
    }
  }

  const actor = input.audit?.actor ?? 'unknown';
  const audit = applied.map(
    (rename): AuditEntry => ({
      actor,
      action: 'item.rekey',
      kind: 'workItem',
      target: `${rename.source}/${rename.to}`,
      summary: rename.stored
        ? `${rename.from} of ${rename.source} is now ${rename.to} (source id ${rename.sourceId}): its ` +
          `${rename.transitions} status change(s), ${rename.children} child item(s) and ` +
          `${rename.changes} change record(s) moved with it; records naming ${rename.from} land on ${rename.to}`
        : `${rename.from} and ${rename.to} of ${rename.source} arrived in one batch with the same source id ` +
          `${rename.sourceId}: stored once, as ${rename.to}; records naming ${rename.from} land on ${rename.to}`,
      before: { source: rename.source, id: rename.from, sourceId: rename.sourceId },
      after: {
        source: rename.source,
        id: rename.to,
        sourceId: rename.sourceId,
        transitions: rename.transitions,
        children: rename.children,
        changes: rename.changes,
      },
      at: input.committedAt,
    }),
  );

  return {
    rows,
    dropped,
    refused: { records: refusedRecords, errors },
    renames: applied,
    audit,
    sourceIds: [...sourceIds.values()],
  };
}

/** After the rows are written: stores each item's sourceId (only where it differs). */
export function* storeSourceIds(
  sourceIds: readonly [string, string, string][],
): Generator<IdentityQuery, void, Rows> {
  for (let start = 0; start < sourceIds.length; start += CHUNK) {
    const chunk = sourceIds.slice(start, start + CHUNK);
    yield {
      // A UNION of SELECTs, not VALUES: SQLite cannot name a VALUES list's columns.
      sql:
        'UPDATE work_items SET source_id = v.sid FROM (SELECT ? AS src, ? AS item, ? AS sid' +
        ' UNION ALL SELECT ?, ?, ?'.repeat(chunk.length - 1) +
        ') AS v WHERE work_items.source = v.src AND work_items.id = v.item ' +
        'AND work_items.source_id IS DISTINCT FROM v.sid',
      params: chunk.flat(),
      rows: false,
    };
  }
}

function countTransitionsOf(
  cells: FlatRows,
  width: number,
  sourceColumn: number,
  itemColumn: number,
  source: string,
  id: string,
): number {
  let n = 0;
  for (let r = 0; r < cells.length; r += width)
    if (cells[r + sourceColumn] === source && cells[r + itemColumn] === id) n++;
  return n;
}

/** Few renames: a LIKE per former id; more: one pass over the changes that name any item. */
const LIKE_RENAMES = 50;

/**
 * Changes name work items by id alone (contract.md §1): each stored list naming a former id names
 * the item's new id (a former id renamed differently in two sources is ambiguous and left as it is).
 * Returns how many changes were rewritten per former id.
 */
function* rewriteStoredChanges(
  renames: readonly ItemRename[],
): Generator<IdentityQuery, Map<string, number>, Rows> {
  const counts = new Map<string, number>();
  if (renames.length === 0) return counts;
  const next = new Map<string, string | null>();
  for (const { from, to } of renames) next.set(from, next.has(from) && next.get(from) !== to ? null : to);
  const finalOf = (id: string): string => {
    let current = id;
    for (let hops = 0; hops <= next.size; hops++) {
      const to = next.get(current);
      if (to === undefined || to === null) break;
      current = to;
    }
    return next.get(id) === null ? id : current;
  };
  const candidates: Record<string, unknown>[] = [];
  if (next.size <= LIKE_RENAMES) {
    for (const from of next.keys())
      candidates.push(
        ...(yield {
          sql: "SELECT source, id, items FROM changes WHERE items LIKE ? ESCAPE '!'",
          params: [`%${JSON.stringify(from).replace(/[!%_]/g, (c) => `!${c}`)}%`],
          rows: true,
        }),
      );
  } else
    candidates.push(
      ...(yield {
        sql: 'SELECT source, id, items FROM changes WHERE items IS NOT NULL',
        params: [],
        rows: true,
      }),
    );
  const seen = new Set<string>();
  for (const change of candidates) {
    const identity = key(String(change.source), String(change.id));
    if (seen.has(identity)) continue;
    seen.add(identity);
    const list = JSON.parse(String(change.items)) as string[];
    const renamed = list.filter((id) => finalOf(id) !== id);
    if (renamed.length === 0) continue;
    yield {
      sql: 'UPDATE changes SET items = ? WHERE source = ? AND id = ?',
      params: [JSON.stringify([...new Set(list.map(finalOf))]), String(change.source), String(change.id)],
      rows: false,
    };
    for (const id of renamed) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function* rememberAlias(
  source: string,
  from: string,
  to: string,
  sourceId: string,
  at: number,
): Generator<IdentityQuery, void, Rows> {
  // Chains: what pointed at the former id points at the new one; the new id is nobody's former id.
  yield {
    sql: 'UPDATE item_aliases SET new_id = ? WHERE source = ? AND new_id = ?',
    params: [to, source, from],
    rows: false,
  };
  yield {
    sql: 'DELETE FROM item_aliases WHERE source = ? AND old_id = ?',
    params: [source, to],
    rows: false,
  };
  yield {
    sql:
      'INSERT INTO item_aliases (source, old_id, new_id, source_id, renamed_at) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (source, old_id) DO UPDATE SET new_id = excluded.new_id, source_id = excluded.source_id, ' +
      'renamed_at = excluded.renamed_at',
    params: [source, from, to, sourceId, at],
    rows: false,
  };
}

/** Renames a stored item and everything that names it; returns what moved. */
function* renameStored(
  source: string,
  from: string,
  to: string,
  sourceId: string,
  at: number,
): Generator<IdentityQuery, { transitions: number; children: number; changes: number }, Rows> {
  const transitions = Number(
    (yield {
      sql: 'SELECT count(*) AS n FROM transitions WHERE source = ? AND item = ?',
      params: [source, from],
      rows: true,
    })[0]?.n ?? 0,
  );
  // A change stored under both names (without an id, so identified by item, time and statuses) is one.
  yield {
    sql:
      'DELETE FROM transitions WHERE source = ? AND item = ? AND EXISTS (SELECT 1 FROM transitions t ' +
      'WHERE t.source = transitions.source AND t.item = ? AND t.at = transitions.at AND ' +
      't.from_status = transitions.from_status AND t.to_status = transitions.to_status AND t.id = transitions.id)',
    params: [source, from, to],
    rows: false,
  };
  yield {
    sql: 'UPDATE transitions SET item = ? WHERE source = ? AND item = ?',
    params: [to, source, from],
    rows: false,
  };
  yield {
    sql: 'UPDATE work_items SET id = ? WHERE source = ? AND id = ?',
    params: [to, source, from],
    rows: false,
  };
  const children = Number(
    (yield {
      sql: 'SELECT count(*) AS n FROM work_items WHERE source = ? AND parent = ?',
      params: [source, from],
      rows: true,
    })[0]?.n ?? 0,
  );
  if (children > 0)
    yield {
      sql: 'UPDATE work_items SET parent = ? WHERE source = ? AND parent = ?',
      params: [to, source, from],
      rows: false,
    };
  yield {
    sql: 'UPDATE improvements SET item_id = ? WHERE item_source = ? AND item_id = ?',
    params: [to, source, from],
    rows: false,
  };
  // Both ids' facts are recomputed at the next refresh: the former id's are dropped (no work item),
  // the new id's are computed from the moved history. (SQLite's update trigger queues the new id only.)
  for (const id of [from, to])
    yield {
      sql: 'INSERT INTO facts_pending (source, item) VALUES (?, ?) ON CONFLICT DO NOTHING',
      params: [source, id],
      rows: false,
    };
  yield* rememberAlias(source, from, to, sourceId, at);
  return { transitions, children, changes: 0 };
}

/** Runs an identity generator on a synchronous driver (better-sqlite3, inside its transaction). */
export function runIdentitySync<T>(
  steps: Generator<IdentityQuery, T, Rows>,
  run: (query: IdentityQuery) => Rows,
): T {
  let step = steps.next([]);
  while (step.done !== true) step = steps.next(run(step.value));
  return step.value;
}

/** Runs an identity generator on an asynchronous driver (a `pg` client, inside its transaction). */
export async function runIdentityAsync<T>(
  steps: Generator<IdentityQuery, T, Rows>,
  run: (query: IdentityQuery) => Promise<Rows>,
): Promise<T> {
  let step = steps.next([]);
  while (step.done !== true) step = steps.next(await run(step.value));
  return step.value;
}

/** `?` placeholders as PostgreSQL's `$1…` (the statements above hold no other question mark). */
export function dollarPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The batch as the store writes it after the identity step: its rows, and refused records counted. */
export function withIdentity(input: BatchInput, outcome: IdentityOutcome): BatchInput {
  if (outcome.refused.records === 0 && outcome.rows === input.rows) return input;
  return {
    ...input,
    rows: outcome.rows,
    recordCount: input.recordCount - outcome.refused.records,
    rejectedCount: input.rejectedCount + outcome.refused.records,
    errors: [...input.errors, ...outcome.refused.errors],
  };
}

/** Counts rows left out as copies of a renamed item's record as unchanged. */
export function countDropped(counts: CountsByKind, outcome: IdentityOutcome | null): void {
  if (outcome === null) return;
  for (const [kind, n] of Object.entries(outcome.dropped) as [RecordKind, number][]) {
    const before = counts[kind] ?? { inserted: 0, updated: 0, unchanged: 0 };
    counts[kind] = { ...before, unchanged: before.unchanged + n };
  }
}
