/**
 * The engine's start-up read of the stored facts (src/store/facts-queue.ts): on SQLite it runs on a
 * worker thread from 50,000 facts on, and in process below that. Both must hand over exactly the
 * same chunks, for the whole organisation and for a set of teams.
 */
import { expect, it } from 'vitest';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import type { FactsChunk } from '../src/metrics/facts-chunk.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { writeNdjson } from './support/files.js';
import { createTestDatabase } from './support/stores.js';

const ITEMS = 2_500;

function records(): object[] {
  const out: object[] = [
    { kind: 'portfolio', id: 'p1', name: 'P1' },
    { kind: 'valueStream', id: 'vs1', name: 'VS1', portfolio: 'p1' },
    ...['t-a', 't-b', 't-c'].map((id) => ({ kind: 'team', id, name: id, valueStream: 'vs1' })),
    {
      kind: 'mapping',
      source: 'jira',
      statuses: {
        Open: { stage: 'create', state: 'waiting' },
        Doing: { stage: 'create', state: 'active' },
        Done: { stage: 'create', state: 'done' },
      },
      types: { Story: 'feature', Bug: 'defect' },
    },
  ];
  for (let n = 1; n <= ITEMS; n++) {
    const day = 1 + (n % 27);
    out.push({
      kind: 'workItem',
      source: 'jira',
      id: `A-${n}`,
      type: n % 3 === 0 ? 'Bug' : 'Story',
      status: n % 4 === 0 ? 'Doing' : 'Done',
      team: ['t-a', 't-b', 't-c'][n % 3],
      createdAt: `2025-03-${String(day).padStart(2, '0')}T09:00:00Z`,
    });
    out.push({
      kind: 'transition',
      source: 'jira',
      item: `A-${n}`,
      at: `2025-04-${String(day).padStart(2, '0')}T10:00:00Z`,
      from: 'Open',
      to: 'Doing',
    });
    if (n % 4 !== 0)
      out.push({
        kind: 'transition',
        source: 'jira',
        item: `A-${n}`,
        at: `2025-05-${String(day).padStart(2, '0')}T11:00:00Z`,
        from: 'Doing',
        to: 'Done',
      });
  }
  return out;
}

async function chunksOf(store: Store, teams: readonly string[] | null): Promise<FactsChunk[]> {
  const chunks: FactsChunk[] = [];
  await store.factsQueue.scanChunks(teams, (chunk) => chunks.push(chunk));
  return chunks;
}

it('reads the same facts on a worker thread as in process, whole and by team', async () => {
  const database = await createTestDatabase('sqlite');
  try {
    const setup = await openSqliteStore(database.location);
    await importFiles(setup, [writeNdjson(database.dir, 'items.ndjson', records())]);
    // Opening the engine computes the queued facts.
    await (await MetricsEngine.open(setup)).close();
    await setup.close();

    const onWorker = await openSqliteStore(database.location, { factsWorkerFrom: 1 });
    const inProcess = await openSqliteStore(database.location, { factsWorkerFrom: ITEMS + 1 });
    try {
      const whole = await chunksOf(inProcess, null);
      expect(whole.reduce((n, c) => n + c.count, 0)).toBe(ITEMS);
      expect(await chunksOf(onWorker, null)).toEqual(whole);
      const some = await chunksOf(inProcess, ['t-a', 't-c']);
      // t-a: n ≡ 0 (mod 3), 833 of 1..2,500; t-c: n ≡ 2, 833.
      expect(some.reduce((n, c) => n + c.count, 0)).toBe(1666);
      expect(await chunksOf(onWorker, ['t-a', 't-c'])).toEqual(some);
    } finally {
      await onWorker.close();
      await inProcess.close();
    }
  } finally {
    await database.destroy();
  }
});
