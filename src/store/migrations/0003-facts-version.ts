/**
 * Migration 0003: the facts version, and containers. The facts version is one row: the store's own id (random, set once) and a version
 * token (random) that every write of stored facts replaces in the same transaction. A copy of the
 * facts kept outside the database (the engine's start-up snapshot) is stamped with both, so it is
 * used only when the stored facts are exactly the ones it was made from — also after a backup is
 * restored, since a token is never reused. Containers: see below. Frozen: a later change to the schema is a new migration.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createFactsVersionMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('facts_version')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('store_id', text, (c) => c.notNull())
        .addColumn('version', text, (c) => c.notNull())
        .execute();
      await sql`insert into facts_version (id, store_id, version) values (1, ${randomUUID()}, ${randomUUID()})`.execute(
        db,
      );
      // Containers: an item named as another's parent is not a flow item (metrics.md §2), so its
      // facts depend on its children's records too. Children are found by (source, parent); a
      // child written, moved or deleted queues its parent.
      await db.schema
        .createIndex('work_items_by_parent')
        .on('work_items')
        .columns(['source', 'parent'])
        .execute();
      if (dialect === 'sqlite') await sqliteParentTriggers(db);
      else await postgresParentTriggers(db);
      await sql`insert into facts_pending (source, item) select distinct source, parent from work_items
        where parent is not null on conflict do nothing`.execute(db);
    },
  };
}

async function sqliteParentTriggers(db: Kysely<unknown>): Promise<void> {
  const queue = (name: string, event: string, row: 'new' | 'old') =>
    sql
      .raw(
        `create trigger ${name} after ${event} on work_items when ${row}.parent is not null begin ` +
          // As in migration 0002: not "insert or ignore", which the importer's upsert would override.
          `insert into facts_pending (source, item) select ${row}.source, ${row}.parent where not exists ` +
          `(select 1 from facts_pending where source = ${row}.source and item = ${row}.parent); end`,
      )
      .execute(db);
  await queue('work_items_queue_parent_insert', 'insert', 'new');
  await queue('work_items_queue_parent_update', 'update of parent', 'new');
  await queue('work_items_queue_parent_update_old', 'update of parent', 'old');
  await queue('work_items_queue_parent_delete', 'delete', 'old');
}

async function postgresParentTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      'create function flowlens_queue_parents() returns trigger language plpgsql as $$ begin ' +
        'insert into facts_pending (source, item) select distinct source, parent from changed_rows ' +
        'where parent is not null on conflict do nothing; return null; end $$',
    )
    .execute(db);
  for (const [event, rows] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['update', 'old'],
    ['delete', 'old'],
  ] as const)
    await sql
      .raw(
        `create trigger work_items_queue_parents_${event}_${rows} after ${event} on work_items ` +
          `referencing ${rows} table as changed_rows for each statement execute function flowlens_queue_parents()`,
      )
      .execute(db);
}
