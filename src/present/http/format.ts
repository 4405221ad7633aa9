import type { SpendAmounts, SpendLine } from '../../app/spend.ts';
import { formatMicros } from '../../domain/money.ts';
import type { UsageRecord } from '../../domain/record.ts';

/** A record as the API answers it: `cost` is an exact decimal string, null when unpriced. */
export function recordJson(r: UsageRecord) {
  const { costMicros, org: _org, ...rest } = r;
  return { ...rest, cost: costMicros === null ? null : formatMicros(costMicros) };
}

/** Summed amounts as JSON: exact decimal `cost`, integer token counts. */
export function amountsJson(a: SpendAmounts) {
  return {
    cost: formatMicros(a.costMicros),
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    cacheReadTokens: a.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens,
    requests: a.requests,
    unpricedRequests: a.unpricedRequests,
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
