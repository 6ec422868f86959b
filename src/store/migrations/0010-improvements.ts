/**
 * Migration 0010: improvement items. An improvement item is a work item of type debt or risk made
 * from an insight (src/engine/improvements.ts): `improvements` links it to the insight it came
 * from — the rule, the scope, the period and the evidence as they were when it was made — and, when
 * it was written back to a tracker, to the tracker's issue (the configured source's name, the
 * issue's key and its URL). The work item itself is an ordinary `work_items` row (source `flowlens`,
 * or the tracker's source and key when written back, so that the next sync updates the same item).
 * Frozen: a later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createImprovementsMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const table = db.schema.createTable('improvements');
      await (dialect === 'sqlite'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      )
        .addColumn('rule', text, (c) => c.notNull())
        .addColumn('scope_kind', text, (c) => c.notNull())
        .addColumn('scope_id', text, (c) => c.notNull())
        .addColumn('team', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('item_source', text, (c) => c.notNull())
        .addColumn('item_id', text, (c) => c.notNull())
        .addColumn('title', text, (c) => c.notNull())
        .addColumn('evidence', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('tracker', text)
        .addColumn('tracker_key', text)
        .addColumn('tracker_url', text)
        .execute();
      await db.schema
        .createIndex('improvements_by_item')
        .on('improvements')
        .columns(['item_source', 'item_id'])
        .unique()
        .execute();
      await db.schema.createIndex('improvements_by_team').on('improvements').columns(['team']).execute();
    },
  };
}
