/**
 * Per-record limits, checked at the boundary before any arithmetic. Sums over many records are exact
 * bigints whatever their size; these keep one record's numbers plausible and cheap to handle.
 */

/** Most tokens (of each kind) or requests one record may carry: a trillion. */
export const MAX_RECORD_COUNT = 1_000_000_000_000;

/** Largest cost one record may carry, either sign: a billion currency units, in micro-units. */
export const MAX_RECORD_COST_MICROS = 1_000_000_000_000_000;

/** Longest number text read anywhere (a decimal amount, a rate, a price, a count). */
export const MAX_NUMBER_TEXT = 64;

/** Largest exponent magnitude accepted in number text (`1e64`, `1e-64`). */
export const MAX_EXPONENT = 64;

/** Input quoted in an error message, cut to a few dozen characters so a huge input never echoes. */
export function clipInput(value: unknown, max = 32): string {
  const text = String(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
