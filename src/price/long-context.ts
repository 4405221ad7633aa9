import type { UsageRecord } from '../domain/record.ts';
import type { PriceEntry } from './entry.ts';

type PromptUsage = Pick<UsageRecord, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'tags'> &
  Partial<Pick<UsageRecord, 'requests'>>;

/**
 * Whether a usage is billed at the entry's long-context rates. The tier is decided per request by its
 * prompt (input + cache read + cache write) above the threshold, so:
 * - a provider bucket that says which side it is on (`tags.contextWindow`, from the Anthropic usage
 *   report grouped by `context_window`: `0-200k`, `200k-1M`) is taken at its word;
 * - one call (`requests` 1, or unset) compares its own prompt;
 * - a bucket of n calls compares its average prompt, never its total: 30 calls of 10k each are 30
 *   ordinary calls, not one long one;
 * - a bucket that counts no calls cannot tell, and gets the base rates.
 */
export function isLongContext(entry: PriceEntry, usage: PromptUsage): boolean {
  const tier = entry.longContext;
  if (!tier) return false;
  const window = usage.tags.contextWindow?.toLowerCase();
  if (window) return !window.startsWith('0-');
  const requests = usage.requests ?? 1;
  if (requests <= 0) return false;
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return prompt > tier.thresholdTokens * requests;
}
