/**
 * Writing CSV that is safe to open in a spreadsheet (RFC 4180 quoting plus formula-injection
 * protection). A text cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line
 * feed could be run as a formula by Excel, LibreOffice or Google Sheets (OWASP "CSV Injection"), so
 * it gets a leading `'`, which spreadsheets show as text and do not evaluate. Numbers, booleans and
 * null are written as they are (a negative number is not text and stays `-5`). Pure; every CSV
 * export of Flowlens writes its cells through `csvCell`.
 */

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

/** A text made inert for spreadsheets: prefixed with `'` when it starts like a formula. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0] as string) ? `'${text}` : text;
}

/**
 * One CSV cell: null and undefined are empty, numbers and booleans as they are, text neutralised
 * (`neutraliseFormula`) and quoted when it holds a comma, a double quote, a CR or an LF (quotes
 * doubled), or begins or ends with a space.
 */
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
