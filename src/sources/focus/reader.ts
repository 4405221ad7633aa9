import type { FocusRow } from './columns.ts';
import { type FocusResult, focusRowToInput } from './normalize.ts';

/**
 * Reads the rows of one FOCUS file. Rows identical in every column keep distinct ids (`id`, `id#2`, … in
 * file order): a bill that repeats a line charges it twice, yet re-importing the same file adds nothing.
 */
export function focusFileReader(): (row: FocusRow) => FocusResult {
  const seen = new Map<string, number>();
  return (row) => {
    const result = focusRowToInput(row);
    if (result.kind !== 'usage' || result.input.id === undefined) return result;
    const id = result.input.id;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? result : { kind: 'usage', input: { ...result.input, id: `${id}#${n}` } };
  };
}
