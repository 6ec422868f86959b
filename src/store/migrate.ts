/**
 * Versioned schema migrations, run automatically when a store opens. A database written by a newer
 * Flowlens (it has migrations this build does not know) is refused with a clear message instead of
 * being touched.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { FlowlensError } from '../domain/index.js';
import type { Dialect } from './dialect.js';
import { createInitialMigration } from './migrations/0001-initial.js';
import { createItemFactsMigration } from './migrations/0002-item-facts.js';
import { createFactsVersionMigration } from './migrations/0003-facts-version.js';
import { createConnectorsMigration } from './migrations/0004-connectors.js';
import { createOrganisationMigration } from './migrations/0005-organisation.js';
import { createAnnotationsMigration } from './migrations/0006-annotations.js';
import { createAccountsMigration } from './migrations/0007-accounts.js';
import { createAuditMigration } from './migrations/0008-audit.js';
import { createTombstonesMigration } from './migrations/0009-tombstones.js';
import { createImprovementsMigration } from './migrations/0010-improvements.js';
import { createSprintsMigration } from './migrations/0011-sprints.js';
import { createItemIdentityMigration } from './migrations/0012-item-identity.js';
import { createReconcileMigration } from './migrations/0013-reconcile.js';
import type { Database } from './schema.js';

const MIGRATION_TABLE = 'flowlens_migrations';
const MIGRATION_LOCK_TABLE = 'flowlens_migrations_lock';

function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': createInitialMigration(dialect),
    '0002-item-facts': createItemFactsMigration(dialect),
    '0003-facts-version': createFactsVersionMigration(dialect),
    '0004-connectors': createConnectorsMigration(dialect),
    '0005-organisation': createOrganisationMigration(dialect),
    '0006-annotations': createAnnotationsMigration(dialect),
    '0007-accounts': createAccountsMigration(dialect),
    '0008-audit': createAuditMigration(dialect),
    '0009-tombstones': createTombstonesMigration(dialect),
    '0010-improvements': createImprovementsMigration(dialect),
    '0011-sprints': createSprintsMigration(dialect),
    '0012-item-identity': createItemIdentityMigration(dialect),
    '0013-reconcile': createReconcileMigration(dialect),
  };
}

/** The newest schema version this build knows. */
export function latestSchemaVersion(): string {
  return Object.keys(allMigrations('sqlite')).sort().at(-1) ?? '';
}

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly version: string;
}

/** Migrations already applied to the database (empty for a new one). */
export async function listAppliedMigrations(db: Kysely<Database>): Promise<string[]> {
  try {
    const result = await sql<{
      name: string;
    }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
    return result.rows.map((row) => row.name);
  } catch {
    return [];
  }
}

/** Brings the schema up to date; refuses a database from a newer Flowlens. */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<MigrationReport> {
  const migrations = allMigrations(dialect);
  const applied = await listAppliedMigrations(db);
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new FlowlensError(
      'DATABASE_TOO_NEW',
      `the database has schema version ${unknown.at(-1)}, newer than this Flowlens knows (${latestSchemaVersion()}); ` +
        'upgrade Flowlens, or point --db at another database',
      { details: { unknown } },
    );
  }
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new FlowlensError('MIGRATION_FAILED', `migration ${failed} failed: ${String(error)}`, {
      cause: error,
    });
  }
  const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied: done, version: latestSchemaVersion() };
}

/** Names of the migrations the database still needs. */
export function pendingMigrations(applied: readonly string[], dialect: Dialect): string[] {
  return Object.keys(allMigrations(dialect))
    .sort()
    .filter((name) => !applied.includes(name));
}
