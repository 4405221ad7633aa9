/**
 * CSV cells that a spreadsheet cannot run (OWASP "CSV injection"). A text cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return (or their full-width forms, which some spreadsheets read alike)
 * gets one `'` in front, so Excel, LibreOffice and Google Sheets show it as text. A numeric column's cell
 * that is a plain decimal number (`-1.50`, `3e-7`) is left as it is: it cannot be a formula, and a credit
 * must stay a number a spreadsheet sums. Anything else in a numeric column is treated as text.
 */

// why: `'*` so a value that already starts with quotes before a trigger gets one more, and reading undoes exactly one.
const FORMULA_START = /^'*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const ESCAPED = /^'+[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** What a column holds: text from the ledger (names, tags) or numbers spendlens wrote (costs, counts). */
export type CsvCellKind = 'text' | 'number';

/** A cell's value made safe to open in a spreadsheet; `csvCellValue` gives the original back. */
export function csvSafe(value: string, kind: CsvCellKind): string {
  if (kind === 'number' && PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value `csvSafe` was given: the one `'` it added before a formula character is dropped. */
export function csvCellValue(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}

/** A safe cell quoted as RFC 4180 asks: with a comma, quote or line break it is quoted, quotes doubled. */
export function csvCell(value: string, kind: CsvCellKind): string {
  const safe = csvSafe(value, kind);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
