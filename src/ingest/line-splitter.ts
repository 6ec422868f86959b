/**
 * Splits a byte stream into lines without ever holding more than one chunk and one line: the
 * NDJSON reader's memory stays bounded whatever the file size. Works on bytes, so the offset of
 * every line end is exact (the resume point of an import), and checks UTF-8 once per chunk.
 */
import { isUtf8 } from 'node:buffer';

export interface Line {
  /** 1-based line number in the file. */
  readonly number: number;
  /** The text, without the line break (and without a trailing `\r`), or null when unreadable. */
  readonly text: string | null;
  /** Why the line could not be read, when `text` is null. */
  readonly problem: string | null;
  /** Byte offset just after this line's line break. */
  readonly endOffset: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export class LineSplitter {
  private readonly maxLineBytes: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowing = false;
  private offset: number;
  private lineNumber: number;
  private atStart: boolean;

  /**
   * @param startOffset byte offset of the first chunk in the file (when resuming)
   * @param startLine number of lines before that offset
   */
  constructor(options: { maxLineBytes: number; startOffset?: number; startLine?: number }) {
    this.maxLineBytes = options.maxLineBytes;
    this.offset = options.startOffset ?? 0;
    this.lineNumber = options.startLine ?? 0;
    this.atStart = this.offset === 0;
  }

  /** Feeds a chunk; calls `onLine` for every complete line in it. */
  push(chunk: Buffer, onLine: (line: Line) => void): void {
    let data = chunk;
    if (this.atStart) {
      this.atStart = false;
      if (data.length >= 3 && data.subarray(0, 3).equals(BOM)) {
        data = data.subarray(3);
        this.offset += 3;
      }
    }
    let start = 0;
    let newline = data.indexOf(NEWLINE, start);
    if (newline === -1) {
      this.keep(data);
      return;
    }
    if (this.pendingBytes > 0 || this.overflowing) {
      this.keep(data.subarray(0, newline));
      this.emitPending(1, onLine);
      start = newline + 1;
      newline = data.indexOf(NEWLINE, start);
    }
    const lastNewline = data.lastIndexOf(NEWLINE);
    const whole = start <= lastNewline ? data.subarray(start, lastNewline + 1) : null;
    const wholeIsUtf8 = whole === null || isUtf8(whole);
    while (newline !== -1) {
      this.offset += newline - start + 1;
      this.lineNumber++;
      const end = newline > start && data[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
      if (end - start > this.maxLineBytes) {
        onLine(this.unreadable(`is longer than ${this.maxLineBytes} bytes`));
      } else {
        if (wholeIsUtf8 || isUtf8(data.subarray(start, end))) {
          onLine({
            number: this.lineNumber,
            text: data.toString('utf8', start, end),
            problem: null,
            endOffset: this.offset,
          });
        } else {
          onLine(this.unreadable('is not valid UTF-8'));
        }
      }
      start = newline + 1;
      newline = data.indexOf(NEWLINE, start);
    }
    if (start < data.length) this.keep(data.subarray(start));
  }

  /** Ends the stream: a last line without a line break is still a line. */
  end(onLine: (line: Line) => void): void {
    if (this.pendingBytes > 0 || this.overflowing) this.emitPending(0, onLine);
  }

  private keep(part: Buffer): void {
    if (this.overflowing) {
      this.pendingBytes += part.length;
      return;
    }
    if (this.pendingBytes + part.length > this.maxLineBytes + 1) {
      // Too long to be a record: stop buffering, count its bytes and report it when it ends.
      this.overflowing = true;
      this.pending = [];
      this.pendingBytes += part.length;
      return;
    }
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private emitPending(lineBreakBytes: number, onLine: (line: Line) => void): void {
    this.offset += this.pendingBytes + lineBreakBytes;
    this.lineNumber++;
    if (this.overflowing) {
      onLine(this.unreadable(`is longer than ${this.maxLineBytes} bytes`));
    } else {
      let bytes = Buffer.concat(this.pending, this.pendingBytes);
      if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN)
        bytes = bytes.subarray(0, bytes.length - 1);
      if (bytes.length > this.maxLineBytes)
        onLine(this.unreadable(`is longer than ${this.maxLineBytes} bytes`));
      else if (!isUtf8(bytes)) onLine(this.unreadable('is not valid UTF-8'));
      else
        onLine({
          number: this.lineNumber,
          text: bytes.toString('utf8'),
          problem: null,
          endOffset: this.offset,
        });
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.overflowing = false;
  }

  private unreadable(problem: string): Line {
    return { number: this.lineNumber, text: null, problem, endOffset: this.offset };
  }
}
