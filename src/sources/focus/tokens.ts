import type { UsageInput } from '../../normalize/usage.ts';
import type { FocusRow } from './columns.ts';

type Tokens = Pick<
  UsageInput,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens' | 'requests'
>;

/** Token counts, and tags for what a count cannot hold (a reversed quantity); or an error message. */
type TokensResult = { tokens: Tokens; tags: Record<string, string> } | string;

const X_TOKENS: [string, keyof Tokens][] = [
  ['x_InputTokens', 'inputTokens'],
  ['x_OutputTokens', 'outputTokens'],
  ['x_CacheReadTokens', 'cacheReadTokens'],
  ['x_CacheWriteTokens', 'cacheWriteTokens'],
  ['x_ReasoningTokens', 'reasoningTokens'],
  ['x_Requests', 'requests'],
];

const TOKEN_UNIT = /^(?:(\d+(?:\.\d+)?)\s*([kKmM]?)\s+)?tokens?$/i;

/**
 * Token counts of a row: spendlens's `x_` columns when present, else `ConsumedQuantity` in a token unit,
 * put in one field by meter. A negative quantity (a correction reversing usage) counts no tokens, since a
 * count is never negative; the quantity is kept in a `consumedQuantity` tag so it is not lost.
 */
export function tokensOf(row: FocusRow): TokensResult {
  const out: Tokens = {};
  if (X_TOKENS.some(([column]) => row[column] !== undefined)) {
    for (const [column, field] of X_TOKENS) {
      const value = row[column];
      if (value === undefined) continue;
      if (!/^\d+$/.test(value)) return `${column} "${value}" is not a whole number`;
      out[field] = Number(value);
    }
    return { tokens: out, tags: {} };
  }
  out.requests = 0;
  const quantity = row.ConsumedQuantity;
  const match = TOKEN_UNIT.exec((row.ConsumedUnit ?? '').trim());
  if (!quantity || !match) return { tokens: out, tags: {} };
  const n = Number(quantity);
  if (!Number.isFinite(n)) return `ConsumedQuantity "${quantity}" is not a number`;
  if (n < 0)
    return { tokens: out, tags: { consumedQuantity: quantity, consumedUnit: row.ConsumedUnit ?? '' } };
  const scale = Number(match[1] ?? 1) * ({ k: 1e3, m: 1e6 }[match[2]?.toLowerCase() ?? ''] ?? 1);
  const tokens = Math.round(n * scale);
  const meter = `${row.x_TokenType ?? ''} ${row.SkuMeter ?? ''} ${row.ChargeDescription ?? ''}`.toLowerCase();
  if (/cache[_ ]?read|cached input/.test(meter)) out.cacheReadTokens = tokens;
  else if (/cache[_ ]?(write|creation)/.test(meter)) out.cacheWriteTokens = tokens;
  else if (/output/.test(meter)) out.outputTokens = tokens;
  else out.inputTokens = tokens;
  return { tokens: out, tags: {} };
}
