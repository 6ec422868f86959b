/**
 * Runs a parse job and yields its messages in order: on a worker thread (large files, where reading
 * in parallel with writing pays), or on the calling thread (small files, where starting a thread
 * would cost more than it saves). The consumer calls `credit()` after it has written a batch, which
 * lets a worker post the next one.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../runtime/worker.js';
import { runParseJob } from './parse-job.js';
import type { ParseJob, WorkerMessage } from './parse-protocol.js';

export interface ParseRun {
  readonly messages: AsyncIterable<WorkerMessage>;
  credit(): void;
  stop(): Promise<void>;
}

/** Files from this size up are parsed on a worker thread (with `parallel: 'auto'`). */
export const WORKER_THRESHOLD_BYTES = 8 << 20;

export function startParse(job: ParseJob, parallel: 'auto' | 'always' | 'never'): ParseRun {
  const useWorker = parallel === 'always' || (parallel === 'auto' && job.size >= WORKER_THRESHOLD_BYTES);
  if (useWorker) return startParseWorker(job);
  const messages = runParseJob(job);
  return { messages, credit: () => undefined, stop: async () => void (await messages.return(undefined)) };
}

function startParseWorker(job: ParseJob): ParseRun {
  const worker = createWorker(job);
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let exited = false;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });

  async function* messages(): AsyncGenerator<WorkerMessage> {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        if (next.type === 'failed' || next.type === 'judged' || (next.type === 'batch' && next.final)) return;
        continue;
      }
      if (failure !== null) throw failure;
      if (exited) throw new Error(`the parse worker for ${job.path} stopped unexpectedly`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  return {
    messages: messages(),
    credit: () => worker.postMessage('credit'),
    stop: async () => {
      await worker.terminate();
    },
  };
}

function createWorker(job: ParseJob): Worker {
  return startModuleWorker(import.meta.url, 'parse-worker', {
    workerData: job,
    resourceLimits: WORKER_LIMITS,
  });
}

/**
 * A young generation large enough to hold a batch in the making: the records of a batch live until
 * it is posted, and with the default size the collector would copy them again and again.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };
