import type { SpendAmounts, SpendLine } from '../../app/spend.ts';
import { countJson } from '../../domain/count.ts';
import { formatMicros } from '../../domain/money.ts';
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

/** Fractional digits of a per-token rate: a millionth of a micro-unit, so $0.15 per 1M tokens still reads exactly. */
const RATE_DIGITS = 12;

/**
 * Cost per token as a decimal string (12 places, rounded half up), null without tokens. why: a rate is
 * a quotient, so it is exact to its fixed places rather than a float such as 0.000015000000000000001.
 */
export function perTokenJson(costMicros: bigint, tokens: bigint): string | null {
  if (tokens <= 0n) return null;
  const scale = 10n ** BigInt(RATE_DIGITS - 6);
  const negative = costMicros < 0n;
  const abs = negative ? -costMicros : costMicros;
  const units = (abs * scale * 2n + tokens) / (tokens * 2n);
  const text = units.toString().padStart(RATE_DIGITS + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -RATE_DIGITS)}.${text.slice(-RATE_DIGITS)}`;
}
