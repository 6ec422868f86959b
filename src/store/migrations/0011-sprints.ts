/**
 * Migration 0011: sprints (or planning intervals) and their membership — the `sprint` record kind,
 * an addition to the interchange format (docs/import.md). `sprints` holds one row per sprint
 * (identity source + id) with its membership history as JSON (`items`); `sprint_items` holds the
 * same history as rows — one per stretch of time a work item of the sprint's source was in it
 * (`added_at`, `removed_at`, null while it still is) — kept by triggers on `sprints`, so any writer
 * (the importer, a connector) leaves both in step in the same transaction, the way migration 0002
 * keeps the facts queue. Flow predictability (src/engine/predictability.ts) reads them. Frozen: a
 * later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createSprintsMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sprints')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('start_at', 'bigint')
        .addColumn('end_at', 'bigint')
        .addColumn('team', text)
        .addColumn('state', text)
        .addColumn('completed_at', 'bigint')
        .addColumn('goal', 'text')
        .addColumn('items', 'text')
        .addColumn('created_batch', 'bigint', (c) => c.notNull())
        .addColumn('updated_batch', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sprints_pk', ['source', 'id'])
        .execute();
      await db.schema.createIndex('sprints_by_end').on('sprints').columns(['end_at']).execute();
      await db.schema
        .createTable('sprint_items')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('sprint', text, (c) => c.notNull())
        .addColumn('item', text, (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .addColumn('removed_at', 'bigint')
        .addPrimaryKeyConstraint('sprint_items_pk', ['source', 'sprint', 'item', 'added_at'])
        .execute();
      await db.schema
        .createIndex('sprint_items_by_item')
        .on('sprint_items')
        .columns(['source', 'item'])
        .execute();
      if (dialect === 'sqlite') await sqliteTriggers(db);
      else await postgresTriggers(db);
    },
  };
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const fill = (row: string) =>
    `insert into sprint_items (source, sprint, item, added_at, removed_at) ` +
    `select ${row}.source, ${row}.id, json_extract(j.value, '$.item'), json_extract(j.value, '$.added'), ` +
    `json_extract(j.value, '$.removed') from json_each(coalesce(${row}.items, '[]')) j;`;
  const clear = (row: string) =>
    `delete from sprint_items where source = ${row}.source and sprint = ${row}.id;`;
  await sql
    .raw(`create trigger sprints_items_insert after insert on sprints begin ${fill('new')} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger sprints_items_update after update on sprints begin ${clear('old')} ${fill('new')} end`,
    )
    .execute(db);
  await sql
    .raw(`create trigger sprints_items_delete after delete on sprints begin ${clear('old')} end`)
    .execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      'create function flowlens_sprint_items() returns trigger language plpgsql as $$ begin ' +
        "if tg_op in ('UPDATE', 'DELETE') then " +
        'delete from sprint_items where source = old.source and sprint = old.id; end if; ' +
        "if tg_op in ('INSERT', 'UPDATE') then " +
        'insert into sprint_items (source, sprint, item, added_at, removed_at) ' +
        "select new.source, new.id, j.value->>'item', (j.value->>'added')::bigint, (j.value->>'removed')::bigint " +
        "from jsonb_array_elements(coalesce(new.items, '[]')::jsonb) as j(value); end if; " +
        'return null; end $$',
    )
    .execute(db);
  await sql
    .raw(
      'create trigger sprints_items after insert or update or delete on sprints ' +
        'for each row execute function flowlens_sprint_items()',
    )
    .execute(db);
}
