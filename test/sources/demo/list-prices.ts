import type { UsageRecord } from '../../../src/domain/record.ts';

/** USD per million tokens, [input, output]: list prices the demo was tuned against, not the price catalog. */
const LIST_PRICES: Record<string, readonly [number, number]> = {
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-4.1': [2, 8],
  'gpt-4o-mini': [0.15, 0.6],
  'text-embedding-3-small': [0.02, 0],
  'claude-sonnet-4-5': [3, 15],
  'claude-opus-4-1': [15, 75],
  'claude-haiku-4-5': [1, 5],
  'gemini-2.5-pro': [1.25, 10],
  'gemini-2.5-flash': [0.3, 2.5],
};

/** A float estimate for shaping tests (cache reads at a tenth, writes at 1.25×); never a bill. */
export function roughCostUsd(record: UsageRecord): number {
  const prices = LIST_PRICES[record.model];
  if (!prices) throw new Error(`no list price for ${record.model}`);
  const [input, output] = prices;
  const tokens =
    input * (record.inputTokens + 0.1 * record.cacheReadTokens + 1.25 * record.cacheWriteTokens) +
    output * record.outputTokens;
  return tokens / 1_000_000;
}
