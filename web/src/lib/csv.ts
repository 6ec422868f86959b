/**
 * CSV for the data tables' "Download CSV": RFC 4180 quoting plus formula-injection protection — a
 * text cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed gets a
 * leading `'`, so a spreadsheet shows it as text instead of running it (OWASP "CSV Injection").
 * The same rule as the server's exports (src/domain/csv.ts; the web app imports nothing from the
 * server, and test/hostile/csv.test.ts checks that the two agree).
 */

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

/** A text made inert for spreadsheets: prefixed with `'` when it starts like a formula. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0] as string) ? `'${text}` : text;
}

/** One cell: null and undefined empty, numbers as they are, text neutralised and quoted when needed. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (without its line break). */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

/** A whole document: CRLF line breaks (RFC 4180), ending with one. */
export function csvDocument(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return rows.map((row) => `${csvRow(row)}\r\n`).join('');
}

/** A file name from a table's name: lower case letters, digits and dashes, `.csv`. */
export function csvFileName(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base === '' ? 'table' : base}.csv`;
}
