/**
 * Migration 0002: stored item facts, the queue of items whose facts must be recomputed, and
 * indexes on the ids other records refer to without a source.
 *
 * Triggers keep the queue: every insert, update or delete of a work item or a status change queues
 * its item, and every change to a mapping queues all the items of its source. So any writer (the
 * importer, a connector, a later editor) leaves the facts to refresh, in the same transaction as the
 * write. Frozen: a later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createItemFactsMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('item_facts')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('item', text, (c) => c.notNull())
        .addColumn('team', text)
        .addColumn('raw_type', text, (c) => c.notNull())
        .addColumn('flow_type', text, (c) => c.notNull())
        .addColumn('type_mapped', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('completed_at', 'bigint')
        .addColumn('current_status', text, (c) => c.notNull())
        .addColumn('current_state', text, (c) => c.notNull())
        .addColumn('current_stage', text, (c) => c.notNull())
        .addColumn('lead_ms', 'bigint')
        .addColumn('flow_ms', 'bigint')
        .addColumn('active_ms', 'bigint')
        // The history (spans, work-in-progress intervals, stage times) in the binary layout of
        // src/metrics/fact-index.ts (EncodedFacts), and the statuses its spans name (JSON array).
        .addColumn('span_statuses', text, (c) => c.notNull())
        .addColumn('history', binary, (c) => c.notNull())
        .addColumn('flags', 'integer', (c) => c.notNull())
        .addColumn('out_of_order', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_facts_pk', ['source', 'item'])
        .execute();
      await db.schema.createIndex('item_facts_team').on('item_facts').columns(['team']).execute();
      await db.schema
        .createTable('facts_pending')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('item', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('facts_pending_pk', ['source', 'item'])
        .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
        .execute();
      // Changes name work items, and deployments name changes, by id alone (contract.md §1): the
      // reference check and the item view look them up by id.
      for (const table of ['work_items', 'changes', 'deployments'])
        await db.schema.createIndex(`${table}_by_id`).on(table).column('id').execute();
      if (dialect === 'sqlite') await sqliteTriggers(db);
      else await postgresTriggers(db);
      // Items already stored get their facts at the next refresh.
      await sql`insert into facts_pending (source, item) select source, id from work_items`.execute(db);
    },
  };
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const queue = (name: string, event: string, table: string, row: string, item: string) =>
    sql
      .raw(
        `create trigger ${name} after ${event} on ${table} begin ` +
          // Not "insert or ignore": inside a trigger, the outer statement's conflict policy (the
          // importer's upsert) would override it.
          `insert into facts_pending (source, item) select ${row}.source, ${row}.${item} where not exists ` +
          `(select 1 from facts_pending where source = ${row}.source and item = ${row}.${item}); end`,
      )
      .execute(db);
  await queue('work_items_queue_insert', 'insert', 'work_items', 'new', 'id');
  await queue('work_items_queue_update', 'update', 'work_items', 'new', 'id');
  await queue('work_items_queue_delete', 'delete', 'work_items', 'old', 'id');
  await queue('transitions_queue_insert', 'insert', 'transitions', 'new', 'item');
  await queue('transitions_queue_update', 'update', 'transitions', 'new', 'item');
  await queue('transitions_queue_update_old', 'update', 'transitions', 'old', 'item');
  await queue('transitions_queue_delete', 'delete', 'transitions', 'old', 'item');
  for (const [event, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const) {
    await sql
      .raw(
        `create trigger mappings_queue_${event} after ${event} on mappings begin ` +
          `insert into facts_pending (source, item) select w.source, w.id from work_items w where w.source = ${row}.source ` +
          `and not exists (select 1 from facts_pending p where p.source = w.source and p.item = w.id); end`,
      )
      .execute(db);
  }
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  // Statement-level triggers with transition tables: one insert per statement, not per row.
  const fn = (name: string, select: string) =>
    sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin ` +
          `insert into facts_pending (source, item) ${select} on conflict do nothing; return null; end $$`,
      )
      .execute(db);
  await fn('flowlens_queue_items', 'select distinct source, id from changed_rows');
  await fn('flowlens_queue_transitions', 'select distinct source, item from changed_rows');
  await fn(
    'flowlens_queue_mapping_sources',
    'select w.source, w.id from work_items w where w.source in (select source from changed_rows)',
  );
  const trigger = (table: string, event: string, rows: 'new' | 'old', fnName: string) =>
    sql
      .raw(
        `create trigger ${table}_queue_${event}_${rows} after ${event} on ${table} ` +
          `referencing ${rows} table as changed_rows for each statement execute function ${fnName}()`,
      )
      .execute(db);
  for (const [table, fnName] of [
    ['work_items', 'flowlens_queue_items'],
    ['transitions', 'flowlens_queue_transitions'],
    ['mappings', 'flowlens_queue_mapping_sources'],
  ] as const) {
    await trigger(table, 'insert', 'new', fnName);
    await trigger(table, 'update', 'new', fnName);
    await trigger(table, 'update', 'old', fnName);
    await trigger(table, 'delete', 'old', fnName);
  }
}
