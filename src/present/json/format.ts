import type { SpendAmounts, SpendLine } from '../../app/spend.ts';
import { countJson } from '../../domain/count.ts';
import { formatMicros, formatRate } from '../../domain/money.ts';
import type { UsageRecord } from '../../domain/record.ts';

/** A record as the API answers it: `cost` is an exact decimal string, null when unpriced. */
export function recordJson(r: UsageRecord) {
  const { costMicros, org: _org, ...rest } = r;
  return { ...rest, cost: costMicros === null ? null : formatMicros(costMicros) };
}

/** Summed amounts as JSON: exact decimal `cost`, token counts as numbers (as digit strings past 2^53). */
export function amountsJson(a: SpendAmounts) {
  return {
    cost: formatMicros(a.costMicros),
    inputTokens: countJson(a.inputTokens),
    outputTokens: countJson(a.outputTokens),
    cacheReadTokens: countJson(a.cacheReadTokens),
    cacheWriteTokens: countJson(a.cacheWriteTokens),
    reasoningTokens: countJson(a.reasoningTokens),
    requests: countJson(a.requests),
    unpricedRequests: countJson(a.unpricedRequests),
  };
}

/** A spend row: `bucket` (when bucketed), one field per grouped dimension, then the amounts. */
export function spendLineJson(line: SpendLine) {
  return {
    ...(line.bucket ? { bucket: line.bucket.toISOString() } : {}),
    ...line.dims,
    ...amountsJson(line),
  };
}

/** Cost per token as an exact decimal string (12 places), null without tokens: `formatRate`. */
export const perTokenJson = formatRate;
