import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvFileName, neutraliseFormula } from './csv';

describe('CSV cells (formula injection)', () => {
  it('prefixes a text cell that starts like a formula with a quote', () => {
    for (const text of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '\nx', '=HYPERLINK("http://x","y")'])
      expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('leaves every other text as it is', () => {
    for (const text of ['', 'Payments', '1+1', 'a=b', ' =x', "'=x", '<script>', 'é=', '— n/a'])
      expect(neutraliseFormula(text)).toBe(text);
  });

  it('quotes what holds a comma, a quote, a line break or edge spaces, and writes numbers as numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('\n=x')).toBe(`"'\n=x"`);
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(
      csvDocument([
        ['a', 1],
        ['=b', null],
      ]),
    ).toBe("a,1\r\n'=b,\r\n");
  });

  it('names the file after the table', () => {
    expect(csvFileName('people-table')).toBe('people-table.csv');
    expect(csvFileName('Teams & roles!')).toBe('teams-roles.csv');
    expect(csvFileName('<>')).toBe('table.csv');
  });
});
