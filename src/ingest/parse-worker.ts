/**
 * The parse worker: reads one file, validates it and posts batches to the importer, which writes
 * them. Reading and validating on this thread while the other writes uses both cores. At most
 * `window` batches are in flight: the worker waits for the importer's credit before posting more,
 * so memory stays bounded however fast the file reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isFlowlensError } from '../domain/index.js';
import { BatchBuilder, judgeEntry } from './batch-builder.js';
import { readCsv } from './csv-reader.js';
import type { EntryReader } from './entry.js';
import { readNdjson } from './ndjson-reader.js';
import type { ParseJob, WorkerMessage } from './parse-protocol.js';

const job = workerData as ParseJob;
const port = parentPort;
if (port === null) throw new Error('parse-worker must run in a worker thread');

let credits = job.window;
let waiting: (() => void) | null = null;
port.on('message', (message: 'credit') => {
  if (message === 'credit') {
    credits++;
    waiting?.();
    waiting = null;
  }
});

const post = (message: WorkerMessage) => port.postMessage(message);

async function postBatch(message: WorkerMessage): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
  credits--;
  post(message);
}

let bytesDone = job.start.offset;
const reader: EntryReader =
  job.format === 'ndjson'
    ? readNdjson({
        path: job.path,
        start: job.start,
        maxLineBytes: job.maxLineBytes,
        onBytes: (n) => (bytesDone = n),
      })
    : readCsv({
        path: job.path,
        source: job.source,
        skipThroughLine: job.start.line,
        onBytes: (n) => (bytesDone = n),
      });

async function importMode(): Promise<void> {
  const builder = new BatchBuilder(job.limits, { ...job.start, storedErrors: job.storedErrors });
  let records = 0;
  let rejected = 0;
  for await (const entries of reader) {
    for (const entry of entries) {
      if (builder.add(entry)) {
        const batch = builder.take();
        records += batch.recordCount;
        rejected += batch.rejectedCount;
        await postBatch({ type: 'batch', batch, final: false, bytesDone });
      }
    }
    post({ type: 'progress', bytesDone });
  }
  if (job.format === 'ndjson') builder.reachEnd(job.size);
  await postBatch({ type: 'batch', batch: builder.take(), final: true, bytesDone });
}

async function judgeMode(): Promise<void> {
  const errors: { line: number; field: string; message: string }[] = [];
  let rejected = 0;
  let records = 0;
  let lines = 0;
  for await (const entries of reader) {
    for (const entry of entries) {
      lines = entry.line;
      const judged = judgeEntry(entry);
      if (judged.ok) {
        records++;
        continue;
      }
      rejected++;
      for (const e of judged.errors) {
        if (errors.length < job.limits.maxStoredErrors)
          errors.push({ line: entry.line, field: e.field, message: e.message });
      }
    }
    post({ type: 'judging', bytesDone, records, rejected });
  }
  post({ type: 'judged', records, rejected, lines, errors });
}

try {
  await (job.mode === 'judge' ? judgeMode() : importMode());
} catch (error) {
  post({
    type: 'failed',
    code: isFlowlensError(error) ? error.code : null,
    message: isFlowlensError(error) ? error.message : `${job.path}: ${(error as Error).message}`,
  });
}
