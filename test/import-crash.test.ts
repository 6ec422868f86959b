/**
 * Batches and crash safety (hostile-input.md §34): an import killed with SIGKILL, or a batch that
 * fails half-written, leaves exactly the committed batches; the next import of the same file
 * resumes after them and ends with the database a clean import gives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import type { BatchInput, Store } from '../src/store/index.js';
import { writeNdjson, writeText } from './support/files.js';
import {
  createTestStore,
  describeEachStore,
  dumpDatabase,
  type TestDatabase,
  useTestStore,
} from './support/stores.js';

const RECORDS = 3000;
const BATCH = 50;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/import-child.ts', import.meta.url));

/** Line n (1-based): a record of its own identity, of one of several kinds, and its table and id. */
function recordAt(n: number): { record: object; table: string; id: string } {
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  switch (n % 4) {
    case 0:
      return {
        record: {
          kind: 'transition',
          source: 'jira:PAY',
          item: `PAY-${n - 1}`,
          at,
          from: 'To Do',
          to: 'Done',
          id: `h-${n}`,
        },
        table: 'transitions',
        id: `h-${n}`,
      };
    case 1:
      return {
        record: { kind: 'change', source: 'github', id: `PR-${n}`, createdAt: at, items: [`PAY-${n + 1}`] },
        table: 'changes',
        id: `PR-${n}`,
      };
    default:
      return {
        record: {
          kind: 'workItem',
          source: 'jira:PAY',
          id: `PAY-${n}`,
          type: 'Story',
          status: 'Done',
          createdAt: at,
          title: `Item ${n} ${'·'.repeat(n % 50)}`,
          labels: ['crash', `n${n % 7}`],
        },
        table: 'work_items',
        id: `PAY-${n}`,
      };
  }
}

function writeBigFile(dir: string): string {
  return writeNdjson(
    dir,
    'big.ndjson',
    Array.from({ length: RECORDS }, (_, i) => recordAt(i + 1).record),
  );
}

/** The ids a database must hold after lines 1…lastLine are committed, per table. */
function idsThrough(lastLine: number): Record<string, string[]> {
  const ids: Record<string, string[]> = { changes: [], transitions: [], work_items: [] };
  for (let n = 1; n <= lastLine; n++) {
    const { table, id } = recordAt(n);
    ids[table]?.push(id);
  }
  for (const list of Object.values(ids)) list.sort();
  return ids;
}

async function storedIds(store: Store): Promise<Record<string, string[]>> {
  const dump = await dumpDatabase(store);
  const ids: Record<string, string[]> = {};
  for (const table of ['changes', 'transitions', 'work_items']) {
    ids[table] = (dump[table] ?? []).map((row) => String(row.id)).sort();
  }
  const others = Object.entries(dump).filter(([table, rows]) => !(table in ids) && rows.length > 0);
  expect(others).toEqual([]);
  return ids;
}

async function batchLog(store: Store) {
  const rows = await store.db
    .selectFrom('import_batches')
    .select(['records', 'last_line'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ records: Number(r.records), lastLine: Number(r.last_line) }));
}

async function fileLog(store: Store) {
  const rows = await store.db
    .selectFrom('import_files')
    .select(['status', 'committed_line', 'records'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    status: r.status,
    committedLine: Number(r.committed_line),
    records: Number(r.records),
  }));
}

function startChild(database: TestDatabase, file: string, extra: readonly string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, '--db', database.location, '--batch-size', String(BATCH), ...extra, file],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

async function cleanImportDump(kind: 'sqlite' | 'postgres', file: string) {
  const clean = await createTestStore(kind);
  try {
    await importFiles(clean.store, [file], { batchSize: BATCH });
    return await dumpDatabase(clean.store);
  } finally {
    await clean.database.destroy();
  }
}

describeEachStore('crash safety', (kind) => {
  let database: TestDatabase;
  let store: Store;
  useTestStore(kind, (opened) => ({ store, database } = opened));

  it.each([
    { killAfterBatches: 3, parallel: 'never' },
    { killAfterBatches: 20, parallel: 'always' },
  ])(
    'an import killed with SIGKILL after $killAfterBatches batches (parsing: $parallel) keeps whole batches and resumes',
    async ({ killAfterBatches, parallel }) => {
      const file = writeBigFile(database.dir);
      const child = startChild(database, file, ['--pause-ms', '10', '--parallel', parallel]);
      const result = exited(child);
      let running = true;
      void result.then(() => {
        running = false;
      });

      // Kill it as soon as the test sees enough committed batches: wherever it is then, between
      // batches or inside one.
      const deadline = Date.now() + 45_000;
      while (running && Date.now() < deadline) {
        const seen = await store.db
          .selectFrom('import_batches')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst();
        if (Number(seen?.n ?? 0) >= killAfterBatches) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const killed = running && child.kill('SIGKILL');
      const outcome = await result;
      expect(killed, `the import ended before it could be killed: ${JSON.stringify(outcome)}`).toBe(true);
      expect(outcome.signal).toBe('SIGKILL');

      // Exactly the committed batches are there.
      const batches = await batchLog(store);
      const committedLine = Math.max(...batches.map((b) => b.lastLine));
      const [logged] = await fileLog(store);
      expect(logged).toEqual({
        status: 'running',
        committedLine,
        records: batches.reduce((n, b) => n + b.records, 0),
      });
      expect(batches.length).toBeGreaterThanOrEqual(killAfterBatches);
      expect(committedLine).toBeLessThan(RECORDS);
      expect(committedLine % BATCH).toBe(0);
      expect(await storedIds(store)).toEqual(idsThrough(committedLine));
      expect(batches.reduce((n, b) => n + b.records, 0)).toBe(committedLine);
      if (kind === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      }

      // The next import of the same file resumes after the committed batches.
      const resumed = await importFiles(store, [file], { batchSize: BATCH });
      expect(resumed.files[0]).toMatchObject({
        status: 'imported',
        resumedAfterLine: committedLine,
        records: RECORDS,
        rejected: 0,
      });
      const inserted = Object.values(resumed.totals.counts).reduce((n, c) => n + (c?.inserted ?? 0), 0);
      expect(inserted).toBe(RECORDS);
      expect(await fileLog(store)).toEqual([{ status: 'done', committedLine: RECORDS, records: RECORDS }]);
      expect(await dumpDatabase(store)).toEqual(await cleanImportDump(kind, file));
    },
  );

  it('a batch that fails half-written leaves the batches before it, and the import resumes', async () => {
    const file = writeBigFile(database.dir);
    let calls = 0;
    // The third batch fails inside its transaction: after its work items are written, a row that
    // breaks a NOT NULL constraint is written to a later table.
    const failing: Store = {
      ...store,
      importLog: {
        ...store.importLog,
        commitBatch: (input: BatchInput) => {
          calls++;
          if (calls !== 3) return store.importLog.commitBatch(input);
          const rows = new Map(input.rows);
          // One incident row (flat cells, see FlatRows) without its NOT NULL service.
          rows.set('incident', ['pd', 'poison', null, 0, null, null, null]);
          return store.importLog.commitBatch({ ...input, rows });
        },
      },
    };
    await expect(importFiles(failing, [file], { batchSize: BATCH })).rejects.toThrow();
    expect(calls).toBe(3);

    expect(await batchLog(store)).toEqual([
      { records: BATCH, lastLine: BATCH },
      { records: BATCH, lastLine: 2 * BATCH },
    ]);
    expect(await fileLog(store)).toEqual([
      { status: 'running', committedLine: 2 * BATCH, records: 2 * BATCH },
    ]);
    expect(await storedIds(store)).toEqual(idsThrough(2 * BATCH));

    const resumed = await importFiles(store, [file], { batchSize: BATCH });
    expect(resumed.files[0]).toMatchObject({ resumedAfterLine: 2 * BATCH, records: RECORDS });
    expect(await dumpDatabase(store)).toEqual(await cleanImportDump(kind, file));
  });

  it('a CSV import that fails in its third batch resumes after the second, multi-line cells and all', async () => {
    // 300 work items; every 7th title spans two lines, so rows and lines do not match.
    const rows: string[] = ['ID,Type,Status,Created At,Title'];
    const lastLineOf: number[] = [];
    let line = 1;
    for (let n = 1; n <= 300; n++) {
      const title = n % 7 === 0 ? `"first of ${n}\nsecond of ${n}"` : `"Item, ${n}"`;
      rows.push(`CSV-${n},Story,Done,2025-01-01T00:00:00+01:00,${title}`);
      line += n % 7 === 0 ? 2 : 1;
      lastLineOf.push(line);
    }
    const file = writeText(database.dir, 'items.csv', `${rows.join('\n')}\n`);
    let calls = 0;
    const failing: Store = {
      ...store,
      importLog: {
        ...store.importLog,
        commitBatch: (input: BatchInput) =>
          ++calls === 3 ? Promise.reject(new Error('power cut')) : store.importLog.commitBatch(input),
      },
    };
    await expect(importFiles(failing, [file], { batchSize: BATCH, source: 'jira:CSV' })).rejects.toThrow(
      'power cut',
    );
    const committedLine = lastLineOf[2 * BATCH - 1] as number;
    expect(await fileLog(store)).toEqual([{ status: 'running', committedLine, records: 2 * BATCH }]);
    const ids = (await dumpDatabase(store)).work_items?.map((r) => r.id);
    expect(ids?.sort()).toEqual(Array.from({ length: 2 * BATCH }, (_, i) => `CSV-${i + 1}`).sort());

    const resumed = await importFiles(store, [file], { batchSize: BATCH, source: 'jira:CSV' });
    expect(resumed.files[0]).toMatchObject({ resumedAfterLine: committedLine, records: 300, rejected: 0 });
    expect(resumed.totals.counts.workItem?.inserted).toBe(300);
    const clean = await createTestStore(kind);
    try {
      await importFiles(clean.store, [file], { source: 'jira:CSV' });
      expect(await dumpDatabase(store)).toEqual(await dumpDatabase(clean.store));
    } finally {
      await clean.database.destroy();
    }
  });

  it('a changed file is imported anew, not resumed', async () => {
    const file = writeBigFile(database.dir);
    let calls = 0;
    const failing: Store = {
      ...store,
      importLog: {
        ...store.importLog,
        commitBatch: (input: BatchInput) => {
          if (++calls === 2) return Promise.reject(new Error('disk on fire'));
          return store.importLog.commitBatch(input);
        },
      },
    };
    await expect(importFiles(failing, [file], { batchSize: BATCH })).rejects.toThrow('disk on fire');
    // Same path, other content: the first line changes, so resuming after line 50 would be wrong.
    writeNdjson(database.dir, 'big.ndjson', [
      { kind: 'person', id: 'u-new', name: 'New' },
      ...Array.from({ length: RECORDS - 1 }, (_, i) => recordAt(i + 2).record),
    ]);
    const again = await importFiles(store, [file], { batchSize: BATCH });
    expect(again.files[0]?.resumedAfterLine).toBeNull();
    expect((await dumpDatabase(store)).people).toEqual([{ id: 'u-new', name: 'New', email: null }]);
  });
});
