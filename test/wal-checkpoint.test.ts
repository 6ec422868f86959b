/**
 * The server's write-ahead log is copied back into the database on a worker thread
 * (src/store/wal-checkpointer.ts): the server connection checkpoints only past a safety limit,
 * the worker copies every frame, nothing is lost at close, and a failed worker gives the
 * checkpoints back to the connection. Commands keep SQLite's own checkpoints.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import {
  AUTOCHECKPOINT_PAGES,
  SAFETY_AUTOCHECKPOINT_PAGES,
  startWalCheckpointer,
} from '../src/store/wal-checkpointer.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-wal-'));
  path = join(dir, 'flowlens.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function autocheckpoint(store: Store): Promise<number> {
  const result = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
  return Number(result.rows[0]?.wal_autocheckpoint);
}

/** 40 commits of 100 rows of 1 KiB: about 1,000 pages through the log. */
async function write(store: Store): Promise<void> {
  await sql`create table scratch (n integer primary key, payload text)`.execute(store.db);
  for (let commit = 0; commit < 40; commit++)
    await store.db.transaction().execute(async (trx) => {
      for (let row = 0; row < 100; row++)
        await sql`insert into scratch (n, payload) values (${commit * 100 + row}, ${'x'.repeat(1024)})`.execute(
          trx,
        );
    });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('copies the log on the worker while the connection only checkpoints past the safety limit', async () => {
  const store = await openSqliteStore(path, { checkpointInBackground: { intervalMs: 50 } });
  try {
    expect(await autocheckpoint(store)).toBe(SAFETY_AUTOCHECKPOINT_PAGES);
    await write(store);
    await until(() => (store.walCheckpoints?.().framesCopied ?? 0) >= 1000, 'the worker copied the frames');
    // Everything in the log is in the database now: a checkpoint from here finds nothing left.
    await until(() => {
      const other = new BetterSqlite3(path);
      try {
        const row = other.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as {
          log: number;
          checkpointed: number;
        }[];
        return row[0]?.log === row[0]?.checkpointed;
      } finally {
        other.close();
      }
    }, 'the log fully copied');
    const stats = store.walCheckpoints?.();
    expect(stats?.runs).toBeGreaterThan(0);
    expect(stats?.failure).toBeNull();
  } finally {
    await store.close();
  }
  // Closed: the worker stopped, the log is gone and every row is in the database file.
  expect(existsSync(`${path}-wal`)).toBe(false);
  const reader = new BetterSqlite3(path, { readonly: true });
  try {
    expect(reader.prepare('select count(*) as n from scratch').get()).toEqual({ n: 4000 });
  } finally {
    reader.close();
  }
});

it('keeps SQLite’s own checkpoints for a store opened without it (a command that runs and exits)', async () => {
  const store = await openSqliteStore(path);
  try {
    expect(await autocheckpoint(store)).toBe(AUTOCHECKPOINT_PAGES);
    expect(store.walCheckpoints).toBeUndefined();
  } finally {
    await store.close();
  }
});

it('gives the checkpoints back to the connection when the worker fails, and says why', async () => {
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  const failures: string[] = [];
  // The worker cannot open a database that is not there: it fails at once.
  const checkpointer = startWalCheckpointer(raw, join(dir, 'missing.db'), {
    intervalMs: 50,
    onFailure: (message) => failures.push(message),
  });
  try {
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_AUTOCHECKPOINT_PAGES);
    await until(() => failures.length > 0, 'the failure reported');
    expect(failures).toEqual([
      expect.stringMatching(/^the background checkpoint failed: cannot open .*missing\.db: /),
    ]);
    expect(checkpointer.stats().failure).toBe(failures[0]);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(AUTOCHECKPOINT_PAGES);
  } finally {
    await checkpointer.stop();
    raw.close();
  }
});
