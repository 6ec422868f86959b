/**
 * Migration 0003: the facts version. One row: the store's own id (random, set once) and a version
 * token (random) that every write of stored facts replaces in the same transaction. A copy of the
 * facts kept outside the database (the engine's start-up snapshot) is stamped with both, so it is
 * used only when the stored facts are exactly the ones it was made from — also after a backup is
 * restored, since a token is never reused. Frozen: a later change to the schema is a new migration.
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
    },
  };
}
