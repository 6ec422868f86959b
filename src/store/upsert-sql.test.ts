import { describe, expect, it } from 'vitest';
import { toCopyText } from './upsert-sql.js';

describe('toCopyText', () => {
  it('writes rows tab-separated, one per line, with \\N for null', () => {
    expect(toCopyText(['a', 1, null, 'b', 2.5, 'x'], 3)).toBe('a\t1\t\\N\nb\t2.5\tx\n');
  });

  it('escapes backslash, tab, newline and carriage return, so no value can shift a column or a row', () => {
    expect(toCopyText(['a\\N', 'tab\there', 'two\nlines', 'cr\r'], 4)).toBe(
      'a\\\\N\ttab\\there\ttwo\\nlines\tcr\\r\n',
    );
  });

  it('writes nothing for no rows', () => {
    expect(toCopyText([], 3)).toBe('');
  });
});
