/**
 * Turns entries into batches: validates each record, converts it to its stored row, keeps the
 * later of two records with the same identity, and collects the rejected lines with their errors.
 * Runs in the parse worker; what it produces is plain data that crosses to the writing thread.
 */
import { type ValidationResult, validateRecord } from '../contract/index.js';
import type { RecordKind } from '../domain/index.js';
import { type FlatRows, type ItemIdentityRow, type LineError, toStoredRow } from '../store/index.js';
import type { Entry } from './entry.js';

/** A batch ready to write: plain data (it is posted between threads). */
export interface ParsedBatch {
  readonly rows: [RecordKind, FlatRows][];
  readonly recordCount: number;
  readonly rejectedCount: number;
  /** Errors of rejected lines (at most the per-file cap over the whole file). */
  readonly errors: LineError[];
  readonly firstLine: number;
  readonly lastLine: number;
  readonly endOffset: number;
  /** Work items that carry a sourceId, with their lines (src/store/item-identity.ts). */
  readonly identities: ItemIdentityRow[];
}

export function judgeEntry(entry: Entry): ValidationResult {
  if (entry.problem !== undefined) return { ok: false, errors: [entry.problem] };
  return validateRecord(entry.value);
}

export class BatchBuilder {
  private rows = new Map<RecordKind, { cells: FlatRows; index: Map<string, number> }>();
  private identities = new Map<string, ItemIdentityRow>();
  private records = 0;
  private rejected = 0;
  private textBytes = 0;
  private errors: LineError[] = [];
  private firstLine = 0;
  private lastLine: number;
  private endOffset: number;
  private storedErrors: number;

  constructor(
    private readonly limits: { batchSize: number; maxBatchBytes: number; maxStoredErrors: number },
    start: { line: number; offset: number; storedErrors: number },
  ) {
    this.lastLine = start.line;
    this.endOffset = start.offset;
    this.storedErrors = start.storedErrors;
  }

  /** Adds one entry; true when the batch is full and should be taken. */
  add(entry: Entry): boolean {
    if (this.firstLine === 0) this.firstLine = entry.line;
    if (entry.line > this.lastLine) this.lastLine = entry.line;
    if (entry.endOffset > this.endOffset) this.endOffset = entry.endOffset;
    const judged = judgeEntry(entry);
    if (judged.ok) {
      const stored = toStoredRow(judged.record);
      let table = this.rows.get(stored.kind);
      if (table === undefined) {
        table = { cells: [], index: new Map() };
        this.rows.set(stored.kind, table);
      }
      const width = stored.row.length;
      const at = table.index.get(stored.identity);
      if (at === undefined) {
        table.index.set(stored.identity, table.cells.length / width);
        for (const cell of stored.row) table.cells.push(cell);
      } else {
        // The later record wins.
        for (let c = 0; c < width; c++) table.cells[at * width + c] = stored.row[c] ?? null;
      }
      if (judged.record.kind === 'workItem') {
        // The later record wins here too: one without a sourceId leaves the stored one as it is.
        const { source, id, sourceId } = judged.record;
        if (sourceId === undefined) this.identities.delete(stored.identity);
        else this.identities.set(stored.identity, [source, id, sourceId, entry.line]);
      }
      this.records++;
      for (const cell of stored.row) this.textBytes += typeof cell === 'string' ? cell.length : 8;
    } else {
      this.rejected++;
      for (const error of judged.errors) {
        if (this.storedErrors >= this.limits.maxStoredErrors) break;
        this.errors.push({ line: entry.line, field: error.field, message: error.message });
        this.storedErrors++;
      }
    }
    return this.records >= this.limits.batchSize || this.textBytes >= this.limits.maxBatchBytes;
  }

  /** Moves the file's end past trailing blank lines (they hold no record). */
  reachEnd(offset: number): void {
    if (offset > this.endOffset) this.endOffset = offset;
  }

  /** Takes the batch and starts an empty one after it. */
  take(): ParsedBatch {
    const batch: ParsedBatch = {
      rows: [...this.rows].map(([kind, table]) => [kind, table.cells]),
      recordCount: this.records,
      rejectedCount: this.rejected,
      errors: this.errors,
      firstLine: this.firstLine,
      lastLine: this.lastLine,
      endOffset: this.endOffset,
      identities: [...this.identities.values()],
    };
    this.rows = new Map();
    this.identities = new Map();
    this.records = 0;
    this.rejected = 0;
    this.textBytes = 0;
    this.errors = [];
    this.firstLine = 0;
    return batch;
  }
}
