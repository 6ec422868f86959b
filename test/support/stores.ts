/**
 * Every store test runs on every store: `describeEachStore` repeats a suite for SQLite and
 * PostgreSQL, `createTestDatabase` gives each test a fresh, empty database of either kind (a file
 * in a temporary directory, or a `flowlens_test_<random>` database on the test server), and
 * `dumpDatabase` reads every data table in a store-independent form, so that two databases compare
 * with `toEqual`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import { openPostgresStore, openSqliteStore, type Store, TABLE_LIST } from '../../src/store/index.js';

export const STORES = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

/** Runs the suite once per store, named `name [sqlite]` and `name [postgres]`. */
export function describeEachStore(name: string, suite: (kind: StoreKind) => void): void {
  for (const kind of STORES) describe(`${name} [${kind}]`, () => suite(kind));
}

/** A fresh database of one kind, and what it takes to use and remove it. */
export interface TestDatabase {
  readonly kind: StoreKind;
  /** What `--db` would be: the SQLite file path or the PostgreSQL URL. */
  readonly location: string;
  /** A scratch directory that is removed with the database (input files can go there). */
  readonly dir: string;
  /** Opens a store on the database (runs the migrations); `destroy` closes it. */
  open(): Promise<Store>;
  /** Closes every store opened on it, drops the database and removes the directory. */
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * PostgreSQL: start from an empty database (the first `open()` runs the migrations) instead of a
   * copy of the migrated template. SQLite databases always start empty.
   */
  readonly empty?: boolean;
}

/** Creates a fresh database: empty, or (PostgreSQL) with the current schema and no data. */
export async function createTestDatabase(
  kind: StoreKind,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `flowlens-test-${kind}-`));
  const opened: Store[] = [];
  const closeAll = async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  };
  if (kind === 'sqlite') {
    const location = join(dir, 'flowlens.db');
    return {
      kind,
      location,
      dir,
      open: async () => {
        const store = await openSqliteStore(location);
        opened.push(store);
        return store;
      },
      destroy: async () => {
        await closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `flowlens_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty === true ? '' : ` TEMPLATE ${inject('pgTemplateDatabase')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const location = url.toString();
  return {
    kind,
    location,
    dir,
    open: async () => {
      const store = await openPostgresStore(location);
      opened.push(store);
      return store;
    },
    destroy: async () => {
      await closeAll();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database with a store open on it. */
export interface TestStore {
  readonly store: Store;
  readonly database: TestDatabase;
}

export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const database = await createTestDatabase(kind);
  try {
    return { store: await database.open(), database };
  } catch (error) {
    await database.destroy();
    throw error;
  }
}

/**
 * Gives each test of the enclosing suite a fresh store, handed to `receive` before the test, and
 * removes its database after it.
 */
export function useTestStore(kind: StoreKind, receive: (opened: TestStore) => void): void {
  let opened: TestStore | undefined;
  beforeEach(async () => {
    opened = await createTestStore(kind);
    receive(opened);
  });
  afterEach(async () => {
    await opened?.database.destroy();
    opened = undefined;
  });
}

/** Runs `body` with a fresh store and removes the database afterwards, whatever happens. */
export async function withTestStore<T>(
  kind: StoreKind,
  body: (store: Store, database: TestDatabase) => Promise<T>,
): Promise<T> {
  const { store, database } = await createTestStore(kind);
  try {
    return await body(store, database);
  } finally {
    await database.destroy();
  }
}

export type DumpedRow = Record<string, string | number | null>;
/** Every data table (by table name), rows sorted by primary key, without bookkeeping columns. */
export type DatabaseDump = Record<string, DumpedRow[]>;

/**
 * Reads all 12 data tables. Rows are sorted in JavaScript by their primary key (the same order on
 * both stores, whatever the server's collation); values are plain JSON: text as strings, instants,
 * counts and estimates as numbers, absent values as null. `created_batch`/`updated_batch` are left
 * out: they depend on how the records were split into batches, not on what is stored.
 */
export async function dumpDatabase(store: Store): Promise<DatabaseDump> {
  const dump: DatabaseDump = {};
  for (const spec of TABLE_LIST) {
    const columns = spec.columns.map((c) => c.name);
    const result =
      await sql<DumpedRow>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(spec.table)}`.execute(
        store.db,
      );
    const rows = result.rows.map((row) => {
      const plain: DumpedRow = {};
      for (const column of columns) plain[column] = toPlain(row[column]);
      return plain;
    });
    rows.sort((a, b) => compareKeys(spec.key, a, b));
    dump[spec.table] = rows;
  }
  return dump;
}

/**
 * Deletes every row, data and import log: the database is as good as new for tests that run many
 * imports (a property test's runs) and cannot afford a new database for each.
 */
export async function clearDatabase(store: Store): Promise<void> {
  const tables = [...TABLE_LIST.map((spec) => spec.table), 'import_errors', 'import_batches', 'import_files'];
  for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(store.db);
}

/** Number of rows in each data table. */
export async function countRows(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const spec of TABLE_LIST) {
    const result = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(spec.table)}`.execute(store.db);
    counts[spec.table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

function toPlain(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new Error(`unexpected value in a data table: ${String(value)}`);
}

function compareKeys(key: readonly string[], a: DumpedRow, b: DumpedRow): number {
  for (const column of key) {
    const x = a[column] ?? null;
    const y = b[column] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
