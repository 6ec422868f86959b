/**
 * The production store: PostgreSQL through `pg`. Bulk writes send each kind of a batch as one
 * `INSERT … SELECT FROM unnest(…)` upsert, so a batch of 20,000 records is a handful of statements.
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { appendAuditPg, batchAuditEntry } from '../audit/raw.js';
import { FlowlensError } from '../domain/index.js';
import {
  type BatchInput,
  type BatchResult,
  batchLogValues,
  type CountsByKind,
  fileProgressValues,
  syncStateStatements,
} from './batch.js';
import { createKyselyFactsQueue } from './facts-queue.js';
import { noteStoreFault, storeHealth } from './health.js';
import { failImportFile, rejectImportFile, startImportFile } from './import-files.js';
import {
  countDropped,
  dollarPlaceholders,
  type IdentityQuery,
  needsIdentityStep,
  resolveItemIdentity,
  runIdentityAsync,
  storeSourceIds,
  withIdentity,
} from './item-identity.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import type { ImportLog, Store } from './store.js';
import { type FlatRows, rowCount, TABLE_LIST, type TableSpec } from './tables.js';
import {
  buildPostgresCopy,
  buildPostgresStage,
  buildPostgresUpsertFromStage,
  type ConflictTarget,
  splitByIdentity,
  toCopyText,
} from './upsert-sql.js';

const INT8_OID = 20;

/** Hides the password of a connection URL, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export async function openPostgresStore(url: string): Promise<Store> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // Counts and epoch-millisecond instants are int8; they fit a JavaScript number.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection; the next query reconnects or reports the failure.
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw new FlowlensError(
      'DATABASE_UNAVAILABLE',
      `cannot connect to PostgreSQL at ${location}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const report = await migrateToLatest(db, 'postgres');
    return {
      dialect: 'postgres',
      db,
      location,
      importLog: createPostgresImportLog(pool, db),
      factsQueue: createKyselyFactsQueue(db),
      schemaVersion: report.version,
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function createPostgresImportLog(pool: pg.Pool, db: Kysely<Database>): ImportLog {
  const targets = (spec: TableSpec): ConflictTarget[] =>
    spec.idKey === undefined ? ['key'] : ['key', 'idKey'];
  const staged = new WeakSet<pg.PoolClient>();

  /** Each session gets its staging tables once (temporary tables live as long as the connection). */
  const prepareSession = async (client: pg.PoolClient): Promise<void> => {
    if (staged.has(client)) return;
    for (const spec of TABLE_LIST)
      for (const target of targets(spec)) await client.query(buildPostgresStage(spec, target));
    staged.add(client);
  };

  /** COPY the rows into the session's staging table, then upsert them from there in one statement. */
  const writeRows = async (
    client: pg.PoolClient,
    spec: TableSpec,
    cells: FlatRows,
    batchId: number,
    target: ConflictTarget,
  ): Promise<{ inserted: number; written: number }> => {
    await pipeline(
      Readable.from([toCopyText(cells, spec.columns.length)]),
      client.query(copyFrom(buildPostgresCopy(spec, target))),
    );
    const result = await client.query<{ inserted: number; written: number }>({
      name: `flowlens_upsert_${spec.table}_${target}`,
      text: buildPostgresUpsertFromStage(spec, target),
      values: [batchId],
    });
    return result.rows[0] ?? { inserted: 0, written: 0 };
  };

  const commitBatch = async (given: BatchInput): Promise<BatchResult> => {
    const client = await pool.connect().catch((error: unknown) => {
      throw wrapWriteError(error);
    });
    try {
      await prepareSession(client);
      await client.query('BEGIN');
      // Renames by sourceId, and records naming a former id (migration 0012), before the rows are written.
      const runQuery = async (query: IdentityQuery): Promise<Record<string, unknown>[]> =>
        (await client.query(dollarPlaceholders(query.sql), [...query.params])).rows;
      const identity = needsIdentityStep(given)
        ? await runIdentityAsync(resolveItemIdentity(given), runQuery)
        : null;
      const input = identity === null ? given : withIdentity(given, identity);
      const batch = await client.query<{ id: number }>(
        `INSERT INTO import_batches (file_id, committed_at, first_line, last_line, end_offset, records, rejected, counts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '{}') RETURNING id`,
        batchLogValues(input),
      );
      const batchId = Number(batch.rows[0]!.id);
      const counts: CountsByKind = {};
      for (const spec of TABLE_LIST) {
        const rows = input.rows.get(spec.kind);
        if (rows === undefined || rows.length === 0) continue;
        const total = rowCount(spec, rows);
        let inserted = 0;
        let written = 0;
        for (const [target, group] of splitByIdentity(spec, rows)) {
          const result = await writeRows(client, spec, group, batchId, target);
          inserted += result.inserted;
          written += result.written;
        }
        counts[spec.kind] = { inserted, updated: written - inserted, unchanged: total - written };
      }
      countDropped(counts, identity);
      if (identity !== null) await runIdentityAsync(storeSourceIds(identity.sourceIds), runQuery);
      await client.query('UPDATE import_batches SET counts = $1 WHERE id = $2', [
        JSON.stringify(counts),
        batchId,
      ]);
      if (input.errors.length > 0) {
        await client.query(
          `INSERT INTO import_errors (file_id, line, field, message)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])`,
          [
            input.fileId,
            input.errors.map((e) => e.line),
            input.errors.map((e) => e.field),
            input.errors.map((e) => e.message),
          ],
        );
      }
      await client.query(
        `UPDATE import_files SET committed_bytes = $1, committed_line = $2, records = records + $3, rejected = rejected + $4,
           counts = $5, status = $6, finished_at = $7 WHERE id = $8`,
        fileProgressValues(input, counts),
      );
      for (const statement of syncStateStatements(input, 'dollar'))
        await client.query(statement.text, statement.values);
      // Last before COMMIT: the audit chain's lock is held only until the commit.
      for (const entry of identity?.audit ?? []) await appendAuditPg(client, entry);
      await appendAuditPg(client, batchAuditEntry(input, batchId, counts));
      await client.query('COMMIT');
      storeHealth.writeSucceeded();
      return { batchId, counts, ...(identity === null ? {} : { refused: identity.refused }) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw wrapWriteError(error);
    } finally {
      client.release();
    }
  };

  return {
    startFile: (info) => startImportFile(db, info),
    commitBatch,
    failFile: (fileId, finishedAt) => failImportFile(db, fileId, finishedAt),
    rejectFile: (info, rejected) => rejectImportFile(db, info, rejected),
  };
}

/**
 * A write that failed for a store fault (disk full, connection lost or refused, lock not
 * available) becomes DATABASE_UNAVAILABLE, which the server answers with 503 and Retry-After; the
 * fault is noted for the health route. Anything else is thrown as it is.
 */
function wrapWriteError(error: unknown): Error {
  const fault = noteStoreFault(error);
  if (fault === null) return error as Error;
  return new FlowlensError(
    'DATABASE_UNAVAILABLE',
    `the database cannot be written now (${fault.code}): ${(error as Error).message}`,
    { cause: error },
  );
}
