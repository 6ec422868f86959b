/**
 * Migration 0001: the whole interchange model (contract.md §1) and the import log.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

type Builder = CreateTableBuilder<string, string>;

const bookkeeping = (table: Builder): Builder =>
  table
    .addColumn('created_batch', 'bigint', (c) => c.notNull())
    .addColumn('updated_batch', 'bigint', (c) => c.notNull());

export function createInitialMigration(dialect: Dialect) {
  const identity = (table: Builder): Builder =>
    dialect === 'sqlite'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity());

  // Identifiers and statuses compare byte by byte on both stores (SQLite's BINARY collation), so
  // ordering is the same everywhere and does not depend on the PostgreSQL server's locale.
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const create = (name: string) => db.schema.createTable(name);

      await bookkeeping(
        create('portfolios')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('name', text, (c) => c.notNull()),
      ).execute();
      await bookkeeping(
        create('value_streams')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('portfolio', text),
      ).execute();
      await bookkeeping(
        create('teams')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('value_stream', text),
      ).execute();
      await bookkeeping(
        create('people')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('email', text),
      ).execute();
      await bookkeeping(
        create('services')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('team', text, (c) => c.notNull())
          .addColumn('name', text)
          .addColumn('repository', text),
      ).execute();
      await bookkeeping(
        create('roles')
          .addColumn('key', text, (c) => c.primaryKey())
          .addColumn('person', text, (c) => c.notNull())
          .addColumn('role', text, (c) => c.notNull())
          .addColumn('value_stream', text)
          .addColumn('team', text)
          .addColumn('from_at', 'bigint')
          .addColumn('to_at', 'bigint'),
      ).execute();
      await bookkeeping(
        create('mappings')
          .addColumn('source', text, (c) => c.notNull())
          .addColumn('team', text, (c) => c.notNull())
          .addColumn('statuses', text, (c) => c.notNull())
          .addColumn('types', text, (c) => c.notNull())
          .addColumn('environments', text)
          .addPrimaryKeyConstraint('mappings_pk', ['source', 'team']),
      ).execute();
      await bookkeeping(
        create('work_items')
          .addColumn('source', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('type', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('title', text)
          .addColumn('team', text)
          .addColumn('parent', text)
          .addColumn('url', text)
          .addColumn('labels', text)
          .addColumn('estimate', 'double precision')
          .addColumn('product', text)
          .addPrimaryKeyConstraint('work_items_pk', ['source', 'id']),
      ).execute();
      await bookkeeping(
        create('transitions')
          .addColumn('source', text, (c) => c.notNull())
          .addColumn('item', text, (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('from_status', text, (c) => c.notNull())
          .addColumn('to_status', text, (c) => c.notNull())
          // '' when the transition has no id (a primary key column cannot be null).
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('by', text)
          // Clustered by item and time on SQLite: an item's history is one range read.
          .addPrimaryKeyConstraint('transitions_pk', [
            'source',
            'item',
            'at',
            'from_status',
            'to_status',
            'id',
          ])
          .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table)),
      ).execute();
      // A transition with an id is identified by source + id.
      await db.schema
        .createIndex('transitions_id')
        .on('transitions')
        .columns(['source', 'id'])
        .unique()
        .where(sql.ref('id'), '<>', '')
        .execute();
      await bookkeeping(
        create('changes')
          .addColumn('source', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('first_commit_at', 'bigint')
          .addColumn('merged_at', 'bigint')
          .addColumn('items', text)
          .addColumn('repository', text)
          .addColumn('author', text)
          .addColumn('reviewed', 'integer')
          .addPrimaryKeyConstraint('changes_pk', ['source', 'id']),
      ).execute();
      await bookkeeping(
        create('deployments')
          .addColumn('source', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('service', text, (c) => c.notNull())
          .addColumn('environment', text, (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('changes', text)
          .addPrimaryKeyConstraint('deployments_pk', ['source', 'id']),
      ).execute();
      await bookkeeping(
        create('incidents')
          .addColumn('source', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('service', text, (c) => c.notNull())
          .addColumn('opened_at', 'bigint', (c) => c.notNull())
          .addColumn('resolved_at', 'bigint')
          .addColumn('caused_by', text)
          .addColumn('severity', text)
          .addPrimaryKeyConstraint('incidents_pk', ['source', 'id']),
      ).execute();

      await db.schema.createIndex('work_items_team').on('work_items').columns(['team']).execute();
      await db.schema
        .createIndex('deployments_service')
        .on('deployments')
        .columns(['service', 'at'])
        .execute();
      await db.schema
        .createIndex('incidents_service')
        .on('incidents')
        .columns(['service', 'opened_at'])
        .execute();

      await identity(create('import_files'))
        .addColumn('path', text, (c) => c.notNull())
        .addColumn('fingerprint', text, (c) => c.notNull())
        .addColumn('format', text, (c) => c.notNull())
        .addColumn('strict', 'integer', (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('committed_bytes', 'bigint', (c) => c.notNull())
        .addColumn('committed_line', 'bigint', (c) => c.notNull())
        .addColumn('records', 'bigint', (c) => c.notNull())
        .addColumn('rejected', 'bigint', (c) => c.notNull())
        .addColumn('counts', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('import_files_resume')
        .on('import_files')
        .columns(['path', 'fingerprint', 'status'])
        .execute();
      await identity(create('import_batches'))
        .addColumn('file_id', 'bigint', (c) => c.notNull())
        .addColumn('committed_at', 'bigint', (c) => c.notNull())
        .addColumn('first_line', 'bigint', (c) => c.notNull())
        .addColumn('last_line', 'bigint', (c) => c.notNull())
        .addColumn('end_offset', 'bigint', (c) => c.notNull())
        .addColumn('records', 'bigint', (c) => c.notNull())
        .addColumn('rejected', 'bigint', (c) => c.notNull())
        .addColumn('counts', text, (c) => c.notNull())
        .execute();
      await identity(create('import_errors'))
        .addColumn('file_id', 'bigint', (c) => c.notNull())
        .addColumn('line', 'bigint', (c) => c.notNull())
        .addColumn('field', text, (c) => c.notNull())
        .addColumn('message', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('import_errors_file')
        .on('import_errors')
        .columns(['file_id', 'line'])
        .execute();
    },
  };
}
