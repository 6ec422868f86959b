/**
 * Runs a parse job on a worker thread and yields its messages in order. The consumer calls
 * `credit()` after it has written a batch, which lets the worker post the next one.
 */
import { Worker } from 'node:worker_threads';
import type { ParseJob, WorkerMessage } from './parse-protocol.js';

export interface ParseRun {
  readonly messages: AsyncIterable<WorkerMessage>;
  credit(): void;
  stop(): Promise<void>;
}

export function startParseWorker(job: ParseJob): ParseRun {
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
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from the TypeScript sources (tests, development): load them through tsx.
    const tsx =
      typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
    const entry = new URL('./parse-worker.ts', here).href;
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(code, { eval: true, workerData: job });
  }
  return new Worker(new URL('./parse-worker.js', here), { workerData: job });
}
