// FOCUS (FinOps Open Cost and Usage Specification) 1.0–1.2: CSV rows in, ledger records out as FOCUS CSV.
export { AI_CATEGORY, EXPORT_COLUMNS, type FocusRow } from './columns.ts';
export { focusHeader, focusLine, recordToFocusRow } from './export.ts';
export type { FocusResult } from './normalize.ts';
export { focusFileReader } from './reader.ts';
