/**
 * The audit trail: every change (an edit of the organisation, a mapping version, a setting, an
 * import batch, an annotation, a login, a token…) appends one entry — who, what, when, before and
 * after — to `audit_log` (migration 0008), hash-chained to the entry before it (chain.ts).
 *
 * `appendAudit` writes inside the caller's Kysely transaction when given one, so the entry commits
 * or rolls back with the change it records; without one it uses its own transaction. Appends are
 * serialised so that two writers never both link to the same entry: on SQLite by the database's
 * single writer (the append takes the write lock before it reads the last entry), on PostgreSQL by
 * a transaction-level advisory lock (`pg_advisory_xact_lock`), released at commit or rollback. The
 * importer's batch commits, which do not go through Kysely, use `appendAuditSqlite` and
 * `appendAuditPg` (raw.ts) with the same rules.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { type AuditEntry, chainEntry } from './chain.js';

export type { AuditEntry, AuditRow, BreakReason, ChainBreak, ChainHead } from './chain.js';
export { canonicalJson, entryHash, GENESIS_HASH } from './chain.js';

/** The PostgreSQL advisory lock key that serialises appends ('flowaudt' as a 64-bit number). */
export const AUDIT_LOCK_KEY = '7380999091574060148';

/** Appends an entry; inside `trx` when given (it commits with the caller's change). */
export async function appendAudit(
  store: Store,
  entry: AuditEntry,
  trx?: Transaction<Database>,
): Promise<{ seq: number; hash: string }> {
  if (trx !== undefined) return appendAuditTo(store.dialect, trx, entry);
  return store.db.transaction().execute((own) => appendAuditTo(store.dialect, own, entry));
}

/** Appends inside a transaction the caller holds (`db` is that transaction), for code that has the dialect but not the store. */
export async function appendAuditTo(
  dialect: Dialect,
  db: Kysely<Database>,
  entry: AuditEntry,
): Promise<{ seq: number; hash: string }> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`.execute(db);
  } else {
    // A write that changes nothing, so the transaction holds SQLite's write lock (waiting for it
    // as long as the busy timeout allows) before it reads the head: no other writer can append
    // between the read and the insert.
    await sql`update audit_log set seq = seq where 0`.execute(db);
  }
  const head = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = chainEntry(head === undefined ? undefined : { seq: Number(head.seq), hash: head.hash }, entry);
  await db.insertInto('audit_log').values(row).execute();
  return { seq: row.seq, hash: row.hash };
}
