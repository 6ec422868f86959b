/**
 * Migration 0008: the audit trail. `audit_log` holds one row per change (an edit, a mapping version,
 * an import batch, an annotation, a login, a token…): who (`actor`), what (`action`, `kind`,
 * `target`, `summary`, the JSON of `before` and `after`), when (`at`, epoch ms). Rows are numbered
 * 1, 2, 3… without gaps (`seq`, assigned by the writer as the previous + 1, never by a sequence, so a
 * rolled-back write leaves no hole) and hash-chained: `hash` is the SHA-256 of the row's canonical
 * form including `prev_hash`, the previous row's hash (src/audit/chain.ts). Triggers refuse UPDATE
 * and DELETE (and TRUNCATE on PostgreSQL), so the application cannot change history by mistake;
 * someone with the database file can drop them, which is why `flowlens audit verify` checks the
 * chain itself (docs/audit.md: the threat model). Frozen: a later change to the schema is a new
 * migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createAuditMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', text, (c) => c.notNull())
        .addColumn('action', text, (c) => c.notNull())
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('target', text, (c) => c.notNull())
        .addColumn('summary', text, (c) => c.notNull())
        .addColumn('before_json', text)
        .addColumn('after_json', text)
        .addColumn('prev_hash', text, (c) => c.notNull())
        .addColumn('hash', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_by_at').on('audit_log').columns(['at']).execute();
      if (dialect === 'sqlite') {
        for (const operation of ['UPDATE', 'DELETE']) {
          await sql
            .raw(
              `CREATE TRIGGER audit_log_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_log ` +
                `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: ${operation} is refused (entries can only be added)'); END`,
            )
            .execute(db);
        }
      } else {
        await sql
          .raw(
            `CREATE FUNCTION flowlens_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               RAISE EXCEPTION 'audit_log is append-only: % is refused (entries can only be added)', TG_OP;
             END $$`,
          )
          .execute(db);
        await sql
          .raw(
            'CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log ' +
              'FOR EACH ROW EXECUTE FUNCTION flowlens_audit_append_only()',
          )
          .execute(db);
        await sql
          .raw(
            'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log ' +
              'FOR EACH STATEMENT EXECUTE FUNCTION flowlens_audit_append_only()',
          )
          .execute(db);
      }
    },
  };
}
