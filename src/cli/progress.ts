/**
 * The import's progress bar: on a terminal only (stderr is a TTY), silent otherwise, so logs and
 * pipes stay clean. Shows the file, bytes done, records and the rate.
 */
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../ingest/index.js';
import { formatBytes, formatCount } from './io.js';

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  enabled: boolean,
): ProgressReporter {
  if (!enabled || stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format:
        ' {file} |{bar}| {percentage}% · {bytes} · {records} records · {rate} records/s · {rejected} rejected',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  let currentFile: string | null = null;
  let fileStarted = 0;
  let recordsAtStart = 0;
  return {
    update(progress) {
      if (progress.file !== currentFile) {
        if (currentFile !== null) bar.stop();
        currentFile = progress.file;
        fileStarted = performance.now();
        recordsAtStart = progress.records;
        bar.start(Math.max(progress.bytesTotal, 1), 0, payload(progress, 0));
      }
      const seconds = (performance.now() - fileStarted) / 1000;
      const rate = seconds > 0 ? Math.round((progress.records - recordsAtStart) / seconds) : 0;
      bar.update(progress.bytesDone, payload(progress, rate));
    },
    stop() {
      if (currentFile !== null) bar.stop();
      currentFile = null;
    },
  };
}

function payload(progress: ImportProgress, rate: number) {
  return {
    file: progress.file,
    bytes: `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}`,
    records: formatCount(progress.records),
    rejected: formatCount(progress.rejected),
    rate: formatCount(rate),
  };
}
