/**
 * Chooses and opens the store: `--db`, else `$FLOWLENS_DB`, else the embedded SQLite database
 * `flowlens.db` in the data directory (`$FLOWLENS_HOME`, default `~/.flowlens`).
 * A `postgres://` or `postgresql://` URL selects PostgreSQL; anything else is a SQLite file path.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore, type SqliteOptions } from './sqlite.js';
import type { Store } from './store.js';

export interface StoreLocationInput {
  /** The `--db` flag. */
  readonly db?: string | undefined;
  /** The process environment (only FLOWLENS_DB and FLOWLENS_HOME are read). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Options for an embedded SQLite store (ignored for PostgreSQL). */
  readonly sqlite?: SqliteOptions;
}

/** The data directory: `$FLOWLENS_HOME`, default `~/.flowlens`. */
export function resolveDataHome(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.FLOWLENS_HOME;
  return home !== undefined && home !== '' ? resolve(home) : join(homedir(), '.flowlens');
}

/** The database the command will use, as a path or URL. */
export function resolveDatabase(input: StoreLocationInput): string {
  const chosen = input.db ?? input.env.FLOWLENS_DB;
  if (chosen !== undefined && chosen !== '') return isPostgresUrl(chosen) ? chosen : resolve(chosen);
  return join(resolveDataHome(input.env), 'flowlens.db');
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export async function openStore(input: StoreLocationInput): Promise<Store> {
  const database = resolveDatabase(input);
  return isPostgresUrl(database) ? openPostgresStore(database) : openSqliteStore(database, input.sqlite);
}
