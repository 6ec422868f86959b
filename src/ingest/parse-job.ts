/**
 * A parse job as a pull-based stream of messages: read one file, validate it, and yield batches
 * (import mode) or a verdict (judge mode, for `--strict`). The same generator runs on the importer's
 * thread for small files and on a worker thread for large ones (parse-worker.ts).
 */
import { isFlowlensError } from '../domain/index.js';
import { BatchBuilder, judgeEntry } from './batch-builder.js';
import { readCsv } from './csv-reader.js';
import type { EntryReader } from './entry.js';
import { readNdjson } from './ndjson-reader.js';
import type { ParseJob, WorkerMessage } from './parse-protocol.js';

export async function* runParseJob(job: ParseJob): AsyncGenerator<WorkerMessage> {
  let bytesDone = job.start.offset;
  const onBytes = (n: number) => {
    bytesDone = n;
  };
  const reader: EntryReader =
    job.format === 'ndjson'
      ? readNdjson({ path: job.path, start: job.start, maxLineBytes: job.maxLineBytes, onBytes })
      : readCsv({ path: job.path, source: job.source, skipThroughLine: job.start.line, onBytes });
  try {
    if (job.mode === 'judge') {
      yield* judge(job, reader, () => bytesDone);
      return;
    }
    const builder = new BatchBuilder(job.limits, { ...job.start, storedErrors: job.storedErrors });
    for await (const entries of reader) {
      for (const entry of entries) {
        if (builder.add(entry)) yield { type: 'batch', batch: builder.take(), final: false, bytesDone };
      }
      yield { type: 'progress', bytesDone };
    }
    if (job.format === 'ndjson') builder.reachEnd(job.size);
    yield { type: 'batch', batch: builder.take(), final: true, bytesDone };
  } catch (error) {
    yield {
      type: 'failed',
      code: isFlowlensError(error) ? error.code : null,
      message: isFlowlensError(error) ? error.message : `${job.path}: ${(error as Error).message}`,
    };
  }
}

async function* judge(
  job: ParseJob,
  reader: EntryReader,
  bytesDone: () => number,
): AsyncGenerator<WorkerMessage> {
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
    yield { type: 'judging', bytesDone: bytesDone(), records, rejected };
  }
  yield { type: 'judged', records, rejected, lines, errors };
}
