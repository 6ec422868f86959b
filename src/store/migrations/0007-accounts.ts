/**
 * Migration 0007: accounts. `users` are the local (and single-sign-on) accounts: a unique name, the
 * scrypt hash of the password (algorithm, parameters and salt inside the hash string; null for an
 * account that signs in only through OpenID Connect), the organisation role and the optional value
 * stream it is restricted to, and the lockout state (failed logins in a row, locked until).
 * `sessions` are the browser sessions: only the SHA-256 of the session id is stored, with the CSRF
 * secret, the expiry and the last request seen. `api_tokens` are the tokens for scripts and CI: only
 * the SHA-256 of the secret is stored, with the role, value stream, expiry and revocation. Frozen: a
 * later change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function createAccountsMigration(dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull().unique())
        .addColumn('password_hash', text)
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('value_stream', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('oidc_subject', text, (c) => c.unique())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', text, (c) => c.primaryKey())
        .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_secret', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull().unique())
        .addColumn('secret_hash', text, (c) => c.notNull().unique())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('value_stream', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();
    },
  };
}
