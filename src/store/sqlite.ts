/**
 * The embedded store: SQLite through better-sqlite3, in WAL mode. Bulk writes use prepared
 * multi-row upserts inside one synchronous transaction per batch.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { FlowlensError } from '../domain/index.js';
import {
  type BatchInput,
  type BatchResult,
  batchLogValues,
  type CountsByKind,
  fileProgressValues,
  syncStateStatements,
} from './batch.js';
import { createSqliteFactsQueue } from './facts-queue.js';
import { failImportFile, rejectImportFile, startImportFile } from './import-files.js';
import { listAppliedMigrations, migrateToLatest, pendingMigrations } from './migrate.js';
import type { Database } from './schema.js';
import type { ImportLog, Store } from './store.js';
import { type FlatRows, rowCount, TABLE_LIST, type TableSpec } from './tables.js';
import { buildSqliteUpsert, type ConflictTarget, splitByIdentity } from './upsert-sql.js';

/** Rows per multi-row INSERT statement. */
const ROWS_PER_STATEMENT = 100;

export interface SqliteOptions {
  /** Milliseconds to wait for a lock held by another process before failing. */
  readonly busyTimeoutMs?: number;
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
    raw.pragma('wal_autocheckpoint = 16384');
    raw.pragma('foreign_keys = OFF');
  } catch (error) {
    throw new FlowlensError(
      'DATABASE_UNAVAILABLE',
      `cannot open the SQLite database ${path}: ${(error as Error).message}. ` +
        'If the file is not a Flowlens database, move it away or point --db elsewhere.',
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    if (!isNew) {
      const applied = await listAppliedMigrations(db);
      if (applied.length > 0 && pendingMigrations(applied, 'sqlite').length > 0) {
        // A copy of the database as it was, in case an upgrade has to be undone.
        await raw.backup(`${path}.before-${pendingMigrations(applied, 'sqlite')[0]}.bak`);
      }
    }
    const report = await migrateToLatest(db, 'sqlite');
    return {
      dialect: 'sqlite',
      db,
      location: path,
      importLog: createSqliteImportLog(raw, db),
      factsQueue: createSqliteFactsQueue(raw, path),
      schemaVersion: report.version,
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
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

  const commit = raw.transaction((input: BatchInput): BatchResult => {
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
    return { batchId, counts };
  });

  return {
    startFile: (info) => startImportFile(db, info),
    commitBatch: async (input) => {
      try {
        return commit.immediate(input);
      } catch (error) {
        throw wrapWriteError(error);
      }
    },
    failFile: (fileId, finishedAt) => failImportFile(db, fileId, finishedAt),
    rejectFile: (info, rejected) => rejectImportFile(db, info, rejected),
  };
}

function wrapWriteError(error: unknown): Error {
  const code = (error as { code?: string }).code;
  if (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_IOERR' ||
    code === 'SQLITE_READONLY'
  ) {
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
