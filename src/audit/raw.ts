/**
 * Audit appends for the importer's batch commits, which write through the drivers directly
 * (better-sqlite3's synchronous transactions, a `pg` client) rather than through Kysely: the same
 * entry and chain as `appendAudit`, in the batch's own transaction. The SQLite batch transaction is
 * `BEGIN IMMEDIATE`, so it already holds the write lock; the PostgreSQL one takes the advisory lock
 * here, which is why the store appends as the last statement before COMMIT (it holds the lock for
 * as short a time as possible).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { BatchInput, CountsByKind } from '../store/batch.js';
import { type AuditEntry, type AuditRow, type ChainHead, chainEntry } from './chain.js';
import { AUDIT_LOCK_KEY } from './index.js';

/**
 * The audit entry of one committed import batch: who imported what, which lines, how many records
 * (per kind: inserted, updated, unchanged), and the connector's cursor or webhook delivery with it.
 */
export function batchAuditEntry(input: BatchInput, batchId: number, counts: CountsByKind): AuditEntry {
  const target = input.audit?.target ?? `import ${input.fileId}`;
  const lines = input.lastLine >= input.firstLine ? `, lines ${input.firstLine}–${input.lastLine}` : '';
  const delivery = input.sync?.delivery;
  const cursor = input.sync?.cursor;
  return {
    actor: input.audit?.actor ?? 'unknown',
    action: 'import.batch',
    kind: 'import',
    target,
    summary:
      `imported ${input.recordCount} record(s)${input.rejectedCount > 0 ? `, ${input.rejectedCount} rejected` : ''} ` +
      `from ${target}${lines}${delivery === undefined ? '' : ` (delivery ${delivery.deliveryId}, ${delivery.event})`}` +
      `${input.final ? '; import done' : ''}`,
    after: {
      fileId: input.fileId,
      batchId,
      firstLine: input.firstLine,
      lastLine: input.lastLine,
      records: input.recordCount,
      rejected: input.rejectedCount,
      counts,
      final: input.final,
      ...(cursor === undefined ? {} : { cursor }),
      ...(delivery === undefined
        ? {}
        : {
            delivery: {
              provider: delivery.provider,
              deliveryId: delivery.deliveryId,
              event: delivery.event,
              status: delivery.status,
            },
          }),
    },
    at: input.committedAt,
  };
}

const INSERT =
  'INSERT INTO audit_log (seq, at, actor, action, kind, target, summary, before_json, after_json, prev_hash, hash) VALUES ';
const HEAD = 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1';

function values(row: AuditRow): (string | number | null)[] {
  return [
    row.seq,
    row.at,
    row.actor,
    row.action,
    row.kind,
    row.target,
    row.summary,
    row.before_json,
    row.after_json,
    row.prev_hash,
    row.hash,
  ];
}

const sqliteStatements = new WeakMap<
  BetterSqlite3.Database,
  { head: BetterSqlite3.Statement; insert: BetterSqlite3.Statement }
>();

/**
 * Appends inside the connection's open write transaction (better-sqlite3, synchronous). `after`:
 * the head this transaction's previous append returned (the chain's head is then not read again).
 */
export function appendAuditSqlite(
  raw: BetterSqlite3.Database,
  entry: AuditEntry,
  after?: ChainHead,
): ChainHead {
  let prepared = sqliteStatements.get(raw);
  if (prepared === undefined) {
    prepared = { head: raw.prepare(HEAD), insert: raw.prepare(`${INSERT}(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`) };
    sqliteStatements.set(raw, prepared);
  }
  const head = after ?? (prepared.head.get() as { seq: number; hash: string } | undefined);
  const row = chainEntry(head === undefined ? undefined : { seq: Number(head.seq), hash: head.hash }, entry);
  prepared.insert.run(...values(row));
  return { seq: row.seq, hash: row.hash };
}

/** Appends inside the client's open transaction (PostgreSQL). */
export async function appendAuditPg(client: pg.ClientBase, entry: AuditEntry): Promise<ChainHead> {
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK_KEY]);
  const head = await client.query<{ seq: string | number; hash: string }>(HEAD);
  const last = head.rows[0];
  const row = chainEntry(last === undefined ? undefined : { seq: Number(last.seq), hash: last.hash }, entry);
  await client.query(`${INSERT}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, values(row));
  return { seq: row.seq, hash: row.hash };
}
