/**
 * The importer: the only code that writes work-item data (ARCHITECTURE.md). Files are read as a
 * stream, every record is validated, valid ones are de-duplicated within a batch and upserted in
 * batches, each batch one transaction together with its log entry and the file's resume point.
 *
 * - Default: valid lines are imported, invalid ones listed; `strict`: a file with any invalid line
 *   imports nothing (it is read twice: once to judge, once to import).
 * - An interrupted import of the same file (same path, size, modification time and first 64 KiB)
 *   resumes after its last committed batch.
 * - References are resolved after all files, over the whole database, and reported.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { FlowlensError, isFlowlensError } from '../domain/index.js';
import {
  addCounts,
  type CountsByKind,
  findUnresolvedReferences,
  type ImportFileInfo,
  type LineError,
  type Store,
} from '../store/index.js';
import { startParse } from './parse-pipeline.js';
import type { ParseJob } from './parse-protocol.js';
import type { FileSummary, ImportSummary, RejectedLine } from './summary.js';

export interface ImportProgress {
  readonly file: string;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly records: number;
  readonly rejected: number;
}

export interface ImportOptions {
  /** `--strict`: a file with any invalid line imports nothing. */
  readonly strict?: boolean;
  /** Source for CSV rows without a `source` column. */
  readonly source?: string;
  /** Records per transaction (default 20,000). */
  readonly batchSize?: number;
  /** Longest accepted line in bytes (default 1 MiB). */
  readonly maxLineBytes?: number;
  /** How many rejected lines the summary lists (all are counted; default 1,000). */
  readonly maxReportedErrors?: number;
  /** How many rejected lines per file are kept in the import log (default 10,000). */
  readonly maxStoredErrors?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Called after each committed batch (tests use it to interrupt an import). */
  readonly onBatchCommitted?: (info: { file: string; batchId: number; lastLine: number }) => void;
  /**
   * Parse on a worker thread while the calling thread writes: `auto` (default) for files of 8 MiB
   * and more, `always`, or `never`.
   */
  readonly parallel?: 'auto' | 'always' | 'never';
  /** The clock, for the import log. */
  readonly now?: () => number;
  /** Who imports, for the audit trail's entry of each committed batch (default `local`). */
  readonly actor?: string;
}

const DEFAULTS = {
  batchSize: 20_000,
  maxLineBytes: 1 << 20,
  maxReportedErrors: 1000,
  maxStoredErrors: 10_000,
};
/** A batch is also committed when its records hold this many bytes of text, to bound memory. */
const MAX_BATCH_BYTES = 64 << 20;

/** Imports files (`.ndjson`, `.jsonl`, `.csv`) into the store and reports what happened. */
export async function importFiles(
  store: Store,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const errorBudget = { remaining: options.maxReportedErrors ?? DEFAULTS.maxReportedErrors };
  const summaries: FileSummary[] = [];
  for (const file of files) summaries.push(await importOneFile(store, file, options, errorBudget, now));
  const unresolved = await findUnresolvedReferences(store);
  const totals = {
    records: summaries.reduce((n, f) => n + f.records, 0),
    rejected: summaries.reduce((n, f) => n + f.rejected, 0),
    counts: summaries.reduce<CountsByKind>((sum, f) => addCounts(sum, f.counts), {}),
  };
  const durationMs = now() - started;
  const readThisRun = summaries.reduce((n, f) => n + f.recordsThisRun, 0);
  return {
    files: summaries,
    totals,
    unresolved,
    durationMs,
    recordsPerSecond: durationMs > 0 ? Math.round((readThisRun / durationMs) * 1000) : readThisRun,
  };
}

type Format = 'ndjson' | 'csv';

function detectFormat(file: string): Format | null {
  const extension = extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.csv') return 'csv';
  return null;
}

interface FileContext {
  readonly store: Store;
  readonly file: string;
  readonly format: Format;
  readonly size: number;
  readonly info: ImportFileInfo;
  readonly options: ImportOptions;
  readonly errorBudget: { remaining: number };
  readonly now: () => number;
  readonly started: number;
}

async function importOneFile(
  store: Store,
  file: string,
  options: ImportOptions,
  errorBudget: { remaining: number },
  now: () => number,
): Promise<FileSummary> {
  const started = now();
  const format = detectFormat(file);
  const failed = (failure: string, bytes = 0): FileSummary => ({
    ...summaryOf(file, format ?? 'ndjson', bytes, now() - started),
    status: 'failed',
    failure,
  });
  if (format === null) {
    return failed(
      `${file}: unknown file type "${extname(file) || basename(file)}"; use .ndjson (or .jsonl) or .csv`,
    );
  }
  let size: number;
  let fingerprint: string;
  try {
    ({ size, fingerprint } = await fingerprintFile(file));
  } catch (error) {
    if (isFlowlensError(error)) return failed(error.message);
    return failed(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const info = {
    path: resolve(file),
    fingerprint,
    format,
    strict: options.strict === true,
    startedAt: started,
  };
  const context: FileContext = { store, file, format, size, info, options, errorBudget, now, started };
  const outcome = options.strict === true ? await judgeFile(context) : null;
  if (outcome !== null) return outcome.status === 'failed' ? failed(outcome.failure ?? '', size) : outcome;
  return writeFile(context);
}

function parseJob(
  context: FileContext,
  mode: 'import' | 'judge',
  start: { offset: number; line: number },
  storedErrors: number,
): ParseJob {
  const { options } = context;
  return {
    mode,
    path: context.file,
    format: context.format,
    size: context.size,
    source: options.source,
    start,
    storedErrors,
    maxLineBytes: options.maxLineBytes ?? DEFAULTS.maxLineBytes,
    limits: {
      batchSize: options.batchSize ?? DEFAULTS.batchSize,
      maxBatchBytes: MAX_BATCH_BYTES,
      maxStoredErrors: options.maxStoredErrors ?? DEFAULTS.maxStoredErrors,
    },
    window: 2,
  };
}

/**
 * `--strict`'s first pass: validates every line and writes nothing. Returns the file's summary
 * when it is rejected (or unreadable), null when it may be imported.
 */
async function judgeFile(context: FileContext): Promise<FileSummary | null> {
  const { file, format, size, options } = context;
  const run = startParse(parseJob(context, 'judge', { offset: 0, line: 0 }, 0), options.parallel ?? 'auto');
  try {
    for await (const message of run.messages) {
      if (message.type === 'judging') {
        options.onProgress?.({
          file: `${file} (checking)`,
          bytesDone: message.bytesDone,
          bytesTotal: size,
          records: message.records,
          rejected: message.rejected,
        });
      } else if (message.type === 'failed') {
        return { ...emptySummary(context), status: 'failed', failure: message.message };
      } else if (message.type === 'judged') {
        if (message.rejected === 0) return null;
        await context.store.importLog.rejectFile(context.info, {
          count: message.rejected,
          lines: message.lines,
          errors: message.errors,
        });
        return {
          ...emptySummary(context),
          status: 'rejected',
          format,
          rejected: message.rejected,
          errors: takeErrors(file, message.errors, context.errorBudget),
        };
      }
    }
    throw new Error(`the check of ${file} ended without a result`);
  } finally {
    await run.stop();
  }
}

async function writeFile(context: FileContext): Promise<FileSummary> {
  const { store, file, format, size, options, now } = context;
  const maxStoredErrors = options.maxStoredErrors ?? DEFAULTS.maxStoredErrors;
  const { fileId, resume } = await store.importLog.startFile(context.info);
  let counts: CountsByKind = resume?.counts ?? {};
  let records = resume?.records ?? 0;
  let rejected = resume?.rejected ?? 0;
  const reported: RejectedLine[] = [];
  const start = {
    offset: format === 'ndjson' ? (resume?.committedBytes ?? 0) : 0,
    line: resume?.committedLine ?? 0,
  };
  const run = startParse(
    parseJob(context, 'import', start, Math.min(rejected, maxStoredErrors)),
    options.parallel ?? 'auto',
  );
  try {
    for await (const message of run.messages) {
      if (message.type === 'progress') {
        options.onProgress?.({ file, bytesDone: message.bytesDone, bytesTotal: size, records, rejected });
      } else if (message.type === 'failed') {
        await store.importLog.failFile(fileId, now());
        return {
          ...emptySummary(context),
          status: 'failed',
          records,
          rejected,
          counts,
          failure: message.message,
        };
      } else if (message.type === 'batch') {
        const { batch } = message;
        const result = await store.importLog.commitBatch({
          fileId,
          rows: new Map(batch.rows),
          recordCount: batch.recordCount,
          rejectedCount: batch.rejectedCount,
          errors: batch.errors,
          firstLine: batch.firstLine,
          lastLine: batch.lastLine,
          endOffset: batch.endOffset,
          countsBefore: counts,
          final: message.final,
          committedAt: now(),
          audit: { actor: options.actor ?? 'local', target: file },
          identities: batch.identities,
        });
        run.credit();
        counts = addCounts(counts, result.counts);
        // Records the store refused (a re-key onto another item's id) count as rejected.
        const refused = result.refused ?? { records: 0, errors: [] };
        records += batch.recordCount - refused.records;
        rejected += batch.rejectedCount + refused.records;
        reported.push(...takeErrors(file, [...batch.errors, ...refused.errors], context.errorBudget));
        options.onBatchCommitted?.({ file, batchId: result.batchId, lastLine: batch.lastLine });
        options.onProgress?.({ file, bytesDone: message.bytesDone, bytesTotal: size, records, rejected });
      }
    }
  } finally {
    await run.stop();
  }
  return {
    ...emptySummary(context),
    records,
    recordsThisRun: records - (resume?.records ?? 0),
    rejected,
    counts,
    errors: reported,
    resumedAfterLine: resume === null ? null : resume.committedLine,
  };
}

function emptySummary(context: FileContext): FileSummary {
  return summaryOf(context.file, context.format, context.size, context.now() - context.started);
}

/** A file's summary with nothing read yet. */
function summaryOf(file: string, format: Format, bytes: number, durationMs: number): FileSummary {
  return {
    file,
    format,
    status: 'imported',
    records: 0,
    recordsThisRun: 0,
    rejected: 0,
    counts: {},
    errors: [],
    resumedAfterLine: null,
    bytes,
    durationMs,
  };
}

function takeErrors(
  file: string,
  errors: readonly LineError[],
  budget: { remaining: number },
): RejectedLine[] {
  const taken = errors.slice(0, Math.max(0, budget.remaining)).map((e) => ({ file, ...e }));
  budget.remaining -= taken.length;
  return taken;
}

/** Size, modification time and a hash of the first 64 KiB: the same file on a re-run. */
async function fingerprintFile(file: string): Promise<{ size: number; fingerprint: string }> {
  const info = await stat(file);
  if (!info.isFile()) throw new FlowlensError('INVALID_ARGUMENT', `${file} is not a regular file`);
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(65_536, info.size));
    await handle.read(head, 0, head.length, 0);
    const hash = createHash('sha256').update(head).digest('hex').slice(0, 32);
    return { size: info.size, fingerprint: `${info.size}:${Math.trunc(info.mtimeMs)}:${hash}` };
  } finally {
    await handle.close();
  }
}
