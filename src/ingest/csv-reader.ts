/**
 * Reads a CSV file of work items or transitions as entries (docs/import.md lists the columns).
 * Header names match case-insensitively, ignoring spaces, `_` and `-` (`Created At`, `created_at`
 * and `createdAt` are the same column). A `kind` column allows both kinds in one file; without it
 * the header decides. A column Flowlens does not know is an error, so a misspelt one never drops data
 * silently.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { FlowlensError } from '../domain/index.js';
import type { Entry, EntryReader } from './entry.js';

export interface CsvReadOptions {
  readonly path: string;
  /** Source for rows without a `source` column (the `--source` flag). */
  readonly source?: string | undefined;
  /** Rows up to this line were committed by an earlier, interrupted import. */
  readonly skipThroughLine: number;
  readonly onBytes?: (bytesRead: number) => void;
}

const WORK_ITEM_COLUMNS = [
  'source',
  'id',
  'type',
  'status',
  'createdAt',
  'title',
  'team',
  'parent',
  'url',
  'labels',
  'estimate',
  'product',
];
const TRANSITION_COLUMNS = ['source', 'item', 'at', 'from', 'to', 'id', 'by'];
const KNOWN = new Map<string, string>(
  ['kind', ...WORK_ITEM_COLUMNS, ...TRANSITION_COLUMNS].map((name) => [normalizeHeader(name), name]),
);
const ROWS_PER_YIELD = 1000;

/** The documented CSV columns, for help text and errors. */
export const CSV_COLUMNS = { workItem: WORK_ITEM_COLUMNS, transition: TRANSITION_COLUMNS } as const;

export async function* readCsv(options: CsvReadOptions): EntryReader {
  const input = createReadStream(options.path);
  let bytesRead = 0;
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
    options.onBytes?.(bytesRead);
  });
  const skipped: Entry[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      raw: true,
      on_skip: (error) => {
        const line = (error as { lines?: number } | undefined)?.lines ?? 0;
        skipped.push({
          line,
          endOffset: 0,
          problem: { field: 'line', message: `is not valid CSV (${error?.message ?? 'unreadable'})` },
        });
      },
    }),
  );
  let header: string[] | null = null;
  let fixedKind: 'workItem' | 'transition' | null = null;
  let entries: Entry[] = [];
  for await (const { record, info, raw } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; bytes: number };
    raw: string;
  }>) {
    if (header === null) {
      header = mapHeader(record, options);
      fixedKind = header.includes('kind') ? null : inferKind(header, options.path);
      continue;
    }
    // A quoted field may span lines: the record is reported at the line it starts on.
    const line = info.lines - countInnerLineBreaks(raw);
    if (line <= options.skipThroughLine) continue;
    const value = toRecord(header, record, fixedKind, options.source);
    if (value.kind === 'workItem' || value.kind === 'transition' || value.kind === undefined) {
      entries.push({ line, endOffset: info.bytes, value });
    } else {
      entries.push({
        line,
        endOffset: info.bytes,
        problem: {
          field: 'kind',
          message: `${JSON.stringify(value.kind)} cannot be imported from CSV: CSV rows are workItem or transition records (use NDJSON for the other kinds)`,
        },
      });
    }
    if (skipped.length > 0) entries.push(...skipped.splice(0));
    if (entries.length >= ROWS_PER_YIELD) {
      yield entries;
      entries = [];
    }
  }
  entries.push(...skipped.splice(0));
  if (entries.length > 0) yield entries;
}

function mapHeader(cells: readonly string[], options: CsvReadOptions): string[] {
  const unknown = cells.filter((cell) => !KNOWN.has(normalizeHeader(cell)));
  if (unknown.length > 0) {
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${options.path}:1: unknown CSV column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}; ` +
        `work item columns are ${WORK_ITEM_COLUMNS.join(', ')}; transition columns are ${TRANSITION_COLUMNS.join(', ')}`,
    );
  }
  const names = cells.map((cell) => KNOWN.get(normalizeHeader(cell)) as string);
  if (!names.includes('source') && options.source === undefined) {
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${options.path}:1: the CSV has no "source" column; add one, or name the source with --source (e.g. --source jira:PAY)`,
    );
  }
  return names;
}

function inferKind(header: readonly string[], path: string): 'workItem' | 'transition' {
  if (header.includes('item') && header.includes('at')) return 'transition';
  if (header.includes('status') && header.includes('createdAt')) return 'workItem';
  throw new FlowlensError(
    'INVALID_ARGUMENT',
    `${path}:1: cannot tell whether the CSV holds work items (needs id, type, status, createdAt) ` +
      'or transitions (needs item, at, from, to); add the missing columns or a "kind" column',
  );
}

function toRecord(
  header: readonly string[],
  cells: readonly string[],
  fixedKind: 'workItem' | 'transition' | null,
  defaultSource: string | undefined,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const cell = cells[i];
    if (cell === undefined || cell.trim() === '') continue;
    record[header[i] as string] = cell.trim();
  }
  const kind = fixedKind ?? record.kind;
  record.kind = kind;
  if (record.source === undefined && defaultSource !== undefined) record.source = defaultSource;
  if (kind === 'workItem') {
    if (typeof record.labels === 'string') {
      record.labels = record.labels
        .split(';')
        .map((label) => label.trim())
        .filter((label) => label !== '');
    }
    if (
      typeof record.estimate === 'string' &&
      /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(record.estimate)
    ) {
      record.estimate = Number(record.estimate);
    }
  }
  return record;
}

/** Line breaks inside a raw record: not the one that ends it, nor blank lines skipped before it. */
function countInnerLineBreaks(raw: string): number {
  let start = 0;
  while (start < raw.length && (raw[start] === '\n' || raw[start] === '\r')) start++;
  let end = raw.length;
  if (end > start && raw[end - 1] === '\n') end--;
  if (end > start && raw[end - 1] === '\r') end--;
  let count = 0;
  for (let i = start; i < end; i++) if (raw.charCodeAt(i) === 10) count++;
  return count;
}

function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}
