/**
 * Migration 0009: tombstones of work items deleted at their source (`item_tombstones`). When Jira
 * says an issue was deleted (`jira:issue_deleted`), the work item and its status changes are removed
 * from `work_items` and `transitions` — so migration 0002's triggers drop its facts and it leaves
 * every metric — and a tombstone keeps what was removed (`record`: the JSON of the item's row and of
 * its transitions' rows), when (`deleted_at`, epoch ms), how it was learnt (`via`, e.g.
 * `webhook:jira`) and why (`reason`). A later delivery about the same item does not bring it back.
 * The deletion also writes an audit entry (src/ingest/tombstone.ts). Frozen: a later change to the
 * schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createTombstonesMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('item_tombstones')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('deleted_at', 'bigint', (c) => c.notNull())
        .addColumn('via', text, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('record', 'text')
        .addPrimaryKeyConstraint('item_tombstones_pk', ['source', 'id'])
        .execute();
    },
  };
}
