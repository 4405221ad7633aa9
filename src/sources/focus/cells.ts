import { csvCellValue } from '../../domain/csv.ts';
import type { FocusRow } from './columns.ts';

// why: exports loaded from a database (the FinOps Foundation's FOCUS 1.0 sample among them) write a null cell as NULL.
const NULL_CELL = /^null$/i;

/**
 * A row with keys and values trimmed, null cells (empty or `NULL`) left out, and the `'` that a formula-safe
 * export (ours, or any that follows OWASP) puts before `=`, `+`, `-` or `@` taken off again.
 */
export function presentCells(raw: FocusRow): FocusRow {
  const out: FocusRow = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    const v = csvCellValue(String(value).trim());
    if (v !== '' && !NULL_CELL.test(v)) out[key.trim()] = v;
  }
  return out;
}

const ZONELESS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?$/i;

/**
 * A FOCUS date-time as a zoned ISO 8601 instant. FOCUS defines every date-time as UTC, and real exports
 * write it without a zone (`2024-09-19 00:00:00`), so a zoneless value is read as UTC; `Z` and offset forms
 * pass through. Anything else is returned as is, for the ingest schema to reject with its own message.
 */
export function utcInstant(text: string): string {
  const m = ZONELESS.exec(text);
  if (!m) return text;
  return `${m[1]}T${m[2] ?? '00:00:00'}Z`;
}
