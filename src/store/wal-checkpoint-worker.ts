/**
 * Copies the SQLite write-ahead log back into the database on a worker thread, with its own
 * connection (wal-checkpointer.ts starts it for a long-running server): a PASSIVE checkpoint every
 * interval, which never blocks the server's writes or reads — they go on in the log meanwhile. It
 * posts what each checkpoint that copied frames did, and stops when told to.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

export interface CheckpointWorkerData {
  readonly path: string;
  readonly intervalMs: number;
  readonly busyTimeoutMs: number;
}

/** A message from the worker: a checkpoint done, or the failure that stopped it. */
export type CheckpointMessage =
  | { readonly kind: 'checkpoint'; readonly frames: number; readonly copied: number; readonly ms: number }
  | { readonly kind: 'failed'; readonly message: string };

const { path, intervalMs, busyTimeoutMs } = workerData as CheckpointWorkerData;
const port = parentPort;
if (port === null) throw new Error('wal-checkpoint-worker runs as a worker thread');

let db: BetterSqlite3.Database;
let checkpoint: BetterSqlite3.Statement;
try {
  db = new BetterSqlite3(path, { fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // This connection only checkpoints: it never writes, so it never checkpoints by itself either.
  db.pragma('wal_autocheckpoint = 0');
  checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
} catch (error) {
  port.postMessage({
    kind: 'failed',
    message: `cannot open ${path}: ${(error as Error).message}`,
  } satisfies CheckpointMessage);
  port.close();
  process.exit(0);
}

// How many frames of the current log are in the database already (the log starts over, from 0,
// once a writer finds it all copied).
let copiedBefore = 0;
const timer = setInterval(() => {
  try {
    const started = performance.now();
    const row = checkpoint.get() as { busy: number; log: number; checkpointed: number };
    // log: frames in the log; checkpointed: how many of them are now in the database.
    const copied = row.checkpointed >= copiedBefore ? row.checkpointed - copiedBefore : row.checkpointed;
    copiedBefore = row.checkpointed;
    if (copied > 0)
      port.postMessage({
        kind: 'checkpoint',
        frames: row.log,
        copied,
        ms: performance.now() - started,
      } satisfies CheckpointMessage);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: (error as Error).message } satisfies CheckpointMessage);
    stop();
  }
}, intervalMs);

function stop(): void {
  clearInterval(timer);
  port?.close();
  db.close();
}

port.on('message', (message: unknown) => {
  if (message === 'stop') stop();
});
