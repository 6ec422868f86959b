/**
 * Migration 0004: what the connectors keep between runs (src/connectors), never work-item data —
 * that still goes through the importer.
 *
 * - `sync_cursors`: per source and resource, where the next sync starts (a JSON cursor written in
 *   the same transaction as the page of records it follows, so a killed sync resumes after its last
 *   committed page).
 * - `sync_runs`: one row per sync of a source: when, how it ended, its summary.
 * - `webhook_deliveries`: every webhook delivery accepted, by provider and delivery id (duplicates are
 *   stored once); the payload is kept only for deliveries set aside (`quarantined`) with a reason.
 * - `mapping_reviews`: mappings proposed by `flowlens connect` and not reviewed yet ("to review").
 *
 * Frozen: a later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createConnectorsMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sync_cursors')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('resource', text, (c) => c.notNull())
        .addColumn('cursor', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_cursors_pk', ['source', 'resource'])
        .execute();
      const runs = db.schema.createTable('sync_runs');
      await (dialect === 'sqlite'
        ? runs.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : runs.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      )
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('summary', 'text')
        .execute();
      await db.schema.createIndex('sync_runs_by_source').on('sync_runs').columns(['source', 'id']).execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('provider', text, (c) => c.notNull())
        .addColumn('delivery_id', text, (c) => c.notNull())
        .addColumn('event', text, (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('records', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('payload', 'text')
        .addPrimaryKeyConstraint('webhook_deliveries_pk', ['provider', 'delivery_id'])
        .execute();
      await db.schema
        .createTable('mapping_reviews')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('team', text, (c) => c.notNull())
        .addColumn('proposed_at', 'bigint', (c) => c.notNull())
        .addColumn('proposed_by', text, (c) => c.notNull())
        .addColumn('batch_id', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('mapping_reviews_pk', ['source', 'team'])
        .execute();
    },
  };
}
