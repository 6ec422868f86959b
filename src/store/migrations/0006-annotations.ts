/**
 * Migration 0006: annotations and allocation targets. Annotations are dated notes on a scope ("AI coding assistant rolled out", "moved to
 * trunk-based development", "team split"), shown on the time charts of that scope and of the scopes
 * above it, and measured for their impact (src/forecast/impact.ts). The scope is `organisation`
 * (id ''), `portfolio`, `valueStream` or `team` with its id. `allocation_targets` holds each team's
 * capacity-allocation target (shares of features, defects, and debt and risk), which the insights
 * compare the flow distribution with. Frozen: a later change to the schema
 * is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createAnnotationsMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const table = db.schema.createTable('annotations');
      await (dialect === 'sqlite'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      )
        .addColumn('scope_kind', text, (c) => c.notNull())
        .addColumn('scope_id', text, (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('title', text, (c) => c.notNull())
        .addColumn('description', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('annotations_by_scope')
        .on('annotations')
        .columns(['scope_kind', 'scope_id', 'at'])
        .execute();
      // A team's capacity-allocation target (insights: distribution drift): shares that add up to 1.
      await db.schema
        .createTable('allocation_targets')
        .addColumn('team', text, (c) => c.primaryKey())
        .addColumn('feature', 'double precision', (c) => c.notNull())
        .addColumn('defect', 'double precision', (c) => c.notNull())
        .addColumn('debt_and_risk', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', text, (c) => c.notNull())
        .execute();
    },
  };
}
