/**
 * Large files are parsed on a worker thread while the main thread writes; small ones on the main
 * thread. Both paths must give the same database and the same summary, over many small batches
 * (so the worker has to wait for credits) and with bad lines among good ones.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import { writeNdjson } from './support/files.js';
import { createTestDatabase, describeEachStore, dumpDatabase, type TestDatabase } from './support/stores.js';

function mixedLines(items: number): (object | string)[] {
  const lines: (object | string)[] = [];
  for (let i = 0; i < items; i++) {
    const id = `PAY-${i}`;
    lines.push({
      kind: 'transition',
      source: 'jira:PAY',
      item: id,
      at: `2025-02-0${1 + (i % 9)}T10:00:00Z`,
      from: 'To Do',
      to: 'Doing',
    });
    lines.push({
      kind: 'workItem',
      source: 'jira:PAY',
      id,
      type: i % 3 === 0 ? 'Bug' : 'Story',
      status: 'Doing',
      createdAt: '2025-01-01T00:00:00Z',
    });
    if (i % 50 === 7)
      lines.push({
        kind: 'workItem',
        source: 'jira:PAY',
        id: `bad-${i}`,
        type: 'Story',
        status: 'x',
        createdAt: 'soon',
      });
    if (i % 97 === 3) lines.push('{not json');
    // The same item again later in the file: the later record wins.
    if (i % 10 === 0)
      lines.push({
        kind: 'workItem',
        source: 'jira:PAY',
        id,
        type: 'Story',
        status: 'Done',
        createdAt: '2025-01-01T00:00:00Z',
      });
  }
  return lines;
}

describeEachStore('parsing on a worker thread or on the main thread', (kind) => {
  let dbs: TestDatabase[] = [];
  beforeEach(async () => {
    dbs = [await createTestDatabase(kind), await createTestDatabase(kind)];
  });
  afterEach(async () => {
    for (const db of dbs) await db.destroy();
  });

  it('gives the same database and the same summary', async () => {
    const [onWorker, onMain] = dbs as [TestDatabase, TestDatabase];
    const file = writeNdjson(onWorker.dir, 'events.ndjson', mixedLines(1500));
    const workerStore = await onWorker.open();
    const mainStore = await onMain.open();
    const viaWorker = await importFiles(workerStore, [file], { parallel: 'always', batchSize: 100 });
    const viaMain = await importFiles(mainStore, [file], { parallel: 'never', batchSize: 100 });
    expect(viaWorker.totals).toEqual(viaMain.totals);
    expect(viaWorker.totals.records).toBe(3150);
    expect(viaWorker.totals.rejected).toBe(30 + 16);
    expect(viaWorker.files[0]?.errors).toEqual(viaMain.files[0]?.errors);
    const dump = await dumpDatabase(workerStore);
    expect(dump).toEqual(await dumpDatabase(mainStore));
    const items = dump.work_items as { id: string; status: string }[];
    expect(items.find((i) => i.id === 'PAY-10')?.status).toBe('Done');
    expect(items.find((i) => i.id === 'PAY-11')?.status).toBe('Doing');
  });
});
