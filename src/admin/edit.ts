/**
 * One edit of the organisation or of a mapping, made through the API or the command line, in one
 * transaction: the interchange records it writes (validated by the contract's schemas and stored
 * with their natural keys, exactly as the importer stores them, so a later import of the same file
 * finds and updates them), the editor's own tables (migration 0005), the import log entry of the
 * records (`edit:<actor>`, so each row's `updated_batch` names a real batch), the editor's history
 * (`org_changes`: who, when, what) and the hash-chained audit trail (src/audit: the same, with each
 * written record's values before and after, and the edit's own before/after when it gives them).
 */
import type { Kysely, Transaction } from 'kysely';
import { appendAuditTo } from '../audit/index.js';
import { formatFieldError, validateRecord } from '../contract/index.js';
import { FlowlensError, type RecordKind } from '../domain/index.js';
import type { Dialect } from '../store/dialect.js';
import { type Database, type Store, TABLES, type TableSpec, toStoredRow } from '../store/index.js';

/** Who makes an edit, and the clock (tests fix it). */
export interface EditContext {
  /** Until there are accounts: the `--actor` flag or the `X-Flowlens-Actor` header ("local"). */
  readonly actor: string;
  readonly now?: () => number;
}

/** What the audit trail says about an edit. */
export interface EditEntry {
  /** A verb: `create`, `rename`, `move`, `archive`, `assign`, `save-mapping`, … */
  readonly action: string;
  /** The kind of thing edited: `team`, `role`, `mapping`, `settings`, … */
  readonly kind: string;
  /** Its id (a role's assignment id, a mapping's `source` or `source team`). */
  readonly target: string;
  /** One line in words. */
  readonly summary: string;
  readonly details?: unknown;
  /** For the audit trail: the edited thing before and after, when the edit knows more than its records. */
  readonly before?: unknown;
  readonly after?: unknown;
}

/** A record an edit wrote or deleted, for the audit trail (null: there was none / there is none). */
interface RecordChange {
  readonly kind: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

export const DEFAULT_ACTOR = 'local';
const MAX_ACTOR_LENGTH = 200;

/** The actor as given, checked: 1–200 characters, no control characters. */
export function checkActor(actor: string | undefined): string {
  const value = actor ?? DEFAULT_ACTOR;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (value.length === 0 || value.length > MAX_ACTOR_LENGTH || /[\u0000-\u001f\u007f]/.test(value))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `actor: ${JSON.stringify(value.slice(0, 60))} is not a valid actor (1 to ${MAX_ACTOR_LENGTH} characters, no control characters)`,
    );
  return value;
}

/** The writes of one edit, inside its transaction. */
export class EditTransaction {
  private batch: { fileId: number; batchId: number } | null = null;
  private readonly counts: Record<string, { inserted: number; updated: number; unchanged: number }> = {};
  private records = 0;
  private readonly recordChanges: RecordChange[] = [];

  constructor(
    readonly trx: Transaction<Database>,
    readonly actor: string,
    readonly nowMs: number,
    readonly dialect: Dialect,
  ) {}

  /**
   * Validates an interchange record (contract.md §1) and writes it by its natural key: inserted,
   * updated when a field differs, left alone otherwise. Returns what happened.
   */
  async putRecord(value: unknown): Promise<'inserted' | 'updated' | 'unchanged'> {
    const result = validateRecord(value);
    if (!result.ok)
      throw new FlowlensError('INVALID_ARGUMENT', result.errors.map(formatFieldError).join('; '), {
        details: result.errors,
      });
    const { kind, row } = toStoredRow(result.record);
    const spec = TABLES[kind] as TableSpec;
    const values = Object.fromEntries(spec.columns.map((c, i) => [c.name, row[i] ?? null]));
    const existing = await this.selectByKey(spec, values);
    const counts = this.countsOf(kind);
    if (existing !== undefined && spec.columns.every((c) => same(existing[c.name], values[c.name]))) {
      counts.unchanged++;
      return 'unchanged';
    }
    const batchId = await this.batchId();
    this.records++;
    this.recordChanges.push({
      kind,
      key: Object.fromEntries(spec.key.map((column) => [column, values[column]])),
      before: existing === undefined ? null : withoutBookkeeping(existing),
      after: values,
    });
    if (existing === undefined) {
      await this.trx
        .insertInto(spec.table as 'teams')
        .values({ ...values, created_batch: batchId, updated_batch: batchId } as never)
        .execute();
      counts.inserted++;
      return 'inserted';
    }
    let update = this.trx
      .updateTable(spec.table as 'teams')
      .set({ ...values, updated_batch: batchId } as never);
    for (const column of spec.key) update = update.where(column as 'id', '=', values[column] as string);
    await update.execute();
    counts.updated++;
    return 'updated';
  }

  /** Deletes the record of this kind with these key values; whether there was one. */
  async deleteRecord(kind: RecordKind, key: Readonly<Record<string, string>>): Promise<boolean> {
    const spec = TABLES[kind] as TableSpec;
    let remove = this.trx.deleteFrom(spec.table as 'teams');
    for (const column of spec.key) remove = remove.where(column as 'id', '=', key[column] as string);
    const existing = await this.selectByKey(spec, key);
    const result = await remove.executeTakeFirst();
    if (existing !== undefined)
      this.recordChanges.push({ kind, key, before: withoutBookkeeping(existing), after: null });
    return Number(result.numDeletedRows) > 0;
  }

  /** Ends the edit: the import log's counts and the audit entry (none when nothing changed). */
  async finish(entry: EditEntry | null): Promise<void> {
    if (this.batch !== null) {
      const counts = JSON.stringify(this.counts);
      await this.trx
        .updateTable('import_batches')
        .set({ counts, records: this.records, last_line: this.records })
        .where('id', '=', this.batch.batchId)
        .execute();
      await this.trx
        .updateTable('import_files')
        .set({ counts, records: this.records, committed_line: this.records })
        .where('id', '=', this.batch.fileId)
        .execute();
    }
    if (entry === null) return;
    await this.trx
      .insertInto('org_changes')
      .values({
        at: this.nowMs,
        actor: this.actor,
        action: entry.action,
        kind: entry.kind,
        target: entry.target,
        summary: entry.summary,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
      })
      .execute();
    // Last, so that PostgreSQL's audit lock is held only until the commit that follows.
    const records = (side: 'before' | 'after') =>
      this.recordChanges.map((change) => ({ kind: change.kind, key: change.key, values: change[side] }));
    await appendAuditTo(this.dialect, this.trx, {
      actor: this.actor,
      action: entry.action === entry.kind ? `${entry.kind}.update` : `${entry.kind}.${entry.action}`,
      kind: entry.kind,
      target: entry.target,
      summary: entry.summary,
      before: orNothing({
        ...(entry.before === undefined ? {} : { value: entry.before }),
        ...(this.recordChanges.length === 0 ? {} : { records: records('before') }),
      }),
      after: orNothing({
        ...(entry.after === undefined ? {} : { value: entry.after }),
        ...(this.recordChanges.length === 0 ? {} : { records: records('after') }),
        ...(entry.details === undefined ? {} : { details: entry.details }),
      }),
      at: this.nowMs,
    });
  }

  private countsOf(kind: string) {
    let counts = this.counts[kind];
    if (counts === undefined) {
      counts = { inserted: 0, updated: 0, unchanged: 0 };
      this.counts[kind] = counts;
    }
    return counts;
  }

  private async selectByKey(spec: TableSpec, values: Readonly<Record<string, unknown>>) {
    let select = this.trx.selectFrom(spec.table as 'teams').selectAll();
    for (const column of spec.key) select = select.where(column as 'id', '=', values[column] as string);
    return (await select.executeTakeFirst()) as Record<string, unknown> | undefined;
  }

  /** The import batch the edit's records are written in (made on the first write). */
  private async batchId(): Promise<number> {
    if (this.batch === null) {
      const file = await this.trx
        .insertInto('import_files')
        .values({
          path: `edit:${this.actor}`,
          fingerprint: 'edit',
          format: 'edit',
          strict: 0,
          status: 'done',
          started_at: this.nowMs,
          finished_at: this.nowMs,
          committed_bytes: 0,
          committed_line: 0,
          records: 0,
          rejected: 0,
          counts: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const batch = await this.trx
        .insertInto('import_batches')
        .values({
          file_id: Number(file.id),
          committed_at: this.nowMs,
          first_line: 1,
          last_line: 0,
          end_offset: 0,
          records: 0,
          rejected: 0,
          counts: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.batch = { fileId: Number(file.id), batchId: Number(batch.id) };
    }
    return this.batch.batchId;
  }
}

const queues = new WeakMap<Store, Promise<unknown>>();

/**
 * Runs an edit in one transaction, after the edits already under way in this process (so two edits
 * never interleave their reads and writes). `work` returns the edit's result and its audit entry
 * (null when it changed nothing).
 */
export function runEdit<T>(
  store: Store,
  context: EditContext,
  work: (edit: EditTransaction) => Promise<{ result: T; entry: EditEntry | null }>,
): Promise<T> {
  const actor = checkActor(context.actor);
  const nowMs = (context.now ?? Date.now)();
  const previous = queues.get(store) ?? Promise.resolve();
  const run = previous.then(
    () => transaction(store.db, store.dialect, actor, nowMs, work),
    () => transaction(store.db, store.dialect, actor, nowMs, work),
  );
  queues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

async function transaction<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  actor: string,
  nowMs: number,
  work: (edit: EditTransaction) => Promise<{ result: T; entry: EditEntry | null }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const edit = new EditTransaction(trx, actor, nowMs, dialect);
    const { result, entry } = await work(edit);
    await edit.finish(entry);
    return result;
  });
}

function orNothing(value: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(value).length === 0 ? undefined : value;
}

/** A stored row without the import log's columns (they change with every write, not with the edit). */
function withoutBookkeeping(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { created_batch: _created, updated_batch: _updated, ...values } = row;
  return values;
}

function same(stored: unknown, value: unknown): boolean {
  if (stored === null || stored === undefined) return value === null || value === undefined;
  if (value === null || value === undefined) return false;
  return String(stored) === String(value);
}
