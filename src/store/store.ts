/**
 * The store port: one interface over SQLite and PostgreSQL. Reads go through Kysely (`db`), so a
 * query is written once for both; the import's bulk writes are store-specific for speed and live
 * behind `importLog`.
 */
import type { Kysely } from 'kysely';
import type { BatchInput, BatchResult, CountsByKind, LineError } from './batch.js';
import type { Dialect } from './dialect.js';
import type { FactsQueue } from './facts-queue.js';
import type { Database } from './schema.js';
import type { CheckpointStats } from './wal-checkpointer.js';

export interface ImportFileInfo {
  readonly path: string;
  readonly fingerprint: string;
  readonly format: string;
  readonly strict: boolean;
  readonly startedAt: number;
}

/** Where an unfinished import of the same file stopped. */
export interface ResumePoint {
  readonly committedBytes: number;
  readonly committedLine: number;
  readonly records: number;
  readonly rejected: number;
  readonly counts: CountsByKind;
}

export interface StartedFile {
  readonly fileId: number;
  readonly resume: ResumePoint | null;
}

export interface ImportLog {
  /** Registers a file's import, or finds the unfinished import of the same file to resume. */
  startFile(info: ImportFileInfo): Promise<StartedFile>;
  /** Writes one batch, its log entries and the file's resume point in one transaction. */
  commitBatch(input: BatchInput): Promise<BatchResult>;
  /**
   * Writes several batches of the same file, each logged as its own batch (its counts, errors,
   * sync state and audit entry), in one transaction where the store gains by it (SQLite: one
   * commit instead of one per batch). Each input's `countsBefore` is taken from the one before
   * it. When that transaction fails, each batch is tried on its own, so one batch's fault does
   * not fail the others: the answer holds, per input, its result or the error that stopped it.
   * Absent: the caller commits the batches one by one.
   */
  commitBatches?(inputs: readonly BatchInput[]): Promise<(BatchResult | Error)[]>;
  /**
   * Marks a file's import as failed (it could not be read on): it is not resumed, and batches
   * committed before the failure stay.
   */
  failFile(fileId: number, finishedAt: number): Promise<void>;
  /** Records a file rejected as a whole (`--strict`): nothing of it is imported. */
  rejectFile(
    info: ImportFileInfo,
    rejected: { count: number; lines: number; errors: readonly LineError[] },
  ): Promise<number>;
}

export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** The file path, or the URL with its password hidden. */
  readonly location: string;
  readonly importLog: ImportLog;
  /** The queue of items whose facts must be recomputed (migration 0002). */
  readonly factsQueue: FactsQueue;
  /** Schema version after the migrations that ran when the store opened. */
  readonly schemaVersion: string;
  /** SQLite opened with `checkpointInBackground`: what the background checkpoints did so far. */
  readonly walCheckpoints?: () => CheckpointStats;
  close(): Promise<void>;
}

export function parseCounts(json: string): CountsByKind {
  return JSON.parse(json) as CountsByKind;
}
