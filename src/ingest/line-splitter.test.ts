import { describe, expect, it } from 'vitest';
import { type Line, LineSplitter } from './line-splitter.js';

function split(chunks: (string | Buffer)[], maxLineBytes = 100): Line[] {
  const lines: Line[] = [];
  const splitter = new LineSplitter({ maxLineBytes });
  for (const chunk of chunks)
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, (l) => lines.push(l));
  splitter.end((l) => lines.push(l));
  return lines;
}

describe('LineSplitter', () => {
  it('splits lines across chunk boundaries and reports exact byte offsets', () => {
    const lines = split(['ab', 'c\nde', 'f\r\n', 'gh']);
    expect(lines.map((l) => [l.number, l.text, l.endOffset])).toEqual([
      [1, 'abc', 4],
      [2, 'def', 9],
      [3, 'gh', 11],
    ]);
  });

  it('counts multi-byte characters in bytes, including a character split between chunks', () => {
    const bytes = Buffer.from('é\nü\n');
    const lines = split([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)]);
    expect(lines.map((l) => [l.text, l.endOffset])).toEqual([
      ['é', 3],
      ['ü', 6],
    ]);
  });

  it('skips a byte order mark at the start of the file', () => {
    const lines = split([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x\n')])]);
    expect(lines).toEqual([{ number: 1, text: 'x', problem: null, endOffset: 5 }]);
  });

  it('reports invalid UTF-8 on its own line and keeps the lines around it', () => {
    const lines = split([
      Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\nfine\n')]),
    ]);
    expect(lines.map((l) => [l.number, l.text, l.problem])).toEqual([
      [1, 'ok', null],
      [2, null, 'is not valid UTF-8'],
      [3, 'fine', null],
    ]);
  });

  it('reports an over-long line without buffering it, then goes on', () => {
    const long = 'x'.repeat(50);
    const lines = split(['a\n', long, long, long, '\nb\n'], 100);
    expect(lines.map((l) => [l.number, l.text, l.problem, l.endOffset])).toEqual([
      [1, 'a', null, 2],
      [2, null, 'is longer than 100 bytes', 153],
      [3, 'b', null, 155],
    ]);
  });

  it('continues numbering from a resume point', () => {
    const lines: Line[] = [];
    const splitter = new LineSplitter({ maxLineBytes: 10, startOffset: 100, startLine: 7 });
    splitter.push(Buffer.from('x\ny\n'), (l) => lines.push(l));
    expect(lines.map((l) => [l.number, l.endOffset])).toEqual([
      [8, 102],
      [9, 104],
    ]);
  });
});
