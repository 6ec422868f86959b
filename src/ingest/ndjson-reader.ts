/**
 * Reads an NDJSON file as entries, streaming: memory holds one chunk and one line at a time.
 * Blank lines are skipped; a line that is not JSON becomes an entry with a problem, not an abort.
 */
import { createReadStream } from 'node:fs';
import type { Entry, EntryReader, ReadStart } from './entry.js';
import { LineSplitter } from './line-splitter.js';

export interface NdjsonReadOptions {
  readonly path: string;
  readonly start: ReadStart;
  readonly maxLineBytes: number;
  readonly onBytes?: (bytesRead: number) => void;
}

const CHUNK_BYTES = 1 << 20;

export async function* readNdjson(options: NdjsonReadOptions): EntryReader {
  const splitter = new LineSplitter({
    maxLineBytes: options.maxLineBytes,
    startOffset: options.start.offset,
    startLine: options.start.line,
  });
  const stream = createReadStream(options.path, { start: options.start.offset, highWaterMark: CHUNK_BYTES });
  let entries: Entry[] = [];
  const onLine = (line: {
    number: number;
    text: string | null;
    problem: string | null;
    endOffset: number;
  }) => {
    if (line.text === null) {
      entries.push({
        line: line.number,
        endOffset: line.endOffset,
        problem: { field: 'line', message: line.problem ?? '' },
      });
      return;
    }
    if (isBlank(line.text)) return;
    try {
      entries.push({ line: line.number, endOffset: line.endOffset, value: JSON.parse(line.text) });
    } catch (error) {
      entries.push({
        line: line.number,
        endOffset: line.endOffset,
        problem: { field: 'line', message: `is not valid JSON (${(error as Error).message})` },
      });
    }
  };
  let bytesRead = options.start.offset;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    splitter.push(chunk, onLine);
    bytesRead += chunk.length;
    options.onBytes?.(bytesRead);
    if (entries.length > 0) {
      yield entries;
      entries = [];
    }
  }
  splitter.end(onLine);
  if (entries.length > 0) yield entries;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
