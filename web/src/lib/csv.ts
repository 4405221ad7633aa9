import { csvCell } from '../../../src/domain/csv.ts';

/**
 * A CSV cell, quoted as RFC 4180 asks and safe to open in a spreadsheet. The rows carry no column types,
 * so a cell that is a plain decimal number (an exact amount such as `-1.50`) stays a number and any other
 * cell is text: one starting with `=`, `+`, `-` or `@` gets a `'` in front (src/domain/csv.ts).
 */
function cell(value: string | number | null): string {
  return value === null ? '' : csvCell(String(value), 'number');
}

/** A CSV document: a header line, then one line per row. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Hands a text to the browser as a file download. */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
