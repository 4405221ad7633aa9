/**
 * A summed count (tokens, requests) as JSON: a number while it is exact (up to 2^53 − 1), its decimal
 * text beyond, so no client ever reads a rounded sum. Per-record counts are far below (domain/limits.ts).
 */
export type CountJson = number | string;

/** `value` as a JSON count: a number when safe, else a string of digits. */
export function countJson(value: bigint): CountJson {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}
