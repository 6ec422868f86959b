/**
 * Reads the stored facts on a worker thread, with its own read-only SQLite connection (WAL lets it
 * read while the main thread reads too), and posts them in columnar chunks. Flow control: the main
 * thread grants credits (a shared counter); the worker waits when it has none, so no more than a
 * few chunks are ever in flight.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { FactsChunkBuilder } from '../metrics/facts-chunk.js';
import { encodedFromValues, SCAN_COLUMNS } from './facts-queue.js';

export interface ScanWorkerData {
  readonly path: string;
  readonly teams: readonly string[] | null;
  readonly credits: SharedArrayBuffer;
}

const { path, teams, credits } = workerData as ScanWorkerData;
const counter = new Int32Array(credits);
const port = parentPort;
if (port === null) throw new Error('facts-scan-worker runs as a worker thread');

const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
try {
  db.pragma('cache_size = -16384');
  const columns = SCAN_COLUMNS.join(', ');
  const statement =
    teams === null
      ? db.prepare(`select ${columns} from item_facts`).raw()
      : db.prepare(`select ${columns} from item_facts where team in (select value from json_each(?))`).raw();
  const rows = (teams === null ? statement.iterate() : statement.iterate(JSON.stringify(teams))) as Iterable<
    unknown[]
  >;
  const builder = new FactsChunkBuilder();
  const post = (chunk: ReturnType<FactsChunkBuilder['flush']>) => {
    if (chunk === null) return;
    while (Atomics.load(counter, 0) <= 0) Atomics.wait(counter, 0, Atomics.load(counter, 0), 1000);
    Atomics.sub(counter, 0, 1);
    const transfer = [chunk.source, chunk.team, chunk.rawType, chunk.statusList, chunk.flowType, chunk.flags];
    port.postMessage({ chunk }, [
      ...transfer.map((a) => a.buffer as ArrayBuffer),
      chunk.numbers.buffer as ArrayBuffer,
      chunk.history.buffer as ArrayBuffer,
      chunk.historyOffsets.buffer as ArrayBuffer,
    ]);
  };
  for (const values of rows) post(builder.add(encodedFromValues(values)));
  post(builder.flush());
  port.postMessage({ done: true });
} catch (error) {
  port.postMessage({ error: (error as Error).message });
} finally {
  db.close();
}
