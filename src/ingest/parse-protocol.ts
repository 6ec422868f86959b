/** Messages between the importer and its parse worker. */
import type { ErrorCode } from '../domain/index.js';
import type { LineError } from '../store/index.js';
import type { ParsedBatch } from './batch-builder.js';

export interface ParseJob {
  readonly mode: 'import' | 'judge';
  readonly path: string;
  readonly format: 'ndjson' | 'csv';
  readonly size: number;
  readonly source: string | undefined;
  readonly start: { readonly offset: number; readonly line: number };
  /** Errors already stored for this file (a resumed import continues the cap). */
  readonly storedErrors: number;
  readonly maxLineBytes: number;
  readonly limits: {
    readonly batchSize: number;
    readonly maxBatchBytes: number;
    readonly maxStoredErrors: number;
  };
  /** Batches the worker may post before it waits for a credit. */
  readonly window: number;
}

export type WorkerMessage =
  | {
      readonly type: 'batch';
      readonly batch: ParsedBatch;
      readonly final: boolean;
      readonly bytesDone: number;
    }
  | { readonly type: 'progress'; readonly bytesDone: number }
  | {
      readonly type: 'judging';
      readonly bytesDone: number;
      readonly records: number;
      readonly rejected: number;
    }
  | {
      readonly type: 'judged';
      readonly records: number;
      readonly rejected: number;
      readonly lines: number;
      readonly errors: LineError[];
    }
  | { readonly type: 'failed'; readonly code: ErrorCode | null; readonly message: string };
