/**
 * Checkpoints of the embedded database off the server's event loop. SQLite in WAL mode appends
 * every commit to the log and copies the log back into the database (a checkpoint) when it grows
 * past `wal_autocheckpoint` pages — inside the commit that crosses it, on the thread that commits.
 * In the server that thread is the one answering requests: a checkpoint of 16,384 pages (64 MiB)
 * held webhook deliveries for 60–90 ms every few seconds under a stream of 200 a second. With
 * `checkpointInBackground` (`flowlens start`), a worker thread (wal-checkpoint-worker.ts) runs a
 * PASSIVE checkpoint every second instead, which blocks neither writes nor reads, and the server's
 * own connection checkpoints only past a safety limit (131,072 pages, 512 MiB) in case the worker
 * falls behind. If the worker fails, the server's connection goes back to checkpointing by itself.
 * Commands that run and exit (imports, syncs) keep SQLite's own checkpoints.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { startModuleWorker } from '../runtime/worker.js';
import type { CheckpointMessage, CheckpointWorkerData } from './wal-checkpoint-worker.js';

/** The server connection's own checkpoint threshold without a background checkpointer, in pages. */
export const AUTOCHECKPOINT_PAGES = 16_384;
/** … and with one: only if the worker falls far behind. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 131_072;

export interface CheckpointerOptions {
  /** How often the worker checkpoints, in milliseconds (default 1000). */
  readonly intervalMs?: number;
  readonly busyTimeoutMs?: number;
  /** Told when the worker fails (the connection has then gone back to its own checkpoints). */
  readonly onFailure?: (message: string) => void;
}

export interface CheckpointStats {
  /** Checkpoints that copied frames. */
  readonly runs: number;
  /** Frames copied into the database, over all runs (at least: a log that starts over between two checkpoints may count fewer). */
  readonly framesCopied: number;
  /** The longest checkpoint, in milliseconds (on the worker: no request waited for it). */
  readonly longestMs: number;
  /** Why the worker stopped, if it failed. */
  readonly failure: string | null;
}

export interface WalCheckpointer {
  stats(): CheckpointStats;
  /** Stops the worker (the last connection's close checkpoints what is left). */
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  raw: BetterSqlite3.Database,
  path: string,
  options: CheckpointerOptions = {},
): WalCheckpointer {
  const workerData: CheckpointWorkerData = {
    path,
    intervalMs: options.intervalMs ?? 1000,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
  };
  raw.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
  const worker = startModuleWorker(import.meta.url, 'wal-checkpoint-worker', {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: 32 },
  });
  // The worker must not keep a command that is otherwise done from exiting.
  worker.unref();
  let runs = 0;
  let framesCopied = 0;
  let longestMs = 0;
  let failure: string | null = null;
  let stopping = false;
  const fail = (message: string) => {
    if (failure !== null || stopping) return;
    failure = message;
    if (raw.open) raw.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    options.onFailure?.(message);
  };
  worker.on('message', (message: CheckpointMessage) => {
    if (message.kind === 'failed') return fail(`the background checkpoint failed: ${message.message}`);
    runs++;
    framesCopied += message.copied;
    longestMs = Math.max(longestMs, message.ms);
  });
  worker.on('error', (error: unknown) =>
    fail(`the background checkpoint stopped: ${error instanceof Error ? error.message : String(error)}`),
  );
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', (code) => {
      if (!stopping) fail(`the background checkpoint stopped (exit code ${code})`);
      resolve();
    });
  });
  return {
    stats: () => ({ runs, framesCopied, longestMs, failure }),
    stop: async () => {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
