/**
 * What the importer hands the store for one batch, and what it gets back. A batch is committed in
 * one transaction together with its import-log entries and the file's resume point, so a process
 * killed mid-import leaves the database as it was before the unfinished batch.
 */
import type { RecordKind } from '../domain/index.js';
import type { ItemIdentityRow } from './item-identity.js';
import type { FlatRows } from './tables.js';

export interface KindCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type CountsByKind = Partial<Record<RecordKind, KindCounts>>;

/** A rejected line: where, which field, what is wrong. */
export interface LineError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export interface BatchInput {
  readonly fileId: number;
  /** Rows per kind, flat (see FlatRows), each identity at most once (the later record already won). */
  readonly rows: ReadonlyMap<RecordKind, FlatRows>;
  /** Records in the batch before de-duplication. */
  readonly recordCount: number;
  readonly rejectedCount: number;
  /** Errors to keep in the import log (the caller caps how many). */
  readonly errors: readonly LineError[];
  readonly firstLine: number;
  readonly lastLine: number;
  /** Byte offset just after the batch's last line: where a resumed import starts. */
  readonly endOffset: number;
  /** The file's counts so far, to which this batch's are added. */
  readonly countsBefore: CountsByKind;
  /** Marks the file's import as done in the same transaction. */
  readonly final: boolean;
  readonly committedAt: number;
  /** Connector bookkeeping committed in the same transaction as the records (migration 0004). */
  readonly sync?: BatchSyncState;
  /** Who imports and what, for the batch's audit entry (src/audit), appended in the same transaction. */
  readonly audit?: BatchAudit;
  /** The batch's work items that carry a sourceId (migration 0012, src/store/item-identity.ts). */
  readonly identities?: readonly ItemIdentityRow[];
}

/** The audit trail's view of a batch: one entry per committed batch, never one per record. */
export interface BatchAudit {
  /** Who: `local` for the command line, the principal's name for the API, `sync:<source>`, `webhook:<provider>`. */
  readonly actor: string;
  /** What was imported: the file's path, or the record import's name (`sync:jira-pay`, `webhook:github`). */
  readonly target: string;
}

/**
 * What a connector stores with a batch, so that it is in the database exactly when the batch's
 * records are: the cursor a sync resumes from, or the webhook delivery the records came in.
 */
export interface BatchSyncState {
  readonly cursor?: { readonly source: string; readonly resource: string; readonly value: string };
  readonly delivery?: {
    readonly provider: string;
    readonly deliveryId: string;
    readonly event: string;
    readonly status: string;
    readonly records: number;
    readonly reason: string | null;
    readonly payload: string | null;
  };
}

/** The statements that store a batch's sync state; `?` parameters (SQLite) or `$n` (PostgreSQL). */
export function syncStateStatements(
  input: BatchInput,
  placeholders: 'question' | 'dollar',
): { text: string; values: (string | number | null)[] }[] {
  const statements: { text: string; values: (string | number | null)[] }[] = [];
  const text = SYNC_STATE_SQL[placeholders];
  const cursor = input.sync?.cursor;
  if (cursor !== undefined) {
    statements.push({
      text: text.cursor,
      values: [cursor.source, cursor.resource, cursor.value, input.committedAt],
    });
  }
  const delivery = input.sync?.delivery;
  if (delivery !== undefined) {
    // The webhook route processes a known delivery id again only when it was set aside or refused
    // before, or was first received before its de-duplication window; the row then says what
    // happened last (src/server/webhook-routes.ts).
    statements.push({
      text: text.delivery,
      values: [
        delivery.provider,
        delivery.deliveryId,
        delivery.event,
        input.committedAt,
        delivery.status,
        delivery.records,
        delivery.reason,
        delivery.payload,
      ],
    });
  }
  return statements;
}

/** The sync state's statements, with SQLite's (`?`) or PostgreSQL's (`$n`) placeholders. */
const SYNC_STATE_SQL = Object.fromEntries(
  (['question', 'dollar'] as const).map((style) => {
    const p = (n: number) =>
      Array.from({ length: n }, (_, i) => (style === 'question' ? '?' : `$${i + 1}`)).join(', ');
    return [
      style,
      {
        cursor:
          `INSERT INTO sync_cursors (source, resource, cursor, updated_at) VALUES (${p(4)}) ` +
          'ON CONFLICT (source, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
        delivery:
          'INSERT INTO webhook_deliveries (provider, delivery_id, event, received_at, status, records, reason, payload) ' +
          `VALUES (${p(8)}) ON CONFLICT (provider, delivery_id) DO UPDATE SET event = excluded.event, ` +
          'received_at = excluded.received_at, status = excluded.status, records = excluded.records, ' +
          'reason = excluded.reason, payload = excluded.payload',
      },
    ];
  }),
) as Record<'question' | 'dollar', { readonly cursor: string; readonly delivery: string }>;

export interface BatchResult {
  readonly batchId: number;
  readonly counts: CountsByKind;
  /**
   * Records the store refused while writing (a re-key onto another item's id, see
   * src/store/item-identity.ts): counted as rejected, their errors kept in the import log.
   */
  readonly refused?: { readonly records: number; readonly errors: readonly LineError[] };
}

/** Adds two sets of counts. */
export function addCounts(a: CountsByKind, b: CountsByKind): CountsByKind {
  const sum: CountsByKind = { ...a };
  for (const [kind, counts] of Object.entries(b) as [RecordKind, KindCounts][]) {
    const before = sum[kind] ?? { inserted: 0, updated: 0, unchanged: 0 };
    sum[kind] = {
      inserted: before.inserted + counts.inserted,
      updated: before.updated + counts.updated,
      unchanged: before.unchanged + counts.unchanged,
    };
  }
  return sum;
}

/** `import_batches` values of a batch: file_id, committed_at, first_line, last_line, end_offset, records, rejected. */
export function batchLogValues(input: BatchInput): number[] {
  return [
    input.fileId,
    input.committedAt,
    input.firstLine,
    input.lastLine,
    input.endOffset,
    input.recordCount,
    input.rejectedCount,
  ];
}

/**
 * `import_files` values after a batch: committed_bytes, committed_line, records to add, rejected to
 * add, counts (JSON), status, finished_at, and the file id.
 */
export function fileProgressValues(input: BatchInput, batchCounts: CountsByKind): (number | string | null)[] {
  return [
    input.endOffset,
    input.lastLine,
    input.recordCount,
    input.rejectedCount,
    JSON.stringify(addCounts(input.countsBefore, batchCounts)),
    input.final ? 'done' : 'running',
    input.final ? input.committedAt : null,
    input.fileId,
  ];
}
