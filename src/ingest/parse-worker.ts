/**
 * The parse worker: runs a parse job (parse-job.ts) on its own thread and posts its messages to the
 * importer, which writes the batches meanwhile, so reading and writing use both cores. At most
 * `window` batches are in flight: the worker waits for the importer's credit before posting more,
 * so memory stays bounded however fast the file reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runParseJob } from './parse-job.js';
import type { ParseJob } from './parse-protocol.js';

const job = workerData as ParseJob;
const port = parentPort;
if (port === null) throw new Error('parse-worker must run in a worker thread');

let credits = job.window;
let waiting: (() => void) | null = null;
port.on('message', (message: unknown) => {
  if (message !== 'credit') return;
  credits++;
  waiting?.();
  waiting = null;
});

for await (const message of runParseJob(job)) {
  if (message.type === 'batch') {
    while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
    credits--;
  }
  port.postMessage(message);
}
port.close();
