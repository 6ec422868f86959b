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
import { type ValidationResult, validateRecord } from '../contract/index.js';
import { FlowlensError, isFlowlensError, type RecordKind } from '../domain/index.js';
import {
  addCounts,
  type CountsByKind,
  findUnresolvedReferences,
  type LineError,
  type Row,
  type Store,
  toStoredRow,
} from '../store/index.js';
import { readCsv } from './csv-reader.js';
import type { Entry, EntryReader } from './entry.js';
import { readNdjson } from './ndjson-reader.js';
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
  /** The clock, for the import log. */
  readonly now?: () => number;
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
  return {
    files: summaries,
    totals,
    unresolved,
    durationMs,
    recordsPerSecond: durationMs > 0 ? Math.round((totals.records / durationMs) * 1000) : totals.records,
  };
}

type Format = 'ndjson' | 'csv';

function detectFormat(file: string): Format | null {
  const extension = extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.csv') return 'csv';
  return null;
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
    file,
    format: format ?? 'ndjson',
    status: 'failed',
    records: 0,
    rejected: 0,
    counts: {},
    errors: [],
    resumedAfterLine: null,
    bytes,
    durationMs: now() - started,
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
    return failed(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const maxLineBytes = options.maxLineBytes ?? DEFAULTS.maxLineBytes;
  const info = {
    path: resolve(file),
    fingerprint,
    format,
    strict: options.strict === true,
    startedAt: started,
  };
  const openReader = (start: { offset: number; line: number }, onBytes: (n: number) => void): EntryReader =>
    format === 'ndjson'
      ? readNdjson({ path: file, start, maxLineBytes, onBytes })
      : readCsv({ path: file, source: options.source, skipThroughLine: start.line, onBytes });

  try {
    if (options.strict === true) {
      const judged = await judgeFile(file, openReader, options, size);
      if (judged.rejected > 0) {
        const stored = judged.errors.slice(0, options.maxStoredErrors ?? DEFAULTS.maxStoredErrors);
        await store.importLog.rejectFile(info, {
          count: judged.rejected,
          lines: judged.lines,
          errors: stored,
        });
        return {
          file,
          format,
          status: 'rejected',
          records: 0,
          rejected: judged.rejected,
          counts: {},
          errors: takeErrors(file, judged.errors, errorBudget),
          resumedAfterLine: null,
          bytes: size,
          durationMs: now() - started,
        };
      }
    }
    return await writeFile(store, file, format, info, size, openReader, options, errorBudget, now, started);
  } catch (error) {
    if (isFlowlensError(error) && error.code === 'INVALID_ARGUMENT') return failed(error.message, size);
    throw error;
  }
}

/** `--strict`'s first pass: validates every line, writes nothing. */
async function judgeFile(
  file: string,
  openReader: (start: { offset: number; line: number }, onBytes: (n: number) => void) => EntryReader,
  options: ImportOptions,
  size: number,
): Promise<{ rejected: number; lines: number; errors: LineError[] }> {
  const errors: LineError[] = [];
  const keep = options.maxStoredErrors ?? DEFAULTS.maxStoredErrors;
  let rejected = 0;
  let records = 0;
  let lines = 0;
  let bytesDone = 0;
  for await (const entries of openReader({ offset: 0, line: 0 }, (n) => {
    bytesDone = n;
  })) {
    for (const entry of entries) {
      lines = entry.line;
      const judged = judgeEntry(entry);
      if (judged.ok) {
        records++;
        continue;
      }
      rejected++;
      for (const p of judged.errors) if (errors.length < keep) errors.push({ line: entry.line, ...p });
    }
    options.onProgress?.({ file: `${file} (checking)`, bytesDone, bytesTotal: size, records, rejected });
  }
  return { rejected, lines, errors };
}

function judgeEntry(entry: Entry): ValidationResult {
  if (entry.problem !== undefined) return { ok: false, errors: [entry.problem] };
  return validateRecord(entry.value);
}

class Batch {
  readonly rows = new Map<RecordKind, Map<string, Row>>();
  records = 0;
  rejected = 0;
  textBytes = 0;
  errors: LineError[] = [];
  firstLine = 0;
  lastLine = 0;
  endOffset = 0;

  add(kind: RecordKind, identity: string, row: Row, approximateBytes: number): void {
    let rows = this.rows.get(kind);
    if (rows === undefined) {
      rows = new Map();
      this.rows.set(kind, rows);
    }
    // Within a batch, the later record wins: delete first so the row takes its new place in order.
    rows.delete(identity);
    rows.set(identity, row);
    this.records++;
    this.textBytes += approximateBytes;
  }

  isEmpty(): boolean {
    return this.records === 0 && this.rejected === 0;
  }
}

async function writeFile(
  store: Store,
  file: string,
  format: Format,
  info: { path: string; fingerprint: string; format: string; strict: boolean; startedAt: number },
  size: number,
  openReader: (start: { offset: number; line: number }, onBytes: (n: number) => void) => EntryReader,
  options: ImportOptions,
  errorBudget: { remaining: number },
  now: () => number,
  started: number,
): Promise<FileSummary> {
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const maxStoredErrors = options.maxStoredErrors ?? DEFAULTS.maxStoredErrors;
  const { fileId, resume } = await store.importLog.startFile(info);
  let counts: CountsByKind = resume?.counts ?? {};
  let records = resume?.records ?? 0;
  let rejected = resume?.rejected ?? 0;
  let storedErrors = Math.min(rejected, maxStoredErrors);
  const reported: RejectedLine[] = [];
  const start = {
    offset: format === 'ndjson' ? (resume?.committedBytes ?? 0) : 0,
    line: resume?.committedLine ?? 0,
  };
  let bytesDone = start.offset;
  let batch = new Batch();

  const commit = async (final: boolean): Promise<void> => {
    const rows = new Map<RecordKind, Row[]>();
    for (const [kind, byIdentity] of batch.rows) rows.set(kind, [...byIdentity.values()]);
    const result = await store.importLog.commitBatch({
      fileId,
      rows,
      recordCount: batch.records,
      rejectedCount: batch.rejected,
      errors: batch.errors,
      firstLine: batch.firstLine,
      lastLine: batch.lastLine,
      endOffset: batch.endOffset,
      countsBefore: counts,
      final,
      committedAt: now(),
    });
    counts = addCounts(counts, result.counts);
    records += batch.records;
    rejected += batch.rejected;
    options.onBatchCommitted?.({ file, batchId: result.batchId, lastLine: batch.lastLine });
    const previous = batch;
    batch = new Batch();
    batch.lastLine = previous.lastLine;
    batch.endOffset = previous.endOffset;
  };

  for await (const entries of openReader(start, (n) => {
    bytesDone = n;
  })) {
    for (const entry of entries) {
      if (batch.firstLine === 0) batch.firstLine = entry.line;
      batch.lastLine = Math.max(batch.lastLine, entry.line);
      batch.endOffset = Math.max(batch.endOffset, entry.endOffset);
      const judged = judgeEntry(entry);
      if (judged.ok) {
        const stored = toStoredRow(judged.record);
        batch.add(stored.kind, stored.identity, stored.row, approximateSize(stored.row));
      } else {
        batch.rejected++;
        for (const p of judged.errors) {
          if (storedErrors < maxStoredErrors) {
            batch.errors.push({ line: entry.line, ...p });
            storedErrors++;
          }
          if (errorBudget.remaining > 0) {
            reported.push({ file, line: entry.line, ...p });
            errorBudget.remaining--;
          }
        }
      }
      if (batch.records >= batchSize || batch.textBytes >= MAX_BATCH_BYTES) await commit(false);
    }
    options.onProgress?.({
      file,
      bytesDone,
      bytesTotal: size,
      records: records + batch.records,
      rejected: rejected + batch.rejected,
    });
  }
  if (format === 'ndjson') batch.endOffset = Math.max(batch.endOffset, size);
  await commit(true);
  return {
    file,
    format,
    status: 'imported',
    records,
    rejected,
    counts,
    errors: reported,
    resumedAfterLine: resume === null ? null : resume.committedLine,
    bytes: size,
    durationMs: now() - started,
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

function approximateSize(row: Row): number {
  let bytes = 16;
  for (const cell of row) bytes += typeof cell === 'string' ? cell.length : 8;
  return bytes;
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
