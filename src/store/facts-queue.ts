/**
 * The facts queue port (migration 0002): take a page of queued items with their records and status
 * changes, let the caller compute their facts, write them and dequeue the page, all in one
 * transaction. SQLite does it synchronously with prepared statements (no other work can interleave,
 * and it is several times faster than going row by row through the query builder); PostgreSQL
 * through Kysely.
 */

import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type EncodedFacts, encodedFromHistory } from '../metrics/fact-index.js';
import { type FactsChunk, FactsChunkBuilder } from '../metrics/facts-chunk.js';
import { startModuleWorker } from '../runtime/worker.js';
import type { Database } from './schema.js';

export interface QueuedItem {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly createdAtMs: number;
  readonly team: string | null;
  /** Another work item names it as its parent: a container, not a flow item. */
  readonly hasChildren: boolean;
}

/** A status change of a queued item, with the import batch that first wrote it. */
export interface QueuedChange {
  readonly source: string;
  readonly item: string;
  readonly atMs: number;
  readonly from: string;
  readonly to: string;
  readonly batch: number;
}

export type ItemFactsRow = Database['item_facts'];

export interface QueueKey {
  readonly source: string;
  readonly item: string;
}

/** Computes the facts rows of a page's items (each queued item that has a work item record). */
export type ComputeFacts = (
  items: readonly QueuedItem[],
  changes: readonly QueuedChange[],
) => readonly ItemFactsRow[];

/** A processed page: its keys, those whose facts were deleted, and the new facts version. */
export interface ProcessedPage {
  readonly keys: QueueKey[];
  readonly gone: QueueKey[];
  /** The token the page's transaction wrote to facts_version (migration 0003). */
  readonly version: string;
}

export interface FactsQueue {
  /**
   * Processes the first `limit` queued items: null when the queue is empty, else the keys of the
   * page and those without a work item any more (their facts were deleted).
   */
  processPage(limit: number, compute: ComputeFacts): Promise<ProcessedPage | null>;
  /**
   * Streams the stored facts (of the given teams; null: all) to `receive` as values in
   * SCAN_COLUMNS order, without holding them all in memory.
   */
  scan(teams: readonly string[] | null, receive: (values: readonly unknown[]) => void): Promise<void>;
  /**
   * The stored facts (of the given teams; null: all) in columnar chunks. SQLite reads them on a
   * worker thread with its own connection, so the caller can load other things meanwhile.
   */
  scanChunks(teams: readonly string[] | null, onChunk: (chunk: FactsChunk) => void): Promise<void>;
  /**
   * Streams the given columns of every row of a delivery table (changes, deployments, incidents)
   * to `receive`, in column order, without holding them all in memory.
   */
  scanTable<T extends DeliveryTable>(
    table: T,
    columns: readonly (keyof Database[T] & string)[],
    receive: (values: readonly unknown[]) => void,
  ): Promise<void>;
}

export type DeliveryTable = 'changes' | 'deployments' | 'incidents';

export const FACT_COLUMNS = [
  'source',
  'item',
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
  'span_statuses',
  'history',
  'flags',
  'out_of_order',
] as const satisfies readonly (keyof ItemFactsRow)[];

/** The columns a scan delivers, in this order: the history carries the scalar facts. */
export const SCAN_COLUMNS = ['source', 'item', 'team', 'raw_type', 'span_statuses', 'history'] as const;

/** A stored facts row (values in SCAN_COLUMNS order) in encoded form, for the index. */
export function encodedFromValues(v: readonly unknown[]): EncodedFacts {
  return encodedFromHistory(
    v[0] as string,
    v[1] as string,
    v[2] as string | null,
    v[3] as string,
    v[4] as string,
    v[5] as Uint8Array,
  );
}

/** Turns a row scan into chunks (the stores that read in-process). */
export async function scanInChunks(
  scan: FactsQueue['scan'],
  teams: readonly string[] | null,
  onChunk: (chunk: FactsChunk) => void,
): Promise<void> {
  const builder = new FactsChunkBuilder();
  await scan(teams, (values) => {
    const chunk = builder.add(encodedFromValues(values));
    if (chunk !== null) onChunk(chunk);
  });
  const last = builder.flush();
  if (last !== null) onChunk(last);
}

const key = (source: string, item: string) => `${source}\u0000${item}`;

function gonePart(keys: readonly QueueKey[], rows: readonly ItemFactsRow[]): QueueKey[] {
  const present = new Set(rows.map((r) => key(r.source, r.item)));
  return keys.filter((k) => !present.has(key(k.source, k.item)));
}

const RANGE = '(p.source, p.item) >= (?, ?) and (p.source, p.item) <= (?, ?)';

/** The SQLite queue: one synchronous IMMEDIATE transaction per page. */
export function createSqliteFactsQueue(
  raw: import('better-sqlite3').Database,
  path: string,
  workerFrom: number = WORKER_SCAN_FROM,
): FactsQueue {
  const page = raw.prepare('select source, item from facts_pending order by source, item limit ?');
  // Cross joins with the conditions in WHERE make SQLite drive from the queue's key range.
  const items = raw
    .prepare(
      `select w.source, w.id, w.type, w.status, w.created_at, w.team,
         exists (select 1 from work_items c where c.source = w.source and c.parent = w.id)
       from facts_pending p cross join work_items w
       where ${RANGE} and w.source = p.source and w.id = p.item`,
    )
    .raw();
  const changes = raw
    .prepare(
      `select t.source, t.item, t.at, t.from_status, t.to_status, t.created_batch from facts_pending p
       cross join transitions t where ${RANGE} and t.source = p.source and t.item = p.item`,
    )
    .raw();
  const upsert = raw.prepare(
    `insert into item_facts (${FACT_COLUMNS.join(', ')}) values (${FACT_COLUMNS.map(() => '?').join(', ')})
     on conflict (source, item) do update set ${FACT_COLUMNS.slice(2)
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}`,
  );
  const remove = raw.prepare('delete from item_facts where source = ? and item = ?');
  const dequeue = raw.prepare(
    'delete from facts_pending where (source, item) >= (?, ?) and (source, item) <= (?, ?)',
  );
  const bumpVersion = raw.prepare('update facts_version set version = ? where id = 1');
  const run = raw.transaction((limit: number, compute: ComputeFacts) => {
    const keys = page.all(limit) as QueueKey[];
    if (keys.length === 0) return null;
    const first = keys[0] as QueueKey;
    const last = keys[keys.length - 1] as QueueKey;
    const range = [first.source, first.item, last.source, last.item];
    const queuedItems = (items.all(...range) as unknown[][]).map(
      (r): QueuedItem => ({
        source: r[0] as string,
        id: r[1] as string,
        type: r[2] as string,
        status: r[3] as string,
        createdAtMs: Number(r[4]),
        team: r[5] as string | null,
        hasChildren: Number(r[6]) === 1,
      }),
    );
    const queuedChanges = (changes.all(...range) as unknown[][]).map(
      (r): QueuedChange => ({
        source: r[0] as string,
        item: r[1] as string,
        atMs: Number(r[2]),
        from: r[3] as string,
        to: r[4] as string,
        batch: Number(r[5]),
      }),
    );
    const rows = compute(queuedItems, queuedChanges);
    for (const row of rows) upsert.run(FACT_COLUMNS.map((c) => row[c]));
    const gone = gonePart(keys, rows);
    for (const k of gone) remove.run(k.source, k.item);
    dequeue.run(...range);
    const version = randomUUID();
    bumpVersion.run(version);
    return { keys, gone, version };
  });
  const all = raw.prepare(`select ${SCAN_COLUMNS.join(', ')} from item_facts`).raw();
  // Whether there are more facts than the worker pays off for (a row past the limit exists): a
  // bounded question, however many there are.
  const manyFacts = raw.prepare('select 1 from item_facts limit 1 offset ?').pluck();
  // A full scan reads each page once: a small page cache serves it as well as the import's large
  // one, and the memory goes back afterwards (the server's peak memory is the metric index's).
  const withSmallCache = (work: () => void) => {
    const cache = raw.pragma('cache_size', { simple: true }) as number;
    raw.pragma('cache_size = -16384');
    raw.pragma('shrink_memory');
    try {
      work();
    } finally {
      raw.pragma(`cache_size = ${cache}`);
    }
  };
  const queue: FactsQueue = {
    scanChunks: (teams, onChunk) =>
      path === ':memory:' || path === '' || manyFacts.get(Math.max(0, workerFrom - 1)) === undefined
        ? scanInChunks(queue.scan, teams, onChunk)
        : scanOnWorker(path, teams, onChunk),
    scanTable: async (table, columns, receive) => {
      const statement = raw.prepare(`select ${columns.join(', ')} from ${table}`).raw();
      withSmallCache(() => {
        for (const values of statement.iterate() as Iterable<unknown[]>) receive(values);
      });
    },
    processPage: async (limit, compute) => run.immediate(limit, compute),
    scan: async (teams, receive) => {
      const statement =
        teams === null
          ? all
          : raw
              .prepare(
                `select ${SCAN_COLUMNS.join(', ')} from item_facts where team in (select value from json_each(?))`,
              )
              .raw();
      withSmallCache(() => {
        const iterator = (
          teams === null ? statement.iterate() : statement.iterate(JSON.stringify(teams))
        ) as Iterable<unknown[]>;
        for (const values of iterator) receive(values);
      });
    },
  };
  return queue;
}

const SCAN_PAGE = 10_000;

/** The PostgreSQL queue, through Kysely. */
export function createKyselyFactsQueue(db: Kysely<Database>): FactsQueue {
  const queue: FactsQueue = {
    scanChunks: (teams, onChunk) => scanInChunks(queue.scan, teams, onChunk),
    processPage: (limit, compute) =>
      db.transaction().execute(async (trx) => {
        const keys = await trx
          .selectFrom('facts_pending')
          .select(['source', 'item'])
          .orderBy('source')
          .orderBy('item')
          .limit(limit)
          .execute();
        if (keys.length === 0) return null;
        const first = keys[0] as QueueKey;
        const last = keys[keys.length - 1] as QueueKey;
        // The page's key range on a table's (source, key) columns. PostgreSQL estimates a row
        // comparison from its first column only, so a page within one source (nearly all) is
        // written as source = … and key between …, which it plans as an index range.
        const keyRange = (source: string, key: string) =>
          first.source === last.source
            ? sql<boolean>`${sql.ref(source)} = ${first.source} and ${sql.ref(key)} >= ${first.item} and ${sql.ref(key)} <= ${last.item}`
            : sql<boolean>`(${sql.ref(source)}, ${sql.ref(key)}) >= (${first.source}, ${first.item}) and (${sql.ref(source)}, ${sql.ref(key)}) <= (${last.source}, ${last.item})`;
        const inRange = keyRange('p.source', 'p.item');
        const itemRows = await trx
          .selectFrom('facts_pending as p')
          .innerJoin('work_items as w', (j) =>
            j.onRef('w.source', '=', 'p.source').onRef('w.id', '=', 'p.item'),
          )
          .select(['w.source', 'w.id', 'w.type', 'w.status', 'w.created_at', 'w.team'])
          .select(
            sql<boolean>`exists (select 1 from work_items c where c.source = w.source and c.parent = w.id)`.as(
              'has_children',
            ),
          )
          .where(inRange)
          // The same range on the joined table's own key lets the planner read it by index range
          // instead of scanning it whole for every page.
          .where(keyRange('w.source', 'w.id'))
          .execute();
        const changeRows = await trx
          .selectFrom('facts_pending as p')
          .innerJoin('transitions as t', (j) =>
            j.onRef('t.source', '=', 'p.source').onRef('t.item', '=', 'p.item'),
          )
          .select(['t.source', 't.item', 't.at', 't.from_status', 't.to_status', 't.created_batch'])
          .where(inRange)
          .where(keyRange('t.source', 't.item'))
          .execute();
        const rows = compute(
          itemRows.map((r) => ({
            source: r.source,
            id: r.id,
            type: r.type,
            status: r.status,
            createdAtMs: Number(r.created_at),
            team: r.team,
            hasChildren: r.has_children === true,
          })),
          changeRows.map((r) => ({
            source: r.source,
            item: r.item,
            atMs: Number(r.at),
            from: r.from_status,
            to: r.to_status,
            batch: Number(r.created_batch),
          })),
        );
        for (let i = 0; i < rows.length; i += 500) {
          await trx
            .insertInto('item_facts')
            .values(rows.slice(i, i + 500))
            .onConflict((oc) =>
              oc.columns(['source', 'item']).doUpdateSet((eb) => {
                const set: Record<string, unknown> = {};
                for (const column of FACT_COLUMNS.slice(2)) set[column] = eb.ref(`excluded.${column}`);
                return set;
              }),
            )
            .execute();
        }
        const gone = gonePart(keys, rows);
        for (const k of gone)
          await trx
            .deleteFrom('item_facts')
            .where('source', '=', k.source)
            .where('item', '=', k.item)
            .execute();
        await sql`delete from facts_pending where ${keyRange('source', 'item')}`.execute(trx);
        const version = randomUUID();
        await trx.updateTable('facts_version').set({ version }).where('id', '=', 1).execute();
        return { keys, gone, version };
      }),
    scanTable: async (table, columns, receive) => {
      let after: { source: string; id: string } | null = null;
      for (;;) {
        const from = after;
        const result = await sql<
          Record<string, unknown>
        >`select source as "k_source", id as "k_id", ${sql.join(
          columns.map((c) => sql.ref(c)),
        )} from ${sql.table(table)} ${
          from === null ? sql`` : sql`where (source, id) > (${from.source}, ${from.id})`
        } order by source, id limit ${SCAN_PAGE}`.execute(db);
        for (const row of result.rows) receive(columns.map((c) => row[c]));
        if (result.rows.length < SCAN_PAGE) return;
        const last = result.rows[result.rows.length - 1] as Record<string, unknown>;
        after = { source: String(last.k_source), id: String(last.k_id) };
      }
    },
    scan: async (teams, receive) => {
      // Keyset pages: bounded memory on any size.
      let after: QueueKey | null = null;
      for (;;) {
        let query = db
          .selectFrom('item_facts')
          .selectAll()
          .orderBy('source')
          .orderBy('item')
          .limit(SCAN_PAGE);
        if (teams !== null) {
          if (teams.length === 0) return;
          query = query.where('team', 'in', teams);
        }
        if (after !== null) {
          const from: QueueKey = after;
          query = query.where(sql<boolean>`(source, item) > (${from.source}, ${from.item})`);
        }
        const rows = await query.execute();
        for (const row of rows) receive(SCAN_COLUMNS.map((c) => row[c] as unknown));
        if (rows.length < SCAN_PAGE) return;
        const last = rows[rows.length - 1] as ItemFactsRow;
        after = { source: last.source, item: last.item };
      }
    },
  };
  return queue;
}

/**
 * From how many stored facts the SQLite store reads them on a worker thread. Below it the main
 * thread reads them sooner than a worker starts (measured on the demo's 30,000 items: 118–199 ms
 * in process against 414–510 ms with the worker, whose start alone is 210–270 ms from the build);
 * above it the worker's reading overlaps the index's building, which wins on large stores.
 */
const WORKER_SCAN_FROM = 50_000;

/** Reads the facts on a worker thread (facts-scan-worker.ts) and hands over its chunks. */
function scanOnWorker(
  path: string,
  teams: readonly string[] | null,
  onChunk: (chunk: FactsChunk) => void,
): Promise<void> {
  const credits = new SharedArrayBuffer(4);
  const counter = new Int32Array(credits);
  Atomics.store(counter, 0, 3);
  const workerData = { path, teams, credits };
  const worker = startModuleWorker(import.meta.url, 'facts-scan-worker', {
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    worker.on('message', (message: { chunk?: FactsChunk; done?: true; error?: string }) => {
      if (message.error !== undefined)
        return finish(new Error(`reading the stored facts failed: ${message.error}`));
      if (message.done === true) return finish();
      if (message.chunk !== undefined) {
        try {
          onChunk(message.chunk);
        } catch (error) {
          return finish(error as Error);
        }
        Atomics.add(counter, 0, 1);
        Atomics.notify(counter, 0);
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) =>
      finish(code === 0 ? undefined : new Error(`the facts reader stopped (exit code ${code})`)),
    );
  });
}
