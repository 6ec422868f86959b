/** What an import reports: per file and in total; the shape of `flowlens import --json`. */
import type { CountsByKind, UnresolvedReference } from '../store/index.js';

/** A rejected line, ready to print as `file:line: field: message`. */
export interface RejectedLine {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export type FileStatus = 'imported' | 'rejected' | 'failed';

export interface FileSummary {
  /** The file as named on the command line. */
  readonly file: string;
  readonly format: 'ndjson' | 'csv';
  /** `imported`: valid records are in; `rejected`: `--strict` refused the file; `failed`: unreadable. */
  readonly status: FileStatus;
  /** Valid records read (across resumed runs). */
  readonly records: number;
  /** Valid records read by this run (less than `records` when it resumed an earlier one). */
  readonly recordsThisRun: number;
  /** Lines rejected. */
  readonly rejected: number;
  /** Per kind: inserted, updated, unchanged. */
  readonly counts: CountsByKind;
  /** The first rejected lines (at most `maxReportedErrors` over the whole import). */
  readonly errors: readonly RejectedLine[];
  /** The line an interrupted import of this file was resumed after, or null. */
  readonly resumedAfterLine: number | null;
  readonly bytes: number;
  readonly durationMs: number;
  /** Why a file failed as a whole (unreadable, unknown CSV columns…). */
  readonly failure?: string;
}

export interface ImportSummary {
  readonly files: readonly FileSummary[];
  readonly totals: {
    readonly records: number;
    readonly rejected: number;
    readonly counts: CountsByKind;
  };
  /** References to records the database does not have, after the import. */
  readonly unresolved: readonly UnresolvedReference[];
  readonly durationMs: number;
  readonly recordsPerSecond: number;
}

/** True when anything was refused: the CLI exits non-zero. */
export function hasRejections(summary: ImportSummary): boolean {
  return summary.totals.rejected > 0 || summary.files.some((f) => f.status !== 'imported');
}
