/**
 * The importer's entry for records that do not come from a file: connectors (`flowlens sync`,
 * `flowlens connect`) and webhooks hand it pages of interchange records. Each page goes through the
 * same validation, conversion and de-duplication as a file's lines (BatchBuilder) and is committed
 * as one batch, in one transaction together with the connector's bookkeeping (its cursor, or the
 * webhook delivery), so a killed sync resumes exactly after its last committed page.
 *
 * In the import log a record import is one `import_files` row named like `sync:jira-pay`; its
 * "lines" are the records in the order they were handed in. An import that was interrupted (the
 * row is still `running`) is continued by the next import of the same name.
 */
import type { FieldError } from '../contract/index.js';
import {
  addCounts,
  type BatchInput,
  type BatchResult,
  type BatchSyncState,
  type CountsByKind,
  type LineError,
  type Store,
} from '../store/index.js';
import { BatchBuilder } from './batch-builder.js';

/** A record the importer refused, with why (the same messages as a file's rejected lines). */
export interface RejectedRecord {
  /** Its position in the import (1-based, over all batches). */
  readonly position: number;
  readonly kind: string;
  readonly id: string;
  readonly errors: readonly FieldError[];
}

export interface RecordBatchResult {
  readonly counts: CountsByKind;
  readonly records: number;
  /** Records refused (all of them are counted; `rejected` lists those whose errors were kept). */
  readonly rejectedCount: number;
  readonly rejected: readonly RejectedRecord[];
  readonly batchId: number;
}

export interface RecordImportOptions {
  /** The name in the import log, e.g. `sync:jira-pay` or `webhook:github`. */
  readonly name: string;
  /** What kind of import: `sync`, `webhook`, `connect`. */
  readonly format: string;
  readonly now?: () => number;
  /** How many rejected records are kept in the import log over the whole import (default 10,000). */
  readonly maxStoredErrors?: number;
  /** Who imports, for the audit trail's entry of each committed batch (default: the import's name). */
  readonly actor?: string;
}

const FINGERPRINT = 'records';

/** An import of records in batches; `commit` each batch, then `finish` (or `fail`). */
export class RecordImport {
  private counts: CountsByKind;
  private position: number;
  private storedErrors: number;
  private finished = false;

  private constructor(
    private readonly store: Store,
    private readonly fileId: number,
    private readonly options: RecordImportOptions,
    resume: { counts: CountsByKind; position: number; rejected: number },
  ) {
    this.counts = resume.counts;
    this.position = resume.position;
    this.storedErrors = resume.rejected;
  }

  /** Registers the import, or continues the interrupted import of the same name. */
  static async start(store: Store, options: RecordImportOptions): Promise<RecordImport> {
    const now = options.now ?? Date.now;
    const { fileId, resume } = await store.importLog.startFile({
      path: options.name,
      fingerprint: FINGERPRINT,
      format: options.format,
      strict: false,
      startedAt: now(),
    });
    return new RecordImport(store, fileId, options, {
      counts: resume?.counts ?? {},
      position: resume?.committedLine ?? 0,
      rejected: resume?.rejected ?? 0,
    });
  }

  /** Counts per kind over the whole import (including an interrupted run it continued). */
  get totals(): CountsByKind {
    return this.counts;
  }

  /**
   * Validates and writes one batch of records with the sync state, in one transaction. Invalid
   * records are left out and returned with their errors; the rest is written.
   */
  async commit(
    records: readonly unknown[],
    sync?: BatchSyncState,
    final = false,
  ): Promise<RecordBatchResult> {
    const [result] = await this.commitEach([{ records, ...(sync === undefined ? {} : { sync }) }], final);
    if (result instanceof Error) throw result;
    return result as RecordBatchResult;
  }

  /**
   * Several batches (e.g. webhook deliveries that arrived together), each validated, logged and
   * answered as its own batch exactly as `commit` does, written in one transaction where the store
   * gains by it (SQLite: one commit for all). A batch that cannot be written does not fail the
   * others: its place in the answer holds the error (nothing of that batch is stored).
   */
  async commitEach(
    entries: readonly { readonly records: readonly unknown[]; readonly sync?: BatchSyncState }[],
    final = false,
  ): Promise<(RecordBatchResult | Error)[]> {
    if (this.finished) throw new Error(`the record import ${this.options.name} is finished`);
    const maxStoredErrors = this.options.maxStoredErrors ?? 10_000;
    const committedAt = (this.options.now ?? Date.now)();
    const audit = { actor: this.options.actor ?? this.options.name, target: this.options.name };
    const prepared = entries.map((entry, i) => {
      const builder = new BatchBuilder(
        { batchSize: Number.MAX_SAFE_INTEGER, maxBatchBytes: Number.MAX_SAFE_INTEGER, maxStoredErrors },
        { line: this.position, offset: 0, storedErrors: this.storedErrors },
      );
      const first = this.position + 1;
      entry.records.forEach((value, j) => {
        builder.add({ line: first + j, endOffset: 0, value });
      });
      const batch = builder.take();
      const lastLine = this.position + entry.records.length;
      // Positions only number the records in the log: a batch that fails leaves a gap, no harm.
      this.position = lastLine;
      this.storedErrors += batch.errors.length;
      const input: BatchInput = {
        fileId: this.fileId,
        rows: new Map(batch.rows),
        recordCount: batch.recordCount,
        rejectedCount: batch.rejectedCount,
        errors: batch.errors,
        firstLine: entry.records.length === 0 ? lastLine : first,
        lastLine,
        endOffset: 0,
        countsBefore: this.counts,
        final: final && i === entries.length - 1,
        committedAt,
        ...(entry.sync === undefined ? {} : { sync: entry.sync }),
        audit,
        identities: batch.identities,
      };
      return { input, batch, records: entry.records, first };
    });
    const log = this.store.importLog;
    let results: (BatchResult | Error)[];
    // Whether this.counts already includes each result (committed one by one here).
    let counted = false;
    if (log.commitBatches !== undefined) results = await log.commitBatches(prepared.map((p) => p.input));
    else {
      counted = true;
      results = [];
      for (const { input } of prepared) {
        try {
          const result = await log.commitBatch({ ...input, countsBefore: this.counts });
          this.counts = addCounts(this.counts, result.counts);
          results.push(result);
        } catch (error) {
          results.push(error as Error);
        }
      }
    }
    return prepared.map(({ batch, records, first }, i): RecordBatchResult | Error => {
      const result = results[i] ?? new Error('the store answered fewer batches than it was given');
      if (result instanceof Error) return result;
      if (!counted) this.counts = addCounts(this.counts, result.counts);
      // Records the store refused (a re-key onto another item's id) count as rejected.
      const refused = result.refused ?? { records: 0, errors: [] };
      this.storedErrors += refused.errors.length;
      if (final && i === prepared.length - 1) this.finished = true;
      return {
        counts: result.counts,
        records: batch.recordCount - refused.records,
        rejectedCount: batch.rejectedCount + refused.records,
        rejected: collectRejected(records, [...batch.errors, ...refused.errors], first),
        batchId: result.batchId,
      };
    });
  }

  /** Marks the import as done (an empty final batch, with a last sync state if given). */
  async finish(sync?: BatchSyncState): Promise<void> {
    if (this.finished) return;
    await this.commit([], sync, true);
  }

  /** Marks the import as failed: it is not continued; what was committed stays. */
  async fail(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.store.importLog.failFile(this.fileId, (this.options.now ?? Date.now)());
  }
}

function collectRejected(records: readonly unknown[], errors: readonly LineError[], first: number) {
  const byLine = new Map<number, FieldError[]>();
  for (const error of errors) {
    const list = byLine.get(error.line) ?? [];
    list.push({ field: error.field, message: error.message });
    byLine.set(error.line, list);
  }
  return [...byLine].map(([line, list]): RejectedRecord => {
    const record = records[line - first] as { kind?: unknown; id?: unknown; item?: unknown } | undefined;
    return {
      position: line,
      kind: typeof record?.kind === 'string' ? record.kind : '?',
      id: String(record?.id ?? record?.item ?? '?'),
      errors: list,
    };
  });
}
