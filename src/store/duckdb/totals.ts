import type { UsageRecord } from '../../domain/record.ts';

/** A bound below 2^63 with room for the rounding of a floating-point total. */
const SAFE_TOTAL = 2 ** 62;

/** Totals of the absolute values a write's hourly sums are made of (see `sumsFit64`). */
export interface Totals {
  cost: number;
  tokens: number;
  requests: number;
  records: number;
}

export const emptyTotals = (): Totals => ({ cost: 0, tokens: 0, requests: 0, records: 0 });

export function addTotals(t: Totals, records: UsageRecord[]): Totals {
  for (const r of records) {
    t.cost += Math.abs(r.costMicros ?? 0);
    t.tokens += Math.max(
      r.inputTokens,
      r.outputTokens,
      r.cacheReadTokens,
      r.cacheWriteTokens,
      r.reasoningTokens,
    );
    t.requests += r.requests;
  }
  t.records += records.length;
  return t;
}

export const totalsFit64 = (t: Totals) =>
  t.cost < SAFE_TOTAL && t.tokens < SAFE_TOTAL && t.requests < SAFE_TOTAL && t.records < SAFE_TOTAL;

/**
 * True when no hourly sum of `records` can pass 2^63 whatever their grouping (the totals of the absolute
 * values stay below 2^62), so DuckDB may sum them straight into 64-bit rollup columns in one statement.
 */
export function sumsFit64(records: UsageRecord[]): boolean {
  return totalsFit64(addTotals(emptyTotals(), records));
}
