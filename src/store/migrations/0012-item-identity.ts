/**
 * Migration 0012: item identity across renames (hostile-input.md §30). A work item may carry the
 * immutable id it has at its source (`sourceId`: Jira's numeric issue id, GitHub's or GitLab's
 * global issue id), kept in `work_items.source_id`, unique per source where set. When an item
 * arrives under a new id with a source id already stored under another (a Jira issue moved to
 * another project, PROJ-1 → NEW-7), the importer renames the stored item instead of adding a second
 * one (src/store/item-identity.ts), and `item_aliases` remembers the former id: records that arrive
 * later under it (a late webhook about PROJ-1) land on the renamed item. Frozen: a later change to
 * the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createItemIdentityMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('work_items').addColumn('source_id', text).execute();
      await db.schema
        .createIndex('work_items_source_id')
        .on('work_items')
        .columns(['source', 'source_id'])
        .unique()
        .where(sql.ref('source_id'), 'is not', null)
        .execute();
      await db.schema
        .createTable('item_aliases')
        .addColumn('source', text, (c) => c.notNull())
        // The id the item had; records naming it are about the item now called `new_id`.
        .addColumn('old_id', text, (c) => c.notNull())
        .addColumn('new_id', text, (c) => c.notNull())
        .addColumn('source_id', text, (c) => c.notNull())
        .addColumn('renamed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_aliases_pk', ['source', 'old_id'])
        .execute();
      await db.schema
        .createIndex('item_aliases_by_new')
        .on('item_aliases')
        .columns(['source', 'new_id'])
        .execute();
    },
  };
}
