/**
 * Migration 0005: what the organisation editor keeps beyond the interchange records (issue 6,
 * docs/organisation.md). The records themselves (portfolios, value streams, teams, people,
 * services, roles, mappings) stay in their tables with their natural keys, so a later import of the
 * same organisation file still finds and updates them.
 *
 * - `org_history`: where a team (value stream), a value stream (portfolio) or a service (team)
 *   used to belong. Each row is a closed past period ending at `to_at`, starting where the previous
 *   row of the same entity ends (or at the beginning of time); the current parent, in the entity's
 *   own table, holds from the last row's `to_at` on. Metrics by scope use the parent valid at each
 *   item's completion (docs/metrics.md §4).
 * - `org_archived`: entities archived (hidden from lists and role coverage; their history stays).
 * - `products`: products owned by teams (work items name them in `product`).
 * - `org_settings`: organisation-wide settings, e.g. the role overload limits.
 * - `mapping_versions`: every saved version of a source's (or a team's) mapping, with who saved it,
 *   when, and what changed; any version can be restored.
 * - `org_changes`: the audit trail of edits made through the API and the command line.
 *
 * Frozen: a later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createOrganisationMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('org_history')
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('parent', text)
        .addColumn('to_at', 'bigint', (c) => c.notNull())
        .addColumn('moved_at', 'bigint', (c) => c.notNull())
        .addColumn('moved_by', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('org_history_pk', ['kind', 'id', 'to_at'])
        .execute();
      await db.schema
        .createTable('org_archived')
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('archived_at', 'bigint', (c) => c.notNull())
        .addColumn('archived_by', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('org_archived_pk', ['kind', 'id'])
        .execute();
      await db.schema
        .createTable('products')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('team', text)
        .addColumn('description', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('org_settings')
        .addColumn('key', text, (c) => c.primaryKey())
        .addColumn('value', text, (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('mapping_versions')
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('team', text, (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('saved_at', 'bigint', (c) => c.notNull())
        .addColumn('saved_by', text, (c) => c.notNull())
        .addColumn('note', text)
        // The mapping as saved (JSON with sorted keys, as the mappings table holds it); null when
        // this version removed a team's override.
        .addColumn('statuses', text)
        .addColumn('types', text)
        .addColumn('environments', text)
        .addColumn('removed', 'integer', (c) => c.notNull())
        // JSON: [{kind, raw, before, after}] against the mapping it replaced.
        .addColumn('changes', text, (c) => c.notNull())
        .addColumn('restored_from', 'bigint')
        .addPrimaryKeyConstraint('mapping_versions_pk', ['source', 'team', 'version'])
        .execute();
      const changes = db.schema.createTable('org_changes');
      await (dialect === 'sqlite'
        ? changes.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : changes.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      )
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', text, (c) => c.notNull())
        .addColumn('action', text, (c) => c.notNull())
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('target', text, (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .execute();
      await db.schema
        .createIndex('org_changes_by_target')
        .on('org_changes')
        .columns(['kind', 'target'])
        .execute();
    },
  };
}
