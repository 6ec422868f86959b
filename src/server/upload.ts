/**
 * Request bodies for `POST /api/v1/import`: streamed to a temporary file with a size limit, never
 * held in memory; and a queue that runs imports one at a time.
 */
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { finished, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from './errors.js';
import { UNSUPPORTED_MEDIA_TYPE_MESSAGE } from './schemas.js';

export function tooLarge(limitBytes: number): ApiError {
  return new ApiError(
    413,
    'PAYLOAD_TOO_LARGE',
    `the request body is larger than this server accepts (${describeBytes(limitBytes)}); nothing was imported. ` +
      'Split the file, or run `flowlens import` on the server.',
  );
}

export function unsupportedMediaType(): ApiError {
  return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_MEDIA_TYPE_MESSAGE);
}

/** 268435456 → "256 MiB", 1000 → "1000 bytes". */
export function describeBytes(bytes: number): string {
  const units = ['GiB', 'MiB', 'KiB'] as const;
  for (const [i, unit] of units.entries()) {
    const size = 1024 ** (3 - i);
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * Writes `source` to `file`, failing with 413 as soon as more than `limitBytes` arrived. The
 * request is never destroyed here: what follows an excess is read and discarded, so the client
 * still gets the answer.
 */
export async function spoolToFile(source: Readable, file: string, limitBytes: number): Promise<number> {
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limitBytes) done(tooLarge(limitBytes));
      else done(null, chunk);
    },
  });
  // `pipe` does not pass the source's errors on: a client that goes away must end the spooling.
  const stopWatching = finished(source, { writable: false }, (error) => {
    if (error) limiter.destroy(error);
  });
  source.pipe(limiter);
  try {
    await pipeline(limiter, createWriteStream(file));
    return bytes;
  } catch (error) {
    source.unpipe(limiter);
    if (!source.destroyed) source.resume();
    throw error;
  } finally {
    stopWatching();
  }
}

/** Runs tasks one at a time, in the order they were given. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
