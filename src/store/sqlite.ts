/**
 * The embedded store: SQLite through better-sqlite3, in WAL mode. Bulk writes use prepared
 * multi-row upserts inside one synchronous transaction per batch.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type DatabaseConnection, type Driver, Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { ChainHead } from '../audit/chain.js';
import { appendAuditSqlite, batchAuditEntry } from '../audit/raw.js';
import { FlowlensError } from '../domain/index.js';
import {
  addCounts,
  type BatchInput,
  type BatchResult,
  batchLogValues,
  type CountsByKind,
  fileProgressValues,
  syncStateStatements,
} from './batch.js';
import { createSqliteFactsQueue } from './facts-queue.js';
import { classifyStoreFault, noteStoreFault, storeHealth } from './health.js';
import { failImportFile, rejectImportFile, startImportFile } from './import-files.js';
import {
  countDropped,
  type IdentityQuery,
  needsIdentityStep,
  resolveItemIdentity,
  runIdentitySync,
  storeSourceIds,
  withIdentity,
} from './item-identity.js';
import { latestSchemaVersion, listAppliedMigrations, migrateToLatest, pendingMigrations } from './migrate.js';
import type { Database } from './schema.js';
import type { ImportLog, Store } from './store.js';
import { type FlatRows, rowCount, TABLE_LIST, type TableSpec } from './tables.js';
import { buildSqliteUpsert, type ConflictTarget, splitByIdentity } from './upsert-sql.js';
import { AUTOCHECKPOINT_PAGES, type CheckpointerOptions, startWalCheckpointer } from './wal-checkpointer.js';

/** Rows per multi-row INSERT statement. */
const ROWS_PER_STATEMENT = 100;

export interface SqliteOptions {
  /** Milliseconds to wait for a lock held by another process before failing. */
  readonly busyTimeoutMs?: number;
  /**
   * From how many stored facts the engine's start-up read runs on a worker thread (default 50,000;
   * see facts-queue.ts).
   */
  readonly factsWorkerFrom?: number;
  /**
   * Checkpoint the write-ahead log on a worker thread instead of inside the commits of this
   * connection (wal-checkpointer.ts): for a long-running server, whose commits are on the thread
   * that answers requests. Default off: a command that runs and exits keeps SQLite's own.
   */
  readonly checkpointInBackground?: boolean | CheckpointerOptions;
}

export async function openSqliteStore(path: string, options: SqliteOptions = {}): Promise<Store> {
  const isNew = path === ':memory:' || !existsSync(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    raw.pragma('cache_size = -262144');
    raw.pragma('temp_store = MEMORY');
    raw.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    raw.pragma('foreign_keys = OFF');
  } catch (error) {
    throw (
      damagedDatabase(path, error) ??
      new FlowlensError(
        'DATABASE_UNAVAILABLE',
        `cannot open the SQLite database ${path}: ${(error as Error).message}. ` +
          'If the file is not a Flowlens database, move it away or point --db elsewhere.',
        { cause: error },
      )
    );
  }
  const db = new Kysely<Database>({ dialect: new SafeRollbackSqliteDialect(raw) });
  try {
    if (!isNew) {
      const applied = await listAppliedMigrations(db);
      if (applied.length > 0 && pendingMigrations(applied, 'sqlite').length > 0 && !isNewer(applied)) {
        // A copy of the database as it was (hostile-input.md §37), in case an upgrade has to be
        // undone: `flowlens restore --from <db>.pre-<version>.bak`.
        await raw.backup(preMigrationBackupPath(path), { progress: () => 0x7fffffff });
      }
    }
    const report = await migrateTransactionally(raw, db);
    const background = options.checkpointInBackground ?? false;
    const checkpointer =
      background === false || path === ':memory:' || path === ''
        ? null
        : startWalCheckpointer(raw, path, {
            busyTimeoutMs: options.busyTimeoutMs ?? 5000,
            ...(background === true ? {} : background),
          });
    return {
      dialect: 'sqlite',
      db,
      location: path,
      importLog: createSqliteImportLog(raw, db),
      factsQueue: createSqliteFactsQueue(raw, path, options.factsWorkerFrom),
      schemaVersion: report.version,
      ...(checkpointer === null ? {} : { walCheckpoints: () => checkpointer.stats() }),
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw damagedDatabase(path, error) ?? error;
  }
}

/**
 * SQLite rolls a transaction back by itself when a write fails with SQLITE_FULL, SQLITE_IOERR,
 * SQLITE_BUSY or SQLITE_NOMEM; Kysely's ROLLBACK after that fails ("no transaction is active") and
 * its error would replace the one that says what happened (a full disk). This driver rolls back only
 * what is still open, so the caller sees the real fault (and the server answers 503, not 500).
 */
class SafeRollbackSqliteDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    const raw = this.raw;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (raw.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: cachingStatements(raw) });
  }
}

/** How many of Kysely's statements are kept prepared (least recently used go first). */
const KEPT_STATEMENTS = 256;

/**
 * The database as Kysely's driver sees it, with its statements kept: the driver prepares every
 * query it runs, and preparing (SQLite parsing and planning the SQL) is a good part of a small
 * query's cost — a webhook delivery runs a dozen. Kept by SQL text; parameters are bound at each
 * run. A statement still being iterated (a streamed query) is busy, so the same SQL meanwhile gets
 * a fresh one. SQLite prepares a kept statement again by itself after a schema change.
 */
function cachingStatements(raw: BetterSqlite3.Database): {
  prepare(sql: string): BetterSqlite3.Statement;
  close(): void;
} {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      const statement = kept.get(sql);
      if (statement !== undefined && !statement.busy) {
        kept.delete(sql);
        kept.set(sql, statement);
        return statement;
      }
      const fresh = raw.prepare(sql);
      if (statement === undefined) {
        kept.set(sql, fresh);
        if (kept.size > KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
      }
      return fresh;
    },
    close() {
      kept.clear();
      raw.close();
    },
  };
}

/** Where the automatic copy taken before migrating an existing database goes. */
export function preMigrationBackupPath(path: string): string {
  return `${path}.pre-${latestSchemaVersion()}.bak`;
}

function isNewer(applied: readonly string[]): boolean {
  const known = pendingMigrations([], 'sqlite');
  return applied.some((name) => !known.includes(name));
}

/**
 * Kysely runs SQLite migrations outside a transaction (its adapter reports no transactional DDL),
 * but SQLite has transactional DDL: all pending migrations run in one `BEGIN IMMEDIATE` on the
 * store's single connection, so a migration that fails leaves the database at the version it had.
 * `BEGIN IMMEDIATE` also makes two processes opening an old database migrate one after the other.
 */
async function migrateTransactionally(raw: BetterSqlite3.Database, db: Kysely<Database>) {
  // Up to date (the usual open): nothing to write, so no write lock is taken.
  if (pendingMigrations(await listAppliedMigrations(db), 'sqlite').length === 0)
    return migrateToLatest(db, 'sqlite');
  raw.exec('BEGIN IMMEDIATE');
  try {
    const report = await migrateToLatest(db, 'sqlite');
    raw.exec('COMMIT');
    return report;
  } catch (error) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw error;
  }
}

/** A clear refusal for a file SQLite finds damaged, else null. */
function damagedDatabase(path: string, error: unknown): FlowlensError | null {
  const code = (error as { code?: string }).code ?? '';
  if (!code.startsWith('SQLITE_CORRUPT')) return null;
  return new FlowlensError(
    'DATABASE_UNAVAILABLE',
    `the SQLite database ${path} is damaged (${code}: ${(error as Error).message}); nothing was changed. ` +
      'Restore the last backup with `flowlens restore --from <backup> --db <this file> --force`, or point --db elsewhere.',
    { cause: error },
  );
}

function createSqliteImportLog(raw: BetterSqlite3.Database, db: Kysely<Database>): ImportLog {
  // Rows updated by an upsert are counted by a temporary trigger (it fires only on updates, which
  // are rare in a bulk import); inserted = changes - updated. Cheaper than RETURNING every row.
  raw.exec(
    'CREATE TEMP TABLE IF NOT EXISTS flowlens_updated (n INTEGER NOT NULL); INSERT INTO flowlens_updated VALUES (0)',
  );
  for (const spec of TABLE_LIST) {
    raw.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS flowlens_count_${spec.table} AFTER UPDATE ON main."${spec.table}" ` +
        'BEGIN UPDATE flowlens_updated SET n = n + 1; END',
    );
  }
  const updatedSoFar = raw.prepare('SELECT n FROM flowlens_updated').pluck(true);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const upsert = (spec: TableSpec, rowCount: number, target: ConflictTarget): BetterSqlite3.Statement => {
    const cacheKey = `${spec.table}:${target}:${rowCount}`;
    let statement = statements.get(cacheKey);
    if (statement === undefined) {
      statement = raw.prepare(buildSqliteUpsert(spec, rowCount, target));
      statements.set(cacheKey, statement);
    }
    return statement;
  };
  const insertBatch = raw.prepare(
    `INSERT INTO import_batches (file_id, committed_at, first_line, last_line, end_offset, records, rejected, counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, '{}')`,
  );
  const updateBatchCounts = raw.prepare('UPDATE import_batches SET counts = ? WHERE id = ?');
  const insertError = raw.prepare(
    'INSERT INTO import_errors (file_id, line, field, message) VALUES (?, ?, ?, ?)',
  );
  const updateFile = raw.prepare(
    `UPDATE import_files SET committed_bytes = ?, committed_line = ?, records = records + ?, rejected = rejected + ?,
       counts = ?, status = ?, finished_at = ? WHERE id = ?`,
  );

  const writeRows = (
    spec: TableSpec,
    cells: FlatRows,
    batchId: number,
    target: ConflictTarget,
  ): { inserted: number; written: number } => {
    const updatedBefore = updatedSoFar.get() as number;
    let written = 0;
    const step = ROWS_PER_STATEMENT * spec.columns.length;
    for (let start = 0; start < cells.length; start += step) {
      const params = cells.slice(start, start + step);
      written += upsert(spec, params.length / spec.columns.length, target).run(params, {
        batch: batchId,
      }).changes;
    }
    const updated = (updatedSoFar.get() as number) - updatedBefore;
    return { inserted: written - updated, written };
  };

  const identityStatements = new Map<string, BetterSqlite3.Statement>();
  const runIdentityQuery = (query: IdentityQuery): Record<string, unknown>[] => {
    let statement = identityStatements.get(query.sql);
    if (statement === undefined) {
      statement = raw.prepare(query.sql);
      identityStatements.set(query.sql, statement);
    }
    if (query.rows) return statement.all(...query.params) as Record<string, unknown>[];
    statement.run(...query.params);
    return [];
  };

  // The audit chain's head as this transaction's last append left it (each transaction reads it
  // once: the batches of a group append one after the other).
  let auditHead: ChainHead | undefined;
  const writeBatch = (given: BatchInput): BatchResult => {
    // Renames by sourceId, and records naming a former id (migration 0012), before the rows are written.
    const identity = needsIdentityStep(given)
      ? runIdentitySync(resolveItemIdentity(given), runIdentityQuery)
      : null;
    const input = identity === null ? given : withIdentity(given, identity);
    const batchId = Number(insertBatch.run(...batchLogValues(input)).lastInsertRowid);
    const counts: CountsByKind = {};
    for (const spec of TABLE_LIST) {
      const rows = input.rows.get(spec.kind);
      if (rows === undefined || rows.length === 0) continue;
      const total = rowCount(spec, rows);
      let inserted = 0;
      let written = 0;
      for (const [target, group] of splitByIdentity(spec, rows)) {
        const result = writeRows(spec, group, batchId, target);
        inserted += result.inserted;
        written += result.written;
      }
      counts[spec.kind] = { inserted, updated: written - inserted, unchanged: total - written };
    }
    countDropped(counts, identity);
    if (identity !== null) runIdentitySync(storeSourceIds(identity.sourceIds), runIdentityQuery);
    updateBatchCounts.run(JSON.stringify(counts), batchId);
    for (const error of input.errors) insertError.run(input.fileId, error.line, error.field, error.message);
    updateFile.run(...fileProgressValues(input, counts));
    for (const statement of syncStateStatements(input, 'question')) {
      let prepared = statements.get(statement.text);
      if (prepared === undefined) {
        prepared = raw.prepare(statement.text);
        statements.set(statement.text, prepared);
      }
      prepared.run(...statement.values);
    }
    for (const entry of identity?.audit ?? []) auditHead = appendAuditSqlite(raw, entry, auditHead);
    auditHead = appendAuditSqlite(raw, batchAuditEntry(input, batchId, counts), auditHead);
    return { batchId, counts, ...(identity === null ? {} : { refused: identity.refused }) };
  };
  const commit = raw.transaction((input: BatchInput): BatchResult => {
    auditHead = undefined;
    return writeBatch(input);
  });
  const commitAll = raw.transaction((inputs: readonly BatchInput[]): BatchResult[] => {
    auditHead = undefined;
    let before = inputs[0]?.countsBefore ?? {};
    return inputs.map((input) => {
      const result = writeBatch({ ...input, countsBefore: before });
      before = addCounts(before, result.counts);
      return result;
    });
  });
  const commitOne = (input: BatchInput): BatchResult => {
    try {
      const result = commit.immediate(input);
      storeHealth.writeSucceeded();
      return result;
    } catch (error) {
      noteStoreFault(error);
      throw wrapWriteError(error);
    }
  };

  return {
    startFile: (info) => startImportFile(db, info),
    commitBatch: async (input) => commitOne(input),
    commitBatches: async (inputs) => {
      if (inputs.length === 0) return [];
      try {
        const results = commitAll.immediate(inputs);
        storeHealth.writeSucceeded();
        return results;
      } catch (error) {
        noteStoreFault(error);
        if (inputs.length === 1) return [wrapWriteError(error)];
      }
      // The group failed as a whole: each on its own, so that only the faulty ones fail.
      let before = inputs[0]?.countsBefore ?? {};
      return inputs.map((input) => {
        try {
          const result = commitOne({ ...input, countsBefore: before });
          before = addCounts(before, result.counts);
          return result;
        } catch (error) {
          return error as Error;
        }
      });
    },
    failFile: (fileId, finishedAt) => failImportFile(db, fileId, finishedAt),
    rejectFile: (info, rejected) => rejectImportFile(db, info, rejected),
  };
}

function wrapWriteError(error: unknown): Error {
  const code = (error as { code?: string }).code;
  // Every store fault (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE… included), not only the primary codes.
  if (classifyStoreFault(error) !== null) {
    return new FlowlensError(
      'DATABASE_UNAVAILABLE',
      `the database cannot be written now (${code}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return error as Error;
}
