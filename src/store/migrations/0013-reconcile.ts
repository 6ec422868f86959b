/**
 * Migration 0013: the server's liveness, for gap detection (src/connectors/reconcile.ts). Every
 * `flowlens start` adds a row to `server_runs` and writes `heartbeat_at` every minute while it
 * serves; a clean stop (SIGINT, SIGTERM) sets `stopped_at`. The next start reads the previous row:
 * a run that never stopped cleanly (killed, crashed, the machine lost power) or a gap since its last
 * heartbeat longer than `reconcile.gapMinutes` means webhook deliveries may have been missed, so a
 * reconcile poll runs for the sources that receive webhooks; `reconcile` keeps why it ran and its
 * outcome (JSON), for whoever looks into it.
 *
 * Frozen: a later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createReconcileMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const runs = db.schema.createTable('server_runs');
      await (dialect === 'sqlite'
        ? runs.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : runs.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      )
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
        .addColumn('stopped_at', 'bigint')
        .addColumn('pid', 'bigint', (c) => c.notNull())
        .addColumn('host', text, (c) => c.notNull())
        .addColumn('reconcile', 'text')
        .execute();
    },
  };
}
