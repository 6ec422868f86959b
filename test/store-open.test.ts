/**
 * Opening a store (hostile-input.md §37): a new database is migrated; a database written by a newer
 * Flowlens, or something that is not a database at all, is refused with a typed error and left
 * exactly as it was.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FlowlensError } from '../src/domain/index.js';
import { latestSchemaVersion, openStore } from '../src/store/index.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

const FUTURE = '9999-from-a-newer-flowlens';

async function migrationNames(database: TestDatabase): Promise<string[]> {
  const store = await database.open();
  try {
    const result = await sql<{ name: string }>`select name from flowlens_migrations order by name`.execute(
      store.db,
    );
    return result.rows.map((r) => r.name);
  } finally {
    await store.close();
  }
}

describeEachStore('opening a store', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind, { empty: true });
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('migrates a new database to the latest schema, and opens it again without change', async () => {
    const store = await database.open();
    expect(store.schemaVersion).toBe(latestSchemaVersion());
    expect(store.dialect).toBe(kind);
    await store.close();

    const names = await migrationNames(database);
    expect(names).toEqual([
      '0001-initial',
      '0002-item-facts',
      '0003-facts-version',
      '0004-connectors',
      '0005-organisation',
      '0006-annotations',
      '0007-accounts',
      '0008-audit',
      '0009-tombstones',
      '0010-improvements',
      '0011-sprints',
      '0012-item-identity',
      '0013-reconcile',
    ]);
    expect(names.at(-1)).toBe(latestSchemaVersion());
    expect(await migrationNames(database)).toEqual(names);
  });

  it('refuses a database with a schema version it does not know, and leaves it alone', async () => {
    const store = await database.open();
    await sql`insert into flowlens_migrations (name, timestamp) values (${FUTURE}, ${new Date().toISOString()})`.execute(
      store.db,
    );
    await sql`insert into portfolios (id, name, created_batch, updated_batch) values ('p-1', 'Kept', 1, 1)`.execute(
      store.db,
    );
    await store.close();
    const filesBefore = kind === 'sqlite' ? readdirSync(database.dir).sort() : [];

    const error = await database.open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlowlensError);
    expect(error).toMatchObject({ code: 'DATABASE_TOO_NEW' });
    expect((error as Error).message).toContain(FUTURE);
    expect((error as Error).message).toContain(latestSchemaVersion());

    // No backup, no journal left behind (SQLite), and the data as it was.
    if (kind === 'sqlite') expect(readdirSync(database.dir).sort()).toEqual(filesBefore);
    expect(await readRaw(database)).toEqual({
      migrations: [
        '0001-initial',
        '0002-item-facts',
        '0003-facts-version',
        '0004-connectors',
        '0005-organisation',
        '0006-annotations',
        '0007-accounts',
        '0008-audit',
        '0009-tombstones',
        '0010-improvements',
        '0011-sprints',
        '0012-item-identity',
        '0013-reconcile',
        FUTURE,
      ],
      portfolios: 1,
    });
  });

  it('refuses what is not a database with DATABASE_UNAVAILABLE, and leaves it alone', async () => {
    let location: string;
    let before: Buffer | null = null;
    if (kind === 'sqlite') {
      location = join(database.dir, 'not-a-database.db');
      // Deterministic noise (an LCG), not a SQLite header.
      let state = 12345;
      before = Buffer.from(
        Array.from({ length: 8192 }, () => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state >> 23;
        }),
      );
      writeFileSync(location, before);
    } else {
      // A server that is not there, with a password that must not show in the message.
      location = 'postgres://flowlens:s3cret-password@127.0.0.1:9/flowlens';
    }
    const error = await openStore({ db: location, env: {} }).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(FlowlensError);
    expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect((error as Error).message).not.toContain('s3cret-password');
    if (before !== null) {
      expect((error as Error).message).toContain(location);
      expect(readFileSync(location).equals(before)).toBe(true);
      expect(existsSync(`${location}-wal`)).toBe(false);
    }
  });
});

/** Reads the migration names and portfolio count without opening a store (which would refuse). */
async function readRaw(database: TestDatabase): Promise<{ migrations: string[]; portfolios: number }> {
  if (database.kind === 'sqlite') {
    const raw = new BetterSqlite3(database.location, { readonly: true });
    try {
      const migrations = raw
        .prepare('select name from flowlens_migrations order by name')
        .pluck()
        .all() as string[];
      const portfolios = Number(raw.prepare('select count(*) from portfolios').pluck().get());
      return { migrations, portfolios };
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: database.location });
  await client.connect();
  try {
    const migrations = (
      await client.query<{ name: string }>('select name from flowlens_migrations order by name')
    ).rows;
    const portfolios = (await client.query<{ n: string }>('select count(*) as n from portfolios')).rows[0]?.n;
    return { migrations: migrations.map((r) => r.name), portfolios: Number(portfolios) };
  } finally {
    await client.end();
  }
}
