/**
 * Store faults through the real server (hostile-input.md §7, §35, §36): while another process holds
 * the SQLite write lock, or the disk is full, every write — an API import, an organisation edit, a
 * webhook delivery — is answered 503 with Retry-After (never a 4xx), nothing of it is stored, reads
 * keep working, `/api/v1/health` says `degraded` with the reason, and everything works again once
 * the lock is released or space is freed, without a restart. On PostgreSQL, a database that refuses
 * connections gives the same 503s.
 *
 * The full disk is a real one when the test may mount a small tmpfs (it runs as root on Linux):
 * SQLite then gets ENOSPC from the kernel. Elsewhere it falls back to `PRAGMA max_page_count`, which
 * makes SQLite fail the same way (SQLITE_FULL) at the same place; the test names which one it used.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { classifyStoreFault, openSqliteStore, type Store, storeHealth } from '../src/store/index.js';
import { writeNdjson } from './support/files.js';
import { countRows, createTestDatabase, type TestDatabase } from './support/stores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'storage-fault-secret';
const PERIOD = 'from=2025-01-01&to=2025-07-01';

function items(prefix: string, count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'workItem',
    source: 'jira:FAULT',
    id: `${prefix}-${i + 1}`,
    type: 'Story',
    status: 'Done',
    createdAt: new Date(Date.UTC(2025, 1, 1) + i * 60_000).toISOString(),
    title: `${prefix} ${i + 1} ${'·'.repeat(40)}`,
  }));
}

function ndjson(records: readonly object[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** A signed GitHub `issues` delivery (no source configured: the record comes from the payload). */
function delivery(n: number): { headers: Record<string, string>; payload: string } {
  const payload = JSON.stringify({
    action: 'opened',
    repository: { full_name: 'acme/faults' },
    issue: {
      number: n,
      title: `Issue ${n}`,
      state: 'open',
      created_at: '2025-03-01T10:00:00Z',
      updated_at: '2025-03-01T10:00:00Z',
      labels: [],
      user: { login: 'ana' },
    },
  });
  return {
    payload,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': `fault-${n}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(payload).digest('hex')}`,
    },
  };
}

interface Harness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly engine: MetricsEngine;
  close(): Promise<void>;
}

async function serve(store: Store): Promise<Harness> {
  const engine = await MetricsEngine.open(store);
  const app = await buildServer({
    store,
    engine,
    webRoot: null,
    // The writes themselves are under test here, not who may make them (test/auth.test.ts).
    auth: { mode: 'trusted' },
    webhooks: { config: null, env: { FLOWLENS_WEBHOOK_SECRET_GITHUB: SECRET } },
  });
  await app.ready();
  return {
    app,
    store,
    engine,
    close: async () => {
      await app.close();
      await engine.close();
      await store.close();
    },
  };
}

/** The three kinds of write the issue names, each answered as one response. */
function writes(h: Harness, n: number) {
  const webhook = delivery(n);
  return {
    importBody: () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/import',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: ndjson(items(`API${n}`, 2000)),
      }),
    orgEdit: () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/org/people',
        payload: { id: `p-fault-${n}`, name: `Fault ${n}`, email: `fault${n}@example.com` },
      }),
    webhook: () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/github',
        headers: webhook.headers,
        payload: webhook.payload,
      }),
  };
}

async function expectUnavailable(response: Awaited<ReturnType<FastifyInstance['inject']>>, what: string) {
  expect(response.statusCode, `${what}: ${response.body}`).toBe(503);
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter, `${what}: Retry-After`).toBeGreaterThan(0);
  expect(response.json().error.code, what).toBe('SERVICE_UNAVAILABLE');
  expect(response.body, what).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

async function expectReadsWork(h: Harness) {
  const metrics = await h.app.inject({ method: 'GET', url: `/api/v1/metrics?${PERIOD}` });
  expect(metrics.statusCode, metrics.body).toBe(200);
  const item = await h.app.inject({ method: 'GET', url: '/api/v1/items/jira%3AFAULT/BASE-1' });
  expect(item.statusCode, item.body).toBe(200);
  const org = await h.app.inject({ method: 'GET', url: '/api/v1/org' });
  expect(org.statusCode).toBe(200);
}

async function health(h: Harness) {
  return (await h.app.inject({ method: 'GET', url: '/api/v1/health' })).json() as {
    status: string;
    reasons: string[];
  };
}

async function stored(store: Store) {
  const rows = await countRows(store);
  const deliveries = await sql<{ n: number }>`select count(*) as n from webhook_deliveries`.execute(store.db);
  const people = await sql<{ n: number }>`select count(*) as n from people`.execute(store.db);
  const batches = await sql<{ n: number }>`select count(*) as n from import_batches`.execute(store.db);
  return {
    rows,
    deliveries: Number(deliveries.rows[0]?.n),
    people: Number(people.rows[0]?.n),
    batches: Number(batches.rows[0]?.n),
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-faults-'));
  storeHealth.writeSucceeded();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Another process that takes SQLite's write lock (`BEGIN IMMEDIATE`) and holds it until told. */
function holdWriteLock(path: string): Promise<{ child: ChildProcess; release: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("insert into people (id, name, created_batch, updated_batch) values ('p-locker', 'Locker', 0, 0)").run();
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script, path], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', () =>
      resolve({
        child,
        release: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin?.write('release\n');
          }),
      }),
    );
  });
}

describe('store faults on SQLite', () => {
  it('§36 a database locked by another process: writes get 503 + Retry-After, reads work, nothing partial, then it recovers', async () => {
    const path = join(dir, 'flowlens.db');
    const store = await openSqliteStore(path, { busyTimeoutMs: 250 });
    await importFiles(store, [writeNdjson(dir, 'base.ndjson', items('BASE', 50))]);
    const h = await serve(store);
    try {
      const before = await stored(store);
      const lock = await holdWriteLock(path);
      try {
        const w = writes(h, 1);
        await expectUnavailable(await w.webhook(), 'webhook');
        await expectUnavailable(await w.orgEdit(), 'org edit');
        await expectUnavailable(await w.importBody(), 'API import');
        await expectReadsWork(h);
        expect(await health(h)).toMatchObject({ status: 'degraded', reasons: ['database-locked'] });
        expect(await stored(store)).toEqual(before);
      } finally {
        await lock.release();
      }
      const w = writes(h, 1);
      const hook = await w.webhook();
      expect(hook.statusCode, hook.body).toBe(200);
      expect(hook.json()).toMatchObject({ status: 'stored', records: 1 });
      expect(await health(h)).toMatchObject({ status: 'ok', reasons: [] });
      expect((await w.orgEdit()).statusCode).toBe(201);
      const imported = await w.importBody();
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json().totals.records).toBe(2000);
      const after = await stored(store);
      expect(after.rows.work_items).toBe(before.rows.work_items! + 1 + 2000);
      expect(after.people).toBe(before.people + 1);
      expect(after.deliveries).toBe(before.deliveries + 1);
      // The locker's own uncommitted row never appeared.
      expect(
        (await sql<{ id: string }>`select id from people where id = 'p-locker'`.execute(store.db)).rows,
      ).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('§35 a full disk: writes get 503 and roll back, reads and health keep answering, and it recovers once space is freed', async () => {
    const mount = join(dir, 'small-disk');
    mkdirSync(mount);
    let realDisk = false;
    try {
      // FLOWLENS_TEST_DISK_FULL=page-limit runs the fallback where mounting would work.
      if (process.env.FLOWLENS_TEST_DISK_FULL === 'page-limit') throw new Error('fallback asked for');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mount], { stdio: 'ignore' });
      realDisk = true;
    } catch {
      // Not allowed to mount here: SQLite's own page limit stands in for the disk (SQLITE_FULL).
    }
    console.info(
      realDisk
        ? 'disk full: a real 12 MiB tmpfs, filled with a file (ENOSPC → SQLITE_FULL)'
        : 'disk full: simulated with PRAGMA max_page_count (SQLITE_FULL), mounting a tmpfs was not allowed',
    );
    const path = join(mount, 'flowlens.db');
    const filler = join(mount, 'filler');
    try {
      const store = await openSqliteStore(path, { busyTimeoutMs: 250 });
      await importFiles(store, [writeNdjson(dir, 'base.ndjson', items('BASE', 50))]);
      const h = await serve(store);
      try {
        // Everything written so far is in the database file; the WAL is empty and must grow to write.
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
        const before = await stored(store);
        if (realDisk) fillDisk(filler);
        else {
          const pages = await sql<{ page_count: number }>`pragma page_count`.execute(store.db);
          await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(store.db);
        }

        const w = writes(h, 2);
        await expectUnavailable(await w.importBody(), 'API import');
        await expectReadsWork(h);
        const degraded = await health(h);
        expect(degraded.status).toBe('degraded');
        expect(degraded.reasons).toContain('disk');
        expect(await stored(store)).toEqual(before);
        if (realDisk) {
          // On a real full disk every write needs room (the WAL grows), so the smallest fails too.
          // (The page limit cannot take the free room inside pages already there, so a write of one
          // row may still fit; the fallback checks the import only.)
          await expectUnavailable(await w.webhook(), 'webhook');
          await expectUnavailable(await w.orgEdit(), 'org edit');
          expect(await stored(store)).toEqual(before);
        }

        if (realDisk) rmSync(filler);
        else await sql`pragma max_page_count = 1073741823`.execute(store.db);

        const imported = await w.importBody();
        expect(imported.statusCode, imported.body).toBe(200);
        expect(await health(h)).toMatchObject({ status: 'ok', reasons: [] });
        if (realDisk) {
          const hook = await w.webhook();
          expect(hook.statusCode, hook.body).toBe(200);
          expect((await w.orgEdit()).statusCode).toBe(201);
        }
        const after = await stored(store);
        if (realDisk) expect(after.rows.work_items).toBe(before.rows.work_items! + 1 + 2000);
        else expect(after.rows.work_items).toBe(before.rows.work_items! + 2000);
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        await h.close();
      }
    } finally {
      if (realDisk) execFileSync('umount', ['-l', mount], { stdio: 'ignore' });
    }
  }, 60_000);
});

/** Writes zeros until the file system says ENOSPC. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // Whatever is left is smaller than a block.
  const small = openSync(`${path}-tail`, 'w');
  try {
    for (;;) writeSync(small, Buffer.alloc(512));
  } catch {
    // full
  } finally {
    closeSync(small);
  }
}

describe('store faults on PostgreSQL', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('postgres');
  });
  afterEach(async () => {
    await setConnections(database, true);
    await database.destroy();
  });

  it('a database that refuses connections: writes get 503 + Retry-After, and it recovers when it accepts them again', async () => {
    const store = await database.open();
    await importFiles(store, [writeNdjson(database.dir, 'base.ndjson', items('BASE', 20))]);
    const h = await serve(store);
    try {
      await setConnections(database, false);
      const w = writes(h, 3);
      await expectUnavailable(await w.webhook(), 'webhook');
      await expectUnavailable(await w.importBody(), 'API import');
      expect((await health(h)).reasons).toContain('database-unavailable');
      await setConnections(database, true);
      const hook = await w.webhook();
      expect(hook.statusCode, hook.body).toBe(200);
      expect(await health(h)).toMatchObject({ status: 'ok' });
    } finally {
      await h.close();
    }
  }, 60_000);
});

/** Turns a test database's connections off (and ends the open ones) or on again, as its owner. */
async function setConnections(database: TestDatabase, allow: boolean): Promise<void> {
  const name = new URL(database.location).pathname.slice(1);
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${allow}`);
    if (!allow)
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  } finally {
    await client.end();
  }
}

describe('the fault classification', () => {
  it('knows SQLite, PostgreSQL and Node codes, through wrapped causes, and nothing else', () => {
    const wrapped = new Error('outer', {
      cause: Object.assign(new Error('inner'), { code: 'SQLITE_BUSY_SNAPSHOT' }),
    });
    expect(classifyStoreFault(wrapped)).toEqual({ reason: 'database-locked', code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(classifyStoreFault(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))?.reason).toBe('disk');
    expect(classifyStoreFault(Object.assign(new Error('x'), { code: 'SQLITE_IOERR_WRITE' }))?.reason).toBe(
      'disk',
    );
    expect(classifyStoreFault(Object.assign(new Error('x'), { code: 'ENOSPC' }))?.reason).toBe('disk');
    expect(classifyStoreFault(Object.assign(new Error('x'), { code: '53100' }))?.reason).toBe('disk');
    expect(classifyStoreFault(Object.assign(new Error('x'), { code: '57P01' }))?.reason).toBe(
      'database-unavailable',
    );
    expect(classifyStoreFault(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))?.reason).toBe(
      'database-unavailable',
    );
    expect(classifyStoreFault(new Error('Connection terminated unexpectedly'))?.reason).toBe(
      'database-unavailable',
    );
    // A tool's API out of reach is not a store fault.
    const source = Object.assign(new Error('GitHub cannot be reached'), {
      code: 'SOURCE_FAILED',
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyStoreFault(source)).toBeNull();
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', '23505', '42P01', 'ENOENT', undefined])
      expect(classifyStoreFault(Object.assign(new Error('x'), { code }))).toBeNull();
  });
});
