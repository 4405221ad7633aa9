import type { SpendAmounts, SpendQuery, SpendRow } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { createConverter, missingRateWarning } from './currency.ts';

export type { SpendAmounts };

/** A spend row in the reporting currency. */
export interface SpendLine extends SpendAmounts {
  bucket: Date | null;
  dims: Record<string, string | null>;
}

export interface SpendResult {
  currency: string;
  rows: SpendLine[];
  totals: SpendAmounts;
  warnings: string[];
}

export const ZERO: Readonly<SpendAmounts> = {
  costMicros: 0n,
  unpricedRequests: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  cacheReadTokens: 0n,
  cacheWriteTokens: 0n,
  reasoningTokens: 0n,
  requests: 0n,
};

/** Adds `b` into a copy of `a`. */
export function addAmounts(a: SpendAmounts, b: SpendAmounts): SpendAmounts {
  return {
    costMicros: a.costMicros + b.costMicros,
    unpricedRequests: a.unpricedRequests + b.unpricedRequests,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    requests: a.requests + b.requests,
  };
}

/**
 * Spend grouped and bucketed, converted into the reporting currency and merged across currencies.
 * Rows are sorted by bucket, then by cost descending.
 */
export async function querySpend(ctx: AppContext, query: SpendQuery): Promise<SpendResult> {
  const converter = createConverter(ctx.config);
  const missing = new Set<string>();
  const merged = new Map<string, SpendLine>();
  for (const row of await ctx.usage.spend(query)) {
    const cost = converter.convert(row.costMicros, row.currency);
    if (cost === null) {
      if (row.costMicros !== 0n) missing.add(row.currency);
      continue;
    }
    const key = lineKey(row);
    const prev = merged.get(key) ?? { bucket: row.bucket, dims: row.dims, ...ZERO };
    merged.set(key, { ...prev, ...addAmounts(prev, { ...row, costMicros: cost }) });
  }
  const rows = [...merged.values()].sort(
    (a, b) =>
      (a.bucket?.getTime() ?? 0) - (b.bucket?.getTime() ?? 0) || compareBig(b.costMicros, a.costMicros),
  );
  const totals = rows.reduce<SpendAmounts>((sum, r) => addAmounts(sum, r), { ...ZERO });
  const warnings = [...missing].map((c) => missingRateWarning(c, converter.currency));
  return { currency: converter.currency, rows, totals, warnings };
}

function lineKey(row: SpendRow): string {
  return JSON.stringify([row.bucket?.getTime() ?? null, row.dims]);
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
